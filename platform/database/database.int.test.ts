// The database as the services see it: least-privilege roles, and row-level security driven by
// the caller that runAsCaller sets for one transaction.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { testStack } from '../../test/support/stack.ts';
import type { Caller } from '../caller.ts';
import { conflict } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { openDatabase, refuse, runAsCaller, type MikroORM } from './orm.ts';
import { provisionDatabase } from './provision.ts';
import { OWNER_DATABASE_ROLE, SERVICE_DATABASE_ROLES } from './roles.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const stack = testStack();
const orgA = randomUUID();
const orgB = randomUUID();
const caller = (organizationId: string | null): Caller => ({
  userId: randomUUID(), organizationId, role: 'CREDENTIALING_STAFF', sessionId: null, requestId: 'test-request', sourceIp: null,
});

let superuser: pg.Client;
let credentialsOrm: MikroORM;

beforeAll(async () => {
  superuser = new pg.Client({ connectionString: stack.superuserUrl });
  await superuser.connect();
  // A probe table shaped like every organization-scoped table of Credence.
  await superuser.query(`
    create table credentials.rls_probe (id serial primary key, organization_id uuid not null, note text not null);
    alter table credentials.rls_probe enable row level security;
    alter table credentials.rls_probe force row level security;
    create policy same_organization on credentials.rls_probe
      using (organization_id = app.current_organization_id())
      with check (organization_id = app.current_organization_id());
    grant select, insert on credentials.rls_probe to ${SERVICE_DATABASE_ROLES.credentials};
    grant usage on sequence credentials.rls_probe_id_seq to ${SERVICE_DATABASE_ROLES.credentials};
    insert into credentials.rls_probe (organization_id, note) values ('${orgA}', 'a1'), ('${orgA}', 'a2'), ('${orgB}', 'b1');
  `);
  credentialsOrm = await openDatabase({ url: stack.serviceEnv.credentials.DATABASE_URL!, logger });
});

afterAll(async () => {
  await credentialsOrm.close();
  await superuser.query('drop table if exists credentials.rls_probe');
  await superuser.end();
});

describe('service roles', () => {
  it('are neither superusers nor able to bypass row-level security', async () => {
    const { rows } = await superuser.query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      'select rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = any($1)',
      [Object.values(SERVICE_DATABASE_ROLES)],
    );
    expect(rows).toHaveLength(4);
    for (const role of rows) expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
  });

  it('reach only their own schema', async () => {
    const em = credentialsOrm.em.fork();
    await expect(em.execute('create table identity.intruder (id int)')).rejects.toThrow(/permission denied/);
    await expect(em.execute('select * from app.migrations')).rejects.toThrow(/permission denied/);
    await expect(em.execute('create schema intruder')).rejects.toThrow(/permission denied/);
    await expect(em.execute('create table public.intruder (id int)')).rejects.toThrow(/permission denied/);
  });
});

describe('runAsCaller', () => {
  it('shows a caller only the rows of its own organization', async () => {
    const notes = await runAsCaller(credentialsOrm, caller(orgA), (em) => em.execute<{ note: string }[]>('select note from credentials.rls_probe order by note'));
    expect(notes.map((row) => row.note)).toEqual(['a1', 'a2']);
  });

  it('shows nothing to a caller without an organization, and nothing outside a caller transaction', async () => {
    expect(await runAsCaller(credentialsOrm, caller(null), (em) => em.execute('select * from credentials.rls_probe'))).toEqual([]);
    expect(await credentialsOrm.em.fork().execute('select * from credentials.rls_probe')).toEqual([]);
  });

  it('refuses a write into another organization', async () => {
    await expect(
      runAsCaller(credentialsOrm, caller(orgA), (em) => em.execute(`insert into credentials.rls_probe (organization_id, note) values ('${orgB}', 'planted')`)),
    ).rejects.toThrow(/row-level security/);
    const { rows } = await superuser.query(`select 1 from credentials.rls_probe where note = 'planted'`);
    expect(rows).toHaveLength(0);
  });

  it('keeps the caller to its own transaction, never to the pooled connection', async () => {
    const inside = await runAsCaller(credentialsOrm, caller(orgB), (em) =>
      em.execute<{ org: string; role: string }[]>('select app.current_organization_id() as org, app.current_role_name() as role'),
    );
    expect(inside[0]).toEqual({ org: orgB, role: 'CREDENTIALING_STAFF' });
    for (let i = 0; i < 5; i += 1) {
      const after = await credentialsOrm.em.fork().execute<{ org: string | null }[]>('select app.current_organization_id() as org');
      expect(after[0]!.org).toBeNull();
    }
  });

  it('rolls back everything when the work fails', async () => {
    await expect(
      runAsCaller(credentialsOrm, caller(orgA), async (em) => {
        await em.execute(`insert into credentials.rls_probe (organization_id, note) values ('${orgA}', 'half-written')`);
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    const { rows } = await superuser.query(`select 1 from credentials.rls_probe where note = 'half-written'`);
    expect(rows).toHaveLength(0);
  });

  it('commits what the work wrote before it refused, then throws the refusal', async () => {
    const refused = runAsCaller(credentialsOrm, caller(orgA), async (em) => {
      await em.execute(`insert into credentials.rls_probe (organization_id, note) values ('${orgA}', 'kept-by-refusal')`);
      return refuse(conflict('refused after writing'));
    });
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT', message: 'refused after writing' });
    const { rows } = await superuser.query(`select 1 from credentials.rls_probe where note = 'kept-by-refusal'`);
    expect(rows).toHaveLength(1);
  });
});

describe('provisionDatabase', () => {
  it('is idempotent: a second run applies nothing and changes no role', async () => {
    const result = await provisionDatabase({ ownerUrl: stack.superuserUrl, servicePasswords: {}, logger });
    expect(result.applied).toEqual([]);
    const em = credentialsOrm.em.fork();
    expect(await em.execute('select 1 as ok')).toEqual([{ ok: 1 }]);
  });

  it('makes the owner login an inheriting member of the owner group role, which every owner policy names', async () => {
    const membership = await superuser.query<{ inherit: boolean; canLogin: boolean }>(
      `select m.inherit_option as inherit, r.rolcanlogin as "canLogin" from pg_auth_members m join pg_roles r on r.oid = m.roleid
        where r.rolname = $1 and m.member = (select oid from pg_roles where rolname = current_user)`,
      [OWNER_DATABASE_ROLE],
    );
    expect(membership.rows).toEqual([{ inherit: true, canLogin: false }]);
    const { rows } = await superuser.query<{ roles: string }>(`select distinct roles::text from pg_policies where policyname = 'owner_maintains'`);
    expect(rows).toEqual([{ roles: `{${OWNER_DATABASE_ROLE}}` }]);
  });
});

// What every identity operation works with, built once per process: the database, the token
// signing keys, the password policy, the sign-in lockout counters and the encryption of TOTP secrets.
import type { Caller, Role } from '../../platform/caller.ts';
import type { IdentityConfig } from '../../platform/config.ts';
import type { EntityManager, MikroORM } from '../../platform/database/orm.ts';
import { organizationTerminated, unauthenticated } from '../../platform/errors.ts';
import type { FieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import type { Logger } from '../../platform/logger.ts';
import type { LoginLimits } from './login-limits.ts';
import type { OffboardingWorkflows } from './offboarding.ts';
import type { RefreshLimits } from './refresh-limits.ts';
import type { ResetLimits } from './password-reset.ts';
import type { createPasswordPolicy } from './passwords.ts';
import type { SigningKey } from './signing-keys.ts';

export interface IdentityService {
  config: Readonly<IdentityConfig>;
  orm: MikroORM;
  logger: Logger;
  /** Newest first: the first signs. */
  signingKeys: SigningKey[];
  passwordPolicy: ReturnType<typeof createPasswordPolicy>;
  loginLimits: LoginLimits;
  /** Refreshes per session (refresh-limits.ts). */
  refreshLimits: RefreshLimits;
  /** TOTP secrets are stored encrypted under the platform organization's data key (totp-secrets.ts). */
  encryption: FieldEncryption;
  /** Password reset requests per source IP and per address. */
  resetLimits: ResetLimits;
  /** Where terminations start their offboarding workflow; absent, they wait for a subgraph that has it. */
  offboardingWorkflows?: OffboardingWorkflows;
}

/** DESIGN.md: these roles must have MFA. Until they enroll, sign-in yields a token that can only enroll. */
export const MFA_REQUIRED_ROLES: readonly Role[] = ['PLATFORM_ADMIN', 'ORG_OWNER', 'ORG_ADMIN'];

/**
 * An organization (`o`) a member (`m`) may be signed in to: an active one, or a terminated one
 * for its owners, who may still read (and export) until the organization's data is deleted.
 */
export const USABLE_ORGANIZATION = `(o.status = 'ACTIVE' or (o.status = 'TERMINATED' and m.role = 'ORG_OWNER'))`;

/**
 * The caller's session must still be live and its membership active with the same role: checked
 * before any identity data is returned, so a revoked session or a deactivated member is refused
 * here even within the seconds before the gateway hears of it.
 */
export async function assertLiveSession(em: EntityManager, caller: Caller, access: 'read' | 'write' = 'read'): Promise<void> {
  // A support session has no membership in the organization it reads: its grant must be live instead.
  // Raw SQL: four tables and a conditional condition in one statement, on every request.
  const rows = await em.execute<{ terminated: boolean }[]>(
    `select o.status = 'TERMINATED' as terminated from identity.sessions s
       join identity.organizations o on o.id = s.organization_id
       left join identity.memberships m on m.organization_id = s.organization_id and m.user_id = s.user_id
       left join identity.support_access_grants g on g.id = s.support_grant_id
     where s.id = ? and s.user_id = ? and s.organization_id = ? and s.revoked_at is null and s.expires_at > now() and s.role = ?
       and case when s.support_grant_id is null then m.status = 'ACTIVE' and m.role = s.role and ${USABLE_ORGANIZATION}
                else s.role = 'PLATFORM_ADMIN' and g.ended_at is null and g.ends_at > now() end`,
    [caller.sessionId, caller.userId, caller.organizationId, caller.role],
  );
  if (rows.length === 0) throw unauthenticated('Your session has ended; sign in again');
  // Behind the gateway's refusal of writes (by the token), the organization's own status.
  if (access === 'write' && rows[0]!.terminated) throw organizationTerminated();
}

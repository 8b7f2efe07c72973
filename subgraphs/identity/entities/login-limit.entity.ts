// identity.login_limits: the counters of identity's budgets, in rate-limiter-flexible's table
// layout (subgraphs/identity/limit-store.ts); keys are hashes, never emails. No row-level
// security: only identity reaches it, and a row names no one.
import { defineEntity, p } from '@mikro-orm/core';
import { R, type TableGrants } from '../../../platform/database/row-level-security.ts';

export const LoginLimitSchema = defineEntity({
  name: 'LoginLimit',
  schema: 'identity',
  tableName: 'login_limits',
  properties: {
    key: p.string().length(255).primary(),
    points: p.integer().default(0),
    /** Milliseconds since the epoch when the counter resets. */
    expire: p.bigint('number').nullable(),
  },
});

export class LoginLimit extends LoginLimitSchema.class {}
LoginLimitSchema.setClass(LoginLimit);

export const loginLimitGrants: TableGrants = { table: 'identity.login_limits', roles: { [R.identity]: ['select', 'insert', 'update', 'delete'] } };

// The identity subgraph, assembled: its service (keys, password policy, lockout counters, the
// encryption of TOTP secrets), its resolvers, the JWKS it publishes, the revocation list the
// gateway polls, and the sweep that erases rotated refresh tokens' successors once their retry
// window has passed.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { systemCaller } from '../../domain/system-caller.ts';
import { REVOKED_SESSIONS_ROUTE } from '../../platform/access-tokens.ts';
import { EXPORT_FETCHES_ROUTE } from '../../platform/audit.ts';
import type { IdentityConfig } from '../../platform/config.ts';
import { runAsCaller } from '../../platform/database/orm.ts';
import { badUserInput } from '../../platform/errors.ts';
import { createFieldEncryption } from '../../platform/field-encryption/data-keys.ts';
import { keyProviderFromConfig } from '../../platform/field-encryption/key-provider.ts';
import type { SubgraphDefinition, SubgraphDeps } from '../../platform/subgraph-server.ts';
import { subgraphSdl } from '../../schema/compose.ts';
import { createLoginLimits, DEFAULT_LOGIN_LIMITS } from './login-limits.ts';
import { createRefreshLimits, DEFAULT_REFRESH_LIMITS } from './refresh-limits.ts';
import { createResetLimits, DEFAULT_RESET_LIMITS } from './password-reset.ts';
import { createPasswordPolicy } from './passwords.ts';
import { startMissedOffboardings } from './offboarding.ts';
import { recordExportFetch, startMissedOrganizationExports } from './organization-export.ts';
import { identityResolvers } from './resolvers.ts';
import type { IdentityService } from './service.ts';
import { eraseRefreshSuccessors, revokedSince } from './sessions.ts';
import { loadSigningKeys, publicJwks } from './signing-keys.ts';

/** How often the successors kept for a refresh retry are erased once their window has passed (sessions.ts). */
export const REFRESH_SUCCESSOR_SWEEP_MS = 10_000;

/** How far back the gateway may ask for revocations: longer than any access token lives. */
const REVOCATION_HORIZON_MS = 60 * 60 * 1000;

export async function createIdentitySubgraph(
  deps: SubgraphDeps,
  options: { loginLimits?: typeof DEFAULT_LOGIN_LIMITS; resetLimits?: typeof DEFAULT_RESET_LIMITS; refreshLimits?: typeof DEFAULT_REFRESH_LIMITS; typeDefs?: string } = {},
): Promise<SubgraphDefinition & { service: IdentityService }> {
  const config = deps.config as IdentityConfig;
  if (!Array.isArray(config.tokenSigningKeys)) throw new Error('The identity subgraph needs the identity configuration (loadConfig("identity"))');
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 4 });
  // An idle connection dropped by the server must not take the process down; the next query reconnects.
  pool.on('error', (error) => deps.logger.warn({ err: error }, 'sign-in lockout counters: idle database connection lost'));
  const signingKeys = await loadSigningKeys(config.tokenSigningKeys);
  const service: IdentityService = {
    config,
    orm: deps.orm,
    logger: deps.logger,
    signingKeys,
    passwordPolicy: createPasswordPolicy({ breachedPasswordsUrl: config.breachedPasswordsUrl }),
    loginLimits: createLoginLimits(pool, options.loginLimits),
    refreshLimits: createRefreshLimits(pool, options.refreshLimits),
    encryption: createFieldEncryption(keyProviderFromConfig(config.keyEncryption)),
    resetLimits: createResetLimits(pool, options.resetLimits),
    // Connected on the first termination, so the subgraph starts (and serves) while Temporal is down.
    offboardingWorkflows: {
      client: new Client({ connection: Connection.lazy({ address: config.temporal.address }), namespace: config.temporal.namespace }),
      taskQueue: config.temporal.taskQueue,
    },
  };
  const sweep = () =>
    void runAsCaller(deps.orm, systemCaller(`refresh-sweep-${randomUUID()}`), eraseRefreshSuccessors).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'could not erase the successors of rotated refresh tokens; the next sweep tries again'));
  const sweeper = setInterval(sweep, REFRESH_SUCCESSOR_SWEEP_MS);
  sweeper.unref();
  // Terminations whose workflow has not recorded its start a sweep interval after they committed.
  const offboardingSweep = setInterval(() =>
    void runAsCaller(deps.orm, systemCaller(`offboarding-sweep-${randomUUID()}`), (em) => startMissedOffboardings(service, em, config.offboarding.startSweepMs)).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'could not start the offboarding workflows of some terminations; the next sweep tries again')), config.offboarding.startSweepMs);
  // Export requests likewise, on the same interval.
  const exportSweep = setInterval(() =>
    void runAsCaller(deps.orm, systemCaller(`organization-export-sweep-${randomUUID()}`), (em) => startMissedOrganizationExports(service, em, config.offboarding.startSweepMs)).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'could not start the workflows of some organization exports; the next sweep tries again')), config.offboarding.startSweepMs);
  exportSweep.unref();
  offboardingSweep.unref();
  const jwks = JSON.stringify(publicJwks(signingKeys));
  return {
    service,
    typeDefs: options.typeDefs ?? subgraphSdl('identity'),
    resolvers: identityResolvers(service),
    publicRoutes: {
      '/.well-known/jwks.json': (_req, res) => {
        res.setHeader('content-type', 'application/jwk-set+json');
        res.setHeader('cache-control', 'public, max-age=300');
        res.send(jwks);
      },
    },
    internalRoutes: {
      [EXPORT_FETCHES_ROUTE]: (body, context) => recordExportFetch(service, context.caller, body),
      [REVOKED_SESSIONS_ROUTE]: async (body, context) => {
        const since = typeof (body as { since?: unknown })?.since === 'string' ? new Date((body as { since: string }).since) : null;
        if (!since || Number.isNaN(since.getTime())) throw badUserInput('since must be an ISO 8601 time');
        const earliest = new Date(Date.now() - REVOCATION_HORIZON_MS);
        return runAsCaller(deps.orm, context.caller, (em) => revokedSince(em, since < earliest ? earliest : since));
      },
    },
    close: async () => {
      clearInterval(sweeper);
      clearInterval(offboardingSweep);
      clearInterval(exportSweep);
      await service.offboardingWorkflows?.client.connection.close();
      await pool.end();
    },
  };
}

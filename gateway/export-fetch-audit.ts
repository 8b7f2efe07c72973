// Each fetch of an organization's data export package (organization-exports/…) is recorded by
// identity, in the organization's audit chain, before the gateway sends a byte of it; identity
// also says whether the export may still be fetched (ready, in its window). Other files are not
// asked about.
import { EXPORT_FETCHES_ROUTE } from '../platform/audit.ts';
import { anonymousCaller } from '../platform/caller.ts';
import type { GatewayConfig } from '../platform/config.ts';
import { callInternalRoute } from '../platform/service-signing.ts';
import type { FetchAudit } from './downloads.ts';

const EXPORT_PACKAGES = 'organization-exports/';

export function exportFetchAudit(config: Readonly<GatewayConfig>): FetchAudit {
  return (key, request) => {
    if (!key.startsWith(EXPORT_PACKAGES)) return null;
    return (async () => {
      const response = await callInternalRoute({
        graphqlUrl: config.subgraphUrls.identity, audience: 'identity', route: EXPORT_FETCHES_ROUTE, signingKey: config.contextSigningKey,
        caller: anonymousCaller(request.requestId, request.sourceIp), payload: { storageKey: key }, signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return ((await response.json()) as { allowed?: unknown }).allowed === true;
    })();
  };
}

// Run by the `verification-dispatch` schedule: screens the physician files that asked for it, then
// hands every pending verification request to its credential's workflow, and every new
// credentialing file to its physician's credentialing cycle, batch after batch, up to a bound per
// run (the next run takes the rest).
import { proxyActivities } from '@temporalio/workflow';
import type { CredentialingActivities } from '../credentialing-cycle/activities.ts';
import type { CredentialVerificationActivities } from './activities.ts';

const { dispatchVerificationRequests, screenRequestedPhysicians } = proxyActivities<CredentialVerificationActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});
const { dispatchCredentialingRequests } = proxyActivities<CredentialingActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 5 },
});

const BATCH = 100;
const MAX_BATCHES_PER_RUN = 20;

/** The schedule runs it for every organization; given one (an operator, a test), it serves that organization's requests only. */
export async function verificationDispatchWorkflow(input: { organizationId?: string | null } = {}): Promise<{ dispatched: number; screened: number; credentialing: number }> {
  const organizationId = input?.organizationId ?? null;
  let screened = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
    const result = await screenRequestedPhysicians({ limit: BATCH, organizationId });
    screened += result.screened;
    if (!result.more) break;
  }
  let dispatched = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
    const result = await dispatchVerificationRequests({ limit: BATCH, organizationId });
    dispatched += result.dispatched;
    if (!result.more) break;
  }
  let credentialing = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch += 1) {
    const result = await dispatchCredentialingRequests({ limit: BATCH, organizationId });
    credentialing += result.dispatched;
    if (!result.more) break;
  }
  return { dispatched, screened, credentialing };
}

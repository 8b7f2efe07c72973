// Sources a person consults: malpractice insurance has no primary source to ask (its declarations
// page is reviewed), and a source left unconfigured is checked by hand. No request is sent.
import { manualCheck, SOURCE_PROBLEMS, type SourceName, type VerificationSource } from './source.ts';

/** Malpractice insurance: the carrier's document is reviewed by credentialing staff. */
export const manualSource: VerificationSource = {
  name: 'MALPRACTICE_CARRIER',
  check: async () => manualCheck('MALPRACTICE_CARRIER', { field: 'document', code: SOURCE_PROBLEMS.documentReviewRequired }),
};

/** A source with no configured address: MANUAL, problem NO_AUTOMATED_SOURCE. */
export function unconfiguredSource(name: SourceName): VerificationSource {
  return { name, check: async () => manualCheck(name) };
}

// The configured set of primary sources: which sources verify each credential type, and which
// screen every physician. Built once by the worker from VerificationSourcesConfig.
import type { VerificationSourcesConfig } from '../../../platform/config.ts';
import { AppError } from '../../../platform/errors.ts';
import { createBoardCertificationSource } from './board-certification.ts';
import { createDeaSource } from './dea.ts';
import { manualSource, unconfiguredSource } from './manual.ts';
import { createNpdbSource, manualNpdbSource, type NpdbSource } from './npdb.ts';
import { createNppesSource } from './nppes.ts';
import type { CredentialType, SourceHttpSettings, VerificationSource } from './source.ts';
import { createLicenseLookupAdapter, createStateBoardRegistry, createStateBoardSource, type StateBoardAdapter } from './state-board.ts';

export type { CheckOptions, CheckProblem, CheckResult, CheckSubject, CredentialType, SourceCheck, SourceEvidence, SourceName, VerificationSource } from './source.ts';
export type { NpdbEnrollment, NpdbSource } from './npdb.ts';
export type { StateBoardAdapter, StateBoardRegistry } from './state-board.ts';

export interface VerificationSources {
  /** The sources that verify one credential, in the order to ask them. */
  sourcesFor(credentialType: CredentialType): VerificationSource[];
  /** The screens of the physician, without a credential: NPPES and NPDB. */
  physicianScreens(): VerificationSource[];
  /** NPDB, with its Continuous Query enrollment. */
  npdb: NpdbSource;
}

export interface VerificationSourceDeps {
  fetch?: typeof fetch;
  now?: () => Date;
  /** Adapters for further jurisdictions' boards, beside the configured lookup service. */
  stateBoardAdapters?: StateBoardAdapter[];
}

export function createVerificationSources(config: VerificationSourcesConfig, deps: VerificationSourceDeps = {}): VerificationSources {
  const settings: SourceHttpSettings = {
    timeoutMs: config.sourceTimeoutMs,
    attempts: config.sourceAttempts,
    retryBaseMs: config.sourceRetryBaseMs,
    fetch: deps.fetch ?? globalThis.fetch,
    now: deps.now ?? (() => new Date()),
  };
  const adapters = [...(deps.stateBoardAdapters ?? [])];
  if (config.stateBoardUrl !== null) {
    adapters.push(createLicenseLookupAdapter({ baseUrl: config.stateBoardUrl, apiKey: config.stateBoardApiKey, states: config.stateBoardStates, settings }));
  }
  const nppes = createNppesSource(config.nppesUrl, settings);
  const stateBoard = createStateBoardSource(createStateBoardRegistry(adapters));
  const dea = config.deaUrl !== null ? createDeaSource(config.deaUrl, settings) : unconfiguredSource('DEA');
  const boardCertification = config.boardCertificationUrl !== null ? createBoardCertificationSource(config.boardCertificationUrl, settings) : unconfiguredSource('BOARD_CERTIFICATION');
  const npdb = config.npdbUrl !== null ? createNpdbSource(config.npdbUrl, settings) : manualNpdbSource();

  const byType: Record<CredentialType, VerificationSource[]> = {
    STATE_LICENSE: [nppes, stateBoard],
    DEA_REGISTRATION: [dea],
    STATE_CONTROLLED_SUBSTANCE: [stateBoard],
    BOARD_CERTIFICATION: [boardCertification],
    // The certificate of insurance is checked by a person; the malpractice history comes from the NPDB.
    MALPRACTICE_INSURANCE: [manualSource, npdb],
  };
  return {
    sourcesFor(credentialType) {
      const sources = Object.hasOwn(byType, credentialType) ? byType[credentialType] : undefined;
      if (!sources) throw new AppError('INTERNAL_SERVER_ERROR', 'No verification sources are defined for this credential type');
      return [...sources];
    },
    physicianScreens: () => [nppes, npdb],
    npdb,
  };
}

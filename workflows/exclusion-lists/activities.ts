// The exclusion list activities: import a list file, screen a batch of physicians. Both run as the
// worker's database role; a file that is not the list's (its header, a row) fails at once, without
// retries, with its stable code as the failure type.
import { ApplicationFailure, asyncLocalStorage } from '@temporalio/activity';
import type { ExclusionImportKind } from '../../domain/exclusion-matching.ts';
import { AppError, badUserInput } from '../../platform/errors.ts';
import type { ActivityDeps } from '../activities.ts';
import { importExclusionList, kindFromFileName, type ImportResult } from './import.ts';
import { screenPhysicianBatch, type ScreeningBatchResult, type ScreenPhysiciansInput } from './screening.ts';
import type { ExclusionListSource } from './shared.ts';

/** Reports progress to Temporal when running as an activity (a heartbeat), and nowhere otherwise. */
function heartbeat(details: unknown): void {
  asyncLocalStorage.getStore()?.heartbeat(details);
}

/** A refusal that retrying cannot change becomes a non-retryable failure typed by its code. */
function asActivityFailure(error: unknown): unknown {
  if (error instanceof AppError && error.code === 'BAD_USER_INPUT') {
    const code = error.details?.reason ?? error.code;
    return ApplicationFailure.create({ type: code, message: error.message, nonRetryable: true, details: error.details ? [error.details] : [] });
  }
  return error;
}

/** The kind of a source: as given, else from the LEIE file name, else a full list (SAM publishes only full extracts). */
export function kindOf(source: ExclusionListSource): ExclusionImportKind {
  if (source.kind) return source.kind;
  const fromName = kindFromFileName(source.location);
  if (fromName) return fromName;
  if (source.list === 'SAM') return 'FULL';
  throw badUserInput(`Cannot tell the kind of ${source.location} from its name: give kind FULL, EXCLUSIONS or REINSTATEMENTS`, { reason: 'EXCLUSION_KIND_UNKNOWN' });
}

export function createExclusionListActivities(deps: Pick<ActivityDeps, 'orm' | 'encryption' | 'logger'>) {
  return {
    async importExclusionList(source: ExclusionListSource): Promise<ImportResult> {
      try {
        return await importExclusionList(deps.orm, { list: source.list, kind: kindOf(source), location: source.location }, {
          onProgress: (progress) => heartbeat(progress),
          ...(deps.logger ? { logger: deps.logger } : {}),
        });
      } catch (error) {
        throw asActivityFailure(error);
      }
    },

    async screenPhysicians(input: ScreenPhysiciansInput): Promise<ScreeningBatchResult> {
      heartbeat({ afterId: input.afterId ?? null });
      try {
        return await screenPhysicianBatch(deps, input);
      } catch (error) {
        throw asActivityFailure(error);
      }
    },
  };
}

export type ExclusionListActivities = ReturnType<typeof createExclusionListActivities>;

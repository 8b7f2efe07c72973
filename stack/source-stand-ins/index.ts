// Local stand-ins for every primary source of credential verification, on 127.0.0.1, answering in
// each source's format from the fictional physicians of ./fixtures. Tests start them to check the
// real clients over HTTP; the development stack points the worker's *_URL settings at them.
import type { VerificationSourcesConfig } from '../../platform/config.ts';
import { US_JURISDICTIONS } from '../../platform/us-jurisdictions.ts';
import { startBoardCertificationStandIn, type BoardCertificationStandIn } from './board-certification-stand-in.ts';
import { startDeaStandIn, type DeaStandIn } from './dea-stand-in.ts';
import { startNpdbStandIn, type NpdbStandIn } from './npdb-stand-in.ts';
import { startNppesStandIn, type NppesStandIn } from './nppes-stand-in.ts';
import { startStateBoardStandIn, type StateBoardStandIn } from './state-board-stand-in.ts';

export type { StandInControls, StandInReply, StandInRequest } from './stand-in-server.ts';
export type { NppesRecord, NppesStandIn } from './nppes-stand-in.ts';
export type { LicenseRecord, StateBoardStandIn } from './state-board-stand-in.ts';
export type { DeaRecord, DeaStandIn } from './dea-stand-in.ts';
export type { CertifiedPhysicianRecord, BoardCertificationStandIn } from './board-certification-stand-in.ts';
export type { NpdbPractitionerRecord, NpdbReport, NpdbStandIn } from './npdb-stand-in.ts';

export type StandInName = 'nppes' | 'stateBoard' | 'dea' | 'boardCertification' | 'npdb';

export interface SourceStandIns {
  /** Base URLs, as NPPES_URL, STATE_LICENSE_LOOKUP_URL, DEA_LOOKUP_URL, BOARD_CERTIFICATION_URL and NPDB_URL take them. */
  urls: Record<StandInName, string>;
  standIns: { nppes: NppesStandIn; stateBoard: StateBoardStandIn; dea: DeaStandIn; boardCertification: BoardCertificationStandIn; npdb: NpdbStandIn };
  close(): Promise<void>;
}

export interface SourceStandInOptions {
  /** Ports to listen on (0, the default: any free port). */
  ports?: Partial<Record<StandInName, number>>;
  /** A bearer key the license lookup stand-in requires (STATE_LICENSE_LOOKUP_API_KEY). */
  stateBoardApiKey?: string;
}

export async function startSourceStandIns(options: SourceStandInOptions = {}): Promise<SourceStandIns> {
  const ports = options.ports ?? {};
  const started: { close(): Promise<void> }[] = [];
  const track = async <T extends { close(): Promise<void> }>(start: Promise<T>): Promise<T> => {
    const standIn = await start;
    started.push(standIn);
    return standIn;
  };
  try {
    const standIns = {
      nppes: await track(startNppesStandIn({ port: ports.nppes })),
      stateBoard: await track(startStateBoardStandIn({ port: ports.stateBoard, apiKey: options.stateBoardApiKey })),
      dea: await track(startDeaStandIn({ port: ports.dea })),
      boardCertification: await track(startBoardCertificationStandIn({ port: ports.boardCertification })),
      npdb: await track(startNpdbStandIn({ port: ports.npdb })),
    };
    return {
      urls: {
        nppes: standIns.nppes.url,
        stateBoard: standIns.stateBoard.url,
        dea: standIns.dea.url,
        boardCertification: standIns.boardCertification.url,
        npdb: standIns.npdb.url,
      },
      standIns,
      close: async () => {
        await Promise.all(started.map((standIn) => standIn.close()));
      },
    };
  } catch (error) {
    // A port already taken: the ones started are closed again.
    await Promise.all(started.map((standIn) => standIn.close()));
    throw error;
  }
}

/** The worker's environment that points every source at these stand-ins. */
export function standInEnv(standIns: Pick<SourceStandIns, 'urls'>, options: { stateBoardApiKey?: string } = {}): Record<string, string> {
  return {
    NPPES_URL: standIns.urls.nppes,
    STATE_LICENSE_LOOKUP_URL: standIns.urls.stateBoard,
    ...(options.stateBoardApiKey ? { STATE_LICENSE_LOOKUP_API_KEY: options.stateBoardApiKey } : {}),
    DEA_LOOKUP_URL: standIns.urls.dea,
    BOARD_CERTIFICATION_URL: standIns.urls.boardCertification,
    NPDB_URL: standIns.urls.npdb,
  };
}

/** The verification sources configuration of these stand-ins, every jurisdiction served, with `overrides`. */
export function standInSourcesConfig(standIns: Pick<SourceStandIns, 'urls'>, overrides: Partial<VerificationSourcesConfig> = {}): VerificationSourcesConfig {
  return {
    nppesUrl: standIns.urls.nppes,
    stateBoardUrl: standIns.urls.stateBoard,
    stateBoardStates: [...US_JURISDICTIONS],
    stateBoardApiKey: null,
    deaUrl: standIns.urls.dea,
    boardCertificationUrl: standIns.urls.boardCertification,
    npdbUrl: standIns.urls.npdb,
    sourceTimeoutMs: 10_000,
    sourceAttempts: 3,
    sourceRetryBaseMs: 500,
    ...overrides,
  };
}

// An ABMS-style certification lookup: GET /v1/physicians?npi=<npi> → {"physicians": [...]} (empty when unknown).
import { json, readFixture, startStandInServer, type StandInControls } from './stand-in-server.ts';

export interface CertifiedPhysicianRecord {
  npi: string;
  name: { firstName: string; lastName: string };
  certificates: {
    certificateId: string;
    board: { code: string; name: string };
    specialty: string;
    status: string;
    issuedOn: string;
    expirationDate: string | null;
    meetingMocRequirements: boolean | null;
  }[];
}

export interface BoardCertificationStandIn extends StandInControls {
  /** Adds a physician, or replaces the one with the same NPI. */
  addRecord(record: CertifiedPhysicianRecord): void;
}

export async function startBoardCertificationStandIn(options: { port?: number } = {}): Promise<BoardCertificationStandIn> {
  const records = new Map<string, CertifiedPhysicianRecord>();
  const add = (record: CertifiedPhysicianRecord) => records.set(record.npi, record);
  for (const record of readFixture<{ physicians: CertifiedPhysicianRecord[] }>('board-certifications.json').physicians) add(record);
  const controls = await startStandInServer((request) => {
    if (request.method !== 'GET' || request.path !== '/v1/physicians') return json({ error: 'not_found' }, 404);
    const npi = request.query.get('npi');
    if (!npi) return json({ error: 'npi is required' }, 400);
    const record = records.get(npi);
    return json({ physicians: record ? [record] : [] });
  }, options);
  return { ...controls, addRecord: add };
}

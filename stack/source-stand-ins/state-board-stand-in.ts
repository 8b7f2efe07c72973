// A license lookup service for state boards: GET /v1/licenses?state=CA&number=A12345[&licenseType=CONTROLLED_SUBSTANCE]
// → {"licenses": [...]} (empty when none), with a bearer API key required when one is set.
import { json, readFixture, startStandInServer, type StandInControls } from './stand-in-server.ts';

export interface LicenseRecord {
  state: string;
  number: string;
  licenseType?: 'MEDICAL' | 'CONTROLLED_SUBSTANCE';
  licensee: { firstName: string; lastName: string; middleName?: string };
  status: string;
  expirationDate: string | null;
  disciplinaryActions: { date: string; action: string; description: string }[];
  [field: string]: unknown;
}

export interface StateBoardStandIn extends StandInControls {
  addRecord(record: LicenseRecord): void;
}

const normalizeNumber = (number: string) => number.replace(/[\s-]/g, '').toUpperCase();
const keyOf = (state: string, number: string, type: string | undefined) => `${state.toUpperCase()}:${normalizeNumber(number)}:${type ?? 'MEDICAL'}`;

export async function startStateBoardStandIn(options: { port?: number; apiKey?: string } = {}): Promise<StateBoardStandIn> {
  const records = new Map<string, LicenseRecord>();
  const add = (record: LicenseRecord) => records.set(keyOf(record.state, record.number, record.licenseType), record);
  for (const record of readFixture<{ licenses: LicenseRecord[] }>('state-licenses.json').licenses) add(record);
  const controls = await startStandInServer((request) => {
    if (options.apiKey && request.headers.authorization !== `Bearer ${options.apiKey}`) return json({ error: 'invalid_api_key' }, 401);
    if (request.method !== 'GET' || request.path !== '/v1/licenses') return json({ error: 'not_found' }, 404);
    const state = request.query.get('state');
    const number = request.query.get('number');
    if (!state || !number) return json({ error: 'state and number are required' }, 400);
    const record = records.get(keyOf(state, number, request.query.get('licenseType') ?? undefined));
    return json({ licenses: record ? [record] : [] });
  }, options);
  return { ...controls, addRecord: add };
}

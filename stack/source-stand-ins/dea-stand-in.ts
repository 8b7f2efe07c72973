// A DEA registration lookup: GET /v1/registrations/<number> → {"registration": {...}}, or 404.
import { json, readFixture, startStandInServer, type StandInControls } from './stand-in-server.ts';

export interface DeaRecord {
  registrationNumber: string;
  /** "LAST, FIRST MIDDLE", as DEA records name a registrant. */
  name: string;
  businessActivity: { code: string; description: string };
  schedules: string[];
  address: { state: string; [field: string]: string };
  expirationDate: string;
  status: string;
}

export interface DeaStandIn extends StandInControls {
  addRecord(record: DeaRecord): void;
}

export async function startDeaStandIn(options: { port?: number } = {}): Promise<DeaStandIn> {
  const records = new Map<string, DeaRecord>();
  const add = (record: DeaRecord) => records.set(record.registrationNumber.toUpperCase(), record);
  for (const record of readFixture<{ registrations: DeaRecord[] }>('dea-registrations.json').registrations) add(record);
  const controls = await startStandInServer((request) => {
    const match = /^\/v1\/registrations\/([^/]+)$/.exec(request.path);
    if (request.method !== 'GET' || !match) return json({ error: 'not_found' }, 404);
    const record = records.get(decodeURIComponent(match[1]!).toUpperCase());
    return record ? json({ registration: record }) : json({ error: 'registration_not_found' }, 404);
  }, options);
  return { ...controls, addRecord: add };
}

// The NPPES NPI Registry API 2.1, as it answers a lookup by number: GET /api/?version=2.1&number=<npi>
// → {"result_count": N, "results": [...]}; an unknown NPI → {"result_count":0,"results":[]}; a
// malformed request → HTTP 200 {"Errors":[{"description": ...}]}.
import { json, readFixture, startStandInServer, type StandInControls } from './stand-in-server.ts';

/** One NPPES result as the registry returns it (`number` a string or an integer). */
export type NppesRecord = { number: string | number; enumeration_type: 'NPI-1' | 'NPI-2'; basic: Record<string, unknown>; taxonomies: Record<string, unknown>[] } & Record<string, unknown>;

export interface NppesStandIn extends StandInControls {
  addRecord(record: NppesRecord): void;
}

export async function startNppesStandIn(options: { port?: number } = {}): Promise<NppesStandIn> {
  const records = new Map<string, NppesRecord>();
  for (const record of readFixture<{ results: NppesRecord[] }>('nppes.json').results) records.set(String(record.number), record);
  const errors = (description: string, field?: string) => json({ Errors: [{ description, ...(field ? { field } : {}) }] });
  const controls = await startStandInServer((request) => {
    if (request.path !== '/api/' && request.path !== '/api') return { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><body>Not Found</body></html>' };
    if (request.query.get('version') !== '2.1') return errors('Unsupported Version');
    const number = request.query.get('number');
    if (number === null || number === '') return errors('No valid search criteria provided');
    if (!/^\d{10}$/.test(number)) return errors('Field number must be 10 digits', 'number');
    const record = records.get(number);
    return json(record ? { result_count: 1, results: [record] } : { result_count: 0, results: [] });
  }, options);
  return { ...controls, addRecord: (record) => records.set(String(record.number), record) };
}

// The NPDB's Query and Continuous Query as a JSON API: POST /v1/queries → a report listing the
// practitioner's reports (none for an unknown one), POST /v1/continuous-query/enrollments → an
// enrollment for a year. A repeated Idempotency-Key gets the first answer again.
import { randomUUID } from 'node:crypto';
import { json, readFixture, startStandInServer, type StandInControls, type StandInReply } from './stand-in-server.ts';

export interface NpdbReport {
  reportId: string;
  reportType: string;
  reportDate: string;
  summary?: string;
}

export interface NpdbPractitionerRecord {
  npi: string;
  reports: NpdbReport[];
}

export interface NpdbStandIn extends StandInControls {
  /** Sets the reports on file for a practitioner. */
  addRecord(record: NpdbPractitionerRecord): void;
  /** Continuous Query enrollments made, by NPI. */
  readonly enrollments: { enrollmentId: string; npi: string; expiresOn: string }[];
}

export async function startNpdbStandIn(options: { port?: number } = {}): Promise<NpdbStandIn> {
  const records = new Map<string, NpdbReport[]>();
  for (const record of readFixture<{ practitioners: NpdbPractitionerRecord[] }>('npdb.json').practitioners) records.set(record.npi, record.reports);
  const enrollments: NpdbStandIn['enrollments'] = [];
  const answered = new Map<string, StandInReply>();
  const controls = await startStandInServer((request) => {
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? `${request.path}:${key}` : null;
    const previous = idempotencyKey ? answered.get(idempotencyKey) : undefined;
    if (previous) return previous;
    if (request.method !== 'POST') return json({ error: 'not_found' }, 404);
    let body: { practitioner?: { npi?: string; lastName?: string } };
    try {
      body = JSON.parse(request.body) as typeof body;
    } catch {
      return json({ error: 'the body must be JSON' }, 400);
    }
    const practitioner = body.practitioner;
    if (!practitioner?.npi || !practitioner.lastName) return json({ error: 'practitioner.npi and practitioner.lastName are required' }, 422);
    let reply: StandInReply;
    if (request.path === '/v1/queries') {
      reply = json({ queryId: randomUUID(), processedAt: new Date().toISOString(), reports: records.get(practitioner.npi) ?? [] });
    } else if (request.path === '/v1/continuous-query/enrollments') {
      const expires = new Date();
      expires.setUTCFullYear(expires.getUTCFullYear() + 1);
      const enrollment = { enrollmentId: randomUUID(), npi: practitioner.npi, expiresOn: expires.toISOString().slice(0, 10) };
      enrollments.push(enrollment);
      reply = json({ enrollmentId: enrollment.enrollmentId, expiresOn: enrollment.expiresOn, status: 'ENROLLED' }, 201);
    } else {
      return json({ error: 'not_found' }, 404);
    }
    if (idempotencyKey) answered.set(idempotencyKey, reply);
    return reply;
  }, options);
  return { ...controls, enrollments, addRecord: (record) => records.set(record.npi, record.reports) };
}

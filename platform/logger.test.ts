// No PHI or secret reaches a log line: seeded values are searched for in the raw output.
import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'test', level: 'info', destination }) };
}

const PHI = {
  ssn: '123-45-6789',
  dateOfBirth: '1961-04-12',
  licenseNumber: 'CA-A123456',
  deaNumber: 'AB1234563',
  policyNumber: 'MPL-998877',
  email: 'dr.jane.doe@example.org',
  password: 'correct horse battery staple',
  refreshToken: 'rt_3f9a8b7c6d5e4f3a2b1c',
};

describe('logger redaction', () => {
  it('redacts sensitive fields at the top level and nested up to three levels', () => {
    const { lines, logger } = capture();
    logger.info(PHI, 'top level');
    logger.info({ physician: PHI }, 'one level');
    logger.info({ input: { physician: { ...PHI } } }, 'two levels');
    logger.info({ event: { input: { physician: { ...PHI } } } }, 'three levels');
    const output = lines.join('');
    expect(lines).toHaveLength(4);
    for (const value of Object.values(PHI)) expect(output).not.toContain(value);
    expect(output).toContain('[redacted]');
  });

  it('redacts credentials in logged request headers', () => {
    const { lines, logger } = capture();
    logger.info({ req: { headers: { authorization: `Bearer ${PHI.refreshToken}`, 'x-credence-context': 'eyJhbGciOi.signed.context', cookie: 'sid=abc' } } });
    const output = lines.join('');
    expect(output).not.toContain(PHI.refreshToken);
    expect(output).not.toContain('eyJhbGciOi.signed.context');
    expect(output).not.toContain('sid=abc');
  });

  it('keeps what is not sensitive', () => {
    const { lines, logger } = capture();
    logger.info({ requestId: 'req-1', status: 200, credentialType: 'STATE_LICENSE' }, 'request');
    expect(JSON.parse(lines[0]!)).toMatchObject({ requestId: 'req-1', status: 200, credentialType: 'STATE_LICENSE', service: 'test' });
  });
});

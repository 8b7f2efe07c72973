// npm run dev:certificate: a self-signed certificate for 127.0.0.1 and localhost, for trying the
// gateway over HTTPS locally:
//   TLS_CERT_FILE=.credence/tls/cert.pem TLS_KEY_FILE=.credence/tls/key.pem npm start
// Never for production: there, use a certificate from your certificate authority.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from 'selfsigned';

const dir = resolve(process.env.CREDENCE_DATA_DIR ?? new URL('../.credence', import.meta.url).pathname, 'tls');
mkdirSync(dir, { recursive: true, mode: 0o700 });
const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
  keySize: 2048,
  notAfterDate: new Date(Date.now() + 90 * 86_400_000),
  extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
});
writeFileSync(join(dir, 'cert.pem'), pems.cert);
writeFileSync(join(dir, 'key.pem'), pems.private, { mode: 0o600 });
console.log(`wrote ${join(dir, 'cert.pem')} and ${join(dir, 'key.pem')} (self-signed, 90 days)`);
console.log(`start with: TLS_CERT_FILE=${join(dir, 'cert.pem')} TLS_KEY_FILE=${join(dir, 'key.pem')} npm start`);

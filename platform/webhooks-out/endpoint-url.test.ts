// The endpoint rules: scheme, credentials, length, and in production every special address range,
// in every form Node's URL parser accepts (decimal, hex, octal, short IPv4; IPv4-mapped IPv6),
// checked again on the addresses a name resolves to.
import { describe, expect, it } from '@jest/globals';
import { AppError } from '../errors.ts';
import { addressAllowed, checkEndpointUrl, MAX_ENDPOINT_URL_LENGTH, pinnedLookup, resolveEndpoint, type Resolver } from './endpoint-url.ts';

const production = { production: true };
const development = { production: false };

function refusalOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details?.field).toEqual(['url']);
    return (error as AppError).details?.reason;
  }
  return undefined;
}

async function asyncRefusalOf(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).details?.reason;
  }
  return undefined;
}

describe('checkEndpointUrl', () => {
  it('takes a public https URL', () => {
    expect(checkEndpointUrl('https://hooks.example.com/credence?x=1', production).href).toBe('https://hooks.example.com/credence?x=1');
    expect(checkEndpointUrl('https://93.184.215.14:8443/in', production).hostname).toBe('93.184.215.14');
  });

  it('refuses what is not an https URL', () => {
    expect(refusalOf(() => checkEndpointUrl('not a url', production))).toBe('WEBHOOK_URL_INVALID');
    expect(refusalOf(() => checkEndpointUrl('ftp://hooks.example.com/', production))).toBe('WEBHOOK_URL_NOT_HTTPS');
    expect(refusalOf(() => checkEndpointUrl('http://hooks.example.com/', production))).toBe('WEBHOOK_URL_NOT_HTTPS');
    // http only to loopback, and only outside production.
    expect(refusalOf(() => checkEndpointUrl('http://hooks.example.com/', development))).toBe('WEBHOOK_URL_NOT_HTTPS');
    expect(refusalOf(() => checkEndpointUrl('http://127.0.0.1:8080/in', production))).toBe('WEBHOOK_URL_NOT_HTTPS');
    expect(checkEndpointUrl('http://127.0.0.1:8080/in', development).port).toBe('8080');
    expect(checkEndpointUrl('http://localhost:8080/in', development).hostname).toBe('localhost');
    expect(checkEndpointUrl('http://[::1]:8080/in', development).hostname).toBe('[::1]');
  });

  it('refuses credentials in the URL and URLs over the limit', () => {
    expect(refusalOf(() => checkEndpointUrl('https://user:secret@hooks.example.com/', production))).toBe('WEBHOOK_URL_CREDENTIALS');
    expect(refusalOf(() => checkEndpointUrl('https://user@hooks.example.com/', production))).toBe('WEBHOOK_URL_CREDENTIALS');
    const long = `https://hooks.example.com/${'a'.repeat(MAX_ENDPOINT_URL_LENGTH)}`;
    expect(refusalOf(() => checkEndpointUrl(long, production))).toBe('WEBHOOK_URL_TOO_LONG');
    expect(refusalOf(() => checkEndpointUrl(long, development))).toBe('WEBHOOK_URL_TOO_LONG');
  });

  it.each([
    ['loopback', 'https://127.0.0.1/'],
    ['loopback, elsewhere in 127/8', 'https://127.45.6.7/'],
    ['loopback, decimal', 'https://2130706433/'],
    ['loopback, hex', 'https://0x7f000001/'],
    ['loopback, dotted hex', 'https://0x7f.0.0.1/'],
    ['loopback, octal', 'https://0177.0.0.1/'],
    ['loopback, short form', 'https://127.1/'],
    ['unspecified', 'https://0.0.0.0/'],
    ['private 10/8', 'https://10.1.2.3/'],
    ['private 10/8, decimal', 'https://167772161/'],
    ['private 172.16/12', 'https://172.16.0.1/'],
    ['private 172.16/12, top', 'https://172.31.255.254/'],
    ['private 192.168/16', 'https://192.168.1.1/'],
    ['private 192.168/16, hex', 'https://0xc0a80101/'],
    ['link-local', 'https://169.254.1.1/'],
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data/'],
    ['cloud metadata, decimal', 'https://2852039166/'],
    ['carrier-grade NAT', 'https://100.64.0.1/'],
    ['carrier-grade NAT (a metadata address)', 'https://100.100.100.200/'],
    ['broadcast', 'https://255.255.255.255/'],
    ['multicast', 'https://224.0.0.1/'],
    ['reserved', 'https://240.0.0.1/'],
    ['documentation', 'https://192.0.2.10/'],
    ['IPv6 loopback', 'https://[::1]/'],
    ['IPv6 unspecified', 'https://[::]/'],
    ['IPv6 link-local', 'https://[fe80::1]/'],
    ['IPv6 unique-local', 'https://[fd00::1]/'],
    ['IPv6 unique-local (a metadata address)', 'https://[fd00:ec2::254]/'],
    ['IPv6 multicast', 'https://[ff02::1]/'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/'],
    ['IPv4-mapped private', 'https://[::ffff:10.0.0.1]/'],
    ['IPv4-mapped metadata, hex', 'https://[::ffff:a9fe:a9fe]/'],
    ['NAT64 of a private address', 'https://[64:ff9b::a00:1]/'],
    ['6to4', 'https://[2002:7f00:1::]/'],
  ])('refuses %s in production (%s)', (_name, url) => {
    expect(refusalOf(() => checkEndpointUrl(url, production))).toBe('WEBHOOK_URL_PRIVATE_ADDRESS');
    expect(refusalOf(() => checkEndpointUrl(url, development))).toBeUndefined();
  });

  it('takes public IPv4-mapped and IPv6 addresses', () => {
    expect(addressAllowed('::ffff:93.184.215.14', production)).toBe(true);
    expect(addressAllowed('2606:4700:4700::1111', production)).toBe(true);
    expect(addressAllowed('8.8.8.8', production)).toBe(true);
    expect(addressAllowed('not an address', development)).toBe(false);
  });
});

describe('resolveEndpoint', () => {
  const answers = (...addresses: string[]): Resolver => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('gives the address to connect to when every address the name has is public', async () => {
    const url = checkEndpointUrl('https://hooks.example.com/in', production);
    expect(await resolveEndpoint(url, production, answers('93.184.215.14', '2606:4700:4700::1111'))).toEqual({ address: '93.184.215.14', family: 4 });
  });

  it('refuses a name with any non-public address, or none', async () => {
    const url = checkEndpointUrl('https://hooks.example.com/in', production);
    for (const address of ['127.0.0.1', '10.0.0.7', '169.254.169.254', '::1', 'fd12::1', '::ffff:192.168.0.1', '100.64.1.1']) {
      expect(await asyncRefusalOf(() => resolveEndpoint(url, production, answers('93.184.215.14', address)))).toBe('WEBHOOK_URL_PRIVATE_ADDRESS');
    }
    expect(await asyncRefusalOf(() => resolveEndpoint(url, production, answers()))).toBe('WEBHOOK_URL_UNRESOLVABLE');
    expect(await asyncRefusalOf(() => resolveEndpoint(url, production, async () => { throw new Error('ENOTFOUND'); }))).toBe('WEBHOOK_URL_UNRESOLVABLE');
    // Outside production a name may resolve to loopback (a local receiver).
    expect(await resolveEndpoint(url, development, answers('127.0.0.1'))).toEqual({ address: '127.0.0.1', family: 4 });
  });

  it('answers every later lookup with the address checked', async () => {
    const lookup = pinnedLookup({ address: '93.184.215.14', family: 4 });
    const one = await new Promise((resolve) => lookup('hooks.example.com', {}, (_error, address, family) => resolve([address, family])));
    const all = await new Promise((resolve) => lookup('hooks.example.com', { all: true }, (_error, address) => resolve(address)));
    expect(one).toEqual(['93.184.215.14', 4]);
    expect(all).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });
});

// Where an organization's webhooks may go. A subscription's URL is https (http only to loopback,
// and only outside production), holds no user name or password, and fits a length limit. In
// production its host must resolve to public unicast addresses only: never loopback, private,
// link-local (the cloud metadata address), unique-local, carrier-grade NAT, or any other special
// range (IPv4-mapped IPv6 is judged as the IPv4 address it carries). The check runs when the
// subscription is made and again before each delivery, on the addresses DNS gives then, and the
// delivery connects to the address checked (`pinnedLookup`), so a name that changes its answer
// between the check and the connection (DNS rebinding) cannot send it elsewhere.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promisify } from 'node:util';
import ipaddr from 'ipaddr.js';
import { badUserInput, type AppError } from '../errors.ts';

export const MAX_ENDPOINT_URL_LENGTH = 2000;

/** Every refusal of an endpoint, each with its stable code (details.code, field `url`). */
export type EndpointRefusalCode =
  | 'WEBHOOK_URL_INVALID'
  | 'WEBHOOK_URL_TOO_LONG'
  | 'WEBHOOK_URL_NOT_HTTPS'
  | 'WEBHOOK_URL_CREDENTIALS'
  | 'WEBHOOK_URL_PRIVATE_ADDRESS'
  | 'WEBHOOK_URL_UNRESOLVABLE';

export interface EndpointRules {
  /** In production only public addresses are reached, and only over https. */
  production: boolean;
}

const refuse = (code: EndpointRefusalCode, message: string): AppError => badUserInput(message, { field: 'url', reason: code });

/** The host of a URL as an address when it is one (Node's URL has already turned 0x7f.1 or 2130706433 into 127.0.0.1). */
function literalAddress(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return ipaddr.isValid(host) ? host : null;
}

function isLoopbackHost(url: URL): boolean {
  const address = literalAddress(url);
  if (address === null) return url.hostname === 'localhost';
  return ipaddr.process(address).range() === 'loopback';
}

/** Whether a delivery may connect to this address: in production, public unicast only. */
export function addressAllowed(address: string, rules: EndpointRules): boolean {
  if (!ipaddr.isValid(address)) return false;
  if (!rules.production) return true;
  // process(): an IPv4-mapped IPv6 address (::ffff:10.0.0.1) becomes the IPv4 address it carries.
  return ipaddr.process(address).range() === 'unicast';
}

/** The URL's syntax rules (no DNS): the URL, or BAD_USER_INPUT with the rule's code. */
export function checkEndpointUrl(text: string, rules: EndpointRules): URL {
  if (text.length > MAX_ENDPOINT_URL_LENGTH) throw refuse('WEBHOOK_URL_TOO_LONG', `url must be at most ${MAX_ENDPOINT_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw refuse('WEBHOOK_URL_INVALID', 'url is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('WEBHOOK_URL_NOT_HTTPS', 'url must be an https URL');
  if (url.protocol === 'http:' && (rules.production || !isLoopbackHost(url))) {
    throw refuse('WEBHOOK_URL_NOT_HTTPS', rules.production ? 'url must be an https URL' : 'url must be an https URL (http only to loopback outside production)');
  }
  if (url.username || url.password) throw refuse('WEBHOOK_URL_CREDENTIALS', 'url must not carry a user name or password');
  if (url.href.length > MAX_ENDPOINT_URL_LENGTH) throw refuse('WEBHOOK_URL_TOO_LONG', `url must be at most ${MAX_ENDPOINT_URL_LENGTH} characters`);
  const address = literalAddress(url);
  if (address !== null && !addressAllowed(address, rules)) throw refuse('WEBHOOK_URL_PRIVATE_ADDRESS', 'url must not point to a loopback, private or link-local address');
  return url;
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const lookupAll = promisify(dnsLookup);
export const systemResolver: Resolver = (hostname) => lookupAll(hostname, { all: true, verbatim: true });

/** The address a delivery connects to: the URL's host resolved now, every address it has allowed. */
export async function resolveEndpoint(url: URL, rules: EndpointRules, resolve: Resolver = systemResolver): Promise<LookupAddress> {
  const literal = literalAddress(url);
  let addresses: LookupAddress[];
  if (literal !== null) {
    addresses = [{ address: literal, family: ipaddr.parse(literal).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(url.hostname);
    } catch {
      throw refuse('WEBHOOK_URL_UNRESOLVABLE', 'the host of url does not resolve');
    }
    if (addresses.length === 0) throw refuse('WEBHOOK_URL_UNRESOLVABLE', 'the host of url does not resolve');
  }
  // One address refused refuses the host: which one a client would pick is not ours to know.
  if (addresses.some((entry) => !addressAllowed(entry.address, rules))) {
    throw refuse('WEBHOOK_URL_PRIVATE_ADDRESS', 'url must not point to a loopback, private or link-local address');
  }
  return addresses[0]!;
}

/** A `lookup` for http(s).request that answers with the address checked, whatever DNS says now. */
export function pinnedLookup(pinned: LookupAddress) {
  return (_hostname: string, options: { all?: boolean }, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    if (options?.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

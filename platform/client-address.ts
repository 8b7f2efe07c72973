// The key under which a client's address is counted by every per-address budget and lockout (the
// gateway's rate limits, identity's sign-in lockout and password-reset limits): an IPv4 address
// is its own; an IPv6 address counts as its /64, the network one subscriber is given, inside
// which a client may take a new address per request; an IPv4 address written as IPv6
// (::ffff:192.0.2.1) is its IPv4 address. Parsing is ipaddr.js's, the library proxy-addr uses.
import ipaddr from 'ipaddr.js';

export function addressBudgetKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const ipv6 = parsed as ipaddr.IPv6;
  if (ipv6.isIPv4MappedAddress()) return ipv6.toIPv4Address().toString();
  return `${ipv6.parts.slice(0, 4).map((part) => part.toString(16)).join(':')}::/64`;
}

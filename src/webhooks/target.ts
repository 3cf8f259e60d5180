import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../errors';

/**
 * Where a webhook may be sent (SSRF): only http(s) URLs without credentials, whose host — every
 * address its name resolves to — is public. Private, loopback, link-local, carrier-grade NAT,
 * unspecified, multicast and reserved addresses are refused unless they lie in a range the
 * configuration allows (WEBHOOK_ALLOWED_PRIVATE_NETWORKS). Checked when subscribing and again at
 * every attempt, and the connection is made to the addresses checked, so a name that changes its
 * answer between check and connection (DNS rebinding) reaches nothing it may not.
 */

const nonPublic: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", unspecified
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata services
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'], // documentation
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'], // NAT64: embeds an IPv4 address
  ['100::', 64, 'ipv6'], // discard
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['fc00::', 7, 'ipv6'], // unique local
  ['fe80::', 10, 'ipv6'], // link-local
  ['ff00::', 8, 'ipv6'], // multicast
];

export interface TargetPolicy {
  /** The ranges allowed although not public (WEBHOOK_ALLOWED_PRIVATE_NETWORKS). */
  allowed: BlockList;
  /** Bound of the name lookup. */
  lookupTimeoutMs: number;
}

function blockList(ranges: [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const list = new BlockList();
  for (const [network, prefix, family] of ranges) list.addSubnet(network, prefix, family);
  return list;
}

const nonPublicList = blockList(nonPublic);

/** `10.20.0.0/16,fd12::/64` as ranges (loadConfig has checked that each is one). */
export function cidrRanges(list: string | undefined): [string, number, 'ipv4' | 'ipv6'][] {
  return (list ?? '')
    .split(',')
    .filter(Boolean)
    .map((range) => {
      const [network, prefix] = range.split('/') as [string, string];
      return [network, Number(prefix), isIP(network) === 6 ? 'ipv6' : 'ipv4'];
    });
}

export function targetPolicyOf(config: { WEBHOOK_ALLOWED_PRIVATE_NETWORKS?: string; WEBHOOK_TIMEOUT_MS: number }): TargetPolicy {
  return { allowed: blockList(cidrRanges(config.WEBHOOK_ALLOWED_PRIVATE_NETWORKS)), lookupTimeoutMs: config.WEBHOOK_TIMEOUT_MS };
}

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Why the address may not be reached, or undefined when it may. */
export function refusalOf(address: string, policy: TargetPolicy): string | undefined {
  const { address: plain, family } = normalise(address);
  if (!nonPublicList.check(plain, family)) return undefined;
  if (policy.allowed.check(plain, family)) return undefined;
  return `${address} is a private, loopback, link-local or reserved address`;
}

export class TargetRefused extends Error {
  override name = 'TargetRefused';
}

/** The URL, if it is one a webhook may use (http or https, a host, no user name or password). */
export function parseTargetUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TargetRefused('is not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TargetRefused('is not an http or https URL');
  if (parsed.username || parsed.password) throw new TargetRefused('carries a user name or password');
  if (!parsed.hostname) throw new TargetRefused('names no host');
  return parsed;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** The host's addresses, every one of them checked; throws TargetRefused naming the first one refused. */
export async function resolveTarget(url: URL, policy: TargetPolicy): Promise<ResolvedAddress[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) as 4 | 6 }];
  } else {
    let timer: NodeJS.Timeout | undefined;
    try {
      addresses = (await Promise.race([
        lookup(host, { all: true, verbatim: true }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new TargetRefused(`names ${host}, which did not resolve within ${policy.lookupTimeoutMs} ms`)),
            policy.lookupTimeoutMs,
          );
        }),
      ])) as ResolvedAddress[];
    } catch (error) {
      if (error instanceof TargetRefused) throw error;
      throw new TargetRefused(`names ${host}, which does not resolve (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'})`);
    } finally {
      clearTimeout(timer);
    }
  }
  if (addresses.length === 0) throw new TargetRefused(`names ${host}, which has no addresses`);
  for (const { address } of addresses) {
    const refusal = refusalOf(address, policy);
    if (refusal) throw new TargetRefused(host === address ? `points at ${refusal}` : `names ${host}, which resolves to ${refusal}`);
  }
  return addresses;
}

/** Checks a URL a subscription is to use: 422 WEBHOOK_TARGET_REFUSED naming /url when it may not. */
export async function assertTargetAllowed(url: string, policy: TargetPolicy): Promise<void> {
  try {
    await resolveTarget(parseTargetUrl(url), policy);
  } catch (error) {
    if (!(error instanceof TargetRefused)) throw error;
    throw new AppError('WEBHOOK_TARGET_REFUSED', `The webhook URL is refused: it ${error.message}.`, {
      errors: [{ in: 'body', path: '/url', message: error.message }],
    });
  }
}

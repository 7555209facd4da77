import { isIP } from "node:net";

import { log } from "@/lib/log";

/**
 * The client address of a sign-in, for the sign-in limiter.
 *
 * Next.js 16 hands route handlers and server actions, and so Auth.js's
 * authorize(), a web Request without the TCP peer address. Its own server
 * copies the peer address into X-Forwarded-For only when the client sent
 * no such header, so without a proxy that rewrites the header, a value
 * there cannot be distinguished from one the client made up. The address is
 * therefore read only behind proxies that the deployment declares with
 * TRUST_PROXY_HOPS. Otherwise it is unknown (null), and the limiter counts
 * by account alone.
 */

/** Largest TRUST_PROXY_HOPS accepted. */
export const maxTrustedProxyHops = 10;

/**
 * Parses TRUST_PROXY_HOPS: the number of reverse proxies in front of the
 * app that each append the address they received the request from to
 * X-Forwarded-For. Unset or empty means 0, no proxy.
 *
 * @throws RangeError when the value is not a whole number from 0 to 10.
 */
export function parseTrustedProxyHops(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 0;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > maxTrustedProxyHops) {
    throw new RangeError(
      `TRUST_PROXY_HOPS is "${value}", but it must be a whole number from 0 to ${maxTrustedProxyHops}: the number of reverse proxies in front of the app, or 0 when clients connect directly.`,
    );
  }
  return hops;
}

let loggedInvalidValue: string | undefined;

/**
 * Returns TRUST_PROXY_HOPS of this process. An invalid value is logged as
 * an error (once per value) and read as 0, so client addresses are not
 * trusted rather than sign-in failing for everyone.
 */
export function configuredProxyHops(
  env: Record<string, string | undefined> = process.env,
): number {
  try {
    return parseTrustedProxyHops(env.TRUST_PROXY_HOPS);
  } catch (error) {
    if (loggedInvalidValue !== env.TRUST_PROXY_HOPS) {
      loggedInvalidValue = env.TRUST_PROXY_HOPS;
      log.error({ err: error }, "invalid TRUST_PROXY_HOPS; trusting no proxy");
    }
    return 0;
  }
}

/**
 * Returns the client's address as the trusted proxies saw it, or null when
 * it is unknown: no trusted proxy, no X-Forwarded-For, or an entry that is
 * not an IP address.
 *
 * Each proxy appends the address it received the request from, so the
 * entries the client controls are on the left. With N trusted proxies the
 * client's address is the N-th entry from the right. With fewer entries
 * than N, the leftmost is taken, as Express's `trust proxy` does with a
 * hop count. IPv6 addresses are reduced to their /64 prefix, because one
 * subscriber usually gets a whole /64 and could otherwise change address
 * at every attempt.
 */
export function clientAddress(
  headers: Headers | null | undefined,
  trustedHops: number,
): string | null {
  if (trustedHops <= 0) return null;
  const header = headers?.get("x-forwarded-for");
  if (!header) return null;

  const entries = header
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return null;
  const index = Math.max(0, entries.length - trustedHops);
  return normalizeAddress(entries[index]);
}

/**
 * Normalizes one X-Forwarded-For entry: drops a port and IPv6 brackets,
 * maps IPv4-mapped IPv6 to IPv4, and reduces other IPv6 addresses to
 * "prefix::/64". Returns null when the entry is not an IP address.
 */
export function normalizeAddress(entry: string): string | null {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.split(":")[0];

  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return null;

  const groups = expandIpv6(address.toLowerCase());
  const mappedIpv4 =
    groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mappedIpv4) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]
      .map(String)
      .join(".");
  }
  const prefix = groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":");
  return `${prefix}::/64`;
}

/** Expands a valid IPv6 address into its eight 16-bit groups. */
function expandIpv6(address: string): number[] {
  let text = address.replace(/%.*$/, "");
  // A trailing dotted IPv4 part stands for the last two groups.
  const ipv4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (ipv4) {
    const [a, b, c, d] = ipv4.slice(1).map(Number);
    const tail = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    text = text.slice(0, ipv4.index) + tail;
  }

  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const parse = (part: string) =>
    part === "" ? [] : part.split(":").map((group) => parseInt(group, 16));
  const headGroups = parse(head);
  if (tail === null) return headGroups;
  const tailGroups = parse(tail);
  const zeros = new Array<number>(
    8 - headGroups.length - tailGroups.length,
  ).fill(0);
  return [...headGroups, ...zeros, ...tailGroups];
}

/**
 * IP address condition operators: `IpAddress`, `NotIpAddress`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 */
import {
  type CompiledValues,
  type CompileInput,
  type OperatorDefinition,
  reportInvalidValue,
} from './operator.js';

/**
 * An address as four 32-bit words of its 128-bit IPv6 form; IPv4 `a.b.c.d` is held as the
 * v4-mapped `::ffff:a.b.c.d`. `family` is 4 for IPv4 and v4-mapped addresses, else 6.
 */
export interface IpAddressValue {
  readonly words: readonly [number, number, number, number];
  readonly family: 4 | 6;
}

/** A CIDR range: its network (host bits cleared) and prefix length in the 128-bit space. */
export interface IpRange {
  readonly network: readonly [number, number, number, number];
  readonly prefix: number;
  readonly family: 4 | 6;
}

/**
 * Parses an IPv4 or IPv6 address (without a prefix). IPv6 may use `::` and may end in a dotted
 * IPv4 (`::ffff:203.0.113.7`); zone ids (`%eth0`) are not accepted.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 */
export function parseIpAddress(text: string): IpAddressValue | undefined {
  const v4 = parseIpv4(text);
  if (v4 >= 0) return { words: [0, 0, 0xffff, v4], family: 4 };
  const v6 = parseIpv6(text);
  if (!v6) return undefined;
  return { words: v6, family: isV4Mapped(v6) ? 4 : 6 };
}

/**
 * Parses a range in CIDR form, `203.0.113.0/24` or `2001:DB8:1234:5678::/64`. "If you specify an
 * IP address without the associated routing prefix, IAM uses the default prefix value of /32"
 * (and /128 for IPv6). Host bits after the prefix are ignored: `203.0.113.7/24` is
 * `203.0.113.0/24`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIpAddress(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const isV4Text = slash < 0 ? !text.includes(':') : !text.slice(0, slash).includes(':');
  let prefix = isV4Text ? 32 : 128;
  if (slash >= 0) {
    const digits = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(digits)) return undefined;
    prefix = Number(digits);
    if (prefix > (isV4Text ? 32 : 128)) return undefined;
  }
  const prefix128 = isV4Text ? 96 + prefix : prefix;
  const network = address.words.map((word, i) => (word & maskWord(prefix128, i)) >>> 0) as [
    number,
    number,
    number,
    number,
  ];
  // A v6 range wider than ::ffff:0:0/96 is an IPv6 range even if it contains the v4-mapped block:
  // `::/0` is "every IPv6 address", and IPv4 is a separate family (as Java's InetAddress sees it).
  const family = address.family === 4 && prefix128 >= 96 ? 4 : 6;
  return { network, prefix: prefix128, family };
}

/**
 * Whether an address is in a range: same family, and the first `prefix` bits agree.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 */
export function ipInRange(address: IpAddressValue, range: IpRange): boolean {
  if (address.family !== range.family) return false;
  for (let i = 0; i < 4; i++) {
    const word = address.words[i] as number;
    if ((word & maskWord(range.prefix, i)) >>> 0 !== range.network[i]) return false;
  }
  return true;
}

/**
 * `IpAddress` and `NotIpAddress`: the context address is in one of the ranges. IPv4 ranges match
 * IPv4 addresses and IPv4-mapped IPv6 addresses (`::ffff:203.0.113.7`); IPv6 ranges match IPv6
 * addresses. A context value that is not an address matches no range. Policy variables cannot
 * be used.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
 */
export const ipOperators: readonly OperatorDefinition[] = [
  { name: 'IpAddress', negated: false, compile: compileIp },
  { name: 'NotIpAddress', negated: true, compile: compileIp },
];

function compileIp(input: CompileInput): CompiledValues {
  const ranges: IpRange[] = [];
  input.values.forEach((value, index) => {
    const range = parseIpRange(value);
    if (!range) {
      reportInvalidValue(
        input,
        index,
        `\`${value}\` is not an IP address or CIDR range; write an IPv4 or IPv6 range such as \`203.0.113.0/24\` or \`2001:db8::/32\``,
      );
    } else ranges.push(range);
  });
  // Fast path for the common case, a dotted IPv4 context value: only the last word of an IPv4
  // range matters, so the test is one mask and compare per range, without allocating.
  const v4Networks = ranges.filter((r) => r.family === 4).map((r) => r.network[3]);
  const v4Masks = ranges.filter((r) => r.family === 4).map((r) => maskWord(r.prefix, 3));
  return {
    keys: [],
    test: (value) => {
      const v4 = parseIpv4(value);
      if (v4 >= 0) {
        for (let i = 0; i < v4Networks.length; i++) {
          if ((v4 & (v4Masks[i] as number)) >>> 0 === v4Networks[i]) return true;
        }
        return false;
      }
      const address = parseIpAddress(value);
      if (!address) return false;
      for (let i = 0; i < ranges.length; i++) if (ipInRange(address, ranges[i] as IpRange)) return true;
      return false;
    },
  };
}

/** The mask of word `index` (0..3) for a prefix length in 0..128. */
function maskWord(prefix: number, index: number): number {
  const bits = prefix - index * 32;
  if (bits >= 32) return 0xffffffff;
  if (bits <= 0) return 0;
  return (0xffffffff << (32 - bits)) >>> 0;
}

function isV4Mapped(words: readonly number[]): boolean {
  return words[0] === 0 && words[1] === 0 && words[2] === 0xffff;
}

/** Parses dotted IPv4 to an unsigned 32-bit number, or -1. One pass, no allocation. */
function parseIpv4(text: string): number {
  let result = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      octet = octet * 10 + (code - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (code === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      result = result * 256 + octet;
      octet = 0;
      digits = 0;
    } else return -1;
  }
  if (digits === 0 || dots !== 3) return -1;
  return result * 256 + octet;
}

/** Parses IPv6 text to four 32-bit words, or undefined. */
function parseIpv6(text: string): [number, number, number, number] | undefined {
  const gap = text.indexOf('::');
  if (gap >= 0 && text.indexOf('::', gap + 1) >= 0) return undefined;
  const head = parseGroups(gap < 0 ? text : text.slice(0, gap), gap < 0);
  const tail = gap < 0 ? [] : parseGroups(text.slice(gap + 2), true);
  if (!head || !tail) return undefined;
  const count = head.length + tail.length;
  if (gap < 0 ? count !== 8 : count > 7) return undefined;
  const groups = [...head, ...new Array<number>(8 - count).fill(0), ...tail];
  return [0, 1, 2, 3].map(
    (i) => (((groups[2 * i] as number) << 16) | (groups[2 * i + 1] as number)) >>> 0,
  ) as [number, number, number, number];
}

/** Parses `:`-separated hex groups; the last may be dotted IPv4 (two groups) when `allowV4`. */
function parseGroups(text: string, allowV4: boolean): number[] | undefined {
  if (text === '') return [];
  const pieces = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    if (allowV4 && i === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (v4 < 0) return undefined;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(piece)) groups.push(Number.parseInt(piece, 16));
    else return undefined;
  }
  return groups;
}

import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-condition.js';
import { buildContext } from './context.js';
import { parseIpAddress, parseIpRange } from './ip.js';

function holds(operator: string, values: readonly string[], value: string): boolean {
  const compiled = compileCondition({ operator, key: 'aws:SourceIp', values }, '2012-10-17', 'C');
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value.test(buildContext({ 'aws:SourceIp': value }));
}

// IP address operators: "The value must be in the standard CIDR format (for example,
// 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you specify an IP address without the associated
// routing prefix, IAM uses the default prefix value of /32.":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
describe('IP address operators', () => {
  it.each([
    ['IpAddress', ['203.0.113.0/24'], '203.0.113.7', true],
    ['IpAddress', ['203.0.113.0/24'], '203.0.114.7', false],
    ['IpAddress', ['203.0.113.7'], '203.0.113.7', true],
    ['IpAddress', ['203.0.113.7'], '203.0.113.8', false],
    ['IpAddress', ['203.0.113.7/24'], '203.0.113.200', true],
    ['IpAddress', ['0.0.0.0/0'], '198.51.100.1', true],
    ['IpAddress', ['0.0.0.0/0'], '2001:db8::1', false],
    ['IpAddress', ['10.0.0.0/8', '192.168.0.0/16'], '192.168.3.4', true],
    ['IpAddress', ['10.0.0.0/31'], '10.0.0.1', true],
    ['IpAddress', ['10.0.0.0/31'], '10.0.0.2', false],
    ['IpAddress', ['2001:DB8:1234:5678::/64'], '2001:db8:1234:5678:abcd::1', true],
    ['IpAddress', ['2001:DB8:1234:5678::/64'], '2001:db8:1234:5679::1', false],
    ['IpAddress', ['2001:db8::1'], '2001:0db8:0000:0000:0000:0000:0000:0001', true],
    ['IpAddress', ['::/0'], '2001:db8::1', true],
    ['IpAddress', ['::/0'], '203.0.113.7', false],
    ['IpAddress', ['203.0.113.0/24'], '::ffff:203.0.113.7', true],
    ['IpAddress', ['203.0.113.0/24'], '::ffff:cb00:7107', true],
    ['IpAddress', ['::ffff:203.0.113.0/120'], '203.0.113.7', true],
    ['IpAddress', ['203.0.113.0/24', '2001:db8::/32'], '2001:db8:ffff::1', true],
    ['IpAddress', ['203.0.113.0/24'], 'not an ip', false],
    ['IpAddress', ['203.0.113.0/24'], '203.0.113.7/32', false],
    ['IpAddress', ['203.0.113.0/24'], '', false],
    ['NotIpAddress', ['203.0.113.0/24'], '203.0.113.7', false],
    ['NotIpAddress', ['203.0.113.0/24'], '198.51.100.1', true],
    ['NotIpAddress', ['203.0.113.0/24', '198.51.100.0/24'], '198.51.100.1', false],
    ['NotIpAddress', ['203.0.113.0/24'], '2001:db8::1', true],
  ])('%s %j with %j is %s', (operator, values, value, expected) => {
    expect(holds(operator, values, value)).toBe(expected);
  });

  it.each([
    ['1.2.3.4', [0, 0, 0xffff, 0x01020304], 4],
    ['255.255.255.255', [0, 0, 0xffff, 0xffffffff], 4],
    ['::', [0, 0, 0, 0], 6],
    ['::1', [0, 0, 0, 1], 6],
    ['fe80::', [0xfe800000, 0, 0, 0], 6],
    ['1:2:3:4:5:6:7:8', [0x10002, 0x30004, 0x50006, 0x70008], 6],
    ['1::8', [0x10000, 0, 0, 8], 6],
    ['::ffff:1.2.3.4', [0, 0, 0xffff, 0x01020304], 4],
    ['64:ff9b::1.2.3.4', [0x0064ff9b, 0, 0, 0x01020304], 6],
  ])('parses %j', (text, words, family) => {
    expect(parseIpAddress(text)).toEqual({ words, family });
  });

  it.each([
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '1..2.3',
    '1.2.3.4 ',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    ':::',
    '12345::',
    'fe80::1%eth0',
    '1.2.3.4::',
    'g::1',
    '',
  ])('rejects the address %j', (text) => {
    expect(parseIpAddress(text)).toBeUndefined();
  });

  it.each(['203.0.113.0/33', '2001:db8::/129', '203.0.113.0/', '203.0.113.0/x', '/24', '203.0.113.0/24/1'])(
    'rejects the range %j',
    (text) => {
      expect(parseIpRange(text)).toBeUndefined();
    },
  );
});

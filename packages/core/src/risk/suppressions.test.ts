import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.js';
import { applySuppressions, parseSuppressions } from './suppressions.js';

const finding = (id: string, principal: string, resource?: string): Finding => ({
  id,
  category: 'exposure',
  severity: 'high',
  principal,
  ...(resource ? { resource } : {}),
  conditional: false,
  message: 'm',
});

describe('parseSuppressions', () => {
  it('reads YAML with a suppressions key', () => {
    const parsed = parseSuppressions(`suppressions:
  - id: public-access
    resource: arn:aws:lambda:eu-west-1:444455556666:function:payments-webhook
    reason: the card processor calls it; the function checks the HMAC signature
    expires: 2027-03-31
`);
    expect(parsed).toEqual({
      ok: true,
      diagnostics: [],
      value: [
        {
          id: 'public-access',
          resource: 'arn:aws:lambda:eu-west-1:444455556666:function:payments-webhook',
          reason: 'the card processor calls it; the function checks the HMAC signature',
          expires: '2027-03-31',
        },
      ],
    });
  });

  it('reads a JSON list', () => {
    const parsed = parseSuppressions(
      '[{"id": "service-wildcard", "principal": "arn:aws:iam::1:role/x", "reason": "r", "expires": "2027-01-01"}]',
    );
    expect(parsed.ok && parsed.value).toHaveLength(1);
  });

  it.each([
    ['missing reason', 'suppressions:\n  - id: a\n    expires: 2027-01-01\n', 'suppressions[0].reason'],
    [
      'bad date',
      'suppressions:\n  - id: a\n    reason: r\n    expires: next year\n',
      'suppressions[0].expires',
    ],
    ['unknown key', '- id: a\n  reason: r\n  expires: 2027-01-01\n  owner: me\n', '[0].owner'],
    ['not a list', 'suppressions: 3\n', ''],
  ])('rejects %s with a path', (_, text, path) => {
    const parsed = parseSuppressions(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'suppressions.invalid-entry', path });
  });

  it('rejects invalid YAML with line and column', () => {
    const parsed = parseSuppressions('suppressions:\n  - id: [a\n');
    expect(parsed.diagnostics[0]?.code).toBe('suppressions.invalid-yaml');
    expect(parsed.diagnostics[0]?.message).toMatch(/^line \d+, column \d+/);
  });
});

describe('applySuppressions', () => {
  const findings = [
    finding('public-access', '*', 'arn:aws:s3:::a'),
    finding('public-access', '*', 'arn:aws:s3:::b'),
    finding('service-wildcard', 'arn:aws:iam::1:role/x'),
  ];
  const now = new Date('2026-11-16T12:00:00Z');

  it('leaves out matching findings and counts them', () => {
    const out = applySuppressions(
      findings,
      [{ id: 'public-access', resource: 'arn:aws:s3:::a', reason: 'r', expires: '2027-01-01' }],
      now,
    );
    expect(out.findings.map((f) => f.resource)).toEqual(['arn:aws:s3:::b', undefined]);
    expect(out.suppressed).toBe(1);
    expect(out.expired).toEqual([]);
  });

  it('an entry without principal or resource matches every finding of the id', () => {
    expect(
      applySuppressions(findings, [{ id: 'public-access', reason: 'r', expires: '2027-01-01' }], now)
        .suppressed,
    ).toBe(2);
  });

  it('a different principal does not match', () => {
    expect(
      applySuppressions(
        findings,
        [{ id: 'service-wildcard', principal: 'arn:aws:iam::1:role/y', reason: 'r', expires: '2027-01-01' }],
        now,
      ).suppressed,
    ).toBe(0);
  });

  it('an expired suppression stops suppressing and is reported; the expiry day itself still counts', () => {
    const onTheDay = applySuppressions(
      findings,
      [{ id: 'service-wildcard', reason: 'r', expires: '2026-11-16' }],
      now,
    );
    expect(onTheDay.suppressed).toBe(1);
    const after = applySuppressions(
      findings,
      [{ id: 'service-wildcard', reason: 'r', expires: '2026-11-15' }],
      now,
    );
    expect(after.suppressed).toBe(0);
    expect(after.findings).toHaveLength(3);
    expect(after.expired).toEqual([{ id: 'service-wildcard', reason: 'r', expires: '2026-11-15' }]);
  });
});

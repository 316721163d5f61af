import { describe, expect, it } from 'vitest';
import { parseKnownAccounts } from './known-accounts.js';

describe('parseKnownAccounts', () => {
  it('reads repeated values and comma-separated lists, each id once, sorted', () => {
    expect(parseKnownAccounts(['444455556666,111122223333', ' 111122223333 '])).toEqual({
      ok: true,
      value: ['111122223333', '444455556666'],
      diagnostics: [],
    });
  });

  it('rejects anything but 12 digits', () => {
    const parsed = parseKnownAccounts(['11112222333', 'arn:aws:iam::111122223333:root']);
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual([
      'risks.invalid-account-id',
      'risks.invalid-account-id',
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape.js';
import { terminalSafe } from './terminal-safe.js';

/** Every character terminalSafe must not let through: C0 and C1 controls, line separators, bidi controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe', () => {
  it.each([
    ['role/\u001b[31mred', 'role/\\u001b[31mred'],
    ['two\nlines', 'two\\nlines'],
    ['tab\there', 'tab\\u0009here'],
    ['c1\u009bcontrol', 'c1\\u009bcontrol'],
    ['line\u2028separator', 'line\\u2028separator'],
    ['bidi\u202eoverride\u2066isolate', 'bidi\\u202eoverride\\u2066isolate'],
    ['arn:aws:iam::111122223333:role/orders-api', 'arn:aws:iam::111122223333:role/orders-api'],
  ])('%j is shown as %j', (text, expected) => {
    expect(terminalSafe(text)).toBe(expected);
  });

  it('lets no control character through, and gives text without one back as it is (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const safe = terminalSafe(text);
        expect(safe).not.toMatch(UNSAFE);
        if (!UNSAFE.test(text)) expect(safe).toBe(text);
        expect(escapeHtml(text)).not.toMatch(UNSAFE);
      }),
    );
  });
});

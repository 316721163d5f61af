import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, markdownCode } from './escape.js';

describe('escapeHtml', () => {
  it('neutralises markup from AWS-sourced names', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;',
    );
  });

  it('never lets a tag or an attribute quote through (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
      }),
    );
  });
});

describe('markdownCode', () => {
  it.each([
    ['role/app', '`role/app`'],
    ['a`b', '``a`b``'],
    ['`x`', '`` `x` ``'],
    ['a|b\nc', '`a\\|b c`'],
  ])('%j becomes %j', (text, expected) => {
    expect(markdownCode(text)).toBe(expected);
  });
});

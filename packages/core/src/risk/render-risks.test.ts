import { describe, expect, it } from 'vitest';
import type { Finding } from './finding.js';
import { renderRisks } from './render-risks.js';
import type { RiskReport } from './risk-report.js';

const hostile = 'arn:aws:iam::111122223333:role/<script>alert(1)</script>`|*\u001b[31m';
const findings: Finding[] = [
  {
    id: 'public-access',
    category: 'exposure',
    severity: 'critical',
    principal: '*',
    resource: 'arn:aws:s3:::exports',
    conditional: false,
    message: 'anyone can call s3:GetObject on `arn:aws:s3:::exports` (read-data)',
  },
  {
    id: 'service-wildcard',
    category: 'service-wildcard',
    severity: 'medium',
    principal: hostile,
    conditional: true,
    message: `\`${hostile}\` is granted whole services: \`s3:*\``,
  },
];
const report: RiskReport = {
  findings,
  suppressed: 2,
  expired: [
    { id: 'public-access', resource: hostile, reason: 'partner <b>portal</b>', expires: '2026-01-31' },
  ],
};

describe('renderRisks', () => {
  it('text: worst first, counts, suppressions', () => {
    expect(renderRisks(report, 'text')).toMatchInlineSnapshot(`
      "Risks: 1 critical, 1 medium
      - CRITICAL \`public-access\`: anyone can call s3:GetObject on \`arn:aws:s3:::exports\` (read-data)
          principal \`*\`, resource \`arn:aws:s3:::exports\`
      - MEDIUM \`service-wildcard\` (conditional): \`arn:aws:iam::111122223333:role/<script>alert(1)</script>\`|*\\u001b[31m\` is granted whole services: \`s3:*\`
          principal \`arn:aws:iam::111122223333:role/<script>alert(1)</script>\`|*\\u001b[31m\`

      2 findings suppressed.

      Expired suppression (no longer applied): \`public-access\` resource \`arn:aws:iam::111122223333:role/<script>alert(1)</script>\`|*\\u001b[31m\`, expired 2026-01-31: partner <b>portal</b>
      "
    `);
  });

  it('no escape character reaches the terminal', () => {
    expect(renderRisks(report, 'text')).not.toContain('\u001b');
  });

  it('html: hostile names are escaped', () => {
    const html = renderRisks(report, 'html');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>portal');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('markdown: a hostile name cannot open HTML or break out of its code span', () => {
    const md = renderRisks(report, 'markdown');
    // Outside code spans (whose fence outgrows any backticks inside) nothing is left unescaped.
    const prose = md.replace(/(?<![\\`])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
    expect(prose).not.toMatch(/(^|[^\\])</);
    expect(md).toContain(
      'principal ``arn:aws:iam::111122223333:role/<script>alert(1)</script>`\\|*\\u001b[31m``',
    );
    expect(md).toContain('# Risks: 1 critical, 1 medium');
    expect(md).toContain('\\<b\\>portal\\</b\\>');
  });
});

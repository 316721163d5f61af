import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { RISK_RULES } from '../analyze-risks.js';
import type { Finding } from '../finding.js';
import { renderSarif } from './render-sarif.js';

// The SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it; see fixtures/README.md for its origin.
const schema = JSON.parse(
  readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
);

function validator() {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  return ajv.compile(schema);
}

const findings: Finding[] = [
  {
    id: 'public-access',
    category: 'exposure',
    severity: 'critical',
    principal: '*',
    resource: 'arn:aws:s3:::exports',
    conditional: false,
    message: 'anyone can call s3:GetObject on `arn:aws:s3:::exports`',
  },
  {
    id: 'sts-assume-role',
    category: 'privilege-escalation',
    severity: 'high',
    principal: 'arn:aws:iam::777788889999:role/dev',
    method: 'sts-assume-role',
    path: [
      {
        from: 'arn:aws:iam::777788889999:role/dev',
        to: 'arn:aws:iam::111122223333:role/deploy',
        method: 'sts-assume-role',
        actions: ['sts:AssumeRole'],
      },
    ],
    conditional: true,
    message: 'two hops to administrator',
  },
  {
    id: 'rule-error',
    category: 'rule-error',
    severity: 'high',
    principal: '*',
    resource: 'data-exfiltration',
    conditional: false,
    message: 'rule failed',
  },
];

// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
describe('renderSarif', () => {
  it('is valid against the SARIF 2.1.0 schema', () => {
    const validate = validator();
    const log = renderSarif(
      { findings, suppressed: 1, expired: [] },
      { rules: RISK_RULES, version: '0.1.0', snapshotUri: 'examples/org' },
    );
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(
      validate(
        renderSarif({ findings: [], suppressed: 0, expired: [] }, { rules: RISK_RULES, version: '0.1.0' }),
      ),
    ).toBe(true);
  });

  it('the validator rejects what the schema forbids (it is not vacuous)', () => {
    const validate = validator();
    const log = renderSarif(
      { findings, suppressed: 0, expired: [] },
      { rules: RISK_RULES, version: '0.1.0' },
    );
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const run = log.runs[0];
    expect(
      validate({ ...log, runs: [{ ...run, results: [{ ...run?.results?.[0], level: 'critical' }] }] }),
    ).toBe(false);
  });

  it('has one rule per finding id, with help text, and results pointing at them', () => {
    const log = renderSarif(
      { findings, suppressed: 0, expired: [] },
      { rules: RISK_RULES, version: '0.1.0' },
    );
    const run = log.runs[0];
    const rules = run?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(['public-access', 'rule-error', 'sts-assume-role']);
    expect(rules[0]?.help?.text).toContain('Fix: ');
    expect(rules[0]?.properties?.['security-severity']).toBe('9.5');
    expect(run?.results?.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['public-access', 0, 'error'],
      ['sts-assume-role', 2, 'error'],
      ['rule-error', 1, 'error'],
    ]);
    expect(run?.results?.[1]?.properties?.path).toHaveLength(1);
  });
});

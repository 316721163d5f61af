import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { userEntry } from '../testing/credential-report-entry.js';
import { loadTools, riskSnapshot } from '../testing/risk-snapshot.js';
import { analyzeRisks, RISK_RULES, sortFindings } from './analyze-risks.js';
import type { Finding } from './finding.js';

const docs = readFileSync(new URL('../../../../docs/findings.md', import.meta.url), 'utf8');

const snapshot = () =>
  riskSnapshot({
    '111122223333': {
      roles: [
        { name: 'ci', inline: { p: { Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } } },
      ],
      resources: [
        {
          arn: 'arn:aws:s3:::open',
          type: 'AWS::S3::Bucket',
          policy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::open/*' },
            ],
          },
        },
      ],
    },
  });

describe('analyzeRisks', () => {
  it('runs every rule, worst first', async () => {
    const findings = analyzeRisks(snapshot(), await loadTools());
    expect(findings.map((f) => [f.severity, f.id])).toEqual([
      ['critical', 'public-access'],
      // The privilege-escalation analysis joins the rules: iam:* on * is administrator-equivalent.
      ['critical', 'iam-attach-role-policy'],
      ['critical', 'iam-create-role-and-grant'],
      ['critical', 'iam-put-role-policy'],
      ['critical', 'permissions-management-on-wildcard'],
      ['high', 'credentials-exposure'],
      ['medium', 'service-wildcard'],
      ['medium', 'infrastructure-modification-on-wildcard'],
    ]);
  });

  it('a rule that throws becomes a rule-error finding and the others still run', async () => {
    const broken = {
      id: 'broken',
      run: () => {
        throw new Error('odd input');
      },
    };
    const findings = analyzeRisks(snapshot(), await loadTools(), {
      analyses: [broken],
      rules: ['public-access'],
      escalation: false,
    });
    expect(findings).toEqual([
      expect.objectContaining({ id: 'public-access' }),
      expect.objectContaining({
        id: 'rule-error',
        severity: 'high',
        resource: 'broken',
        message: expect.stringContaining('odd input'),
      }),
    ]);
  });

  it('sorts by severity, then principal, resource and id', () => {
    const f = (id: string, severity: Finding['severity'], principal: string, resource?: string): Finding => ({
      id,
      category: 'exposure',
      severity,
      principal,
      ...(resource ? { resource } : {}),
      conditional: false,
      message: '',
    });
    const sorted = sortFindings([
      f('b', 'low', 'p1'),
      f('a', 'high', 'p2'),
      f('a', 'high', 'p1', 'r2'),
      f('a', 'high', 'p1', 'r1'),
      f('c', 'critical', 'p9'),
    ]);
    expect(sorted.map((x) => `${x.severity} ${x.principal} ${x.resource ?? ''} ${x.id}`)).toEqual([
      'critical p9  c',
      'high p1 r1 a',
      'high p1 r2 a',
      'high p2  a',
      'low p1  b',
    ]);
  });

  it('docs/findings.md documents every rule with the why and fix SARIF shows', () => {
    for (const rule of RISK_RULES) {
      const start = docs.indexOf(`## \`${rule.id}\``);
      expect(start, rule.id).toBeGreaterThan(-1);
      const section = docs.slice(start, docs.indexOf('\n## ', start + 1) >>> 0);
      expect(section, rule.id).toContain(rule.why);
      expect(section, rule.id).toContain(rule.fix);
      expect(section, rule.id).toContain(`severity **${rule.severity}**`);
    }
    expect(docs).toContain('## `rule-error`');
    expect(docs).toContain('## Privilege escalation');
  });

  it('every rule id is its file name', () => {
    for (const rule of RISK_RULES) {
      expect(() => readFileSync(new URL(`./rules/${rule.id}.ts`, import.meta.url))).not.toThrow();
    }
  });
});

describe('analyzeRisks with a credential report', () => {
  // A user that already has a console password cannot be given one: `CreateLoginProfile` fails,
  // so the report turns the escalation into `iam-update-login-profile` (which needs a password).
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html
  const withUser = () =>
    riskSnapshot({
      '111122223333': {
        roles: [
          {
            name: 'helpdesk',
            inline: {
              p: {
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: 'iam:CreateLoginProfile',
                    Resource: 'arn:aws:iam::111122223333:user/*',
                  },
                ],
              },
            },
          },
        ],
        users: [{ name: 'alice', managed: ['arn:aws:iam::aws:policy/AdministratorAccess'] }],
      },
    });
  const loginProfileFindings = (findings: readonly Finding[]) =>
    findings.filter((f) => f.id === 'iam-create-login-profile');

  it('passes the report to the escalation analysis', async () => {
    const tools = await loadTools();
    expect(loginProfileFindings(analyzeRisks(withUser(), tools)).length).toBeGreaterThan(0);
    const withPassword = analyzeRisks(withUser(), tools, {
      credentialReport: [userEntry({ passwordEnabled: true })],
    });
    expect(loginProfileFindings(withPassword)).toEqual([]);
  });
});

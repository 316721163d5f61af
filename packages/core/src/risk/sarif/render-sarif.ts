import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, FindingSeverity } from '../finding.js';
import type { RiskReport } from '../risk-report.js';
import type { RiskRule } from '../rule.js';

/** What the SARIF log says of the run besides the findings. */
export interface SarifOptions {
  /** The rules that ran, for their help text. */
  readonly rules: readonly RiskRule[];
  /** accessloop's version, for `tool.driver.version`. */
  readonly version: string;
  /** The analysed snapshot as a URI reference (a relative path), for each result's physical location. */
  readonly snapshotUri?: string;
  /** Where docs/findings.md is published, for `helpUri` of rules without an AWS page. */
  readonly findingsDocUri?: string;
}

/**
 * GitHub code scanning reads `security-severity` (a CVSS-like score) from a rule's properties:
 * over 9.0 is critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, under 4.0 low.
 *
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#reportingdescriptor-object
 */
const securitySeverity: Record<FindingSeverity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.5',
};

/** SARIF's three levels: critical and high are errors, medium a warning, low and info notes. */
const levels: Record<FindingSeverity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * The findings as a SARIF 2.1.0 log: one run of the `accessloop` driver, one rule per finding id
 * with its help (why it matters, how to fix it: the text of docs/findings.md), one result per
 * finding with its severity as level and `security-severity`, the principal and resource as logical
 * locations, and a stable partial fingerprint (id, principal, resource) so results can be tracked
 * from one snapshot to the next.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
export function renderSarif(report: RiskReport, options: SarifOptions): Log {
  const byId = new Map(options.rules.map((r) => [r.id, r]));
  const ids = [...new Set(report.findings.map((f) => f.id))].sort();
  const worst = new Map<string, FindingSeverity>();
  for (const f of report.findings) if (!worst.has(f.id)) worst.set(f.id, f.severity);
  const rules: ReportingDescriptor[] = ids.map((id) =>
    descriptor(id, byId.get(id), worst.get(id) ?? 'medium', options),
  );
  const index = new Map(ids.map((id, i) => [id, i]));
  const results: Result[] = report.findings.map((f) => result(f, index.get(f.id) ?? 0, options));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'accessloop',
            version: options.version,
            semanticVersion: options.version,
            rules,
          },
        },
        results,
        properties: {
          suppressed: report.suppressed,
          expiredSuppressions: report.expired.map((s) => ({ ...s })),
        },
      },
    ],
  };
}

function descriptor(
  id: string,
  rule: RiskRule | undefined,
  severity: FindingSeverity,
  options: SarifOptions,
): ReportingDescriptor {
  const doc = options.findingsDocUri;
  if (rule) {
    return {
      id,
      name: pascal(id),
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.why },
      help: {
        text: `${rule.why}\n\nFix: ${rule.fix}\n\nSee ${rule.see}`,
        markdown: `${rule.why}\n\n**Fix:** ${rule.fix}\n\nSee [the AWS documentation](${rule.see}).`,
      },
      helpUri: rule.see,
      defaultConfiguration: { level: levels[rule.severity] },
      properties: { tags: ['security', rule.category], 'security-severity': securitySeverity[rule.severity] },
    };
  }
  const escalation = id !== 'rule-error';
  const text = escalation
    ? `privilege escalation by \`${id}\` (a method of the privilege-escalation reference): the principal can gain permissions it was not given, up to administrator`
    : 'a risk rule failed on this snapshot, so its findings are missing';
  const fix = escalation
    ? 'Remove one permission the method needs, or limit it to resources that do not lead to more privilege (iam:PassRole with iam:PassedToService and named roles, permissions boundaries on created roles).'
    : 'Report the failure with the rule named in the result; run the other rules meanwhile.';
  return {
    id,
    name: pascal(id),
    shortDescription: { text },
    help: { text: `${text}\n\nFix: ${fix}`, markdown: `${text}\n\n**Fix:** ${fix}` },
    ...(doc ? { helpUri: `${doc}#${escalation ? 'privilege-escalation' : 'rule-error'}` } : {}),
    defaultConfiguration: { level: levels[severity] },
    properties: {
      tags: ['security', escalation ? 'privilege-escalation' : 'rule-error'],
      'security-severity': securitySeverity[severity],
    },
  };
}

function result(f: Finding, ruleIndex: number, options: SarifOptions): Result {
  const logical = [
    { fullyQualifiedName: f.principal, kind: 'principal' },
    ...(f.resource !== undefined ? [{ fullyQualifiedName: f.resource, kind: 'resource' }] : []),
  ];
  return {
    ruleId: f.id,
    ruleIndex,
    level: levels[f.severity],
    message: { text: f.message },
    locations: [
      {
        ...(options.snapshotUri !== undefined
          ? { physicalLocation: { artifactLocation: { uri: options.snapshotUri } } }
          : {}),
        logicalLocations: logical,
      },
    ],
    partialFingerprints: { 'accessloopFinding/v1': `${f.id}|${f.principal}|${f.resource ?? ''}` },
    properties: {
      category: f.category,
      severity: f.severity,
      conditional: f.conditional,
      ...(f.method !== undefined ? { method: f.method } : {}),
      ...(f.path !== undefined ? { path: f.path.map((h) => ({ ...h, actions: [...h.actions] })) } : {}),
    },
  };
}

function pascal(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

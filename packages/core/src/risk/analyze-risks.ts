import type { WhoCanTools } from '../access/who-can.js';
import type { Snapshot } from '../snapshot/model.js';
import { type Finding, SEVERITIES } from './finding.js';
import { type EscalationOptions, findEscalations } from './privesc/find-escalations.js';
import { compare, createRiskContext, type RiskContext, type RiskOptions } from './risk-context.js';
import type { RiskRule } from './rule.js';
import { credentialsExposure } from './rules/credentials-exposure.js';
import { crossAccountTrustWithoutExternalId } from './rules/cross-account-trust-without-external-id.js';
import { dataExfiltration } from './rules/data-exfiltration.js';
import { externalAccountAccess } from './rules/external-account-access.js';
import { infrastructureModificationOnWildcard } from './rules/infrastructure-modification-on-wildcard.js';
import { oidcTrustWithoutSubject } from './rules/oidc-trust-without-subject.js';
import { permissionsManagementOnWildcard } from './rules/permissions-management-on-wildcard.js';
import { publicAccess } from './rules/public-access.js';
import { serviceWildcard } from './rules/service-wildcard.js';

/** Every risk rule besides privilege escalation, in the order docs/findings.md lists them. */
export const RISK_RULES: readonly RiskRule[] = [
  publicAccess,
  externalAccountAccess,
  crossAccountTrustWithoutExternalId,
  oidcTrustWithoutSubject,
  dataExfiltration,
  credentialsExposure,
  permissionsManagementOnWildcard,
  infrastructureModificationOnWildcard,
  serviceWildcard,
];

/** What {@link analyzeRisks} takes besides the snapshot and its tools. */
export interface AnalyzeRisksOptions extends RiskOptions, EscalationOptions {
  /** Only these rule ids (default: all). */
  readonly rules?: readonly string[];
  /** Whether to run the privilege-escalation analysis (`findEscalations`) too; default true. */
  readonly escalation?: boolean;
  /** Further analyses whose findings join the rules', each guarded like a rule: a crash becomes a `rule-error` finding. */
  readonly analyses?: readonly { readonly id: string; run(context: RiskContext): readonly Finding[] }[];
}

/**
 * Runs every risk rule on a snapshot, each decided by the evaluation engine, and returns the
 * findings worst first (then by principal, resource and id). A rule that throws on odd input
 * becomes one `rule-error` finding naming it, and the others still run.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * @see https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/permissions-management.html
 */
export function analyzeRisks(
  snapshot: Snapshot,
  tools: WhoCanTools,
  options: AnalyzeRisksOptions = {},
): Finding[] {
  const context = createRiskContext(snapshot, tools, options);
  const wanted = options.rules ? new Set(options.rules) : undefined;
  const runs = [
    ...RISK_RULES.filter((r) => !wanted || wanted.has(r.id)),
    ...(options.escalation === false ? [] : [privilegeEscalation(options)]),
    ...(options.analyses ?? []),
  ];
  const findings: Finding[] = [];
  for (const rule of runs) {
    try {
      findings.push(...rule.run(context));
    } catch (e) {
      findings.push(ruleError(rule.id, e));
    }
  }
  return sortFindings(findings);
}

/** The privilege-escalation analysis of `risk/privesc/`, as one more guarded analysis. */
function privilegeEscalation(options: EscalationOptions) {
  return {
    id: 'privilege-escalation',
    run(context: RiskContext): readonly Finding[] {
      const analysis = findEscalations(context.snapshot, context.tools, undefined, {
        ...(options.credentialReport ? { credentialReport: options.credentialReport } : {}),
      });
      if (!analysis.ok) throw new Error(analysis.diagnostics.map((d) => d.message).join('; '));
      return analysis.value.findings;
    },
  };
}

/** The finding that stands for a rule that crashed. */
export function ruleError(ruleId: string, failure: unknown): Finding {
  const message = failure instanceof Error ? failure.message : String(failure);
  return {
    id: 'rule-error',
    category: 'rule-error',
    severity: 'high',
    principal: '*',
    resource: ruleId,
    conditional: false,
    message: `rule \`${ruleId}\` failed, so its findings are missing: ${message}; report it`,
  };
}

/** Worst first, then by principal, resource, id and message: the order of every report. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      compare(a.principal, b.principal) ||
      compare(a.resource ?? '', b.resource ?? '') ||
      compare(a.id, b.id) ||
      compare(a.message, b.message),
  );
}

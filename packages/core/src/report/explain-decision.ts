import type { EvaluationResult, MissingAllow, PolicyType, Reason, RequestInput } from '../evaluate/types.js';
import { terminalSafe } from './terminal-safe.js';

const policyTypeNames: Record<PolicyType, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  permissionBoundary: 'permissions boundary',
  scp: 'service control policy',
  rcp: 'resource control policy',
  session: 'session policy',
};

/**
 * Explains a decision in plain words, for the terminal: what was asked, the outcome, the
 * statements that decided it (or the policy types that had no allowing statement), and the
 * context keys the policies read but the request did not give. Untrusted text is made
 * terminal-safe.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function explainDecision(request: RequestInput, result: EvaluationResult): string {
  const who = code(request.principal);
  const what = `${code(request.action)} on ${code(request.resource)}`;
  const lines: string[] = [];
  switch (result.decision) {
    case 'Allowed':
      lines.push(`Allowed: ${who} can call ${what}.`);
      lines.push(...result.reasons.map((r) => `  allowed by ${describeReason(r)}`));
      break;
    case 'ExplicitlyDenied':
      lines.push(
        `Explicitly denied: ${who} cannot call ${what}; a Deny statement matches, and a Deny always wins.`,
      );
      lines.push(...result.reasons.map((r) => `  denied by ${describeReason(r)}`));
      break;
    case 'ImplicitlyDenied':
      lines.push(
        `Implicitly denied: ${who} cannot call ${what}; no Deny matches, but a required Allow is missing.`,
      );
      lines.push(...result.missingAllows.map((gap) => `  ${describeGap(gap)}`));
      break;
  }
  if (result.missingContextKeys.length > 0) {
    lines.push(
      `  context keys the policies read but the request did not give (evaluated as absent): ${result.missingContextKeys
        .map(code)
        .join(', ')}`,
    );
  }
  return lines.join('\n');
}

function describeReason(reason: Reason): string {
  const sid = reason.sid !== undefined ? ` (Sid ${code(reason.sid)})` : '';
  return `statement ${reason.statement}${sid} of ${policyTypeNames[reason.policyType]} ${code(reason.policy)}`;
}

function describeGap(gap: MissingAllow): string {
  switch (gap.policyType) {
    case 'scp':
      return `no service control policy at ${code(gap.orgIdentifier ?? '')} allows it (every level from the root to the account must)`;
    case 'resource':
      return 'no resource-based policy statement grants it to this principal (needed across accounts, and always for KMS keys and role trust)';
    case 'identity':
      return 'no identity-based policy allows it';
    case 'permissionBoundary':
      return 'the permissions boundary does not allow it';
    case 'session':
      return 'the session policy does not allow it';
    case 'rcp':
      return 'no resource control policy allows it';
  }
}

function code(text: string): string {
  return `\`${terminalSafe(text)}\``;
}

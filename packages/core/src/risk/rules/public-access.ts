import { capabilitiesFor } from '../../capability/capability-map.js';
import type { Finding } from '../finding.js';
import { grantedActions, outsiderReach, policyHolders, someActions } from '../private/outsiders.js';
import type { RiskRule } from '../rule.js';

/**
 * `public-access`: a resource policy or trust policy whose `"Principal": "*"` lets anyone call
 * actions on the resource, decided by the engine as an anonymous caller with every policy of the
 * snapshot applied (RCPs, Denies, conditions). A condition on who or where the caller is
 * (`aws:PrincipalOrgID`, `aws:SourceVpce`, `aws:SourceArn`, ...) makes it not public; any other
 * unknown condition makes the finding conditional.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html
 */
export const publicAccess: RiskRule = {
  id: 'public-access',
  category: 'exposure',
  severity: 'critical',
  title: 'a resource or role that anyone on the internet can reach',
  why: 'A policy statement with `"Principal": "*"` and no condition on who the caller is lets any AWS account, or an anonymous caller, use the resource: read or change its data, invoke it, or assume the role.',
  fix: 'Name the principals that need access, or add a condition that restricts the caller (`aws:PrincipalOrgID`, `aws:SourceVpce`, `aws:SourceArn`); for S3, turn on Block Public Access for the account.',
  see: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html',
  run(context) {
    const findings: Finding[] = [];
    for (const holder of policyHolders(context)) {
      const statements = holder.allows.filter((s) => s.principal?.wildcard === true);
      if (statements.length === 0) continue;
      const pairs = grantedActions(context, holder.arn, statements).filter(
        (p) => !holder.role || p.action.toLowerCase().startsWith('sts:'),
      );
      const reach = outsiderReach(context, 'anonymous', pairs);
      if (!reach) continue;
      const capabilities = [...new Set(reach.actions.flatMap((a) => capabilitiesFor(a)))].sort();
      findings.push({
        id: 'public-access',
        category: 'exposure',
        severity: capabilities.some((c) => c !== 'read-config') ? 'critical' : 'high',
        principal: '*',
        resource: holder.arn,
        conditional: reach.conditional,
        message: `anyone can call ${someActions(reach.actions)} on \`${holder.arn}\` (${capabilities.join(', ')})${reach.conditional ? `, depending on ${reach.keys.join(', ')}` : ''}`,
      });
    }
    return findings;
  },
};

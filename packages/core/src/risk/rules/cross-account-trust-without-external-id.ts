import type { Finding } from '../finding.js';
import { accountOfPrincipal, outsidePrincipals, outsiderReach, policyHolders } from '../private/outsiders.js';
import type { RiskRule } from '../rule.js';

/**
 * `cross-account-trust-without-external-id`: a role whose trust policy lets an account outside
 * the organisation (and outside the known accounts) call `sts:AssumeRole` without `sts:ExternalId`
 * or another condition on who the caller is: the confused-deputy problem. Decided by the engine
 * with the external id unknown: a trust that allows whatever it is has no external id check.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
 */
export const crossAccountTrustWithoutExternalId: RiskRule = {
  id: 'cross-account-trust-without-external-id',
  category: 'exposure',
  severity: 'high',
  title: 'a role that an account outside the organisation can assume without an external id',
  why: "A third party that assumes roles in its customers' accounts can be tricked by another of its customers into assuming yours (the confused deputy); without `sts:ExternalId` nothing tells the requests apart.",
  fix: 'Add `"Condition": {"StringEquals": {"sts:ExternalId": "<the id the vendor gives you>"}}` to the trust statement, and trust the vendor\'s role ARN rather than its whole account.',
  see: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
  run(context) {
    const findings: Finding[] = [];
    for (const holder of policyHolders(context)) {
      if (!holder.role) continue;
      for (const principal of outsidePrincipals(context, holder.allows)) {
        const account = accountOfPrincipal(principal) as string;
        const reach = outsiderReach(context, principal, [{ action: 'sts:AssumeRole', resource: holder.arn }]);
        if (!reach) continue;
        findings.push({
          id: 'cross-account-trust-without-external-id',
          category: 'exposure',
          severity: 'high',
          principal,
          resource: holder.arn,
          conditional: reach.conditional,
          message: `\`${principal}\` (account ${account}, outside the organisation) can assume \`${holder.arn}\` without an external id${reach.conditional ? `, depending on ${reach.keys.join(', ')}` : ''}`,
        });
      }
    }
    return findings;
  },
};

import { capabilitiesFor } from '../../capability/capability-map.js';
import type { Finding } from '../finding.js';
import {
  accountOfPrincipal,
  grantedActions,
  outsidePrincipals,
  outsiderReach,
  policyHolders,
  someActions,
} from '../private/outsiders.js';
import type { RiskRule } from '../rule.js';

/**
 * `external-account-access`: a resource policy that lets an account outside the organisation (and
 * outside the known accounts) use the resource, decided by the engine for that account's
 * principals with every policy of the snapshot applied: an RCP that denies outsiders, a Deny or a
 * restricting condition means no finding. Role trust policies are the business of
 * `cross-account-trust-without-external-id`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html
 */
export const externalAccountAccess: RiskRule = {
  id: 'external-account-access',
  category: 'exposure',
  severity: 'high',
  title: 'a resource that an account outside the organisation can use',
  why: 'Whoever administers the other account decides which of its principals use the resource: its data, its keys, its secrets leave your control, and an incident there becomes yours.',
  fix: 'Remove the statement, or grant only the actions needed to a named role of the other account with a condition (`aws:PrincipalArn`, `kms:ViaService`); if the account is a known partner, list it in `--known-accounts`.',
  see: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html',
  run(context) {
    const findings: Finding[] = [];
    for (const holder of policyHolders(context)) {
      if (holder.role) continue;
      for (const principal of outsidePrincipals(context, holder.allows)) {
        const account = accountOfPrincipal(principal) as string;
        const statements = holder.allows.filter((st) =>
          st.principal?.aws.some((aws) => aws === principal || aws === account),
        );
        const reach = outsiderReach(context, principal, grantedActions(context, holder.arn, statements));
        if (!reach) continue;
        const capabilities = [...new Set(reach.actions.flatMap((a) => capabilitiesFor(a)))].sort();
        findings.push({
          id: 'external-account-access',
          category: 'exposure',
          severity: 'high',
          principal,
          resource: holder.arn,
          conditional: reach.conditional,
          message: `\`${principal}\` (account ${account}, outside the organisation) can call ${someActions(reach.actions)} on \`${holder.arn}\` (${capabilities.join(', ')})${reach.conditional ? `, depending on ${reach.keys.join(', ')}` : ''}`,
        });
      }
    }
    return findings;
  },
};

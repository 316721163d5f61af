import { parsePolicy } from '../../policy/parse-policy.js';
import type { Finding } from '../finding.js';
import { findingsPerPrincipal, wildcardServices } from '../private/identity-actions.js';
import type { RiskRule } from '../rule.js';

/**
 * `service-wildcard`: an identity-based Allow statement whose `Action` is a whole service (`s3:*`)
 * or everything (`*`), and that really grants the principal actions of it: the engine finds some
 * of the service's actions in its effective access (a Deny or an SCP may have removed them all).
 * A wildcard grants every action the service adds later, too.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export const serviceWildcard: RiskRule = {
  id: 'service-wildcard',
  category: 'service-wildcard',
  severity: 'medium',
  title: 'a policy that grants every action of a service (`s3:*`) or of every service (`*`)',
  why: 'A service wildcard grants the destructive and permission-changing actions along with the ones the workload needs, and every action AWS adds to the service later.',
  fix: 'List the actions the principal uses (from CloudTrail: `accessloop generate`), or at least the access levels it needs (`s3:Get*`, `s3:PutObject`).',
  see: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
  run(context) {
    return findingsPerPrincipal(context, (principal): Finding | undefined => {
      const side = context.principalSide(principal);
      if (!side) return undefined;
      const wildcards = new Map<string, Set<string>>(); // pattern -> policy names
      for (const { name, policy } of side.identityPolicies) {
        const parsed = parsePolicy(policy);
        if (!parsed.ok) continue;
        for (const statement of parsed.value.statements) {
          if (statement.effect !== 'Allow') continue;
          for (const pattern of statement.action ?? []) {
            const lower = pattern.toLowerCase();
            if (lower === '*' || /^[a-z0-9-]+:\*$/.test(lower)) {
              wildcards.set(lower, (wildcards.get(lower) ?? new Set()).add(name));
            }
          }
        }
      }
      if (wildcards.size === 0) return undefined;
      const granted = new Map<string, boolean>(); // service -> conditional only
      const note = (action: string, conditional: boolean) => {
        const service = action.slice(0, action.indexOf(':')).toLowerCase();
        if (granted.get(service) !== false) granted.set(service, conditional);
      };
      for (const grant of context.accessOf(principal)?.grants ?? [])
        for (const action of grant.actions) note(action, grant.conditional);
      for (const level of ['Write', 'Permissions management'] as const)
        for (const g of wildcardServices(context, principal, level)) note(`${g.service}:`, g.conditional);
      const live: string[] = [];
      let certain = false;
      for (const [pattern, policies] of [...wildcards].sort()) {
        const service = pattern === '*' ? undefined : pattern.slice(0, -2);
        const states = service === undefined ? [...granted.values()] : [granted.get(service)];
        if (!states.some((s) => s !== undefined)) continue;
        certain ||= states.includes(false);
        live.push(`\`${pattern}\` (${[...policies].sort().join(', ')})`);
      }
      if (live.length === 0) return undefined;
      return {
        id: 'service-wildcard',
        category: 'service-wildcard',
        severity: wildcards.has('*') && live.some((l) => l.startsWith('`*`')) ? 'high' : 'medium',
        principal,
        conditional: !certain,
        message: `\`${principal}\` is granted whole services: ${live.join(', ')}`,
      };
    });
  },
};

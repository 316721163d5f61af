import type { PrincipalAccess } from '../../access/access-of.js';
import type { UsedAction } from '../../usage/usage.js';
import type { Finding } from '../finding.js';
import { PERMISSION_ONLY_ACTIONS, serviceOf } from './unused-service.js';

/** How many unused actions a message names before it says "and N more". */
const NAMED = 8;

/**
 * `unused-action`: in a service a principal did use, the actions it can call and never called.
 * Only services with action-level observations count: CloudTrail events, or Access Advisor's
 * tracked actions (action-level data exists for a few services only; a service known only as
 * `service:*` proves nothing about its actions). Call it only for a principal the usage covers.
 * One finding per service.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed-action-last-accessed.html
 */
export function findUnusedActions(
  access: PrincipalAccess,
  used: readonly UsedAction[],
  principalName: string,
): Finding[] {
  const usedActions = new Map<string, Set<string>>();
  for (const u of used) {
    if (u.action.endsWith(':*')) continue;
    const service = serviceOf(u.action);
    const known = usedActions.get(service) ?? new Set<string>();
    known.add(u.action.toLowerCase());
    usedActions.set(service, known);
  }
  const unused = new Map<string, { actions: Set<string>; conditional: boolean }>();
  for (const grant of access.grants) {
    for (const action of grant.actions) {
      const service = serviceOf(action);
      const seen = usedActions.get(service);
      if (seen === undefined) continue;
      const entry = unused.get(service) ?? { actions: new Set<string>(), conditional: true };
      unused.set(service, entry);
      if (seen.has(action.toLowerCase()) || PERMISSION_ONLY_ACTIONS.has(action.toLowerCase())) continue;
      entry.actions.add(action);
      entry.conditional &&= grant.conditional;
    }
  }
  const findings: Finding[] = [];
  for (const service of [...unused.keys()].sort()) {
    const { actions, conditional } = unused.get(service) as { actions: Set<string>; conditional: boolean };
    if (actions.size === 0) continue;
    const list = [...actions].sort();
    const named = list
      .slice(0, NAMED)
      .map((a) => `\`${a}\``)
      .join(', ');
    const more = list.length > NAMED ? ` and ${list.length - NAMED} more` : '';
    findings.push({
      id: 'unused-action',
      category: 'unused-access',
      severity: 'info',
      principal: access.principal,
      conditional,
      message: `\`${principalName}\` uses \`${service}\` but never called ${list.length} of the actions it can call there: ${named}${more}`,
    });
  }
  return findings;
}

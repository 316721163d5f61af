import type { EscalationMethod, MethodHit } from '../method.js';
import { grantsEverything, groupDocuments } from './self-edit.js';

/**
 * A user adds itself to a group with more access than it has.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddUserToGroup.html
 */
export const iamAddUserToGroup: EscalationMethod = {
  id: 'iam-add-user-to-group',
  table: 'A',
  needs: [['iam:AddUserToGroup']],
  detect: (c) => {
    if (c.node.kind !== 'user') return [];
    const mine = c.node.user?.groups ?? [];
    const hits: MethodHit[] = [];
    for (const group of c.node.account.groups) {
      if (mine.includes(group.name) || !c.isMorePrivileged(group.arn)) continue;
      const check = c.attacker.check('iam:AddUserToGroup', group.arn);
      if (check.outcome === 'Denied') continue;
      hits.push({
        to: c.node.arn,
        check,
        grantsAdmin: grantsEverything((d) => c.env.parse(d), groupDocuments(c.node.account, group)),
        via: group.arn,
        description: `add itself to group ${group.name}`,
      });
    }
    return hits;
  },
};

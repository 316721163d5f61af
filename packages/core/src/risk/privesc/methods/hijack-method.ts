/**
 * Table D: methods that take over a resource of the inventory that already runs as a role (a
 * function, stack, project, instance...). The target is the role, reached through the resource;
 * it must hold more than the attacker. Each permission is decided on the resource itself when the
 * service authorises the action against that resource type, else on a resource the attacker names
 * (a new layer, launch template version, lifecycle configuration...).
 *
 * When the attacker's account has no resource of the method's types in its inventory, the method
 * is reported as possible if such a resource exists, at lower severity and with no graph edge.
 *
 * @see https://hackingthe.cloud/aws/exploitation/iam_privilege_escalation/
 */
import type { EscalationMethod, MethodContext, MethodHit } from '../method.js';
import { maxTargetsPerMethod } from '../method.js';
import { decideNeeds } from '../principal-checker.js';
import type { PermissionCheck } from '../types.js';

/** The data of one table D method. */
export interface HijackMethodData {
  readonly id: string;
  /** Alternatives of conjunctions, as in `EscalationMethod.needs`. */
  readonly needs: readonly (readonly string[])[];
  /** The CloudFormation types of the resources it hijacks (`AWS::Lambda::Function`). */
  readonly resourceTypes: readonly string[];
  /** Plain language, completed with the resource: `change the code of`. */
  readonly doing: string;
}

/** Builds a table D method from its data. */
export function hijackMethod(data: HijackMethodData): EscalationMethod {
  return {
    id: data.id,
    table: 'D',
    needs: data.needs,
    resourceTypes: data.resourceTypes,
    detect: (c) => detectHijack(c, data),
  };
}

function detectHijack(c: MethodContext, data: HijackMethodData): MethodHit[] {
  const account = c.node.account.id;
  const hits: MethodHit[] = [];
  let inventory = false;
  let evaluated = 0;
  for (const type of data.resourceTypes) {
    if (c.env.hasInventoryOf(account, type)) inventory = true;
    for (const { resource, roleArn } of c.env.runningResources(account, type)) {
      if (evaluated >= maxTargetsPerMethod) return hits;
      if (roleArn === c.node.arn || !c.isMorePrivileged(roleArn)) continue;
      evaluated++;
      const check = needsOn(c, data, resource.arn);
      if (check.outcome === 'Denied') continue;
      const role = c.env.principalByArn.get(roleArn);
      hits.push({
        to: roleArn,
        check,
        grantsAdmin: false,
        via: resource.arn,
        description: `${data.doing} ${resource.arn}, which runs as role ${role?.name ?? roleArn}`,
      });
    }
  }
  if (!inventory) {
    const check = needsOn(c, data, undefined);
    if (check.outcome !== 'Denied') {
      hits.push({
        to: c.node.arn,
        check,
        grantsAdmin: false,
        possible: true,
        description: `${data.doing} a resource of type ${data.resourceTypes.join(' or ')} that runs as a more privileged role, if one exists (the inventory has none)`,
      });
    }
  }
  return hits;
}

/** The method's permissions on one resource (or on any, when `resourceArn` is undefined). */
function needsOn(c: MethodContext, data: HijackMethodData, resourceArn: string | undefined): PermissionCheck {
  const on = (action: string): PermissionCheck => {
    if (resourceArn === undefined) return c.attacker.checkNew(action);
    const applies = c.env.tools.resourceTypes
      .actionsForArn(resourceArn)
      .some((info) => info.action.toLowerCase() === action.toLowerCase());
    return applies ? c.attacker.check(action, resourceArn) : c.attacker.checkNew(action);
  };
  return decideNeeds(data.needs, on);
}

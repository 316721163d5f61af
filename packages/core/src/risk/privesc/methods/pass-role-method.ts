/**
 * Table C: methods that pass a privileged role to new compute. Each needs its own permissions
 * (on resources the attacker creates and names), `iam:PassRole` on the target role with
 * `iam:PassedToService` set to the service, and the target role's trust policy must let that
 * service assume it (decided by the engine with the service as the caller).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService
 */
import type { EscalationMethod, MethodContext, MethodHit } from '../method.js';
import { maxTargetsPerMethod } from '../method.js';
import { allOf, decideNeeds } from '../principal-checker.js';
import type { PermissionCheck } from '../types.js';

/** The data of one table C method. */
export interface PassRoleMethodData {
  readonly id: string;
  /** Besides `iam:PassRole`: alternatives of conjunctions, as in `EscalationMethod.needs`. */
  readonly needs: readonly (readonly string[])[];
  /** The service principals the role can be passed to; one that the role trusts is enough. */
  readonly services: readonly string[];
  /** Plain language, completed with the role name: `create a Lambda function as role`. */
  readonly doing: string;
  /** EC2 methods that use an instance profile the role already has. */
  readonly needsInstanceProfile?: boolean;
}

/** Builds a table C method from its data. */
export function passRoleMethod(data: PassRoleMethodData): EscalationMethod {
  return {
    id: data.id,
    table: 'C',
    needs: data.needs,
    services: data.services,
    detect: (c) => detectPassRole(c, data),
  };
}

function detectPassRole(c: MethodContext, data: PassRoleMethodData): MethodHit[] {
  const own = decideNeeds(data.needs, (action) => c.attacker.checkNew(action));
  if (own.outcome === 'Denied') return [];
  const hits: MethodHit[] = [];
  const account = c.node.account.id;
  const seen = new Set<string>();
  let evaluated = 0;
  for (const service of data.services) {
    for (const role of c.env.rolesTrustingService(account, service)) {
      if (evaluated >= maxTargetsPerMethod) return hits;
      if (role.arn === c.node.arn || seen.has(role.arn)) continue;
      if (!c.attacker.mayAllowOn('iam:PassRole', role.arn) || !c.isMorePrivileged(role.arn)) continue;
      if (data.needsInstanceProfile && role.instanceProfiles.length === 0) continue;
      evaluated++;
      const trust = c.env.serviceCanAssume(role, account, service);
      if (trust.outcome === 'Denied') continue;
      const pass = c.attacker.check('iam:PassRole', role.arn, { 'iam:PassedToService': service });
      if (pass.outcome === 'Denied') continue;
      seen.add(role.arn);
      // The trust policy decides, but the granting statements reported are the attacker's.
      const trustOutcome: PermissionCheck = { ...trust, reasons: [], actions: [] };
      hits.push({
        to: role.arn,
        check: allOf([own, pass, trustOutcome]),
        grantsAdmin: false,
        description: `pass role ${role.name} to ${service} and ${data.doing}`,
      });
    }
  }
  return hits;
}

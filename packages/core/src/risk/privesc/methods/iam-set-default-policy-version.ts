import type { PrincipalSide } from '../../../access/simulate-input-for.js';
import type { NamedPolicyInput } from '../../../evaluate/types.js';
import type { Statement } from '../../../policy/types.js';
import type { ManagedPolicy, PolicyVersion } from '../../../snapshot/model.js';
import type { EscalationMethod, MethodContext, MethodHit } from '../method.js';
import { allOf, type PrincipalChecker } from '../principal-checker.js';
import type { Outcome, PermissionCheck } from '../types.js';
import { grantsEverything, ownCustomerPolicies, ownPolicyEdit } from './self-edit.js';

/**
 * At most this many requests are compared per stored version; a version whose statements name
 * more (a `NotAction` statement, say) without a gain among the first ones is reported as possible.
 */
export const maxVersionRequests = 2000;

const rank: Record<Outcome, number> = { Allowed: 2, Conditional: 1, Denied: 0 };

/**
 * The attacker makes a stored, non-default version of a customer managed policy attached to
 * itself or to one of its groups the default: IAM then evaluates that version instead (also where
 * the same policy is its permissions boundary). A customer managed policy keeps up to five
 * versions. A finding only when some version is more permissive for the
 * attacker, decided by the engine with the version in place of the default (every other policy,
 * Deny, boundary and SCP unchanged):
 *
 * - it lets the attacker rewrite its own permissions (the table A edits), which it cannot now:
 *   administrator-equivalent unless its boundary limits it; or
 * - some request is allowed (or conditionally allowed) with the version that is denied now (or
 *   allowed with a condition only now). The requests compared are the ones the statements can
 *   change: each action the version's Allow statements grant (their `Action` patterns expanded
 *   through the catalog, every action but the excluded ones for `NotAction`) on each of their
 *   `Resource` entries taken as the resource, and the same for the current default's Deny
 *   statements, which the version drops. At most `maxVersionRequests` per version; beyond that,
 *   without a gain found, the hit is `possible`.
 *
 * The first version that grants administrator wins, else the first with a gain (by version
 * number); its id is in the description. A snapshot without the stored versions (`otherVersions`
 * absent) gives a `possible` hit, as no version can be compared.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetDefaultPolicyVersion.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
 */
export const iamSetDefaultPolicyVersion: EscalationMethod = {
  id: 'iam-set-default-policy-version',
  table: 'A',
  needs: [['iam:SetDefaultPolicyVersion']],
  detect: (c) => {
    const hits: MethodHit[] = [];
    const byArn = new Map(c.node.account.managedPolicies.map((p) => [p.arn, p]));
    for (const arn of ownCustomerPolicies(c.node)) {
      const policy = byArn.get(arn);
      const versions = policy?.otherVersions;
      if (!policy || versions?.length === 0) continue;
      const set = c.attacker.check('iam:SetDefaultPolicyVersion', arn);
      if (set.outcome === 'Denied') continue;
      if (versions === undefined) {
        hits.push(
          possibleHit(
            c,
            set,
            arn,
            'make a more permissive stored version of a policy attached to itself the default',
          ),
        );
        continue;
      }
      const hit = bestVersion(c, policy, versions, set);
      if (hit) hits.push(hit);
    }
    return hits;
  },
};

function possibleHit(c: MethodContext, check: PermissionCheck, via: string, description: string): MethodHit {
  return { to: c.node.arn, check, grantsAdmin: false, via, possible: true, description };
}

/** The hit of the first version that grants administrator, else of the first with a gain. */
function bestVersion(
  c: MethodContext,
  policy: ManagedPolicy,
  versions: readonly PolicyVersion[],
  set: PermissionCheck,
): MethodHit | undefined {
  const editNow = ownPolicyEdit(c.node, c.attacker);
  let first: MethodHit | undefined;
  for (const version of versions) {
    const after = c.attacker.withSide(swapped(c.attacker.side, policy.arn, version.document));
    const edit = ownPolicyEdit(c.node, after);
    const what = `make version ${version.versionId} of ${policy.name} (attached to it or its groups) the default`;
    if (rank[edit.outcome] > rank[editNow.outcome]) {
      const unbounded =
        after.side.permissionBoundaries.length === 0 ||
        grantsEverything(
          (d) => c.env.parse(d),
          after.side.permissionBoundaries.map((b) => b.policy),
        );
      const hit: MethodHit = {
        to: c.node.arn,
        check: allOf([set, edit]),
        grantsAdmin: unbounded,
        via: policy.arn,
        description: unbounded
          ? `${what}, then rewrite its own permissions`
          : `${what}, then rewrite its own permissions within its permissions boundary`,
      };
      if (unbounded) return hit;
      first ??= hit;
      continue;
    }
    if (first) continue;
    const gain = firstGain(c, c.attacker, after, version.document, policy.document);
    if (gain === 'unknown') {
      first = possibleHit(c, set, policy.arn, `${what}, which may grant more than it has now`);
    } else if (gain) {
      first = {
        to: c.node.arn,
        check: allOf([set, gain.check]),
        grantsAdmin: false,
        via: policy.arn,
        description: `${what}, gaining ${gain.check.actions[0]} on ${gain.resource}`,
      };
    }
  }
  return first;
}

/** The principal's policies with `document` in place of the managed policy `arn`, wherever it applies. */
function swapped(side: PrincipalSide, arn: string, document: unknown): PrincipalSide {
  const swap = (list: readonly NamedPolicyInput[]) =>
    list.map((p) => (p.name === arn ? { name: p.name, policy: document } : p));
  return {
    ...side,
    identityPolicies: swap(side.identityPolicies),
    permissionBoundaries: swap(side.permissionBoundaries),
  };
}

/**
 * The first request allowed after and not (as well) before: over the version's Allow statements
 * and the current document's Deny statements, `'unknown'` when they name more than
 * `maxVersionRequests` requests without a gain among them.
 */
function firstGain(
  c: MethodContext,
  before: PrincipalChecker,
  after: PrincipalChecker,
  version: unknown,
  current: unknown,
): { check: PermissionCheck; resource: string } | 'unknown' | undefined {
  const statements = [
    ...(c.env.parse(version)?.statements ?? []).filter((s) => s.effect === 'Allow'),
    ...(c.env.parse(current)?.statements ?? []).filter((s) => s.effect === 'Deny'),
  ];
  let budget = maxVersionRequests;
  const seen = new Set<string>();
  for (const statement of statements) {
    const resources = statement.resource && !statement.notResource ? statement.resource : ['*'];
    for (const action of actionsOf(c, statement)) {
      for (const pattern of resources) {
        const resource = pattern.replaceAll('${aws:username}', c.node.name);
        const key = `${action}\u0000${resource}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (budget-- === 0) return 'unknown';
        const now = after.decide(action, resource);
        if (now.outcome === 'Denied') continue;
        if (rank[now.outcome] > rank[before.decide(action, resource).outcome])
          return { check: now, resource };
      }
    }
  }
  return undefined;
}

/** The actions a statement names: its `Action` patterns expanded, or every action its `NotAction` leaves. */
function actionsOf(c: MethodContext, statement: Statement): string[] {
  const { catalog } = c.env.tools;
  if (statement.action)
    return statement.action.flatMap((p) => catalog.expandActionPattern(p).map((i) => i.action));
  const excluded = new Set(
    (statement.notAction ?? []).flatMap((p) => catalog.expandActionPattern(p).map((i) => i.action)),
  );
  return catalog
    .expandActionPattern('*')
    .map((i) => i.action)
    .filter((a) => !excluded.has(a));
}

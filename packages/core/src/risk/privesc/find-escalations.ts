import { principalSideOf } from '../../access/simulate-input-for.js';
import type { WhoCanTools } from '../../access/who-can.js';
import { type Diagnostic, fail, ok, type Result } from '../../diagnostics/diagnostic.js';
import type { Reason } from '../../evaluate/types.js';
import type { Snapshot } from '../../snapshot/model.js';
import type { CredentialReportEntry } from '../../usage/credential-report.js';
import type { Finding, FindingSeverity } from '../finding.js';
import { compare, EscalationEnv, type PrincipalNode } from './escalation-env.js';
import { escalationPaths } from './escalation-paths.js';
import { type EscalationMethod, type MethodContext, type MethodHit, mayNeed } from './method.js';
import { ESCALATION_METHODS } from './methods/index.js';
import { grantsEverything, groupDocuments } from './methods/self-edit.js';
import { PrincipalChecker } from './principal-checker.js';
import { PrivilegeProfiles } from './privilege-profile.js';
import type { AdminEquivalent, EscalationAnalysis, EscalationEdge, PermissionCheck } from './types.js';

/** Optional inputs of {@link findEscalations}. */
export interface EscalationOptions {
  /**
   * The credential reports of the snapshot's accounts (`parseCredentialReport`). With them, a user
   * with two access keys needs `iam:DeleteAccessKey` too for `iam-create-access-key`, and whether
   * a user has a console password picks `iam-update-login-profile` or `iam-create-login-profile`.
   */
  readonly credentialReport?: readonly CredentialReportEntry[];
}

/**
 * Finds every privilege-escalation path of a snapshot: the methods of
 * `reference/privilege-escalation.md` (editing one's own permissions, taking over another
 * principal, passing a role to new compute, hijacking a resource that runs as a role), each
 * permission decided by the evaluation engine with every policy of the snapshot (Deny, SCPs, RCPs,
 * boundaries, conditions; conditional access is flagged, never dropped and never counted as
 * certain); the graph of "A can become B"; the administrator-equivalent principals; and the
 * shortest multi-hop paths to them, hop by hop.
 *
 * Cost: each principal's Allow statements are read once to find which of the methods' actions
 * they could grant at all; only those methods are evaluated, and a method that acts on other
 * principals evaluates at most `maxTargetsPerMethod` targets. Administrator-equivalent principals
 * are not searched for further paths. Service-linked roles are neither attackers nor targets:
 * only their service can assume them and nobody can change their policies.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 * @see https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
 */
export function findEscalations(
  snapshot: Snapshot,
  tools: WhoCanTools,
  methods: readonly EscalationMethod[] = ESCALATION_METHODS,
  options: EscalationOptions = {},
): Result<EscalationAnalysis> {
  const relevant = new Set<string>(['sts:AssumeRole', 'iam:PassRole']);
  for (const m of ESCALATION_METHODS) for (const all of m.needs) for (const a of all) relevant.add(a);
  // Actions the shared checks use besides the methods' own needs.
  for (const a of [
    'iam:PutGroupPolicy',
    'iam:AttachGroupPolicy',
    'iam:CreatePolicyVersion',
    'iam:DeleteAccessKey',
  ])
    relevant.add(a);
  const env = new EscalationEnv(snapshot, tools, [...relevant], options.credentialReport);

  const diagnostics: Diagnostic[] = [];
  const checkers = new Map<string, PrincipalChecker>();
  for (const node of env.principals) {
    const side = principalSideOf(snapshot, node.arn);
    if (!side.ok) diagnostics.push(...side.diagnostics);
    else checkers.set(node.arn, new PrincipalChecker(env, node, side.value));
  }
  if (diagnostics.length > 0) return fail(diagnostics);

  const profiles = new PrivilegeProfiles(
    tools.catalog,
    (d) => env.parse(d),
    (arn) => {
      const side = checkers.get(arn)?.side;
      if (side) {
        return {
          identity: side.identityPolicies.map((p) => p.policy),
          boundaries: side.permissionBoundaries.map((p) => p.policy),
        };
      }
      for (const account of snapshot.accounts) {
        const group = account.groups.find((g) => g.arn === arn);
        if (group) return { identity: groupDocuments(account, group), boundaries: [] };
      }
      return undefined;
    },
  );

  const admin = new Map<string, AdminEquivalent>();
  const hits = new Map<string, { method: EscalationMethod; hit: MethodHit }[]>();
  const contextOf = (checker: PrincipalChecker): MethodContext => {
    let assumable: { role: PrincipalNode; check: PermissionCheck }[] | undefined;
    const node = checker.node;
    const boundaries = checker.side.permissionBoundaries;
    const unbounded =
      boundaries.length === 0 ||
      grantsEverything(
        (d) => env.parse(d),
        boundaries.map((b) => b.policy),
      );
    return {
      env,
      node,
      attacker: checker,
      selfEditUnbounded: () => unbounded,
      isMorePrivileged: (arn) => admin.has(arn) || profiles.hasMore(arn, node.arn),
      assumableRoles: () => {
        if (!assumable) {
          // A trust naming the account delegates to identity policies: those must allow first.
          const roles = new Set([
            ...(env.trust.byArn.get(node.arn) ?? []),
            ...(checker.has('sts:AssumeRole') ? (env.trust.byAccount.get(node.account.id) ?? []) : []).filter(
              (r) => checker.mayAllowOn('sts:AssumeRole', r.arn),
            ),
            ...env.trust.open,
          ]);
          assumable = [];
          for (const role of [...roles].sort((a, b) => compare(a.arn, b.arn))) {
            const target = env.principalByArn.get(role.arn);
            if (!target || target.arn === node.arn) continue;
            const check = checker.check('sts:AssumeRole', role.arn);
            if (check.outcome !== 'Denied') assumable.push({ role: target, check });
          }
        }
        return assumable;
      },
    };
  };
  const run = (checker: PrincipalChecker, context: MethodContext, method: EscalationMethod) => {
    if (!mayNeed(method, checker)) return;
    for (const hit of method.detect(context)) {
      const list = hits.get(checker.node.arn) ?? [];
      list.push({ method, hit });
      hits.set(checker.node.arn, list);
      if (hit.grantsAdmin && !hit.possible) {
        const known = admin.get(checker.node.arn);
        const conditional = hit.check.outcome !== 'Allowed';
        if (!known || (known.conditional && !conditional))
          admin.set(checker.node.arn, { principal: checker.node.arn, method: method.id, conditional });
      }
    }
  };

  // Table A first: who is administrator-equivalent by itself. Then B, C, D for everyone else.
  const contexts = new Map([...checkers].map(([arn, c]) => [arn, contextOf(c)]));
  for (const [arn, checker] of checkers) {
    for (const method of methods)
      if (method.table === 'A') run(checker, contexts.get(arn) as MethodContext, method);
  }
  for (const [arn, checker] of checkers) {
    if (admin.get(arn)?.conditional === false) continue;
    for (const method of methods)
      if (method.table !== 'A') run(checker, contexts.get(arn) as MethodContext, method);
  }
  for (const checker of checkers.values()) diagnostics.push(...checker.diagnostics);
  if (diagnostics.length > 0) return fail(diagnostics);

  const edges: EscalationEdge[] = [];
  const findings: Finding[] = [];
  for (const [from, list] of hits) {
    // A principal granted everything outright does not escalate by editing itself: it is an
    // administrator already (listed in `adminEquivalent`; broad grants are other findings' job).
    const side = checkers.get(from)?.side;
    const holdsEverything =
      side !== undefined &&
      side.permissionBoundaries.length === 0 &&
      grantsEverything(
        (d) => env.parse(d),
        side.identityPolicies.map((p) => p.policy),
        false,
      );
    for (const { method, hit } of list) {
      const edge = edgeOf(from, method, hit);
      if (!hit.possible) edges.push(edge);
      if (holdsEverything && method.table === 'A') continue;
      const targetAdmin = hit.to !== from ? admin.get(hit.to) : undefined;
      const escalates =
        hit.grantsAdmin || targetAdmin !== undefined || hit.to === from || profiles.hasMore(hit.to, from);
      if (escalates) findings.push(findingOf(env, edge, hit, targetAdmin));
    }
  }
  edges.sort(
    (a, b) =>
      compare(a.from, b.from) ||
      compare(a.to, b.to) ||
      compare(a.method, b.method) ||
      compare(a.via ?? '', b.via ?? ''),
  );
  const adminEquivalent = [...admin.values()].sort((a, b) => compare(a.principal, b.principal));
  const paths = escalationPaths(edges, adminEquivalent);
  for (const path of paths) findings.push(pathFinding(env, path.principal, path.hops, path.conditional));
  findings.sort(
    (a, b) =>
      compare(a.principal, b.principal) ||
      compare(a.id, b.id) ||
      compare(a.resource ?? '', b.resource ?? '') ||
      (a.path?.length ?? 0) - (b.path?.length ?? 0),
  );
  return ok({ findings, edges, adminEquivalent, paths });
}

function edgeOf(from: string, method: EscalationMethod, hit: MethodHit): EscalationEdge {
  return {
    from,
    to: hit.to,
    method: method.id,
    actions: hit.check.actions,
    reasons: hit.check.reasons,
    conditional: hit.check.outcome === 'Conditional',
    conditionKeys: hit.check.keys,
    grantsAdmin: hit.grantsAdmin,
    ...(hit.via !== undefined ? { via: hit.via } : {}),
    description: hit.description,
  };
}

/** `role orders-api (111122223333)`: how messages name a principal. */
export function describePrincipal(env: EscalationEnv, arn: string): string {
  const node = env.principalByArn.get(arn);
  return node ? `${node.kind} ${node.name} (${node.account.id})` : arn;
}

/** The policies that grant a hop, named once each: `role/x#inline, arn:aws:iam::1:policy/p`. */
export function policiesOf(reasons: readonly Reason[]): string {
  const names = [
    ...new Set(
      reasons.filter((r) => r.effect === 'Allow' && r.policyType === 'identity').map((r) => r.policy),
    ),
  ];
  return names.length > 0 ? names.join(', ') : 'a resource-based policy';
}

function conditionText(edge: EscalationEdge): string {
  return edge.conditional ? ` if conditions on ${edge.conditionKeys.join(', ')} are met` : '';
}

function findingOf(
  env: EscalationEnv,
  edge: EscalationEdge,
  hit: MethodHit,
  targetAdmin: AdminEquivalent | undefined,
): Finding {
  const who = describePrincipal(env, edge.from);
  const self = edge.to === edge.from;
  const toAdmin = edge.grantsAdmin || targetAdmin !== undefined;
  let severity: FindingSeverity;
  let gain: string;
  if (hit.possible) {
    severity = 'low';
    gain = 'which would give it the access of that role';
  } else if (toAdmin) {
    severity = edge.conditional || targetAdmin?.conditional ? 'high' : 'critical';
    gain = edge.grantsAdmin
      ? 'and so become administrator-equivalent'
      : `and so act as ${describePrincipal(env, edge.to)}, which is administrator-equivalent (${targetAdmin?.method})`;
  } else {
    severity = edge.conditional ? 'medium' : self ? 'medium' : 'high';
    gain = self ? 'and so gain access' : `and so gain the access of ${describePrincipal(env, edge.to)}`;
  }
  const message = `${who} can ${hit.description}${conditionText(edge)}, ${gain} (${edge.method}: ${edge.actions.join(', ')}; granted by ${policiesOf(edge.reasons)})`;
  const resource = self ? edge.via : edge.to;
  return {
    id: edge.method,
    category: 'privilege-escalation',
    severity,
    principal: edge.from,
    ...(resource !== undefined ? { resource } : {}),
    method: edge.method,
    conditional: edge.conditional,
    message,
  };
}

function pathFinding(
  env: EscalationEnv,
  principal: string,
  hops: readonly EscalationEdge[],
  conditional: boolean,
): Finding {
  const first = hops[0] as EscalationEdge;
  const last = hops[hops.length - 1] as EscalationEdge;
  const steps = hops
    .map(
      (h, i) =>
        `${i + 1}. ${describePrincipal(env, h.from)} ${h.description}${conditionText(h)} (${h.method}; granted by ${policiesOf(h.reasons)})`,
    )
    .join('; ');
  return {
    id: first.method,
    category: 'privilege-escalation',
    severity: conditional ? 'high' : 'critical',
    principal,
    resource: last.to,
    method: first.method,
    path: hops.map((h) => ({ from: h.from, to: h.to, method: h.method, actions: h.actions })),
    conditional,
    message: `${describePrincipal(env, principal)} can become administrator-equivalent ${describePrincipal(env, last.to)} in ${hops.length} hops: ${steps}`,
  };
}

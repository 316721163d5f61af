import { createPolicySets, type PolicySets } from '../../access/policy-sets.js';
import {
  principalSideOf,
  type ResourceSide,
  requestFor,
  resourceSideOf,
} from '../../access/simulate-input-for.js';
import type { WhoCanTools } from '../../access/who-can.js';
import { compileGlob } from '../../condition/glob.js';
import { decideWithUnknowns } from '../../evaluate/decide-with-unknowns.js';
import type { EvaluationOptions } from '../../evaluate/evaluate-request.js';
import { parsePolicy } from '../../policy/parse-policy.js';
import type { Policy } from '../../policy/types.js';
import type { Account, Resource, Role, Snapshot, User } from '../../snapshot/model.js';
import type { CredentialReportEntry } from '../../usage/credential-report.js';
import type { PermissionCheck } from './types.js';

/** A user or role of the snapshot, as an attacker or a target. */
export interface PrincipalNode {
  readonly arn: string;
  readonly kind: 'user' | 'role';
  readonly name: string;
  readonly account: Account;
  readonly user?: User;
  readonly role?: Role;
}

/** A resource of the inventory that runs as a role (D methods). */
export interface RoleRunningResource {
  readonly resource: Resource;
  readonly roleArn: string;
}

/**
 * The properties of `resources.json` that name the role a resource runs as (SPEC §2): Lambda
 * `Role`, CloudFormation `RoleARN`, CodeBuild `ServiceRole`, ECS `TaskRoleArn`, SageMaker
 * `RoleArn`, and the like for Glue, App Runner and Bedrock AgentCore. EC2 instances name an
 * instance profile instead (`IamInstanceProfile`), resolved through the roles' instance profiles.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
 */
const roleProperties = [
  'Role',
  'RoleARN',
  'RoleArn',
  'ServiceRole',
  'TaskRoleArn',
  'InstanceRoleArn',
  'ExecutionRoleArn',
];

/** Who a role's trust policy names, for finding the roles a principal may assume without a pairwise loop. */
interface TrustIndex {
  /** Principal ARN → roles whose trust names it. */
  readonly byArn: Map<string, Role[]>;
  /** Account id → roles whose trust names the account (its root). */
  readonly byAccount: Map<string, Role[]>;
  /** Roles whose trust names `*` (or uses `NotPrincipal`). */
  readonly open: Role[];
  /** `account\0service` → roles of the account whose trust names the service principal. */
  readonly byService: Map<string, Role[]>;
}

/**
 * What the escalation analysis needs of a snapshot, computed once: the principals, the trust
 * index, the inventory resources that run as roles, compiled policy sets, and caches of what does
 * not depend on the attacker (resource sides, a service's right to assume a role).
 */
export class EscalationEnv {
  readonly policySets: PolicySets;
  readonly options: EvaluationOptions;
  readonly principals: readonly PrincipalNode[];
  readonly principalByArn: ReadonlyMap<string, PrincipalNode>;
  readonly trust: TrustIndex;
  private readonly runningByType = new Map<string, RoleRunningResource[]>();
  private readonly typesByAccount = new Map<string, Set<string>>();
  private readonly regions = new Map<string, string>();
  private readonly sides = new Map<string, ResourceSide>();
  private readonly serviceTrust = new Map<string, PermissionCheck>();
  private readonly parsed = new WeakMap<object, Policy | undefined>();
  private readonly patternMatches = new Map<string, readonly string[]>();
  private readonly relevant: readonly string[];
  private readonly byAccountKind = new Map<string, readonly PrincipalNode[]>();
  private readonly credentials: ReadonlyMap<string, CredentialReportEntry>;

  constructor(
    readonly snapshot: Snapshot,
    readonly tools: WhoCanTools,
    /** The actions the methods can need, lowercased: the only ones pre-filters look for. */
    relevantActions: readonly string[],
    /** The rows of the accounts' credential reports, when given. */
    credentialReport: readonly CredentialReportEntry[] = [],
  ) {
    this.credentials = new Map(credentialReport.map((e) => [e.arn, e]));
    this.relevant = [...new Set(relevantActions.map((a) => a.toLowerCase()))];
    this.policySets = createPolicySets(snapshot);
    this.options = { supportsRcp: (service: string) => tools.catalog.supportsRcp(service) };
    const principals: PrincipalNode[] = [];
    const trust: TrustIndex = { byArn: new Map(), byAccount: new Map(), open: [], byService: new Map() };
    for (const account of snapshot.accounts) {
      for (const user of account.users)
        principals.push({ arn: user.arn, kind: 'user', name: user.name, account, user });
      const roleOfProfile = new Map<string, string>();
      for (const role of account.roles) {
        // Only its service can assume a service-linked role, and nobody can change its policies.
        // @see https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
        if (role.serviceLinked) continue;
        principals.push({ arn: role.arn, kind: 'role', name: role.name, account, role });
        for (const profile of role.instanceProfiles) roleOfProfile.set(profile.arn, role.arn);
        this.indexTrust(account, role, trust);
      }
      const types = new Set<string>();
      for (const resource of account.resources) {
        types.add(resource.type);
        const roleArn = roleOf(resource, roleOfProfile);
        if (roleArn === undefined) continue;
        const key = `${account.id}\u0000${resource.type}`;
        const list = this.runningByType.get(key) ?? [];
        list.push({ resource, roleArn });
        this.runningByType.set(key, list);
      }
      this.typesByAccount.set(account.id, types);
      this.regions.set(account.id, mostCommonRegion(account.resources));
    }
    principals.sort((a, b) => compare(a.arn, b.arn));
    this.principals = principals;
    this.principalByArn = new Map(principals.map((p) => [p.arn, p]));
    this.trust = trust;
  }

  /** The users or roles of an account (service-linked roles excluded), sorted by ARN. */
  principalsOf(accountId: string, kind: 'user' | 'role'): readonly PrincipalNode[] {
    const key = `${accountId}\u0000${kind}`;
    let list = this.byAccountKind.get(key);
    if (!list) {
      list = this.principals.filter((p) => p.kind === kind && p.account.id === accountId);
      this.byAccountKind.set(key, list);
    }
    return list;
  }

  /**
   * The credential report row of a user: its access keys and whether it has a console password.
   * Undefined when no report was given for its account (then nothing is assumed).
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
   */
  credentialsOf(userArn: string): CredentialReportEntry | undefined {
    return this.credentials.get(userArn);
  }

  /** The region new resources are assumed to be created in: the account's usual one. */
  regionOf(accountId: string): string {
    return this.regions.get(accountId) || 'us-east-1';
  }

  /** The inventory resources of one CloudFormation type in an account that run as a role. */
  runningResources(accountId: string, type: string): readonly RoleRunningResource[] {
    return this.runningByType.get(`${accountId}\u0000${type}`) ?? [];
  }

  /** Whether the account's inventory has any resource of the type. */
  hasInventoryOf(accountId: string, type: string): boolean {
    return this.typesByAccount.get(accountId)?.has(type) ?? false;
  }

  /** The roles of an account whose trust policy names a service principal. */
  rolesTrustingService(accountId: string, service: string): readonly Role[] {
    return this.trust.byService.get(`${accountId}\u0000${service}`) ?? [];
  }

  /** The resource side of a request, cached by resource, service and caller account. */
  resourceSide(resourceArn: string, action: string, principalAccount: string): ResourceSide {
    const service = action.slice(0, action.indexOf(':')).toLowerCase();
    const key = `${resourceArn}\u0000${service}\u0000${principalAccount}`;
    let side = this.sides.get(key);
    if (!side) {
      side = resourceSideOf(this.snapshot, resourceArn, action, principalAccount);
      this.sides.set(key, side);
    }
    return side;
  }

  /**
   * Whether a service principal may assume a role: its trust policy decided by the engine with the
   * service as the caller, `aws:SourceAccount` set to the role's account (the attacker creates the
   * compute in that account); a condition on `aws:SourceArn` alone is taken as met, since the
   * attacker names what it creates.
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-service.html
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
   */
  serviceCanAssume(role: Role, accountId: string, service: string): PermissionCheck {
    const key = `${role.arn}\u0000${service}`;
    const known = this.serviceTrust.get(key);
    if (known) return known;
    let check: PermissionCheck = { outcome: 'Denied', actions: ['sts:AssumeRole'], keys: [], reasons: [] };
    const principal = principalSideOf(this.snapshot, service);
    if (principal.ok) {
      const side = this.resourceSide(role.arn, 'sts:AssumeRole', accountId);
      const set = this.policySets(principal.value, side, []);
      const request = requestFor(this.snapshot, service, principal.value, 'sts:AssumeRole', role.arn, {
        ...side,
        context: { ...side.context, 'aws:SourceAccount': accountId },
      });
      if (set && request.ok) {
        const decision = decideWithUnknowns(set, request.value, this.options);
        // The attacker creates and names the compute, so a trust condition on its ARN
        // (`aws:SourceArn`, against confused deputies) is one it meets by naming it to match.
        const named =
          decision.outcome === 'Conditional' &&
          decision.keys.every((k) => k.toLowerCase() === 'aws:sourcearn');
        check = {
          outcome: named ? 'Allowed' : decision.outcome,
          actions: ['sts:AssumeRole'],
          keys: named ? [] : decision.keys,
          reasons: decision.outcome === 'Denied' ? [] : decision.result.reasons,
        };
      }
    }
    this.serviceTrust.set(key, check);
    return check;
  }

  /** A policy document parsed once (undefined when it does not parse: the engine reports it). */
  parse(document: unknown): Policy | undefined {
    if (typeof document !== 'object' || document === null) {
      const parsed = parsePolicy(document);
      return parsed.ok ? parsed.value : undefined;
    }
    if (this.parsed.has(document)) return this.parsed.get(document);
    const parsed = parsePolicy(document);
    const value = parsed.ok ? parsed.value : undefined;
    this.parsed.set(document, value);
    return value;
  }

  /** The relevant actions (lowercased) an action pattern of a statement matches. */
  relevantMatches(pattern: string): readonly string[] {
    let matches = this.patternMatches.get(pattern);
    if (!matches) {
      const test = compileGlob(pattern, true);
      matches = this.relevant.filter(test);
      this.patternMatches.set(pattern, matches);
    }
    return matches;
  }

  /** Every relevant action, lowercased. */
  relevantActions(): readonly string[] {
    return this.relevant;
  }

  private indexTrust(account: Account, role: Role, trust: TrustIndex): void {
    const policy = this.parse(role.trustPolicy);
    if (!policy) return;
    const push = (map: Map<string, Role[]>, key: string) => {
      const list = map.get(key) ?? [];
      if (!list.includes(role)) list.push(role);
      map.set(key, list);
    };
    for (const statement of policy.statements) {
      if (statement.effect !== 'Allow') continue;
      if (statement.notPrincipal || statement.principal?.wildcard) {
        if (!trust.open.includes(role)) trust.open.push(role);
        continue;
      }
      for (const entry of statement.principal?.aws ?? []) {
        const accountId = /^\d{12}$/.test(entry) ? entry : /^arn:[^:]+:iam::(\d{12}):root$/.exec(entry)?.[1];
        if (accountId !== undefined) push(trust.byAccount, accountId);
        else push(trust.byArn, entry);
      }
      for (const service of statement.principal?.service ?? [])
        push(trust.byService, `${account.id}\u0000${service}`);
    }
  }
}

function roleOf(resource: Resource, roleOfProfile: ReadonlyMap<string, string>): string | undefined {
  const p = resource.properties;
  // EC2 instances and launch configurations name an instance profile (by ARN or by name), launch
  // templates inside their data; App Runner its instance role inside its instance configuration.
  const profile = p.IamInstanceProfile ?? field(field(p.LaunchTemplateData, 'IamInstanceProfile'), 'Arn');
  if (typeof profile === 'string') {
    const arn = profile.startsWith('arn:')
      ? profile
      : `arn:aws:iam::${resource.accountId}:instance-profile/${profile}`;
    return roleOfProfile.get(arn);
  }
  const nested = field(p.InstanceConfiguration, 'InstanceRoleArn');
  for (const value of [...roleProperties.map((name) => p[name]), nested]) {
    if (typeof value === 'string' && value.startsWith('arn:') && value.includes(':role/')) return value;
  }
  return undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function mostCommonRegion(resources: readonly Resource[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) if (r.region) counts.set(r.region, (counts.get(r.region) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [region, count] of [...counts].sort(([a], [b]) => compare(a, b))) {
    if (count > bestCount) {
      best = region;
      bestCount = count;
    }
  }
  return best;
}

/** Code-unit order, for deterministic output. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

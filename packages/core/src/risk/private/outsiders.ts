import { parseArn } from '../../match/arn.js';
import { parsePolicy } from '../../policy/parse-policy.js';
import type { Statement } from '../../policy/types.js';
import type { Resource, Role } from '../../snapshot/model.js';
import type { RiskContext } from '../risk-context.js';

/** A resource-based policy (or a role's trust policy) of the snapshot. */
export interface PolicyHolder {
  /** The resource (or role) ARN. */
  readonly arn: string;
  readonly account: string;
  /** The parsed Allow statements. */
  readonly allows: readonly Statement[];
  readonly role: boolean;
}

/** Every resource-based policy and role trust policy of the snapshot, sorted by ARN; unparsable ones are left out. */
export function policyHolders(context: RiskContext): PolicyHolder[] {
  const holders: PolicyHolder[] = [];
  const add = (arn: string, account: string, document: unknown, role: boolean) => {
    if (document === undefined || document === null) return;
    const parsed = parsePolicy(document);
    if (!parsed.ok) return;
    const allows = parsed.value.statements.filter((s) => s.effect === 'Allow');
    if (allows.length > 0) holders.push({ arn, account, allows, role });
  };
  for (const account of context.snapshot.accounts) {
    for (const resource of account.resources as readonly Resource[])
      add(resource.arn, account.id, resource.policy, false);
    for (const role of account.roles as readonly Role[]) add(role.arn, account.id, role.trustPolicy, true);
  }
  return holders.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

/** The account id a policy's `AWS` principal names (`123456789012`, an ARN of that account), if any. */
export function accountOfPrincipal(aws: string): string | undefined {
  if (/^\d{12}$/.test(aws)) return aws;
  const account = parseArn(aws)?.account;
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * The principals outside the organisation (and the known accounts) that `statements` name, as the
 * engine takes them: a bare account id becomes the account's root ARN. Sorted.
 */
export function outsidePrincipals(context: RiskContext, statements: readonly Statement[]): string[] {
  const found = new Set<string>();
  for (const statement of statements) {
    for (const aws of statement.principal?.aws ?? []) {
      const account = accountOfPrincipal(aws);
      if (!account || context.insideAccounts.has(account)) continue;
      found.add(/^\d{12}$/.test(aws) ? `arn:aws:iam::${account}:root` : aws);
    }
  }
  return [...found].sort();
}

/**
 * Condition keys that restrict *who* can make a request or from where: a grant that depends on
 * them reaches only the principals, networks or services they name, so it is not open to the
 * world or to a whole outside account. Lower case.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
const restrictingKeys: ReadonlySet<string> = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:vpcsourceip',
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourceidentity',
  'aws:userid',
  'aws:username',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:viaawsservice',
  'aws:federatedprovider',
  'kms:viaservice',
  'kms:calleraccount',
  'sts:externalid',
]);

/** Whether one of `keys` restricts who can make the request (see {@link restrictingKeys}). */
export function hasRestrictingKey(keys: readonly string[]): boolean {
  return keys.some((key) => {
    const lower = key.toLowerCase();
    return restrictingKeys.has(lower) || lower.startsWith('aws:principaltag/');
  });
}

/**
 * The actions of the catalog that apply to `arn` (and, for an S3 bucket, to its objects through
 * `arn/*`) and that one of `statements` names, each with the ARN to ask about.
 */
export function grantedActions(
  context: RiskContext,
  arn: string,
  statements: readonly Statement[],
): { action: string; resource: string }[] {
  const { catalog, resourceTypes } = context.tools;
  const named = new Set<string>();
  for (const statement of statements) {
    if (statement.action) {
      for (const pattern of statement.action)
        for (const info of catalog.expandActionPattern(pattern)) named.add(info.action);
    } else {
      const excluded = new Set(
        (statement.notAction ?? []).flatMap((p) => catalog.expandActionPattern(p)).map((a) => a.action),
      );
      for (const info of catalog.expandActionPattern('*'))
        if (!excluded.has(info.action)) named.add(info.action);
    }
  }
  const targets = [arn];
  if (arn.startsWith('arn:aws:s3:::') && !arn.slice(13).includes('/')) targets.push(`${arn}/*`);
  const pairs: { action: string; resource: string }[] = [];
  const seen = new Set<string>();
  for (const resource of targets) {
    for (const info of resourceTypes.actionsForArn(resource)) {
      if (named.has(info.action) && !seen.has(info.action)) {
        seen.add(info.action);
        pairs.push({ action: info.action, resource });
      }
    }
  }
  return pairs;
}

/** What an outsider can do on a resource, decided by the engine. */
export interface OutsiderReach {
  readonly actions: readonly string[];
  /** Whether every action depends on context the snapshot cannot decide. */
  readonly conditional: boolean;
  /** The unknown keys (when conditional), sorted. */
  readonly keys: readonly string[];
}

/**
 * Decides each action for `principal` with every policy of the snapshot applied. Access that
 * depends on a key restricting who may call ({@link hasRestrictingKey}) does not count: it is not
 * open to this outsider at large. Undefined when nothing is reachable.
 */
export function outsiderReach(
  context: RiskContext,
  principal: string,
  pairs: readonly { action: string; resource: string }[],
): OutsiderReach | undefined {
  const certain: string[] = [];
  const conditional: string[] = [];
  const keys = new Set<string>();
  const decisions = context.decideAll(principal, pairs);
  for (const [i, { action }] of pairs.entries()) {
    const decision = decisions[i];
    if (!decision || decision.outcome === 'Denied') continue;
    if (decision.outcome === 'Allowed') certain.push(action);
    else if (!hasRestrictingKey(decision.keys)) {
      conditional.push(action);
      for (const key of decision.keys) keys.add(key);
    }
  }
  if (certain.length > 0) return { actions: certain.sort(), conditional: false, keys: [] };
  if (conditional.length > 0)
    return { actions: conditional.sort(), conditional: true, keys: [...keys].sort() };
  return undefined;
}

/** `s3:GetObject` and 3 more. */
export function someActions(actions: readonly string[], shown = 3): string {
  const head = actions.slice(0, shown).join(', ');
  return actions.length > shown ? `${head} and ${actions.length - shown} more` : head;
}

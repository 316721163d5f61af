import type { RequestContext } from '../condition/context.js';
import { error, fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { parseArn, splitArn } from '../match/arn.js';
import { internString } from '../match/intern.js';
import { parseRequestPrincipal, type RequestPrincipal } from '../match/principal.js';
import { actionIdOf } from './action-ids.js';
import type { RequestInput } from './types.js';

/**
 * A request's resource: its text, which policies match, and its six ARN pieces, split once, which
 * the combiner reads to recognise KMS keys, roles and service-linked roles.
 */
export interface RequestResource {
  readonly text: string;
  /** The six ARN pieces, or undefined when the resource is not an ARN (for example `*`). */
  readonly pieces: readonly string[] | undefined;
}

/** A request ready for evaluation: principal, action and resource parsed, the context completed. */
export interface EvaluationRequest {
  readonly principal: RequestPrincipal;
  /** The action as given, e.g. `s3:GetObject`. */
  readonly action: string;
  readonly actionLower: string;
  /** A small integer per distinct action, for memo lookups (see {@link actionIdOf}). */
  readonly actionId: number;
  /** The service prefix, lowercased. */
  readonly service: string;
  readonly resource: RequestResource;
  /** The account that owns the resource, when known. */
  readonly resourceAccount: string | undefined;
  readonly context: RequestContext;
  /** The role ARN policies' `Principal` elements are compared with for a role session (`aws:PrincipalArn`). */
  readonly roleArn: string | undefined;
}

/** Lowercased context keys by their spelling in requests, shared (see `internString`). */
const lowercaseKeys = new Map<string, string>();
const lowercaseKeyLimit = 10_000;

/**
 * A context key lowercased, as the one shared string that compiled conditions also hold: looking
 * it up in the context then compares pointers, not characters.
 */
function lowercaseKey(key: string): string {
  let lower = lowercaseKeys.get(key);
  if (lower === undefined) {
    lower = internString(key.toLowerCase());
    if (lowercaseKeys.size >= lowercaseKeyLimit) lowercaseKeys.clear();
    lowercaseKeys.set(key, lower);
  }
  return lower;
}

/**
 * Parsed principals by their text: a batch names the same callers again and again, and a parsed
 * principal is never changed, so requests share it. Bounded like {@link lowercaseKeys}.
 */
const parsedPrincipals = new Map<string, RequestPrincipal>();

/** {@link parseRequestPrincipal}, remembered. */
function principalOf(text: string): RequestPrincipal | undefined {
  let principal = parsedPrincipals.get(text);
  if (principal === undefined) {
    principal = parseRequestPrincipal(text);
    if (principal === undefined) return undefined;
    if (parsedPrincipals.size >= lowercaseKeyLimit) parsedPrincipals.clear();
    parsedPrincipals.set(text, principal);
  }
  return principal;
}

const principalTypes: Partial<Record<RequestPrincipal['kind'], string>> = {
  root: 'Account',
  user: 'User',
  role: 'AssumedRole',
  assumedRole: 'AssumedRole',
  federatedUser: 'FederatedUser',
  anonymous: 'Anonymous',
};

/**
 * Parses a request and fills in the context keys that follow from the request itself when the
 * request does not give them: `aws:PrincipalArn` (the role ARN for a role session),
 * `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:username` (IAM users), `aws:userid` (the
 * account root and anonymous callers, whose ids are known without unique ids),
 * `aws:PrincipalIsAWSService`, `aws:PrincipalServiceName` (service principals) and
 * `aws:ResourceAccount`. A value given in the request always wins.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-infotouse
 */
export function buildRequest(input: RequestInput, path = 'request'): Result<EvaluationRequest> {
  const principal = principalOf(input.principal);
  if (!principal) {
    return fail([
      error(
        'request.malformed-arn',
        `${path}.principal`,
        `principal \`${input.principal}\` is not a user, role, session, root, service principal or \`anonymous\``,
      ),
    ]);
  }
  const colon = input.action.indexOf(':');
  if (colon <= 0 || colon === input.action.length - 1 || /[*?\s]/.test(input.action)) {
    return fail([
      error(
        'request.invalid',
        `${path}.action`,
        `action \`${input.action}\` must be one action such as \`s3:GetObject\``,
      ),
    ]);
  }
  const arn = input.resource === '*' ? undefined : parseArn(input.resource);
  if (input.resource !== '*' && !arn) {
    return fail([
      error(
        'request.malformed-arn',
        `${path}.resource`,
        `resource \`${input.resource}\` is not an ARN or \`*\``,
      ),
    ]);
  }
  const resourceAccount =
    input.resourceAccount ??
    (arn && /^\d{12}$/.test(arn.account) ? arn.account : undefined) ??
    principal.account;

  const context = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(input.context ?? {})) {
    context.set(lowercaseKey(key), typeof value === 'string' ? [value] : [...value]);
  }
  const fill = (key: string, value: string | undefined) => {
    if (value !== undefined && !context.has(key)) context.set(key, [value]);
  };
  fill('aws:principalarn', principal.principalArn);
  fill('aws:principalaccount', principal.account);
  fill('aws:principaltype', principalTypes[principal.kind]);
  if (principal.kind === 'user') fill('aws:username', principal.name);
  if (principal.kind === 'root') fill('aws:userid', principal.account);
  if (principal.kind === 'anonymous') fill('aws:userid', 'anonymous');
  if (principal.kind !== 'anonymous') fill('aws:principalisawsservice', String(principal.kind === 'service'));
  if (principal.kind === 'service') fill('aws:principalservicename', principal.text);
  fill('aws:resourceaccount', resourceAccount);

  const actionLower = input.action.toLowerCase();
  const roleArn =
    principal.kind === 'assumedRole' || principal.kind === 'role'
      ? (context.get('aws:principalarn')?.[0] ?? principal.principalArn)
      : undefined;
  return ok({
    principal,
    action: input.action,
    actionLower,
    actionId: actionIdOf(actionLower),
    service: input.action.slice(0, colon).toLowerCase(),
    resource: {
      text: input.resource,
      pieces: input.resource.startsWith('arn:') ? splitArn(input.resource) : undefined,
    },
    resourceAccount,
    context,
    roleArn,
  });
}

import { type ContextSlots, contextKeyId, type RequestContext } from '../condition/context.js';
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
  /** The same context indexed by key id, for the evaluator (see {@link ContextSlots}). */
  readonly contextSlots: ContextSlots | undefined;
  /** The role ARN policies' `Principal` elements are compared with for a role session (`aws:PrincipalArn`). */
  readonly roleArn: string | undefined;
}

/** A context key as a request spells it, lowercased and shared (see `internString`), with its id. */
interface ContextKey {
  readonly lower: string;
  /** `contextKeyId(lower)`: its place in the request's context slots. */
  readonly id: number;
}

/** Context keys by their spelling in requests. */
const contextKeys = new Map<string, ContextKey>();
const lowercaseKeyLimit = 10_000;

/**
 * A context key lowercased, as the one shared string that compiled conditions also hold (looking
 * it up in the context then compares pointers, not characters), and its id.
 */
function contextKey(key: string): ContextKey {
  let known = contextKeys.get(key);
  if (known === undefined) {
    const lower = internString(key.toLowerCase());
    known = { lower, id: contextKeyId(lower) };
    if (contextKeys.size >= lowercaseKeyLimit) contextKeys.clear();
    contextKeys.set(key, known);
  }
  return known;
}

/** The keys `buildRequest` fills in. */
const filled = {
  principalArn: contextKey('aws:principalarn'),
  principalAccount: contextKey('aws:principalaccount'),
  principalType: contextKey('aws:principaltype'),
  username: contextKey('aws:username'),
  userid: contextKey('aws:userid'),
  principalIsAwsService: contextKey('aws:principalisawsservice'),
  principalServiceName: contextKey('aws:principalservicename'),
  resourceAccount: contextKey('aws:resourceaccount'),
};

/** A request's context as it is built: the map, and the same entries by key id. */
class ContextBuilder {
  readonly map = new Map<string, readonly string[]>();
  private readonly slots: (readonly string[] | undefined)[] = [];
  private complete = true;

  set(key: ContextKey, values: readonly string[]): void {
    this.map.set(key.lower, values);
    const id = key.id;
    if (id < 0) {
      this.complete = false;
      return;
    }
    while (this.slots.length <= id) this.slots.push(undefined);
    this.slots[id] = values;
  }

  /** Sets a key the request did not give. */
  fill(key: ContextKey, value: string | undefined): void {
    if (value !== undefined && !this.map.has(key.lower)) this.set(key, [value]);
  }

  /** The slots, unless some key has no id. */
  contextSlots(): ContextSlots | undefined {
    return this.complete ? this.slots : undefined;
  }
}

/** Service prefixes, shared (a few hundred at most; bounded like the keys). */
const services = new Map<string, string>();

/**
 * The one shared copy of a lowercased service prefix: its hash is computed once, so the
 * evaluator's per-decision lookups by service (`supportsRcp`) do not hash a new string each time.
 */
function serviceOf(service: string): string {
  let shared = services.get(service);
  if (shared === undefined) {
    if (services.size >= lowercaseKeyLimit) services.clear();
    services.set(service, service);
    shared = service;
  }
  return shared;
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

  const context = new ContextBuilder();
  for (const [key, value] of Object.entries(input.context ?? {})) {
    context.set(contextKey(key), typeof value === 'string' ? [value] : [...value]);
  }
  context.fill(filled.principalArn, principal.principalArn);
  context.fill(filled.principalAccount, principal.account);
  context.fill(filled.principalType, principalTypes[principal.kind]);
  if (principal.kind === 'user') context.fill(filled.username, principal.name);
  if (principal.kind === 'root') context.fill(filled.userid, principal.account);
  if (principal.kind === 'anonymous') context.fill(filled.userid, 'anonymous');
  if (principal.kind !== 'anonymous') {
    context.fill(filled.principalIsAwsService, String(principal.kind === 'service'));
  }
  if (principal.kind === 'service') context.fill(filled.principalServiceName, principal.text);
  context.fill(filled.resourceAccount, resourceAccount);

  const actionLower = input.action.toLowerCase();
  const roleArn =
    principal.kind === 'assumedRole' || principal.kind === 'role'
      ? (context.map.get(filled.principalArn.lower)?.[0] ?? principal.principalArn)
      : undefined;
  return ok({
    principal,
    action: input.action,
    actionLower,
    actionId: actionIdOf(actionLower),
    service: serviceOf(input.action.slice(0, colon).toLowerCase()),
    resource: {
      text: input.resource,
      pieces: input.resource.startsWith('arn:') ? splitArn(input.resource) : undefined,
    },
    resourceAccount,
    context: context.map,
    contextSlots: context.contextSlots(),
    roleArn,
  });
}

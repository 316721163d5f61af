/**
 * Property tests of the evaluation engine: invariants of AWS's policy evaluation logic checked
 * on generated policy sets and requests, through `simulate`, the function `accessloop simulate`
 * uses.
 *
 * The generators draw from small vocabularies of real actions, ARNs, condition keys and
 * context values, so that statements often match the request and every policy type (identity
 * policies, permissions boundaries, SCP and RCP levels, resource policies, session policies)
 * takes part in the decisions.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.js';
import type { PolicyDocumentWire, PrincipalWire, StatementWire } from '../policy/types.js';
import { createSimulator, type Simulator } from './simulate.js';
import type {
  EvaluationResult,
  NamedPolicyInput,
  OrgLevelInput,
  RequestInput,
  SimulateInput,
} from './types.js';

const evaluationLogic =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html';
const numRuns = 500;

// ---------------------------------------------------------------------------------------------
// Vocabulary

const accountA = '111122223333';
const accountB = '444455556666';

const principals = [
  `arn:aws:iam::${accountA}:user/alice`,
  `arn:aws:sts::${accountA}:assumed-role/app/i-0abc123`,
  `arn:aws:iam::${accountB}:user/bob`,
  `arn:aws:sts::${accountB}:assumed-role/deploy/ci-run-42`,
] as const;

/** Requests: an action with a resource of the type it is authorised against. */
const targets: readonly { readonly action: string; readonly resource: string; readonly global: boolean }[] = [
  { action: 's3:GetObject', resource: 'arn:aws:s3:::orders-data/2024/report.csv', global: true },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::orders-data/home/alice/notes.txt', global: true },
  { action: 's3:PutObject', resource: 'arn:aws:s3:::orders-data/uploads/batch.json', global: true },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::shared-logs/app/2024-01-01.gz', global: true },
  { action: 's3:ListBucket', resource: 'arn:aws:s3:::orders-data', global: true },
  { action: 's3:GetBucketPolicy', resource: 'arn:aws:s3:::shared-logs', global: true },
  {
    action: 'dynamodb:GetItem',
    resource: `arn:aws:dynamodb:us-east-1:${accountA}:table/orders`,
    global: false,
  },
  {
    action: 'kms:Decrypt',
    resource: `arn:aws:kms:us-east-1:${accountB}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    global: false,
  },
  { action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${accountA}:orders-queue`, global: false },
  { action: 'iam:PassRole', resource: `arn:aws:iam::${accountA}:role/app`, global: false },
];

const actionPatterns = [
  's3:GetObject',
  's3:PutObject',
  's3:ListBucket',
  's3:Get*',
  's3:*',
  'dynamodb:GetItem',
  'kms:Decrypt',
  'sqs:SendMessage',
  'iam:PassRole',
  '*',
] as const;

const resourcePatterns = [
  '*',
  'arn:aws:s3:::orders-data',
  'arn:aws:s3:::orders-data/*',
  'arn:aws:s3:::orders-data/home/${aws:username}/*',
  'arn:aws:s3:::*-logs/*',
  'arn:aws:s3:::*',
  `arn:aws:dynamodb:*:${accountA}:table/*`,
  'arn:aws:kms:*:*:key/*',
  `arn:aws:sqs:us-east-1:${accountA}:orders-*`,
  'arn:aws:iam::*:role/app',
  `arn:aws:iam::${accountA}:role/*`,
] as const;

/** Principals a resource policy names: everyone, an account, a role, a user or a session. */
const resourcePolicyPrincipals: readonly PrincipalWire[] = [
  '*',
  { AWS: '*' },
  { AWS: accountA },
  { AWS: `arn:aws:iam::${accountB}:root` },
  { AWS: `arn:aws:iam::${accountA}:role/app` },
  { AWS: `arn:aws:iam::${accountA}:user/alice` },
  { AWS: [`arn:aws:iam::${accountB}:user/bob`, `arn:aws:iam::${accountB}:role/deploy`] },
];

/** `NotPrincipal` blocks, used with Deny only (the only use AWS documents). */
const notPrincipals: readonly PrincipalWire[] = [
  { AWS: [`arn:aws:iam::${accountA}:user/alice`, `arn:aws:iam::${accountA}:root`] },
  {
    AWS: [
      `arn:aws:sts::${accountA}:assumed-role/app/i-0abc123`,
      `arn:aws:iam::${accountA}:role/app`,
      accountA,
    ],
  },
];

const tagKeys = ['env', 'team', 'owner', 'cost-center'] as const;

/** One condition test: the operator, the key and the policy values. */
type ConditionEntry = readonly [operator: string, key: string, values: readonly string[]];

const some = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });

const conditionEntry: fc.Arbitrary<ConditionEntry> = fc.oneof(
  fc.tuple(
    fc.constantFrom('StringEquals', 'StringNotEquals', 'StringEqualsIfExists'),
    fc.constant('aws:PrincipalTag/team'),
    some(['orders', 'payments']),
  ),
  fc.tuple(
    fc.constantFrom('StringLike', 'StringNotLike'),
    fc.constant('aws:PrincipalTag/team'),
    some(['ord*', 'pay?ents']),
  ),
  fc.tuple(
    fc.constantFrom('StringEquals', 'StringNotEqualsIfExists'),
    fc.constant('aws:RequestedRegion'),
    some(['us-east-1', 'eu-west-1']),
  ),
  fc.tuple(
    fc.constantFrom('Bool', 'BoolIfExists'),
    fc.constantFrom('aws:MultiFactorAuthPresent', 'aws:SecureTransport'),
    fc.constantFrom(['true'], ['false']),
  ),
  fc.tuple(
    fc.constantFrom('NumericLessThan', 'NumericLessThanIfExists'),
    fc.constant('aws:MultiFactorAuthAge'),
    some(['300', '3600']),
  ),
  fc.tuple(
    fc.constantFrom('IpAddress', 'NotIpAddress'),
    fc.constant('aws:SourceIp'),
    some(['203.0.113.0/24', '198.51.100.7/32']),
  ),
  fc.tuple(
    fc.constantFrom('ForAnyValue:StringEquals', 'ForAllValues:StringLike'),
    fc.constant('aws:TagKeys'),
    some(['env', 'team*', 'owner']),
  ),
  fc.tuple(
    fc.constant('StringEquals'),
    fc.constantFrom('aws:PrincipalAccount', 'aws:ResourceAccount'),
    some([accountA, accountB]),
  ),
  fc.tuple(
    fc.constantFrom('ArnLike', 'ArnNotLike'),
    fc.constant('aws:PrincipalArn'),
    some([`arn:aws:iam::*:role/app`, `arn:aws:iam::${accountB}:*`]),
  ),
);

/** A `Condition` block of one to three tests; tests with the same operator share its object. */
const conditionBlock = fc.array(conditionEntry, { minLength: 1, maxLength: 3 }).map((entries) => {
  const block: Record<string, Record<string, readonly string[]>> = {};
  for (const [operator, key, values] of entries) block[operator] = { ...block[operator], [key]: values };
  return block;
});

/** A request context with some of the keys the conditions read. */
const contextArb = fc.record(
  {
    'aws:PrincipalTag/team': fc.constantFrom('orders', 'payments', 'search'),
    'aws:RequestedRegion': fc.constantFrom('us-east-1', 'eu-west-1', 'ap-south-1'),
    'aws:MultiFactorAuthPresent': fc.constantFrom('true', 'false'),
    'aws:SecureTransport': fc.constantFrom('true', 'false'),
    'aws:MultiFactorAuthAge': fc.constantFrom('60', '1200', '7200'),
    'aws:SourceIp': fc.constantFrom('203.0.113.7', '198.51.100.7', '192.0.2.1'),
    'aws:TagKeys': fc.subarray([...tagKeys]),
  },
  { requiredKeys: [] },
);

const requestArb: fc.Arbitrary<RequestInput> = fc
  .record({
    principal: fc.constantFrom(...principals),
    target: fc.constantFrom(...targets),
    resourceAccount: fc.constantFrom(undefined, accountA, accountB),
    context: contextArb,
  })
  .map(({ principal, target, resourceAccount, context }) => ({
    principal,
    action: target.action,
    resource: target.resource,
    // S3 ARNs carry no account; the owner is given, or defaults to the caller's account.
    ...(target.global && resourceAccount !== undefined ? { resourceAccount } : {}),
    context,
  }));

// ---------------------------------------------------------------------------------------------
// Statements and policies

/** What a statement generator may use. */
interface StatementShape {
  readonly effect?: 'Allow' | 'Deny';
  /** The action patterns to draw from. */
  readonly actions: readonly string[];
  /** Whether `NotAction` may be used (it matches every action not listed). */
  readonly notAction: boolean;
  /** `resource` for resource policies (`Principal` or, on a Deny, `NotPrincipal`); `all` for RCPs. */
  readonly principal?: 'resource' | 'all';
  /** How many statements in ten carry a `Condition` (3 unless given). */
  readonly conditional?: number;
}

/** `arb` as often as `weight` out of ten, else `otherwise`. */
const sometimes = <T, U>(weight: number, arb: fc.Arbitrary<T>, otherwise: U) =>
  fc.oneof({ weight, arbitrary: arb }, { weight: 10 - weight, arbitrary: fc.constant(otherwise) });

/** A single value or, as often, an array (both occur in the wild). */
const oneOrMany = (values: readonly string[]) =>
  fc
    .tuple(fc.subarray([...values], { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([picked, asString]): string | readonly string[] =>
      picked.length === 1 && asString ? (picked[0] as string) : picked,
    );

function statementArb(shape: StatementShape): fc.Arbitrary<StatementWire> {
  const action = fc.oneof(
    { weight: 5, arbitrary: oneOrMany(shape.actions).map((v) => ({ Action: v })) },
    { weight: shape.notAction ? 1 : 0, arbitrary: oneOrMany(shape.actions).map((v) => ({ NotAction: v })) },
  );
  const resource = fc.oneof(
    { weight: 5, arbitrary: oneOrMany(resourcePatterns).map((v) => ({ Resource: v })) },
    { weight: 2, arbitrary: fc.constant({ Resource: '*' }) },
    {
      weight: 1,
      arbitrary: oneOrMany(resourcePatterns.filter((r) => r !== '*')).map((v) => ({ NotResource: v })),
    },
  );
  const condition = sometimes(
    shape.conditional ?? 3,
    conditionBlock.map((c) => ({ Condition: c })),
    {},
  );
  // Most statements allow; denies are the guardrails around them.
  const effect = shape.effect
    ? fc.constant(shape.effect)
    : fc.oneof(
        { weight: 4, arbitrary: fc.constant('Allow' as const) },
        { weight: 1, arbitrary: fc.constant('Deny' as const) },
      );
  return fc
    .record({
      effect,
      action,
      resource,
      condition,
      principal: fc.constantFrom(...resourcePolicyPrincipals),
      notPrincipal: sometimes(2, fc.constantFrom(...notPrincipals), undefined),
    })
    .map(({ effect, action, resource, condition, principal, notPrincipal }): StatementWire => {
      let who: Pick<StatementWire, 'Principal' | 'NotPrincipal'> = {};
      if (shape.principal === 'all') who = { Principal: '*' };
      if (shape.principal === 'resource') {
        who = effect === 'Deny' && notPrincipal ? { NotPrincipal: notPrincipal } : { Principal: principal };
      }
      return { Effect: effect, ...who, ...action, ...resource, ...condition };
    });
}

const document = (statements: readonly StatementWire[]): PolicyDocumentWire => ({
  Version: '2012-10-17',
  Statement: statements,
});

const fullAwsAccess = document([{ Effect: 'Allow', Action: '*', Resource: '*' }]);

const named = (prefix: string) => (docs: readonly PolicyDocumentWire[]) =>
  docs.map((policy, i): NamedPolicyInput => ({ name: `${prefix}-${i}`, policy }));

const orgLevels = ['r-a1b2', 'ou-a1b2-11111111', 'ou-a1b2-22222222'] as const;

/** Everything of a simulate input but the request. */
type PolicyInputs = Omit<SimulateInput, 'request'>;

/**
 * Policy sets: identity policies, sometimes a boundary, sometimes an organization with SCP and
 * RCP levels, sometimes a resource policy and a session policy.
 */
function policiesArb(actions: readonly string[], notAction: boolean): fc.Arbitrary<PolicyInputs> {
  const statements = (shape: Partial<StatementShape>, maxLength: number) =>
    fc.array(statementArb({ actions, notAction, ...shape }), { minLength: 1, maxLength });
  const policies = (prefix: string, shape: Partial<StatementShape>, min: number, max: number) =>
    fc.array(statements(shape, 4).map(document), { minLength: min, maxLength: max }).map(named(prefix));
  // Most SCP levels keep FullAWSAccess and add guardrails; a few replace it with an allow list.
  const scpLevel = fc
    .tuple(fc.nat(9), fc.array(statements({}, 3).map(document), { maxLength: 2 }))
    .map(([roll, extra]) => [...(roll < 8 || extra.length === 0 ? [fullAwsAccess] : []), ...extra]);
  const levels = (level: fc.Arbitrary<PolicyDocumentWire[]>) =>
    fc.array(level, { minLength: 1, maxLength: 3 }).map((list) =>
      list.map(
        (docs, i): OrgLevelInput => ({
          orgIdentifier: orgLevels[i] ?? `level-${i}`,
          policies: named('guardrail')(docs),
        }),
      ),
    );
  // RCPs can only deny (RCPFullAWSAccess is implied), and their denies are conditional.
  const rcpLevel = fc.array(
    statements({ effect: 'Deny', principal: 'all', conditional: 10 }, 2).map(document),
    {
      maxLength: 2,
    },
  );
  return fc
    .record({
      identityPolicies: policies('identity', {}, 1, 3),
      permissionBoundaries: sometimes(3, policies('boundary', {}, 1, 1), []),
      scps: sometimes(5, levels(scpLevel), undefined),
      rcps: sometimes(3, levels(rcpLevel), undefined),
      resourcePolicy: sometimes(5, statements({ principal: 'resource' }, 4).map(document), undefined),
      sessionPolicy: sometimes(2, statements({}, 2).map(document), undefined),
    })
    .map((p): PolicyInputs => {
      const { scps, rcps, resourcePolicy, sessionPolicy, ...lists } = p;
      return {
        ...lists,
        ...(scps ? { scps } : {}),
        ...(rcps ? { rcps } : {}),
        ...(resourcePolicy ? { resourcePolicy } : {}),
        ...(sessionPolicy ? { sessionPolicy } : {}),
      };
    });
}

const inputArb: fc.Arbitrary<SimulateInput> = fc
  .tuple(requestArb, policiesArb(actionPatterns, true))
  .map(([request, policies]) => ({ request, ...policies }));

// ---------------------------------------------------------------------------------------------
// Changing an input

/** Where a statement is added. */
type Place = 'identity' | 'permissionBoundary' | 'scp' | 'rcp' | 'resource' | 'session';

/** Rebuilds a document with `statement` inserted at `at` (taken modulo the number of slots). */
function withStatement(policy: unknown, statement: StatementWire, at: number): PolicyDocumentWire {
  const existing = (policy as PolicyDocumentWire | undefined)?.Statement ?? [];
  const list = Array.isArray(existing) ? [...existing] : [existing as StatementWire];
  list.splice(at % (list.length + 1), 0, statement);
  return document(list);
}

/** Adds a statement to one policy of a list, or as a new policy at the end. */
function addToList(
  list: readonly NamedPolicyInput[] | undefined,
  prefix: string,
  statement: StatementWire,
  at: number,
): NamedPolicyInput[] {
  const result = [...(list ?? [])];
  const index = at % (result.length + 1);
  const target = result[index];
  result[index] = target
    ? { name: target.name, policy: withStatement(target.policy, statement, at) }
    : { name: `${prefix}-added`, policy: document([statement]) };
  return result;
}

/** Adds a statement to one policy of one organization level (creating a level when there is none). */
function addToLevels(
  levels: readonly OrgLevelInput[] | undefined,
  statement: StatementWire,
  at: number,
): OrgLevelInput[] {
  const result = [...(levels ?? [])];
  const index = result.length === 0 ? 0 : at % result.length;
  const level = result[index] ?? { orgIdentifier: 'r-a1b2', policies: [] };
  result[index] = {
    orgIdentifier: level.orgIdentifier,
    policies: addToList(level.policies, 'guardrail', statement, at),
  };
  return result;
}

/** A resource-policy statement's `Principal` or `NotPrincipal`. */
type Who = Pick<StatementWire, 'Principal' | 'NotPrincipal'>;

/**
 * The input with `statement` added to a policy of type `place`. A resource-policy statement
 * gets `who`; an RCP statement gets `"Principal": "*"`.
 */
function addStatement(
  input: SimulateInput,
  place: Place,
  statement: StatementWire,
  who: Who,
  at: number,
): SimulateInput {
  switch (place) {
    case 'identity':
      return { ...input, identityPolicies: addToList(input.identityPolicies, 'identity', statement, at) };
    case 'permissionBoundary':
      return {
        ...input,
        permissionBoundaries: addToList(input.permissionBoundaries, 'boundary', statement, at),
      };
    case 'scp':
      return { ...input, scps: addToLevels(input.scps, statement, at) };
    case 'rcp':
      return { ...input, rcps: addToLevels(input.rcps, { ...statement, Principal: '*' }, at) };
    case 'resource':
      return { ...input, resourcePolicy: withStatement(input.resourcePolicy, { ...statement, ...who }, at) };
    case 'session':
      return { ...input, sessionPolicy: withStatement(input.sessionPolicy, statement, at) };
  }
}

/** A deterministic shuffle driven by `seed` (mulberry32), so fast-check can replay it. */
function shuffler(seed: number): <T>(list: readonly T[]) => T[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (list) => {
    const result = [...list];
    for (let i = result.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [result[i], result[j]] = [result[j] as (typeof result)[number], result[i] as (typeof result)[number]];
    }
    return result;
  };
}

/** The input with the statements of every policy and the policies of every list reordered. */
function reorder(input: SimulateInput, seed: number): SimulateInput {
  const shuffle = shuffler(seed);
  const policy = (doc: unknown) => {
    const statements = (doc as PolicyDocumentWire).Statement;
    return document(shuffle(Array.isArray(statements) ? statements : [statements as StatementWire]));
  };
  const list = (policies: readonly NamedPolicyInput[] | undefined) =>
    shuffle((policies ?? []).map((p) => ({ name: p.name, policy: policy(p.policy) })));
  const levels = (org: readonly OrgLevelInput[] | undefined) =>
    org?.map((level) => ({ orgIdentifier: level.orgIdentifier, policies: list(level.policies) }));
  const scps = levels(input.scps);
  const rcps = levels(input.rcps);
  return {
    request: input.request,
    identityPolicies: list(input.identityPolicies),
    permissionBoundaries: list(input.permissionBoundaries),
    ...(scps ? { scps } : {}),
    ...(rcps ? { rcps } : {}),
    ...(input.resourcePolicy ? { resourcePolicy: policy(input.resourcePolicy) } : {}),
    ...(input.sessionPolicy ? { sessionPolicy: policy(input.sessionPolicy) } : {}),
  };
}

/** Whether an `Action` pattern of the vocabulary (exact, or with one trailing `*`) matches an action. */
function actionPatternMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  return p.endsWith('*') ? a.startsWith(p.slice(0, -1)) : p === a;
}

// ---------------------------------------------------------------------------------------------
// Properties

let simulator: Simulator;
beforeAll(async () => {
  simulator = createSimulator(
    await loadCatalog({ services: ['s3', 'dynamodb', 'kms', 'sqs', 'iam', 'sts'] }),
  );
});

/** Evaluates an input the generators made valid; an error result is a failure of its own. */
function decide(input: SimulateInput): EvaluationResult {
  const result = simulator.simulate(input);
  if ('error' in result)
    throw new Error(`generated input could not be evaluated: ${JSON.stringify(result.error)}`);
  return result;
}

const places: readonly Place[] = ['identity', 'permissionBoundary', 'scp', 'rcp', 'resource', 'session'];
const addedStatement = (effect: 'Allow' | 'Deny') =>
  statementArb({ effect, actions: actionPatterns, notAction: true });
const principalOf = fc.constantFrom(...resourcePolicyPrincipals).map((p): Who => ({ Principal: p }));
const notPrincipalOf = fc.constantFrom(...notPrincipals).map((p): Who => ({ NotPrincipal: p }));

describe(`evaluation invariants (${evaluationLogic})`, () => {
  // "An explicit deny in any of these policies overrides the allow": a Deny can only take access
  // away, wherever it is added, and an explicit denial stays one.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  it('adding a Deny statement never grants access and never lifts an explicit deny', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.constantFrom(...places),
        addedStatement('Deny'),
        fc.oneof({ weight: 3, arbitrary: principalOf }, { weight: 1, arbitrary: notPrincipalOf }),
        fc.nat(),
        (input, place, statement, who, at) => {
          const before = decide(input);
          const after = decide(addStatement(input, place, statement, who, at));
          if (before.decision !== 'Allowed') expect(after.decision).not.toBe('Allowed');
          if (before.decision === 'ExplicitlyDenied') expect(after.decision).toBe('ExplicitlyDenied');
        },
      ),
      { numRuns },
    );
  });

  // Identity-based and resource-based policies grant access; an Allow added to either can only
  // add to what is allowed (the other policy types only limit it).
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  it('adding an Allow statement to an identity or resource policy never denies an allowed request', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.constantFrom<Place>('identity', 'resource'),
        addedStatement('Allow'),
        principalOf,
        fc.nat(),
        (input, place, statement, who, at) => {
          const before = decide(input);
          const after = decide(addStatement(input, place, statement, who, at));
          if (before.decision === 'Allowed') expect(after.decision).toBe('Allowed');
        },
      ),
      { numRuns },
    );
  });

  // The decision is made from the set of statements that apply ("evaluates all policies ...
  // explicit deny overrides allow"); nothing in the logic depends on their order.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  it('reordering statements within a policy and policies within a list never changes the decision', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const before = decide(input);
        const after = decide(reorder(input, seed));
        expect(after.decision).toBe(before.decision);
        expect(after.missingContextKeys).toEqual(before.missingContextKeys);
      }),
      { numRuns },
    );
  });

  // "By default, all requests are implicitly denied": with no statement whose action matches,
  // nothing allows and nothing denies.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  it('a request that no statement matches is implicitly denied', () => {
    const unmatched = requestArb.chain((request) =>
      policiesArb(
        actionPatterns.filter((p) => !actionPatternMatches(p, request.action)),
        false,
      ).map((policies): SimulateInput => ({ request, ...policies })),
    );
    fc.assert(
      fc.property(unmatched, (input) => {
        const result = decide(input);
        expect(result.decision).toBe('ImplicitlyDenied');
        expect(result.reasons).toEqual([]);
        expect(result.missingAllows.length).toBeGreaterThan(0);
      }),
      { numRuns },
    );
  });

  // An allowed request rests on at least one Allow; an explicit denial on Deny statements only;
  // an implicit denial on a policy type that was required to allow and did not.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  it('results carry reasons that fit the decision', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = decide(input);
        switch (result.decision) {
          case 'Allowed':
            expect(result.reasons.some((r) => r.effect === 'Allow')).toBe(true);
            expect(result.missingAllows).toEqual([]);
            break;
          case 'ExplicitlyDenied':
            expect(result.reasons.length).toBeGreaterThan(0);
            expect(result.reasons.every((r) => r.effect === 'Deny')).toBe(true);
            break;
          case 'ImplicitlyDenied':
            expect(result.missingAllows.length).toBeGreaterThan(0);
            break;
        }
      }),
      { numRuns },
    );
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { loadResourceTypeIndex, type ResourceTypeIndex } from '../catalog/resource-types.js';
import { createSimulator, type Simulator } from '../evaluate/simulate.js';
import type { EvaluationResult } from '../evaluate/types.js';
import { uninventoriedAccessOf } from '../score/uninventoried-access.js';
import { buildSnapshot, snapshotSourceFromFiles } from '../snapshot/build-snapshot.js';
import type { Snapshot } from '../snapshot/model.js';
import { loadExampleOrg } from '../testing/example-org.js';
import { pairwiseAccessOf } from '../testing/pairwise-access.js';
import { riskSnapshot } from '../testing/risk-snapshot.js';
import { loadTools } from '../testing/test-snapshot.js';
import { accessIndexOf } from './access-index.js';
import {
  type AccessGrant,
  accessFromParts,
  accessOf,
  compareGrants,
  effectiveAccessOf,
  type PrincipalAccess,
  type ServiceAccess,
  summarizeAccess,
  unionOfSorted,
} from './access-of.js';
import { simulateInputFor } from './simulate-input-for.js';

let snapshot: Snapshot;
let tools: { catalog: Catalog; resourceTypes: ResourceTypeIndex };
let simulator: Simulator;
beforeAll(async () => {
  snapshot = loadExampleOrg();
  const catalog = await loadCatalog();
  tools = { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
  simulator = createSimulator(catalog);
});

const ordersApi = 'arn:aws:iam::111122223333:role/orders-api';

/** Each principal's effective access, computed in this order, each equal to the pairwise reference. */
async function accessInOrder(snap: Snapshot, arns: readonly string[]): Promise<Map<string, PrincipalAccess>> {
  const tools = await loadTools();
  const access = new Map<string, PrincipalAccess>();
  for (const arn of arns) {
    const result = effectiveAccessOf(snap, tools, arn);
    const reference = pairwiseAccessOf(snap, tools, arn);
    if (!result.ok || !reference.ok) throw new Error(arn);
    expect(result.value.grants, arn).toEqual(reference.value.grants);
    access.set(arn, result.value);
  }
  return access;
}

/** Whether an access allows (or may allow) an action on a resource. */
function allowed(access: PrincipalAccess, action: string, resource: string): boolean {
  return access.grants.some((g) => g.actions.includes(action) && g.resources.includes(resource));
}

describe('accessOf on the training organisation', () => {
  it("groups the orders role's access by capability and service", () => {
    const result = accessOf(snapshot, tools, ordersApi);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.value.capabilities).toContainEqual(
      expect.objectContaining({
        capability: 'read-data',
        service: 'dynamodb',
        resources: ['arn:aws:dynamodb:eu-west-1:111122223333:table/orders'],
        conditional: false,
      }),
    );
    expect(
      result.value.capabilities.some((c) => c.service === 'iam' && c.capability === 'administer-resource'),
    ).toBe(false);
    const keys = result.value.capabilities.map((c) => `${c.capability} ${c.service}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('agrees with `can`: each action it lists is allowed on some listed resource, and each resource for some action', () => {
    const result = accessOf(snapshot, tools, ordersApi);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const allowed = (action: string, resource: string) => {
      const input = simulateInputFor(snapshot, { principal: ordersApi, action, resource });
      if (!input.ok) throw new Error(JSON.stringify(input.diagnostics));
      return (simulator.simulate(input.value) as EvaluationResult).decision === 'Allowed';
    };
    const entries = result.value.capabilities.filter((c) => !c.conditional);
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries) {
      for (const action of entry.actions) {
        expect(
          entry.resources.some((r) => allowed(action, r)),
          `${action} in ${entry.service}`,
        ).toBe(true);
      }
      for (const resource of entry.resources) {
        expect(
          entry.actions.some((a) => allowed(a, resource)),
          `${resource} in ${entry.service}`,
        ).toBe(true);
      }
    }
  });

  it('rejects a principal the snapshot does not have', () => {
    const result = accessOf(snapshot, tools, 'arn:aws:iam::111122223333:role/nobody');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.code).toBe('access.unknown-principal');
  });
});

describe('summarizeAccess', () => {
  it('orders the lines by capability, then service, whether the access is given by parts or by grants', () => {
    // Administrators' parts hold services whose names sort apart from their actions
    // (`backup-storage:` before `backup:`): their lines must still come in name order.
    const key = (c: { capability: string; service: string }) => `${c.capability}\u0000${c.service}`;
    let lines = 0;
    for (const arn of snapshot.accounts.flatMap((a) => [...a.users, ...a.roles]).map((e) => e.arn)) {
      const access = effectiveAccessOf(snapshot, tools, arn);
      if (!access.ok) throw new Error(arn);
      const byParts = summarizeAccess(access.value);
      const keys = byParts.capabilities.map(key);
      expect(keys, arn).toEqual([...keys].sort());
      expect(summarizeAccess({ principal: arn, grants: access.value.grants }), arn).toEqual(byParts);
      lines += byParts.capabilities.length;
    }
    expect(lines).toBeGreaterThan(10_000);
  });
});

describe('effectiveAccessOf', () => {
  it('gives non-overlapping rectangles whose pairs are allowed or conditional, for every principal', () => {
    const principals = snapshot.accounts.flatMap((a) => [...a.users, ...a.roles]).map((p) => p.arn);
    for (const arn of principals.slice(0, 25)) {
      const access = effectiveAccessOf(snapshot, tools, arn);
      if (!access.ok) throw new Error(JSON.stringify(access.diagnostics));
      const seen = new Set<string>();
      for (const grant of access.value.grants) {
        expect(grant.conditional).toBe(grant.conditionKeys.length > 0);
        for (const action of grant.actions) {
          for (const resource of grant.resources) {
            const pair = `${action} ${resource}`;
            expect(seen.has(pair), pair).toBe(false);
            seen.add(pair);
          }
        }
      }
      // One pair of each grant, decided by `can`: allowed for certain grants.
      for (const grant of access.value.grants.filter((g) => !g.conditional).slice(0, 3)) {
        const action = grant.actions[0] as string;
        const resource = grant.resources[0] as string;
        const input = simulateInputFor(snapshot, { principal: arn, action, resource });
        if (!input.ok) throw new Error(JSON.stringify(input.diagnostics));
        const result = simulator.simulate(input.value) as EvaluationResult;
        expect(result.decision, `${arn} ${action} ${resource}`).toBe('Allowed');
      }
    }
  });
});

describe('effectiveAccessOf, set-wise, against the pairwise reference', () => {
  it('gives exactly the pairwise answer for every principal of the training organisation', () => {
    const principals = snapshot.accounts.flatMap((a) => [...a.users, ...a.roles]).map((p) => p.arn);
    expect(principals.length).toBeGreaterThan(100);
    for (const arn of principals) {
      const fast = effectiveAccessOf(snapshot, tools, arn);
      const reference = pairwiseAccessOf(snapshot, tools, arn);
      if (!fast.ok || !reference.ok) throw new Error(arn);
      expect(fast.value.grants, arn).toEqual(reference.value.grants);
      expect(fast.value.services?.flatMap((s) => s.grants)).toEqual(fast.value.grants);
    }
  }, 60_000);
});

describe('effectiveAccessOf on a generated account, against the pairwise reference', () => {
  // fixtures/generated-100-roles.iam.json: `node bench/dist/tools/generate-gaad.js --roles 100
  // --out FILE` (seed 42): 110 users and roles with the generator's mix of managed and inline
  // policies, groups, 21 permissions boundaries that repeat a few guards, conditions and
  // policy variables, which is what the sharing of layers and floors is keyed on.
  // fixtures/generated-100-roles.resources.json: bench/lib/resources-generator.ts (seed 42) on
  // that file: the 79 resources its policies name, with the bucket and topic policies such
  // resources usually have (a bucket's naming the bucket itself).
  const generated = (withResources = false) => {
    const read = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
    const files = [{ path: 'accounts/111122223333/iam.json', text: read('generated-100-roles.iam.json') }];
    if (withResources)
      files.push({
        path: 'accounts/111122223333/resources.json',
        text: read('generated-100-roles.resources.json'),
      });
    const built = buildSnapshot(snapshotSourceFromFiles(files));
    if (!built.ok) throw new Error(JSON.stringify(built.diagnostics.slice(0, 3)));
    return built.value;
  };

  it.each([
    ['ascending', false],
    ['descending', false],
    ['ascending', true],
  ])(
    'gives every principal exactly the pairwise answer, computed in %s ARN order (inventory: %s)',
    async (order, withResources) => {
      const snap = generated(withResources);
      const arns = snap.accounts.flatMap((a) => [...a.users, ...a.roles]).map((p) => p.arn);
      arns.sort();
      if (order === 'descending') arns.reverse();
      expect(arns.length).toBe(110);
      const access = await accessInOrder(snap, arns);
      expect([...access.values()].filter((a) => a.grants.length > 0).length).toBeGreaterThan(90);
    },
    120_000,
  );
});

describe('effectiveAccessOf, principals that share their policies', () => {
  const account = '111122223333';
  const arn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
  const queue = `arn:aws:sqs:eu-west-1:${account}:orders`;
  // Every role has the same managed policy, so they share what is decided alike; the queue's
  // policy denies one of them by name and the trust policy of `target` names another.
  const shared = () =>
    riskSnapshot({
      [account]: {
        policies: {
          Work: {
            Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sts:AssumeRole'], Resource: '*' }],
          },
        },
        roles: [
          { name: 'a', managed: ['Work'] },
          { name: 'b', managed: ['Work'] },
          { name: 'c', managed: ['Work'] },
          {
            name: 'target',
            trust: {
              Statement: [{ Effect: 'Allow', Principal: { AWS: arn('a') }, Action: 'sts:AssumeRole' }],
            },
          },
        ],
        resources: [
          {
            arn: queue,
            type: 'AWS::SQS::Queue',
            policy: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Deny', Principal: { AWS: arn('b') }, Action: 'sqs:*', Resource: queue }],
            },
          },
        ],
      },
    });

  // A statement whose Principal names other principals never matches this one, so its outcome
  // is shared with every principal it does not name; the named ones are decided for themselves.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
  it.each([
    ['a', 'b', 'c'],
    ['c', 'b', 'a'],
    ['b', 'c', 'a'],
  ])(
    'decides a Principal naming one role for that role alone, whichever comes first (%s, %s, %s)',
    async (...order) => {
      const access = await accessInOrder(shared(), order.map(arn));
      const of = (name: string) => access.get(arn(name)) as PrincipalAccess;
      expect(allowed(of('a'), 'sqs:SendMessage', queue)).toBe(true);
      expect(allowed(of('b'), 'sqs:SendMessage', queue)).toBe(false);
      expect(allowed(of('c'), 'sqs:SendMessage', queue)).toBe(true);
      expect(allowed(of('a'), 'sts:AssumeRole', arn('target'))).toBe(true);
      expect(allowed(of('b'), 'sts:AssumeRole', arn('target'))).toBe(false);
      expect(allowed(of('c'), 'sts:AssumeRole', arn('target'))).toBe(false);
    },
  );
});

describe('effectiveAccessOf, an SCP condition on who the principal is', () => {
  const account = '111122223333';
  const arn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
  const queue = `arn:aws:sqs:eu-west-1:${account}:orders`;
  const away = `arn:aws:sqs:us-east-1:${account}:orders`;
  // The common guardrail: deny every region but one, except for an administrator role. The
  // condition reads `aws:PrincipalArn`, which the snapshot knows for each role, so the roles it
  // answers alike share their decisions and the excepted one is decided for itself.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
  const guarded = () =>
    riskSnapshot(
      {
        [account]: {
          policies: { Work: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] } },
          roles: [
            { name: 'a', managed: ['Work'] },
            { name: 'admin', managed: ['Work'] },
            { name: 'b', managed: ['Work'] },
          ],
          resources: [
            { arn: queue, type: 'AWS::SQS::Queue' },
            { arn: away, type: 'AWS::SQS::Queue' },
          ],
        },
      },
      {
        scps: [
          { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
          {
            Statement: [
              {
                Effect: 'Deny',
                Action: '*',
                Resource: '*',
                Condition: {
                  StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' },
                  ArnNotLike: { 'aws:PrincipalARN': arn('admin') },
                },
              },
            ],
          },
        ],
      },
    );

  it.each([
    ['a', 'admin', 'b'],
    ['admin', 'b', 'a'],
  ])('decides the excepted role apart and shares the others (%s, %s, %s)', async (...order) => {
    const access = await accessInOrder(guarded(), order.map(arn));
    const of = (name: string) => access.get(arn(name)) as PrincipalAccess;
    // A request's region is its resource's: the others reach only the queue of eu-west-1.
    for (const name of ['a', 'admin', 'b']) expect(allowed(of(name), 'sqs:SendMessage', queue)).toBe(true);
    expect(allowed(of('admin'), 'sqs:SendMessage', away)).toBe(true);
    expect(allowed(of('a'), 'sqs:SendMessage', away)).toBe(false);
    expect(allowed(of('b'), 'sqs:SendMessage', away)).toBe(false);
    const sqs = (name: string) => of(name).services?.find((p) => p.service === 'sqs');
    expect(sqs('a')).toBe(sqs('b'));
    expect(sqs('a')).not.toBe(sqs('admin'));
  });
});

describe('effectiveAccessOf, statements that cannot apply', () => {
  const account = '111122223333';
  const arn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
  const stream = `arn:aws:kinesis:eu-west-1:${account}:stream/orders`;
  const missing = `arn:aws:kinesis:eu-west-1:${account}:stream/not-in-inventory`;
  const inline = (resource: string) => ({
    Own: {
      Statement: [
        { Effect: 'Allow', Action: ['kinesis:ListStreams', 'kinesis:PutRecord'], Resource: resource },
      ],
    },
  });
  // A statement applies to a request only when its Resource matches the request's resource: one
  // naming a stream the inventory does not hold matches no request of the Kinesis part (nor `*`,
  // which actions without a resource are asked on), so it leaves that part shared. One on `*` or
  // on an inventoried stream does not.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
  const roles = () =>
    riskSnapshot({
      [account]: {
        policies: { Work: { Statement: [{ Effect: 'Allow', Action: 'kinesis:Describe*', Resource: '*' }] } },
        roles: [
          { name: 'a', managed: ['Work'] },
          { name: 'b', managed: ['Work'], inline: inline(missing) },
          { name: 'c', managed: ['Work'], inline: inline('*') },
          { name: 'd', managed: ['Work'], inline: inline(stream) },
        ],
        resources: [{ arn: stream, type: 'AWS::Kinesis::Stream' }],
      },
    });

  it.each([
    ['a', 'b', 'c', 'd'],
    ['d', 'c', 'b', 'a'],
  ])(
    'shares the part a statement on a resource outside the inventory leaves alike (%s, %s, %s, %s)',
    async (...order) => {
      const access = await accessInOrder(roles(), order.map(arn));
      const of = (name: string) => access.get(arn(name)) as PrincipalAccess;
      const kinesis = (name: string) => of(name).services?.find((p) => p.service === 'kinesis');
      expect(allowed(of('b'), 'kinesis:PutRecord', stream)).toBe(false);
      expect(allowed(of('c'), 'kinesis:PutRecord', stream)).toBe(true);
      expect(allowed(of('c'), 'kinesis:ListStreams', '*')).toBe(true);
      expect(allowed(of('d'), 'kinesis:PutRecord', stream)).toBe(true);
      expect(kinesis('b')).toBe(kinesis('a'));
      expect(kinesis('c')).not.toBe(kinesis('a'));
      expect(kinesis('d')).not.toBe(kinesis('a'));
    },
  );
});

describe('effectiveAccessOf, statements on other resources', () => {
  const account = '111122223333';
  const arn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
  const bucket = (n: number) => `arn:aws:s3:::data-${n}`;
  // Each bucket's policy names the bucket itself, so each is a class of its own; for requests on
  // its own bucket each reads the same, so they are decided together.
  const tlsOnly = (n: number) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucket(n), `${bucket(n)}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
  const denyReads = (objects: string) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: objects }],
  });
  const own = (statement: Record<string, unknown>) => ({
    Own: { Version: '2012-10-17', Statement: [statement] },
  });
  // A statement takes part in a request only when its Resource (or NotResource) matches the
  // request's resource, so statements naming other buckets change no decision on a bucket: a
  // role whose inline policy names bucket 1 is decided like its neighbours on the others.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
  const roles = (buckets = 4) =>
    riskSnapshot({
      [account]: {
        policies: {
          Work: { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }] },
        },
        roles: [
          { name: 'a', managed: ['Work'] },
          {
            name: 'put-one',
            managed: ['Work'],
            inline: own({ Effect: 'Allow', Action: 's3:PutObject', Resource: `${bucket(1)}/*` }),
          },
          {
            name: 'deny-one',
            managed: ['Work'],
            inline: own({ Effect: 'Deny', Action: 's3:GetObject', Resource: `${bucket(1)}/*` }),
          },
          {
            name: 'deny-others',
            managed: ['Work'],
            inline: own({ Effect: 'Deny', Action: 's3:GetObject', NotResource: `${bucket(1)}/*` }),
          },
          {
            name: 'deny-prefix',
            managed: ['Work'],
            inline: own({ Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-2*' }),
          },
        ],
        resources: [
          ...Array.from({ length: buckets }, (_, i) => ({
            arn: bucket(i + 1),
            type: 'AWS::S3::Bucket',
            policy: tlsOnly(i + 1),
          })),
          // Two policies alike but for what they name: one covers its own bucket, one another.
          ...['other-a', 'other-b'].map((name) => ({
            arn: `arn:aws:s3:::${name}`,
            type: 'AWS::S3::Bucket',
            policy: denyReads('arn:aws:s3:::other-b/*'),
          })),
        ],
      },
    });

  it.each([
    ['a', 'put-one', 'deny-one', 'deny-others', 'deny-prefix'],
    ['deny-prefix', 'deny-others', 'deny-one', 'put-one', 'a'],
  ])('decides each exactly, in any order (%s first)', async (...order) => {
    const access = await accessInOrder(roles(), order.map(arn));
    const of = (name: string) => access.get(arn(name)) as PrincipalAccess;
    expect(allowed(of('deny-one'), 's3:GetObject', `${bucket(1)}/*`)).toBe(false);
    expect(allowed(of('deny-one'), 's3:GetObject', `${bucket(2)}/*`)).toBe(true);
    expect(allowed(of('deny-others'), 's3:GetObject', `${bucket(1)}/*`)).toBe(true);
    expect(allowed(of('deny-others'), 's3:GetObject', `${bucket(3)}/*`)).toBe(false);
    expect(allowed(of('deny-prefix'), 's3:GetObject', `${bucket(2)}/*`)).toBe(false);
    expect(allowed(of('deny-prefix'), 's3:GetObject', `${bucket(3)}/*`)).toBe(true);
    expect(allowed(of('a'), 's3:GetObject', 'arn:aws:s3:::other-a/*')).toBe(true);
    expect(allowed(of('a'), 's3:GetObject', 'arn:aws:s3:::other-b/*')).toBe(false);
  });

  it('decides buckets whose policies name each its own bucket together, however many', async () => {
    const tools = await loadTools();
    const decided = (buckets: number) => {
      const snap = roles(buckets);
      expect(effectiveAccessOf(snap, tools, arn('a')).ok).toBe(true);
      return accessIndexOf(snap, tools).sharedOutcomes.size;
    };
    expect(decided(12)).toBe(decided(2));
  });

  it('decides a role whose inline policy names one bucket anew on that bucket, the others together', async () => {
    const snap = roles(12);
    const tools = await loadTools();
    effectiveAccessOf(snap, tools, arn('a'));
    const { sharedOutcomes } = accessIndexOf(snap, tools);
    const before = sharedOutcomes.size;
    expect(effectiveAccessOf(snap, tools, arn('put-one')).ok).toBe(true);
    // s3:PutObject on bucket 1's objects, the one request its own statement takes part in; and
    // s3:GetObject and s3:PutObject on the eleven others, decided together on the first of them.
    expect(sharedOutcomes.size - before).toBe(3);
  });
});

describe('effectiveAccessOf, resource-based policies that name their own resource or others', () => {
  const account = '111122223333';
  const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;
  const bucket = (n: number) => `arn:aws:s3:::data-${n}`;
  // A statement of a bucket policy takes part in a request on that bucket only when its Resource
  // (or NotResource) covers the request's resource; buckets whose policies read alike for their
  // own objects are decided together, and any other difference keeps them apart.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
  const statement = fc.record({
    effect: fc.constantFrom('Allow', 'Deny'),
    principal: fc.constantFrom<unknown>(
      '*',
      { AWS: role('reader') },
      { AWS: `arn:aws:iam::${account}:root` },
    ),
    action: fc.constantFrom('s3:GetObject', 's3:*', 's3:PutObject'),
    // Which objects it names: its own bucket's, another's, every bucket's, or all but one.
    names: fc.constantFrom('own', 'other', 'every', 'not-other', 'not-own'),
    other: fc.integer({ min: 1, max: 4 }),
  });
  const policies = fc.array(
    fc.option(fc.array(statement, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    {
      minLength: 4,
      maxLength: 4,
    },
  );

  it("decides every principal exactly, whatever the buckets' policies name", async () => {
    const tools = await loadTools();
    fc.assert(
      fc.property(policies, (buckets) => {
        const snap = riskSnapshot({
          [account]: {
            policies: {
              Reads: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
            },
            roles: [
              { name: 'reader', managed: ['Reads'] },
              { name: 'other', managed: ['Reads'] },
              {
                name: 'one-bucket',
                managed: ['Reads'],
                inline: {
                  Own: {
                    Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: `${bucket(2)}/*` }],
                  },
                },
              },
            ],
            resources: buckets.map((statements, i) => ({
              arn: bucket(i + 1),
              type: 'AWS::S3::Bucket',
              ...(statements
                ? {
                    policy: {
                      Version: '2012-10-17',
                      Statement: statements.map((s) => {
                        const own = `${bucket(i + 1)}/*`;
                        const other = `${bucket(s.other)}/*`;
                        const resource =
                          s.names === 'own'
                            ? { Resource: own }
                            : s.names === 'other'
                              ? { Resource: other }
                              : s.names === 'every'
                                ? { Resource: 'arn:aws:s3:::data-*/*' }
                                : { NotResource: s.names === 'not-other' ? other : own };
                        return { Effect: s.effect, Principal: s.principal, Action: s.action, ...resource };
                      }),
                    },
                  }
                : {}),
            })),
          },
        });
        for (const name of ['reader', 'other', 'one-bucket']) {
          const result = effectiveAccessOf(snap, tools, role(name));
          const reference = pairwiseAccessOf(snap, tools, role(name));
          if (!result.ok || !reference.ok) throw new Error(name);
          expect(result.value.grants, name).toEqual(reference.value.grants);
        }
      }),
      {
        numRuns: 40,
        // Equal but for Resource and NotResource: one covers its own objects, the other does not.
        examples: [
          [
            [
              [{ effect: 'Deny', principal: '*', action: 's3:GetObject', names: 'not-own', other: 1 }],
              [{ effect: 'Deny', principal: '*', action: 's3:GetObject', names: 'own', other: 1 }],
              undefined,
              undefined,
            ],
          ],
        ],
      },
    );
  }, 120_000);
});

describe('effectiveAccessOf, the same policies attached differently', () => {
  const account = '111122223333';
  const arn = (name: string) => `arn:aws:iam::${account}:user/${name}`;
  const queue = `arn:aws:sqs:eu-west-1:${account}:orders`;
  // Policies are evaluated as a set: their order, and a policy attached both directly and
  // through a group, change no decision, so such users share what is built from them.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  const users = () =>
    riskSnapshot({
      [account]: {
        policies: {
          Send: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] },
          Read: {
            Statement: [
              { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:SendMessage'], Resource: queue },
            ],
          },
        },
        groups: [{ name: 'senders', managed: ['Send'] }],
        users: [
          { name: 'a', managed: ['Send', 'Read'] },
          { name: 'b', managed: ['Read', 'Send'] },
          { name: 'c', managed: ['Read', 'Send'], groups: ['senders'] },
        ],
        resources: [{ arn: queue, type: 'AWS::SQS::Queue' }],
      },
    });

  it('shares one part between users with the same policies in another order or attached twice', async () => {
    const access = await accessInOrder(users(), ['a', 'b', 'c'].map(arn));
    const sqs = (name: string) => access.get(arn(name))?.services?.find((p) => p.service === 'sqs');
    expect(sqs('a')?.grants.flatMap((g) => g.actions)).toEqual(['sqs:ReceiveMessage', 'sqs:SendMessage']);
    expect(sqs('b')).toBe(sqs('a'));
    expect(sqs('c')).toBe(sqs('a'));
  });
});

describe('effectiveAccessOf, permissions boundaries', () => {
  const account = '111122223333';
  const arn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
  const queue = `arn:aws:sqs:eu-west-1:${account}:orders`;
  const sendAndDelete = {
    Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:DeleteMessage'], Resource: '*' }],
  };
  // A boundary limits what identity policies allow and allows nothing itself; only identity and
  // resource-based policies are named as granting, so boundaries equal in content decide alike
  // whatever their names. A policy used as a role's boundary and attached to it is both.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
  const roles = () =>
    riskSnapshot({
      [account]: {
        policies: {
          Work: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] },
          BoundaryOne: sendAndDelete,
          BoundaryTwo: sendAndDelete,
          Storage: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
        },
        roles: [
          { name: 'a', managed: ['Work'], boundary: 'BoundaryOne' },
          { name: 'b', managed: ['Work'], boundary: 'BoundaryTwo' },
          { name: 'c', boundary: 'Work' },
          { name: 'd', managed: ['Work'], boundary: 'Work' },
          { name: 'e', managed: ['Work'] },
          { name: 'f', managed: ['Work'], boundary: 'Storage' },
        ],
        resources: [{ arn: queue, type: 'AWS::SQS::Queue' }],
      },
    });

  it.each([
    ['a', 'b', 'c', 'd', 'e', 'f'],
    ['d', 'f', 'c', 'b', 'a', 'e'],
  ])(
    'shares parts between equal boundaries and keeps a policy that is both apart (%s, %s, %s, %s, %s, %s)',
    async (...order) => {
      const access = await accessInOrder(roles(), order.map(arn));
      const of = (name: string) => access.get(arn(name)) as PrincipalAccess;
      const sqs = (name: string) => of(name).services?.find((p) => p.service === 'sqs');
      for (const name of ['a', 'b', 'd', 'e']) expect(allowed(of(name), 'sqs:SendMessage', queue)).toBe(true);
      expect(of('c').grants).toEqual([]);
      expect(allowed(of('f'), 'sqs:SendMessage', queue)).toBe(false);
      expect(sqs('b')).toBe(sqs('a'));
      expect(sqs('e')).not.toBe(sqs('a'));
    },
  );
});

describe('effectiveAccessOf and the floor, services only broad statements name', () => {
  const account = '111122223333';
  const arn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
  // An administrator's hundreds of services are named only by `Action: *`: they are looked up by
  // what decides them (the broad statements, the boundary, the SCPs), never by a principal whose
  // boundary or own narrower statements differ. A boundary caps what identity policies allow; an
  // explicit Deny in any policy overrides an Allow.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  const roles = () =>
    riskSnapshot({
      [account]: {
        policies: {
          Admin: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
          Queues: { Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] },
          Topics: { Statement: [{ Effect: 'Allow', Action: 'sns:*', Resource: '*' }] },
        },
        roles: [
          { name: 'plain', managed: ['Admin'] },
          { name: 'queues', managed: ['Admin'], boundary: 'Queues' },
          { name: 'topics', managed: ['Admin'], boundary: 'Topics' },
          {
            name: 'topics-only',
            managed: ['Admin'],
            // Its own statement names every service but SNS.
            inline: { deny: { Statement: [{ Effect: 'Deny', NotAction: 'sns:*', Resource: '*' }] } },
          },
        ],
      },
    });

  it.each([
    ['plain', 'queues', 'topics', 'topics-only'],
    ['topics-only', 'topics', 'queues', 'plain'],
  ])('gives each the services its boundary and own statements leave (%s, %s, %s, %s)', async (...order) => {
    const snap = roles();
    const access = await accessInOrder(snap, order.map(arn));
    const floors = new Map(
      order.map((name) => {
        const floor = uninventoriedAccessOf(snap, tools, arn(name));
        if (!floor.ok) throw new Error(name);
        return [name, floor.value] as const;
      }),
    );
    // Actions without a resource are effective access's `*`; a queue's or topic's actions, with
    // no queue or topic in the inventory, the floor's placeholder.
    const can = (name: string, action: string) =>
      allowed(access.get(arn(name)) as PrincipalAccess, action, '*') ||
      (floors.get(name)?.grants ?? []).some((g) => g.actions.includes(action));
    const expected: Record<string, [boolean, boolean]> = {
      plain: [true, true],
      queues: [true, false],
      topics: [false, true],
      'topics-only': [false, true],
    };
    for (const [name, [queues, topics]] of Object.entries(expected)) {
      for (const action of ['sqs:ListQueues', 'sqs:SendMessage'])
        expect(can(name, action), `${name} ${action}`).toBe(queues);
      for (const action of ['sns:ListTopics', 'sns:Publish'])
        expect(can(name, action), `${name} ${action}`).toBe(topics);
    }
  });
});

describe('effectiveAccessOf, a boundary that allows nothing of a service', () => {
  const account = '111122223333';
  const role = `arn:aws:iam::${account}:role/worker`;
  const user = `arn:aws:iam::${account}:user/operator`;
  const free = `arn:aws:iam::${account}:role/free`;
  const queue = `arn:aws:sqs:eu-west-1:${account}:orders`;
  const topic = `arn:aws:sns:eu-west-1:${account}:alerts`;
  // A boundary lets a principal do only what both it and the identity policies allow, so a
  // service the boundary does not name is denied whatever the identity policies say; a
  // same-account resource-based policy naming a user still grants past it.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
  const bounded = () =>
    riskSnapshot({
      [account]: {
        policies: {
          Broad: { Statement: [{ Effect: 'Allow', Action: ['sqs:*', 'sns:*', 'ec2:*'], Resource: '*' }] },
          QueuesOnly: { Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] },
        },
        roles: [
          { name: 'worker', managed: ['Broad'], boundary: 'QueuesOnly' },
          { name: 'free', managed: ['Broad'] },
        ],
        users: [{ name: 'operator', managed: ['Broad'], boundary: 'QueuesOnly' }],
        resources: [
          { arn: queue, type: 'AWS::SQS::Queue' },
          {
            arn: topic,
            type: 'AWS::SNS::Topic',
            policy: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: { AWS: user }, Action: 'sns:Publish', Resource: topic },
              ],
            },
          },
        ],
      },
    });

  it.each([[[role, user, free]], [[free, user, role]]])(
    'leaves out the services it does not allow, unless a resource-based policy names the principal (%j)',
    async (order) => {
      const access = await accessInOrder(bounded(), order);
      const services = (arn: string) => (access.get(arn)?.services ?? []).map((p) => p.service);
      expect(services(role)).toEqual(['sqs']);
      expect(services(free)).toEqual(expect.arrayContaining(['ec2', 'sns', 'sqs']));
      expect(allowed(access.get(user) as PrincipalAccess, 'sns:Publish', topic)).toBe(true);
      expect(allowed(access.get(user) as PrincipalAccess, 'sns:DeleteTopic', topic)).toBe(false);
    },
  );
});

describe('effectiveAccessOf, a Resource with a policy variable', () => {
  const account = '111122223333';
  const user = (name: string) => `arn:aws:iam::${account}:user/${name}`;
  const role = `arn:aws:iam::${account}:role/reader`;
  // `${aws:username}` in a Resource matches the calling user's own ARN only, so the users it may
  // match are decided one by one for the users whose policy has it, and together for a role
  // whose policies do not.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
  const selfService = () =>
    riskSnapshot({
      [account]: {
        policies: {
          SelfService: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['iam:ChangePassword', 'iam:GetUser'],
                Resource: `arn:aws:iam::*:user/\${aws:username}`,
              },
            ],
          },
          Reader: { Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] },
        },
        users: [
          { name: 'ana', managed: ['SelfService'] },
          { name: 'ben', managed: ['SelfService'] },
          { name: 'cy', managed: ['SelfService'] },
        ],
        roles: [{ name: 'reader', managed: ['Reader'] }],
      },
    });

  it.each([
    [role, user('ana'), user('ben')],
    [user('ben'), role, user('ana')],
  ])('gives each user its own ARN and the role every user (%s first)', async (...order) => {
    const access = await accessInOrder(selfService(), order);
    const resourcesOf = (arn: string, action: string) =>
      (access.get(arn) as PrincipalAccess).grants
        .filter((g) => g.actions.includes(action))
        .flatMap((g) => g.resources);
    expect(resourcesOf(user('ana'), 'iam:ChangePassword')).toEqual([user('ana')]);
    expect(resourcesOf(user('ben'), 'iam:ChangePassword')).toEqual([user('ben')]);
    expect(resourcesOf(role, 'iam:GetUser')).toEqual(
      expect.arrayContaining([user('ana'), user('ben'), user('cy')]),
    );
  });
});

describe('accessFromParts', () => {
  const part = (service: string, ...actions: string[]): ServiceAccess => ({
    service,
    grants: actions.map((a) => ({
      actions: [`${service}:${a}`],
      resources: ['*'],
      conditional: false,
      conditionKeys: [],
    })),
  });
  const parts = [
    part('s3', 'GetObject', 'PutObject'),
    part('s3-object-lambda', 'GetObject'),
    part('ec2', 'DescribeInstances'),
    part('ec2messages', 'GetMessages'),
    part('iam', 'ListRoles', 'PassRole'),
    part('sqs'),
  ];

  it('orders the non-empty parts by their first grant, and their grants with them, from any order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(parts), (given) => {
        const access = accessFromParts('arn:aws:iam::111122223333:role/a', given);
        const expected = given.flatMap((p) => p.grants).sort(compareGrants);
        expect(access.grants).toEqual(expected);
        expect(access.services?.flatMap((p) => p.grants)).toEqual(expected);
        expect(access.services?.every((p) => p.grants.length > 0)).toBe(true);
      }),
    );
  });

  it('reads the same grants each time', () => {
    const access = accessFromParts('arn:aws:iam::111122223333:role/a', parts);
    const grants: readonly AccessGrant[] = access.grants;
    expect(access.grants).toBe(grants);
    expect(grants.map((g) => g.actions[0])).toEqual([
      'ec2:DescribeInstances',
      'ec2messages:GetMessages',
      'iam:ListRoles',
      'iam:PassRole',
      's3-object-lambda:GetObject',
      's3:GetObject',
      's3:PutObject',
    ]);
  });
});

describe('unionOfSorted', () => {
  it('gives every member of the lists once, sorted, and a single list as it is', () => {
    const list = fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 12 }).map((l) => l.sort());
    fc.assert(
      fc.property(fc.array(list, { maxLength: 6 }), (lists) => {
        const union = unionOfSorted(new Set(lists));
        expect(union).toEqual([...new Set(lists.flat())].sort());
        if (lists.length === 1) expect(union).toBe(lists[0]);
      }),
    );
  });
});

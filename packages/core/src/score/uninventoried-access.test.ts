import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveAccessOf, type PrincipalAccess } from '../access/access-of.js';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { loadResourceTypeIndex, type ResourceTypeIndex } from '../catalog/resource-types.js';
import type { Snapshot } from '../snapshot/model.js';
import { loadExampleOrg } from '../testing/example-org.js';
import { loadTools, riskSnapshot } from '../testing/risk-snapshot.js';
import { withRolePolicy, withRoles } from '../testing/with-role-policy.js';
import { isPlaceholderResource, scoringAccessOf, uninventoriedAccessOf } from './uninventoried-access.js';

let snapshot: Snapshot;
let tools: { catalog: Catalog; resourceTypes: ResourceTypeIndex };
beforeAll(async () => {
  snapshot = loadExampleOrg();
  const catalog = await loadCatalog();
  tools = { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
});

const admin = 'arn:aws:iam::111122223333:role/OrganizationAccountAccessRole';
const role = 'arn:aws:iam::111122223333:role/orders-lambda-basic';
// The training organisation's orders account has no EBS volume in its inventory.
const volumes = 'arn:aws:ec2:eu-west-1:111122223333:volume/*';

function floorOf(s: Snapshot, arn: string, t = tools): PrincipalAccess {
  const result = uninventoriedAccessOf(s, t, arn);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

function floorPairs(s: Snapshot, arn: string): string[] {
  return floorOf(s, arn).grants.flatMap((g) => g.actions.flatMap((a) => g.resources.map((r) => `${a} ${r}`)));
}

describe('uninventoriedAccessOf (the floor for resource types without inventory)', () => {
  it('counts an administrator once per action on a placeholder of each type the inventory lacks', () => {
    const pairs = floorPairs(snapshot, admin);
    expect(pairs).toContain(`ec2:DeleteVolume ${volumes}`);
    // DynamoDB tables are in the inventory: effective access has those pairs, the floor does not.
    expect(pairs.some((p) => p.startsWith('dynamodb:GetItem '))).toBe(false);
    // Actions that take no resource are effective access's `*`, not the floor's.
    expect(pairs.some((p) => p.startsWith('iam:ListRoles '))).toBe(false);
  });

  it('never overlaps effective access, so the grants add up', () => {
    const effective = effectiveAccessOf(snapshot, tools, admin);
    if (!effective.ok) throw new Error(JSON.stringify(effective.diagnostics));
    const seen = new Set(
      effective.value.grants.flatMap((g) => g.actions.flatMap((a) => g.resources.map((r) => `${a} ${r}`))),
    );
    expect(floorPairs(snapshot, admin).filter((p) => seen.has(p))).toEqual([]);
    const both = scoringAccessOf(snapshot, tools, admin, effective.value);
    expect(both.ok && both.value.grants.length).toBeGreaterThan(effective.value.grants.length);
  });

  it.each([
    [
      'a statement on the whole type counts',
      [{ Effect: 'Allow', Action: 'ec2:DeleteVolume', Resource: volumes }],
      1,
    ],
    [
      'a statement on every resource counts',
      [{ Effect: 'Allow', Action: 'ec2:DeleteVolume', Resource: '*' }],
      1,
    ],
    // A grant on one specific volume the inventory does not list: not counted (a floor, not a guess).
    [
      'a statement naming one resource does not',
      [
        {
          Effect: 'Allow',
          Action: 'ec2:DeleteVolume',
          Resource: 'arn:aws:ec2:eu-west-1:111122223333:volume/vol-0a1b',
        },
      ],
      0,
    ],
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
    [
      'an explicit Deny removes it',
      [
        { Effect: 'Allow', Action: 'ec2:*Volume', Resource: '*' },
        { Effect: 'Deny', Action: 'ec2:DeleteVolume', Resource: '*' },
      ],
      0,
    ],
  ])('%s', (_, statements, expected) => {
    const pairs = floorPairs(withRolePolicy(snapshot, role, statements), role).filter((p) =>
      p.startsWith('ec2:DeleteVolume '),
    );
    expect(pairs).toHaveLength(expected);
  });

  it('marks access the snapshot cannot decide as conditional', () => {
    const result = uninventoriedAccessOf(
      withRolePolicy(snapshot, role, [
        {
          Effect: 'Allow',
          Action: 'ec2:DeleteVolume',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/team': 'checkout' } },
        },
      ]),
      tools,
      role,
    );
    expect(result.ok && result.value.grants).toEqual([
      {
        actions: ['ec2:DeleteVolume'],
        resources: [volumes],
        conditional: true,
        conditionKeys: ['aws:ResourceTag/team'],
      },
    ]);
  });

  it.each([
    ['arn:aws:ec2:eu-west-1:111122223333:volume/*', true],
    ['arn:aws:s3:::*/*', true],
    ['arn:aws:s3:::orders-prod-data-111122223333/*', false],
    ['arn:aws:s3:::orders-prod-data-111122223333/orders/*', false],
    ['*', false],
    ['arn:aws:dynamodb:eu-west-1:111122223333:table/orders', false],
  ])('tells a placeholder (%s) from inventory: %s', (resource, expected) => {
    expect(isPlaceholderResource(resource)).toBe(expected);
  });

  it('leaves out statements that never apply to a placeholder, so such an inline policy does not make the floor its own', () => {
    // Both roles attach the administrator's policies; one adds an inline policy on objects of a
    // bucket the inventory has and on an action that takes no resource. A statement applies to a
    // request only when its action and resource match, so neither can change a placeholder's
    // decision. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
    const other = 'arn:aws:iam::111122223333:role/orders-api';
    const attached = snapshot.accounts.flatMap((a) => a.roles).find((r) => r.arn === admin)?.attachedPolicies;
    const narrowPolicy = {
      name: 'narrow',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::orders-prod-data-111122223333/*',
          },
          { Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' },
        ],
      },
    };
    const both = withRoles(snapshot, (r) =>
      r.arn === role || r.arn === other
        ? { ...r, attachedPolicies: attached ?? [], inlinePolicies: r.arn === role ? [narrowPolicy] : [] }
        : r,
    );
    const parts = (arn: string) => new Map((floorOf(both, arn).services ?? []).map((p) => [p.service, p]));
    const narrow = parts(role);
    const plain = parts(other);
    for (const service of ['s3', 'ec2']) {
      expect(narrow.get(service)?.grants.length).toBeGreaterThan(0);
      expect(narrow.get(service)).toBe(plain.get(service));
    }
  });

  it('shares the floor between roles that attach the same policies in another order', () => {
    // Policies are evaluated as a set. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
    const other = 'arn:aws:iam::111122223333:role/orders-api';
    const attached =
      snapshot.accounts.flatMap((a) => a.roles).find((r) => r.arn === admin)?.attachedPolicies ?? [];
    const logs = {
      arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      name: 'AWSLambdaBasicExecutionRole',
    };
    expect(attached.length).toBeGreaterThan(0);
    const reordered = withRoles(snapshot, (r) =>
      r.arn === role || r.arn === other
        ? {
            ...r,
            attachedPolicies: r.arn === role ? [...attached, logs] : [logs, ...attached],
            inlinePolicies: [],
          }
        : r,
    );
    const parts = (arn: string) => floorOf(reordered, arn).services ?? [];
    const first = parts(role);
    expect(first.length).toBeGreaterThan(0);
    const second = parts(other);
    expect(second.length).toBe(first.length);
    for (const [i, part] of second.entries()) expect(part).toBe(first[i]);
  });

  it('shares the floor between roles whose different policies say the same, which effective access names apart', async () => {
    // The floor names no policy, so equal statements decide it alike whatever policy holds them;
    // effective access names the granting policy (`via`), so there they stay apart.
    const account = '111122223333';
    const arn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
    const same = {
      Statement: [{ Effect: 'Allow', Action: ['ec2:DeleteVolume', 'ec2:DescribeTags'], Resource: '*' }],
    };
    const twins = riskSnapshot({
      [account]: {
        policies: { First: same, Second: same },
        roles: [
          { name: 'a', managed: ['First'] },
          { name: 'b', managed: ['Second'] },
        ],
      },
    });
    const tools2 = await loadTools();
    const floor = (name: string) =>
      floorOf(twins, arn(name), tools2).services?.find((p) => p.service === 'ec2');
    expect(floor('a')?.grants.flatMap((g) => g.actions)).toEqual(['ec2:DeleteVolume']);
    expect(floor('b')).toBe(floor('a'));
    const via = (name: string) => {
      const result = effectiveAccessOf(twins, tools2, arn(name));
      if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
      return result.value.grants.flatMap((g) => g.via ?? []);
    };
    expect(via('a')).toEqual([`arn:aws:iam::${account}:policy/First`]);
    expect(via('b')).toEqual([`arn:aws:iam::${account}:policy/Second`]);
  });

  it("shares a service's floor between roles whose statements allow all of it, whatever else they allow", async () => {
    // Identity policies allow a request when any Allow statement matches and no Deny does, so a
    // statement allowing every action on `*` without a condition decides alone what the others
    // would have allowed. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html#policy-eval-denyallow
    const account = '111122223333';
    const arn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
    const policies = {
      Admin: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      // PowerUserAccess: every action but IAM's, Organizations' and the account's.
      Power: {
        Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }],
      },
      Ec2: {
        Statement: [
          { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
          {
            Effect: 'Allow',
            Action: 'ec2:DeleteVolume',
            Resource: '*',
            Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
          },
        ],
      },
      NoDelete: { Statement: [{ Effect: 'Deny', Action: 'ec2:DeleteVolume', Resource: '*' }] },
      // All of EC2, but only from one network: conditional.
      Somewhere: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'ec2:*',
            Resource: '*',
            Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
          },
        ],
      },
      // All of EC2, on instances only.
      Instances: {
        Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: 'arn:aws:ec2:*:*:instance/*' }],
      },
      // Every action but one of EC2's: not all of it.
      Most: { Statement: [{ Effect: 'Allow', NotAction: 'ec2:DeleteVolume', Resource: '*' }] },
    };
    const roles = [
      { name: 'admin', managed: ['Admin'] },
      { name: 'power', managed: ['Power'] },
      { name: 'ec2', managed: ['Ec2'] },
      { name: 'careful', managed: ['Admin', 'NoDelete'] },
      { name: 'most', managed: ['Most'] },
      { name: 'somewhere', managed: ['Somewhere'] },
      { name: 'instances', managed: ['Instances'] },
    ];
    const tools2 = await loadTools();
    const ec2Of = (snap: Snapshot, name: string) =>
      floorOf(snap, arn(name), tools2).services?.find((p) => p.service === 'ec2');
    const iamOf = (snap: Snapshot, name: string) =>
      floorOf(snap, arn(name), tools2).services?.find((p) => p.service === 'iam');
    const together = riskSnapshot({ [account]: { policies, roles } });
    const shared = ec2Of(together, 'admin');
    expect(shared?.grants.flatMap((g) => g.actions)).toContain('ec2:DeleteVolume');
    expect(ec2Of(together, 'power')).toBe(shared);
    expect(ec2Of(together, 'ec2')).toBe(shared);
    // A Deny, or a statement that leaves some of EC2 out: floors of their own.
    expect(ec2Of(together, 'careful')).not.toBe(shared);
    expect(ec2Of(together, 'careful')?.grants.flatMap((g) => g.actions)).not.toContain('ec2:DeleteVolume');
    expect(ec2Of(together, 'most')).not.toBe(shared);
    expect(ec2Of(together, 'somewhere')).not.toBe(shared);
    expect(ec2Of(together, 'instances')).not.toBe(shared);
    expect(ec2Of(together, 'somewhere')?.grants.every((g) => g.conditional)).toBe(true);
    expect(ec2Of(together, 'most')?.grants.flatMap((g) => g.actions)).not.toContain('ec2:DeleteVolume');
    // PowerUserAccess does not allow IAM: its IAM floor is not the administrator's.
    expect(iamOf(together, 'admin')).toBeDefined();
    expect(iamOf(together, 'power')).toBeUndefined();
    // Each, computed in a snapshot of its own, is the floor it shares.
    for (const name of ['power', 'ec2', 'careful', 'most', 'somewhere', 'instances']) {
      const alone = riskSnapshot({ [account]: { policies, roles: roles.filter((r) => r.name === name) } });
      expect(ec2Of(alone, name)).toEqual(ec2Of(together, name));
    }
  });

  it('counts nothing of a service the boundary does not allow', async () => {
    // A boundary lets a principal do only what both it and the identity policies allow.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
    const account = '111122223333';
    const arn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
    const snap = riskSnapshot({
      [account]: {
        policies: {
          Broad: { Statement: [{ Effect: 'Allow', Action: ['sqs:*', 'ec2:*'], Resource: '*' }] },
          QueuesOnly: { Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] },
        },
        roles: [
          { name: 'worker', managed: ['Broad'], boundary: 'QueuesOnly' },
          { name: 'free', managed: ['Broad'] },
        ],
      },
    });
    const services = async (name: string) =>
      (floorOf(snap, arn(name), await loadTools()).services ?? []).map((p) => p.service);
    expect(await services('worker')).toEqual(['sqs']);
    expect(await services('free')).toEqual(['ec2', 'sqs']);
  });

  it('rejects a principal the snapshot does not have', () => {
    const result = uninventoriedAccessOf(snapshot, tools, 'arn:aws:iam::111122223333:role/nobody');
    expect(result.diagnostics[0]?.code).toBe('access.unknown-principal');
  });
});

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WhoCanTools } from '../../access/who-can.js';
import type { Snapshot } from '../../snapshot/model.js';
import { loadExampleOrg } from '../../testing/example-org.js';
import {
  type AccountSpec,
  allow,
  type Doc,
  deny,
  loadTools,
  privescSnapshot,
  type RoleSpec,
  trust,
} from '../../testing/privesc-snapshot.js';
import type { Finding } from '../finding.js';
import { findEscalations } from './find-escalations.js';
import type { EscalationAnalysis } from './types.js';

const account = '111122223333';
const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
const roleArn = (name: string, id = account) => `arn:aws:iam::${id}:role/${name}`;
const attacker = roleArn('attacker');
const lambdaTrust = trust({ Service: 'lambda.amazonaws.com' });
const adminRole = (name: string, trustPolicy: Doc = lambdaTrust): RoleSpec => ({
  name,
  managed: [admin],
  trust: trustPolicy,
});
const createAndInvoke = allow(['lambda:CreateFunction', 'lambda:InvokeFunction']);

let tools: WhoCanTools;
beforeAll(async () => {
  tools = await loadTools();
});

function analyse(snapshot: Snapshot): EscalationAnalysis {
  const result = findEscalations(snapshot, tools);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

function about(snapshot: Snapshot, principal: string, id?: string): Finding[] {
  return analyse(snapshot).findings.filter(
    (f) => f.principal === principal && (id === undefined || f.id === id),
  );
}

const one = (spec: AccountSpec, scps?: readonly Doc[]) => privescSnapshot({ [account]: spec }, scps);

describe('traps of reference/privilege-escalation.md', () => {
  it('the escalating permissions split across two policies: still an escalation', () => {
    const snapshot = one({
      roles: [
        { name: 'attacker', inline: { runbooks: createAndInvoke }, managed: ['pass-any-role'] },
        adminRole('admin-target'),
      ],
      policies: { 'pass-any-role': allow('iam:PassRole') },
    });
    const [finding] = about(snapshot, attacker, 'lambda-create-invoke');
    expect(finding).toMatchObject({
      severity: 'critical',
      resource: roleArn('admin-target'),
      conditional: false,
    });
    // The message names both granting policies.
    expect(finding?.message).toContain('role/attacker#runbooks');
    expect(finding?.message).toContain(`arn:aws:iam::${account}:policy/pass-any-role`);
  });

  it('an Allow matched by a Deny in another policy: none', () => {
    const snapshot = one({
      roles: [
        {
          name: 'attacker',
          inline: { runbooks: createAndInvoke, pass: allow('iam:PassRole') },
          managed: ['no-pass'],
        },
        adminRole('admin-target'),
      ],
      policies: { 'no-pass': deny('iam:PassRole') },
    });
    expect(about(snapshot, attacker)).toEqual([]);
  });

  it('a resource constraint to a harmless role: none; to a privileged one: a finding', () => {
    const spec = (passable: string): AccountSpec => ({
      roles: [
        {
          name: 'attacker',
          inline: { run: createAndInvoke, pass: allow('iam:PassRole', roleArn(passable)) },
        },
        adminRole('admin-target'),
        { name: 'logs-only', trust: lambdaTrust, inline: { logs: allow('logs:PutLogEvents') } },
      ],
    });
    expect(about(one(spec('logs-only')), attacker)).toEqual([]);
    expect(about(one(spec('admin-target')), attacker, 'lambda-create-invoke')).toHaveLength(1);
  });

  it('a condition the attacker cannot meet: conditional, never a certain escalation', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip
    const snapshot = one({
      roles: [
        {
          name: 'attacker',
          inline: {
            run: createAndInvoke,
            pass: allow('iam:PassRole', '*', { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } }),
          },
        },
        adminRole('admin-target'),
      ],
    });
    expect(about(snapshot, attacker, 'lambda-create-invoke')).toEqual([
      expect.objectContaining({
        conditional: true,
        severity: 'high',
        message: expect.stringContaining('aws:SourceIp'),
      }),
    ]);
  });

  it('a condition the attacker meets itself (aws:RequestedRegion, aws:RequestTag): an escalation', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requesttag
    const snapshot = one({
      roles: [
        {
          name: 'attacker',
          inline: {
            run: allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], '*', {
              StringEquals: { 'aws:RequestTag/team': 'ops', 'aws:RequestedRegion': 'eu-west-1' },
            }),
            pass: allow('iam:PassRole'),
          },
        },
        adminRole('admin-target'),
      ],
    });
    expect(about(snapshot, attacker, 'lambda-create-invoke')).toEqual([
      expect.objectContaining({ conditional: false, severity: 'critical' }),
    ]);
  });

  it('NotAction that leaves the dangerous action allowed: an escalation', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
    const snapshot = one({
      roles: [
        {
          name: 'attacker',
          inline: {
            most: {
              Statement: [
                { Effect: 'Allow', NotAction: ['iam:CreateUser', 'organizations:*'], Resource: '*' },
              ],
            },
          },
        },
      ],
    });
    expect(about(snapshot, attacker, 'iam-put-role-policy')).toEqual([
      expect.objectContaining({ severity: 'critical' }),
    ]);
    expect(analyse(snapshot).adminEquivalent.map((a) => a.principal)).toContain(attacker);
  });

  it('a permissions boundary that removes a needed action: none', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
    const snapshot = one({
      roles: [
        {
          name: 'attacker',
          inline: { run: createAndInvoke, pass: allow('iam:PassRole') },
          boundary: 'workload-boundary',
        },
        adminRole('admin-target'),
      ],
      policies: { 'workload-boundary': allow(['lambda:InvokeFunction', 'logs:*']) },
    });
    expect(about(snapshot, attacker)).toEqual([]);
  });

  it('an SCP that removes a needed action: none', () => {
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
    const spec: AccountSpec = {
      roles: [
        { name: 'attacker', inline: { run: createAndInvoke, pass: allow('iam:PassRole') } },
        adminRole('admin-target'),
      ],
    };
    expect(about(one(spec, [deny('lambda:CreateFunction')]), attacker)).toEqual([]);
    expect(about(one(spec, [deny('s3:DeleteBucket')]), attacker, 'lambda-create-invoke')).toHaveLength(1);
  });

  it('iam:PassRole to a role whose trust policy does not trust the service used: none', () => {
    const snapshot = one({
      roles: [
        {
          name: 'attacker',
          inline: {
            fleet: allow(['ec2:RunInstances', 'iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile']),
            pass: allow('iam:PassRole'),
          },
        },
        adminRole('admin-target', lambdaTrust),
      ],
    });
    expect(about(snapshot, attacker)).toEqual([]);
  });

  it('a service trust that pins aws:SourceArn is met: the attacker names the compute it creates', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
    const pinned: Doc = {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:lambda:*:${account}:function:ops-*` } },
        },
      ],
    };
    const snapshot = one({
      roles: [
        { name: 'attacker', inline: { run: createAndInvoke, pass: allow('iam:PassRole') } },
        adminRole('admin-target', pinned),
      ],
    });
    expect(about(snapshot, attacker, 'lambda-create-invoke')).toEqual([
      expect.objectContaining({ severity: 'critical', conditional: false }),
    ]);
  });

  it('iam:PassedToService must match the service', () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService
    const spec = (service: string): AccountSpec => ({
      roles: [
        {
          name: 'attacker',
          inline: {
            run: createAndInvoke,
            pass: allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': service } }),
          },
        },
        adminRole('admin-target'),
      ],
    });
    expect(about(one(spec('ec2.amazonaws.com')), attacker)).toEqual([]);
    expect(about(one(spec('lambda.amazonaws.com')), attacker, 'lambda-create-invoke')).toHaveLength(1);
  });
});

describe('the escalation graph', () => {
  it('reports a two-hop path hop by hop, with each hop\u2019s permissions', () => {
    const snapshot = one({
      roles: [
        { name: 'attacker', inline: { hop: allow('sts:AssumeRole', roleArn('deployer')) } },
        {
          name: 'deployer',
          trust: trust({ AWS: `arn:aws:iam::${account}:root` }),
          inline: { run: createAndInvoke, pass: allow('iam:PassRole') },
        },
        adminRole('admin-target'),
      ],
    });
    const analysis = analyse(snapshot);
    const path = analysis.paths.find((p) => p.principal === attacker);
    expect(path?.hops.map((h) => [h.from, h.to, h.method])).toEqual([
      [attacker, roleArn('deployer'), 'sts-assume-role'],
      [roleArn('deployer'), roleArn('admin-target'), 'lambda-create-invoke'],
    ]);
    const finding = analysis.findings.find((f) => f.principal === attacker && f.path);
    expect(finding).toMatchObject({
      id: 'sts-assume-role',
      severity: 'critical',
      resource: roleArn('admin-target'),
      conditional: false,
      path: [
        { from: attacker, to: roleArn('deployer'), method: 'sts-assume-role', actions: ['sts:AssumeRole'] },
        {
          from: roleArn('deployer'),
          to: roleArn('admin-target'),
          method: 'lambda-create-invoke',
          actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
        },
      ],
    });
  });

  it('reports a three-hop path across accounts, and none when one hop is denied', () => {
    const staging = '777788889999';
    const build = (denyMiddle: boolean) =>
      privescSnapshot({
        [staging]: {
          roles: [{ name: 'developer', inline: { promote: allow('sts:AssumeRole', roleArn('promoter')) } }],
        },
        [account]: {
          roles: [
            {
              name: 'promoter',
              trust: trust({ AWS: `arn:aws:iam::${staging}:root` }),
              inline: { next: allow('sts:AssumeRole', roleArn('deployer')) },
              ...(denyMiddle ? { managed: ['no-chaining'] } : {}),
            },
            {
              name: 'deployer',
              trust: trust({ AWS: roleArn('promoter') }),
              inline: { run: createAndInvoke, pass: allow('iam:PassRole') },
            },
            adminRole('admin-target'),
          ],
          policies: { 'no-chaining': deny('sts:AssumeRole') },
        },
      });
    const developer = roleArn('developer', staging);
    const path = analyse(build(false)).paths.find((p) => p.principal === developer);
    expect(path?.hops.map((h) => h.method)).toEqual([
      'sts-assume-role',
      'sts-assume-role',
      'lambda-create-invoke',
    ]);
    expect(path?.conditional).toBe(false);
    expect(analyse(build(true)).paths.find((p) => p.principal === developer)).toBeUndefined();
  });

  it('a path with a conditional hop is flagged conditional', () => {
    const snapshot = one({
      roles: [
        {
          name: 'attacker',
          inline: {
            hop: allow('sts:AssumeRole', roleArn('deployer'), {
              Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            }),
          },
        },
        {
          name: 'deployer',
          trust: trust({ AWS: `arn:aws:iam::${account}:root` }),
          inline: { run: createAndInvoke, pass: allow('iam:PassRole') },
        },
        adminRole('admin-target'),
      ],
    });
    const finding = about(snapshot, attacker).find((f) => f.path);
    expect(finding).toMatchObject({ conditional: true, severity: 'high' });
  });

  it('lists administrator-equivalent principals, and does not report escalation for those granted everything', () => {
    const snapshot = one({
      roles: [adminRole('admin-target'), { name: 'iam-admin', inline: { iam: allow('iam:*') } }],
    });
    const analysis = analyse(snapshot);
    expect(analysis.adminEquivalent.map((a) => [a.principal, a.conditional])).toEqual([
      [roleArn('admin-target'), false],
      [roleArn('iam-admin'), false],
    ]);
    expect(analysis.findings.filter((f) => f.principal === roleArn('admin-target'))).toEqual([]);
    expect(analysis.findings.filter((f) => f.principal === roleArn('iam-admin')).length).toBeGreaterThan(0);
  });

  it('is deterministic: findings sorted by principal, then id, then resource', () => {
    const analysis = analyse(loadExampleOrg());
    const keys = analysis.findings.map((f) => `${f.principal}\u0000${f.id}\u0000${f.resource ?? ''}`);
    expect(keys).toEqual([...keys].sort());
    expect(analyse(loadExampleOrg())).toEqual(analysis);
  });

  it('property: a Deny on any of the needed actions never adds a finding, and removes the escalation', () => {
    const needed = ['lambda:CreateFunction', 'lambda:InvokeFunction', 'iam:PassRole'];
    const base: AccountSpec = {
      roles: [
        { name: 'attacker', inline: { run: createAndInvoke, pass: allow('iam:PassRole') } },
        adminRole('admin-target'),
      ],
    };
    const before = about(one(base), attacker).map((f) => f.id);
    fc.assert(
      fc.property(fc.subarray(needed, { minLength: 1 }), (denied) => {
        const roles = base.roles ?? [];
        const withDeny: AccountSpec = {
          roles: [{ ...(roles[0] as RoleSpec), managed: ['deny-some'] }, ...roles.slice(1)],
          policies: { 'deny-some': deny(denied) },
        };
        const after = about(one(withDeny), attacker).map((f) => f.id);
        expect(after.every((id) => before.includes(id))).toBe(true);
        expect(after).not.toContain('lambda-create-invoke');
      }),
      { numRuns: 7 },
    );
  });
});

describe('the training organisation (examples/README.md)', () => {
  let analysis: EscalationAnalysis;
  beforeAll(() => {
    analysis = analyse(loadExampleOrg());
  });
  const findingsOf = (principal: string) => analysis.findings.filter((f) => f.principal === principal);
  const ids = (principal: string) => [...new Set(findingsOf(principal).map((f) => f.id))].sort();

  it('M3: the CI role with iam:* is administrator-equivalent', () => {
    expect(ids('arn:aws:iam::555566667777:role/platform-ci-deployer')).toEqual(
      expect.arrayContaining(['iam-attach-role-policy', 'iam-create-role-and-grant', 'iam-put-role-policy']),
    );
  });

  it('M4: lambda-create-invoke split across two policies, and the read-only operators two hops away', () => {
    const ops = 'arn:aws:iam::111122223333:role/orders-ops-automation';
    const finding = findingsOf(ops).find(
      (f) =>
        f.id === 'lambda-create-invoke' &&
        f.resource === 'arn:aws:iam::111122223333:role/orders-infra-custom-resource',
    );
    expect(finding).toMatchObject({ severity: 'critical', conditional: false });
    expect(finding?.message).toContain('role/orders-ops-automation#ops-runbooks');
    expect(finding?.message).toContain('arn:aws:iam::111122223333:policy/orders-ops-passrole');
    const operator = analysis.paths.find((p) => p.principal.includes('AWSReservedSSO_ReadOnlyOperator'));
    expect(operator?.hops.map((h) => [h.method, h.to])).toEqual([
      ['sts-assume-role', ops],
      ['lambda-create-invoke', 'arn:aws:iam::111122223333:role/orders-infra-custom-resource'],
    ]);
  });

  it('M5: the unused administrator user is administrator-equivalent', () => {
    expect(analysis.adminEquivalent.map((a) => a.principal)).toContain(
      'arn:aws:iam::999988887777:user/bootstrap-admin',
    );
  });

  it('M6: the GitHub deploy role passes orders-api to ECS tasks (ecs-run-task)', () => {
    expect(
      findingsOf('arn:aws:iam::111122223333:role/orders-github-deploy').filter(
        (f) => f.id === 'ecs-run-task',
      ),
    ).toEqual([expect.objectContaining({ resource: 'arn:aws:iam::111122223333:role/orders-api' })]);
  });

  it('M9: the payments developers can rewrite the policy attached to their group', () => {
    for (const user of ['priya.natarajan', 'tom.becker']) {
      expect(ids(`arn:aws:iam::444455556666:user/people/${user}`)).toEqual([
        'iam-create-policy-version',
        'iam-set-default-policy-version',
      ]);
    }
    // The stored v1 is broader than the default v2: decided exactly, no longer "possible".
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
    expect(
      findingsOf('arn:aws:iam::444455556666:user/people/tom.becker').find(
        (f) => f.id === 'iam-set-default-policy-version',
      ),
    ).toMatchObject({
      severity: 'medium',
      resource: 'arn:aws:iam::444455556666:policy/payments-developer-access',
      message: expect.stringContaining('make version v1 of payments-developer-access'),
    });
  });

  it('M10: NotAction leaves jenkins-legacy free to attach and put policies on itself', () => {
    expect(ids('arn:aws:iam::555566667777:user/service/jenkins-legacy')).toEqual(
      expect.arrayContaining(['iam-attach-user-policy', 'iam-put-user-policy']),
    );
  });

  it('M11: staging developers and CI are two hops from administrator of orders-prod', () => {
    const staging = analysis.paths.filter((p) => p.principal.startsWith('arn:aws:iam::777788889999:'));
    expect(
      staging.map((p) => p.principal.slice(p.principal.lastIndexOf('/') + 1).split('_')[1] ?? p.principal),
    ).toEqual(expect.arrayContaining(['DeveloperAccess']));
    for (const path of staging) {
      expect(path.hops[0]).toMatchObject({
        method: 'sts-assume-role',
        to: 'arn:aws:iam::111122223333:role/orders-deploy',
      });
      expect(path.hops[1]?.method).toMatch(/^cloudformation-(create|update)-stack$/);
      expect(path.hops[1]?.to).toBe('arn:aws:iam::111122223333:role/orders-cfn-exec');
    }
    expect(staging.map((p) => p.principal)).toContain('arn:aws:iam::777788889999:role/orders-staging-ci');
  });

  it.each([
    ['T1 a Deny in another policy', 'arn:aws:iam::111122223333:role/orders-data-engineer'],
    ['T2 a closed time window', 'arn:aws:iam::111122223333:user/external/ext-pentest-2026'],
    ['T3 iam:PassRole limited to a harmless role', 'arn:aws:iam::111122223333:role/orders-lambda-deployer'],
    [
      'T4 a role passable to a service that cannot use it',
      'arn:aws:iam::111122223333:role/orders-fleet-manager',
    ],
    ['T5 a boundary that removes the needed actions', 'arn:aws:iam::111122223333:role/orders-event-replayer'],
    ['T6 an SCP that removes the needed actions', 'arn:aws:iam::444455556666:role/payments-helpdesk'],
  ])('%s: no finding (%s)', (_, principal) => {
    expect(findingsOf(principal)).toEqual([]);
  });

  it('never reports service-linked roles', () => {
    expect(
      analysis.edges.filter(
        (e) => e.from.includes('/aws-service-role/') || e.to.includes('/aws-service-role/'),
      ),
    ).toEqual([]);
  });
});

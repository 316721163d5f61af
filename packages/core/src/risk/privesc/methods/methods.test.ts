/**
 * Every method of the reference, compliant and noncompliant, on small snapshots built by the real
 * loader. Tables C and D are generated from each method's own data (what it needs, which service
 * or resource type); tables A and B are written out one by one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { WhoCanTools } from '../../../access/who-can.js';
import type { Snapshot } from '../../../snapshot/model.js';
import {
  type AccountSpec,
  allow,
  type Doc,
  deny,
  loadTools,
  privescSnapshot,
  type RoleSpec,
  trust,
} from '../../../testing/privesc-snapshot.js';
import type { Finding } from '../../finding.js';
import { findEscalations } from '../find-escalations.js';
import { ESCALATION_METHODS } from './index.js';

const account = '111122223333';
const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
const roleArn = (name: string) => `arn:aws:iam::${account}:role/${name}`;
const userArn = (name: string) => `arn:aws:iam::${account}:user/${name}`;
const attackerRole = roleArn('attacker');
const attackerUser = userArn('attacker');

let tools: WhoCanTools;
beforeAll(async () => {
  tools = await loadTools();
});

function findings(snapshot: Snapshot): readonly Finding[] {
  const result = findEscalations(snapshot, tools);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value.findings;
}

/** The findings of one method about one principal (excluding multi-hop paths). */
function of(snapshot: Snapshot, id: string, principal: string): Finding[] {
  return findings(snapshot).filter((f) => f.id === id && f.principal === principal && f.path === undefined);
}

const adminRole = (name: string, trustPolicy: Doc, extra: Partial<RoleSpec> = {}): RoleSpec => ({
  name,
  managed: [admin],
  trust: trustPolicy,
  instanceProfile: true,
  ...extra,
});
const logsOnly = allow(['logs:CreateLogStream', 'logs:PutLogEvents']);
const harmlessRole = (name: string, trustPolicy: Doc): RoleSpec => ({
  name,
  inline: { logs: logsOnly },
  trust: trustPolicy,
  instanceProfile: true,
});
const sameAccount = trust({ AWS: `arn:aws:iam::${account}:root` });
const one = (spec: AccountSpec) => privescSnapshot({ [account]: spec });

it('covers every method id of reference/privilege-escalation.md, each once', () => {
  const ids = ESCALATION_METHODS.map((m) => m.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toHaveLength(61);
  expect(ESCALATION_METHODS.filter((m) => m.table === 'C')).toHaveLength(24);
  expect(ESCALATION_METHODS.filter((m) => m.table === 'D')).toHaveLength(16);
});

it('names only actions of the service catalog', () => {
  for (const method of ESCALATION_METHODS)
    for (const action of method.needs.flat()) expect(tools.catalog.findAction(action), action).toBeDefined();
});

describe('table C: pass a role to new compute', () => {
  const methods = ESCALATION_METHODS.filter((m) => m.table === 'C');
  const servicesOf = (id: string) => methods.find((m) => m.id === id)?.services?.[0] ?? 'none';
  const scenario = (id: string, targetTrust: Doc, passTo = roleArn('admin-target')) => {
    const method = methods.find((m) => m.id === id);
    return one({
      roles: [
        {
          name: 'attacker',
          inline: { own: allow(method?.needs[0] ?? []), pass: allow('iam:PassRole', passTo) },
        },
        adminRole('admin-target', targetTrust),
        harmlessRole('logs-only', targetTrust),
      ],
    });
  };

  it.each(methods.map((m) => m.id))(
    '%s noncompliant: passes an administrator role its service trusts',
    (id) => {
      const found = of(scenario(id, trust({ Service: servicesOf(id) })), id, attackerRole);
      expect(found).toEqual([
        expect.objectContaining({
          severity: 'critical',
          resource: roleArn('admin-target'),
          conditional: false,
        }),
      ]);
    },
  );

  it.each(methods.map((m) => m.id))('%s compliant: the role does not trust the service', (id) => {
    expect(of(scenario(id, trust({ Service: 'nobody.amazonaws.com' })), id, attackerRole)).toEqual([]);
  });

  it.each(methods.map((m) => m.id))('%s compliant: iam:PassRole only on a harmless role', (id) => {
    const snapshot = scenario(id, trust({ Service: servicesOf(id) }), roleArn('logs-only'));
    expect(of(snapshot, id, attackerRole)).toEqual([]);
  });
});

describe('table D: hijack a resource that runs as a role', () => {
  const methods = ESCALATION_METHODS.filter((m) => m.table === 'D');
  const profile = (role: string) => `arn:aws:iam::${account}:instance-profile/${role}`;
  /** One resource of the method's first type, as resources.json has it, running as `role`. */
  const resourceFor = (id: string, role: string): Record<string, unknown> => {
    const r = `eu-west-1:${account}`;
    const byId: Record<string, Record<string, unknown>> = {
      'lambda-update-code': {
        arn: `arn:aws:lambda:${r}:function:f`,
        type: 'AWS::Lambda::Function',
        properties: { Role: roleArn(role) },
      },
      'glue-update-dev-endpoint': {
        arn: `arn:aws:glue:${r}:devEndpoint/e`,
        type: 'AWS::Glue::DevEndpoint',
        properties: { RoleArn: roleArn(role) },
      },
      'cloudformation-update-stack': {
        arn: `arn:aws:cloudformation:${r}:stack/s/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`,
        type: 'AWS::CloudFormation::Stack',
        properties: { RoleARN: roleArn(role) },
      },
      'codebuild-start-build': {
        arn: `arn:aws:codebuild:${r}:project/p`,
        type: 'AWS::CodeBuild::Project',
        properties: { ServiceRole: roleArn(role) },
      },
      'ec2-modify-user-data': {
        arn: `arn:aws:ec2:${r}:instance/i-0123456789abcdef0`,
        type: 'AWS::EC2::Instance',
        properties: { IamInstanceProfile: profile(role) },
      },
      'ec2-launch-template-version': {
        arn: `arn:aws:ec2:${r}:launch-template/lt-0123456789abcdef0`,
        type: 'AWS::EC2::LaunchTemplate',
        properties: { LaunchTemplateData: { IamInstanceProfile: { Arn: profile(role) } } },
      },
      'ecs-execute-command': {
        arn: `arn:aws:ecs:${r}:task-definition/t:1`,
        type: 'AWS::ECS::TaskDefinition',
        properties: { TaskRoleArn: roleArn(role) },
      },
      'sagemaker-presigned-url': {
        arn: `arn:aws:sagemaker:${r}:notebook-instance/n`,
        type: 'AWS::SageMaker::NotebookInstance',
        properties: { RoleArn: roleArn(role) },
      },
      'apprunner-update-service': {
        arn: `arn:aws:apprunner:${r}:service/s/0123456789abcdef`,
        type: 'AWS::AppRunner::Service',
        properties: { InstanceConfiguration: { InstanceRoleArn: roleArn(role) } },
      },
      'bedrock-agentcore-invoke': {
        arn: `arn:aws:bedrock-agentcore:${r}:code-interpreter-custom/ci-0123456789`,
        type: 'AWS::BedrockAgentCore::CodeInterpreterCustom',
        properties: { ExecutionRoleArn: roleArn(role) },
      },
      'autoscaling-existing-launch-configuration': {
        arn: `arn:aws:autoscaling:${r}:launchConfiguration:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:launchConfigurationName/lc`,
        type: 'AWS::AutoScaling::LaunchConfiguration',
        properties: { IamInstanceProfile: role },
      },
    };
    const same: Record<string, string> = {
      'lambda-update-configuration': 'lambda-update-code',
      'ec2-instance-connect': 'ec2-modify-user-data',
      'ssm-start-session': 'ec2-modify-user-data',
      'ssm-send-command': 'ec2-modify-user-data',
      'sagemaker-lifecycle-config': 'sagemaker-presigned-url',
    };
    return byId[same[id] ?? id] as Record<string, unknown>;
  };
  const scenario = (id: string, runsAs: string, inventory = true) => {
    const method = methods.find((m) => m.id === id);
    return one({
      roles: [
        // The attacker writes logs too: the harmless role holds nothing it lacks.
        { name: 'attacker', inline: { own: allow(method?.needs[0] ?? []), logs: logsOnly } },
        adminRole('admin-target', trust({ Service: 'ec2.amazonaws.com' })),
        harmlessRole('logs-only', trust({ Service: 'ec2.amazonaws.com' })),
      ],
      resources: inventory ? [resourceFor(id, runsAs)] : [],
    });
  };

  it.each(methods.map((m) => m.id))('%s noncompliant: the resource runs as an administrator role', (id) => {
    expect(methods.find((m) => m.id === id)?.resourceTypes).toContain(resourceFor(id, 'admin-target').type);
    expect(of(scenario(id, 'admin-target'), id, attackerRole)).toEqual([
      expect.objectContaining({
        severity: 'critical',
        resource: roleArn('admin-target'),
        conditional: false,
      }),
    ]);
  });

  it.each(methods.map((m) => m.id))(
    '%s compliant: the resource runs as a role with nothing the attacker lacks',
    (id) => {
      expect(of(scenario(id, 'logs-only'), id, attackerRole)).toEqual([]);
    },
  );

  it.each(methods.map((m) => m.id))(
    '%s without inventory of the type: possible, low severity, no edge',
    (id) => {
      const snapshot = scenario(id, 'admin-target', false);
      expect(of(snapshot, id, attackerRole)).toEqual([
        expect.objectContaining({ severity: 'low', message: expect.stringContaining('if one exists') }),
      ]);
      const result = findEscalations(snapshot, tools);
      expect(result.ok && result.value.edges.filter((e) => e.method === id)).toEqual([]);
    },
  );
});

describe('table A: editing one\u2019s own permissions', () => {
  const cases: {
    id: string;
    noncompliant: AccountSpec;
    compliant: AccountSpec;
    principal: string;
    severity?: string;
  }[] = [
    {
      id: 'iam-put-role-policy',
      principal: attackerRole,
      noncompliant: {
        roles: [{ name: 'attacker', inline: { p: allow('iam:PutRolePolicy', attackerRole) } }],
      },
      compliant: {
        roles: [
          { name: 'attacker', inline: { p: allow('iam:PutRolePolicy', roleArn('other')) } },
          harmlessRole('other', sameAccount),
        ],
      },
    },
    {
      id: 'iam-attach-role-policy',
      principal: attackerRole,
      noncompliant: {
        roles: [{ name: 'attacker', inline: { p: allow('iam:AttachRolePolicy', attackerRole) } }],
      },
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_policyarn
      compliant: {
        roles: [
          {
            name: 'attacker',
            inline: {
              p: allow('iam:AttachRolePolicy', attackerRole, {
                ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
              }),
            },
          },
        ],
      },
    },
    {
      id: 'iam-put-user-policy',
      principal: attackerUser,
      noncompliant: {
        users: [{ name: 'attacker', inline: { p: allow('iam:PutUserPolicy', attackerUser) } }],
      },
      compliant: {
        users: [
          { name: 'attacker', inline: { p: allow('iam:PutUserPolicy', userArn('other')) } },
          { name: 'other' },
        ],
      },
    },
    {
      id: 'iam-attach-user-policy',
      principal: attackerUser,
      noncompliant: {
        users: [{ name: 'attacker', inline: { p: allow('iam:AttachUserPolicy', userArn('*')) } }],
      },
      compliant: {
        users: [{ name: 'attacker', inline: { p: allow('iam:AttachUserPolicy', userArn('svc-*')) } }],
      },
    },
    {
      id: 'iam-put-group-policy',
      principal: attackerUser,
      noncompliant: {
        users: [
          {
            name: 'attacker',
            groups: ['devs'],
            inline: { p: allow('iam:PutGroupPolicy', `arn:aws:iam::${account}:group/devs`) },
          },
        ],
        groups: [{ name: 'devs' }, { name: 'ops' }],
      },
      compliant: {
        users: [
          {
            name: 'attacker',
            groups: ['devs'],
            inline: { p: allow('iam:PutGroupPolicy', `arn:aws:iam::${account}:group/ops`) },
          },
        ],
        groups: [{ name: 'devs' }, { name: 'ops' }],
      },
    },
    {
      id: 'iam-attach-group-policy',
      principal: attackerUser,
      noncompliant: {
        users: [{ name: 'attacker', groups: ['devs'] }],
        groups: [
          {
            name: 'devs',
            inline: { p: allow('iam:AttachGroupPolicy', `arn:aws:iam::${account}:group/devs`) },
          },
        ],
      },
      compliant: {
        users: [{ name: 'attacker' }],
        groups: [
          {
            name: 'devs',
            inline: { p: allow('iam:AttachGroupPolicy', `arn:aws:iam::${account}:group/devs`) },
          },
        ],
      },
    },
    {
      id: 'iam-create-policy-version',
      principal: attackerRole,
      noncompliant: {
        roles: [{ name: 'attacker', managed: ['app-access'] }],
        policies: { 'app-access': allow('iam:CreatePolicyVersion', `arn:aws:iam::${account}:policy/app-*`) },
      },
      compliant: {
        roles: [{ name: 'attacker', managed: ['team-access'] }],
        policies: {
          'team-access': allow('iam:CreatePolicyVersion', `arn:aws:iam::${account}:policy/app-*`),
          'app-other': logsOnly,
        },
      },
    },
    {
      id: 'iam-add-user-to-group',
      principal: attackerUser,
      noncompliant: {
        users: [
          { name: 'attacker', inline: { p: allow('iam:AddUserToGroup', `arn:aws:iam::${account}:group/*`) } },
        ],
        groups: [{ name: 'admins', managed: [admin] }],
      },
      compliant: {
        users: [
          { name: 'attacker', inline: { p: allow('iam:AddUserToGroup', `arn:aws:iam::${account}:group/*`) } },
        ],
        groups: [{ name: 'log-writers', inline: { logs: logsOnly } }],
      },
    },
    {
      id: 'iam-create-role-and-grant',
      principal: attackerRole,
      noncompliant: {
        roles: [
          {
            name: 'attacker',
            inline: { p: allow(['iam:CreateRole', 'iam:PutRolePolicy'], roleArn('tmp-*')) },
          },
        ],
      },
      compliant: { roles: [{ name: 'attacker', inline: { p: allow('iam:CreateRole', roleArn('tmp-*')) } }] },
    },
    {
      // Delegated administration: new roles must carry the boundary.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html#access_policies_boundaries-delegate
      id: 'iam-create-role-and-grant',
      principal: attackerRole,
      noncompliant: {
        roles: [
          {
            name: 'attacker',
            inline: { p: allow(['iam:CreateRole', 'iam:AttachRolePolicy'], roleArn('tmp-*')) },
          },
        ],
      },
      compliant: {
        roles: [
          {
            name: 'attacker',
            inline: {
              create: allow('iam:CreateRole', roleArn('tmp-*'), {
                StringEquals: { 'iam:PermissionsBoundary': `arn:aws:iam::${account}:policy/app-boundary` },
              }),
              attach: allow('iam:AttachRolePolicy', roleArn('tmp-*')),
            },
          },
        ],
      },
    },
    {
      id: 'iam-delete-permissions-boundary',
      principal: attackerRole,
      noncompliant: {
        roles: [{ name: 'attacker', boundary: 'boundary', inline: { p: allow('iam:*', attackerRole) } }],
        policies: { boundary: allow('iam:DeleteRolePermissionsBoundary') },
      },
      compliant: {
        roles: [{ name: 'attacker', boundary: 'boundary', inline: { p: allow('iam:*', attackerRole) } }],
        policies: { boundary: allow('iam:GetRole') },
      },
    },
    {
      id: 'iam-put-permissions-boundary',
      principal: attackerRole,
      noncompliant: {
        roles: [{ name: 'attacker', boundary: 'boundary', inline: { p: allow('iam:*', attackerRole) } }],
        policies: { boundary: allow('iam:PutRolePermissionsBoundary') },
      },
      compliant: {
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PermissionsBoundary
        roles: [{ name: 'attacker', boundary: 'boundary', inline: { p: allow('iam:*', attackerRole) } }],
        policies: {
          boundary: allow('iam:PutRolePermissionsBoundary', '*', {
            StringEquals: { 'iam:PermissionsBoundary': `arn:aws:iam::${account}:policy/boundary` },
          }),
        },
      },
    },
    {
      id: 'iam-remove-deny',
      principal: attackerRole,
      noncompliant: {
        roles: [
          {
            name: 'attacker',
            inline: { p: allow(['iam:PutRolePolicy', 'iam:DetachRolePolicy'], attackerRole) },
            managed: ['deny-iam-writes'],
          },
        ],
        policies: { 'deny-iam-writes': deny('iam:PutRolePolicy') },
      },
      compliant: {
        roles: [
          {
            name: 'attacker',
            inline: { p: allow(['iam:PutRolePolicy', 'iam:DetachRolePolicy'], attackerRole) },
            managed: ['deny-iam-writes'],
          },
        ],
        policies: { 'deny-iam-writes': deny(['iam:PutRolePolicy', 'iam:DetachRolePolicy']) },
      },
    },
  ];

  // iam-set-default-policy-version needs stored policy versions: its own test file.
  it.each(cases.map((c) => [c.id, c] as const))('%s noncompliant', (id, c) => {
    expect(of(one(c.noncompliant), id, c.principal)).toEqual([
      expect.objectContaining({
        severity: c.severity ?? 'critical',
        category: 'privilege-escalation',
        method: id,
      }),
    ]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s compliant', (id, c) => {
    expect(of(one(c.compliant), id, c.principal)).toEqual([]);
  });
});

describe('table B: taking over another principal', () => {
  const cases: { id: string; noncompliant: AccountSpec; compliant: AccountSpec; principal: string }[] = [
    ...(['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'] as const).map(
      (action) => ({
        id:
          action === 'iam:CreateAccessKey'
            ? 'iam-create-access-key'
            : action === 'iam:CreateLoginProfile'
              ? 'iam-create-login-profile'
              : 'iam-update-login-profile',
        principal: attackerUser,
        noncompliant: {
          users: [
            { name: 'attacker', inline: { p: allow(action, userArn('admin')) } },
            { name: 'admin', managed: [admin] },
          ],
        },
        compliant: {
          users: [
            { name: 'attacker', inline: { p: allow(action, userArn('logger')) } },
            { name: 'logger', inline: { logs: logsOnly } },
            { name: 'admin', managed: [admin] },
          ],
        },
      }),
    ),
    {
      id: 'iam-update-assume-role-policy',
      principal: attackerRole,
      noncompliant: {
        roles: [
          { name: 'attacker', inline: { p: allow('iam:UpdateAssumeRolePolicy', roleArn('admin-*')) } },
          adminRole('admin-target', trust({ Service: 'ec2.amazonaws.com' })),
        ],
      },
      compliant: {
        roles: [
          { name: 'attacker', inline: { p: allow('iam:UpdateAssumeRolePolicy', roleArn('logs-*')) } },
          adminRole('admin-target', trust({ Service: 'ec2.amazonaws.com' })),
          harmlessRole('logs-only', trust({ Service: 'ec2.amazonaws.com' })),
        ],
      },
    },
    {
      // A same-account trust that names the principal's ARN needs no identity permission.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
      id: 'sts-assume-role',
      principal: attackerRole,
      noncompliant: {
        roles: [
          { name: 'attacker', inline: { logs: logsOnly } },
          adminRole('admin-target', trust({ AWS: attackerRole })),
        ],
      },
      // Trusting the account delegates to identity policies, and the attacker's allow nothing.
      compliant: {
        roles: [{ name: 'attacker', inline: { logs: logsOnly } }, adminRole('admin-target', sameAccount)],
      },
    },
    {
      id: 'iam-grant-then-use-user',
      principal: attackerUser,
      noncompliant: {
        users: [
          {
            name: 'attacker',
            inline: { p: allow(['iam:PutUserPolicy', 'iam:CreateAccessKey'], userArn('svc-*')) },
          },
          { name: 'svc-reports' },
        ],
      },
      compliant: {
        users: [
          { name: 'attacker', inline: { p: allow('iam:PutUserPolicy', userArn('svc-*')) } },
          { name: 'svc-reports' },
        ],
      },
    },
    {
      id: 'iam-grant-then-assume-role',
      principal: attackerRole,
      noncompliant: {
        roles: [
          {
            name: 'attacker',
            inline: { p: allow(['iam:PutRolePolicy', 'sts:AssumeRole'], roleArn('ops-*')) },
          },
          harmlessRole('ops-runner', sameAccount),
        ],
      },
      compliant: {
        roles: [
          {
            name: 'attacker',
            inline: { p: allow(['iam:PutRolePolicy', 'sts:AssumeRole'], roleArn('ops-*')) },
          },
          harmlessRole('ops-runner', trust({ Service: 'ec2.amazonaws.com' })),
        ],
      },
    },
    {
      id: 'iam-grant-and-retrust-role',
      principal: attackerRole,
      noncompliant: {
        roles: [
          {
            name: 'attacker',
            inline: { p: allow(['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'], roleArn('ops-*')) },
          },
          harmlessRole('ops-runner', trust({ Service: 'ec2.amazonaws.com' })),
        ],
      },
      compliant: {
        roles: [
          { name: 'attacker', inline: { p: allow('iam:PutRolePolicy', roleArn('ops-*')) } },
          harmlessRole('ops-runner', trust({ Service: 'ec2.amazonaws.com' })),
        ],
      },
    },
  ];

  it.each(cases.map((c) => [c.id, c] as const))('%s noncompliant', (id, c) => {
    expect(of(one(c.noncompliant), id, c.principal)).toEqual([
      expect.objectContaining({ severity: 'critical', category: 'privilege-escalation', method: id }),
    ]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s compliant', (id, c) => {
    expect(of(one(c.compliant), id, c.principal)).toEqual([]);
  });
});

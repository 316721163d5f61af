import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshot } from './read-snapshot.js';

const ACCOUNT = '111122223333';
const TARGET_BYTES = 200 * 1024 * 1024;
const POLICIES = 4000;
const USERS = 2000;
const GROUPS = 200;

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const actions = (service: string, i: number) =>
  ['Get', 'List', 'Describe', 'Put', 'Update', 'Create', 'Delete', 'Tag'].map(
    (verb) => `${service}:${verb}Thing${i % 97}`,
  );

function managedPolicy(i: number) {
  const arn = `arn:aws:iam::${ACCOUNT}:policy/team-${i % 40}/app-policy-${i}`;
  const version = (v: number) => ({
    Document: doc(
      {
        Sid: `Data${v}`,
        Effect: 'Allow',
        Action: actions('dynamodb', i + v),
        Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/app-${i}-*`,
      },
      {
        Sid: `Objects${v}`,
        Effect: 'Allow',
        Action: actions('s3', i),
        Resource: [`arn:aws:s3:::app-${i}-data/*`, `arn:aws:s3:::app-${i}-data`],
      },
      {
        Effect: 'Deny',
        Action: 's3:DeleteBucket',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalTag/team': `team-${i % 40}` } },
      },
    ),
    VersionId: `v${v}`,
    IsDefaultVersion: v === 3,
    CreateDate: `2024-0${v}-01T00:00:00+00:00`,
  });
  return {
    PolicyName: `app-policy-${i}`,
    PolicyId: `ANPA${String(i).padStart(17, '0')}`,
    Arn: arn,
    Path: `/team-${i % 40}/`,
    DefaultVersionId: 'v3',
    AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: '2024-01-01T00:00:00+00:00',
    UpdateDate: '2024-03-01T00:00:00+00:00',
    PolicyVersionList: [version(3), version(2), version(1)],
  };
}

const READ_ONLY_ACCESS = {
  PolicyName: 'ReadOnlyAccess',
  PolicyId: 'ANPAILL3HVNFSB6DCOWYQ',
  Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  Path: '/',
  DefaultVersionId: 'v115',
  AttachmentCount: 1,
  PermissionsBoundaryUsageCount: 0,
  IsAttachable: true,
  PolicyVersionList: [
    {
      Document: doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }),
      VersionId: 'v115',
      IsDefaultVersion: true,
    },
  ],
};

const attached = (i: number) => [
  {
    PolicyName: `app-policy-${i % POLICIES}`,
    PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/team-${i % 40}/app-policy-${i % POLICIES}`,
  },
  { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
];
const tags = (i: number) => [
  { Key: 'team', Value: `team-${i % 40}` },
  { Key: 'app', Value: `app-${i}` },
  { Key: 'cost-center', Value: `cc-${i % 13}` },
];

function user(i: number) {
  return {
    Path: '/',
    UserName: `user-${i}`,
    UserId: `AIDA${String(i).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${ACCOUNT}:user/user-${i}`,
    CreateDate: '2022-01-01T00:00:00+00:00',
    UserPolicyList: [
      {
        PolicyName: 'self-service',
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: actions('iam', i),
          Resource: `arn:aws:iam::${ACCOUNT}:user/user-${i}`,
        }),
      },
    ],
    GroupList: [`group-${i % GROUPS}`],
    AttachedManagedPolicies: attached(i),
    Tags: tags(i),
  };
}

function group(i: number) {
  return {
    Path: '/',
    GroupName: `group-${i}`,
    GroupId: `AGPA${String(i).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${ACCOUNT}:group/group-${i}`,
    CreateDate: '2021-01-01T00:00:00+00:00',
    GroupPolicyList: [
      {
        PolicyName: 'logs',
        PolicyDocument: doc({ Effect: 'Allow', Action: actions('logs', i), Resource: '*' }),
      },
    ],
    AttachedManagedPolicies: attached(i),
  };
}

function role(i: number) {
  const arn = `arn:aws:iam::${ACCOUNT}:role/app/svc-${i}`;
  const trust = doc({
    Effect: 'Allow',
    Principal: { Service: 'lambda.amazonaws.com' },
    Action: 'sts:AssumeRole',
  });
  const profile = {
    Path: '/',
    InstanceProfileName: `svc-${i}`,
    InstanceProfileId: `AIPA${String(i).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/svc-${i}`,
    CreateDate: '2023-01-01T00:00:00+00:00',
    Roles: [
      {
        Path: '/app/',
        RoleName: `svc-${i}`,
        RoleId: `AROA${String(i).padStart(17, '0')}`,
        Arn: arn,
        CreateDate: '2023-01-01T00:00:00+00:00',
        AssumeRolePolicyDocument: trust,
      },
    ],
  };
  return {
    Path: '/app/',
    RoleName: `svc-${i}`,
    RoleId: `AROA${String(i).padStart(17, '0')}`,
    Arn: arn,
    CreateDate: '2023-01-01T00:00:00+00:00',
    AssumeRolePolicyDocument: trust,
    InstanceProfileList: i % 5 === 0 ? [profile] : [],
    RolePolicyList: [
      {
        PolicyName: 'queue',
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: actions('sqs', i),
          Resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:svc-${i}-*`,
        }),
      },
      {
        PolicyName: 'secrets',
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: actions('secretsmanager', i),
          Resource: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:svc-${i}/*`,
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        }),
      },
    ],
    AttachedManagedPolicies: attached(i),
    Tags: tags(i),
    RoleLastUsed: { LastUsedDate: '2026-11-20T10:00:00+00:00', Region: 'eu-west-1' },
  };
}

/**
 * Writes a get-account-authorization-details file of at least `target` bytes, pretty-printed as
 * the AWS CLI prints it, a list entry at a time (the whole text is never in memory). Returns the
 * number of roles written.
 */
function writeLargeAuthorizationDetails(path: string, target: number): number {
  const fd = openSync(path, 'w');
  let written = 0;
  const write = (text: string) => {
    written += writeSync(fd, text);
  };
  /** Writes one list, entry by entry, while `more(i)`; returns the number of entries. */
  const list = (name: string, more: (i: number) => boolean, entry: (i: number) => object, last = false) => {
    write(`    "${name}": [\n`);
    let i = 0;
    for (; more(i); i++) write(`${i === 0 ? '' : ',\n'}${JSON.stringify(entry(i), null, 4)}`);
    write(`\n    ]${last ? '' : ','}\n`);
    return i;
  };
  let roles = 0;
  try {
    write('{\n');
    list(
      'Policies',
      (i) => i <= POLICIES,
      (i) => (i === POLICIES ? READ_ONLY_ACCESS : managedPolicy(i)),
    );
    list('UserDetailList', (i) => i < USERS, user);
    list('GroupDetailList', (i) => i < GROUPS, group);
    roles = list('RoleDetailList', () => written < target, role, true);
    write('}\n');
  } finally {
    closeSync(fd);
  }
  return roles;
}

describe('readSnapshot on a 200 MB get-account-authorization-details file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'accessloop-large-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads it without running out of memory', () => {
    const path = join(dir, 'iam.json');
    const roles = writeLargeAuthorizationDetails(path, TARGET_BYTES);
    expect(statSync(path).size).toBeGreaterThanOrEqual(TARGET_BYTES);

    const result = readSnapshot(path);
    expect(result.diagnostics).toEqual([]);
    if (!result.ok) return;
    const [account] = result.value.accounts;
    expect(account?.roles).toHaveLength(roles);
    expect(account?.users).toHaveLength(USERS);
    expect(account?.groups.every((g) => g.members.length === USERS / GROUPS)).toBe(true);
    expect(account?.managedPolicies).toHaveLength(POLICIES + 1);
    expect(account?.managedPolicies[0]?.defaultVersionId).toBe('v3');
  });
});

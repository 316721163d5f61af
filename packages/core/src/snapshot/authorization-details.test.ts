import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAuthorizationDetails } from './authorization-details.js';
import type { AccountIam } from './model.js';

// biome-ignore lint/suspicious/noExplicitAny: tests damage fixture JSON in place, wherever it nests
type Json = Record<string, any>;

function fixture(name: string): Json {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
}

function parseOk(json: unknown): AccountIam {
  const result = parseAuthorizationDetails(json);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  expect(result.diagnostics).toEqual([]);
  return result.value;
}

const where = (diagnostics: readonly { code: string; severity: string; path: string }[]) =>
  diagnostics.map(({ code, severity, path }) => ({ code, severity, path }));

describe('parseAuthorizationDetails: the fixture account', () => {
  const account = parseOk(fixture('iam-111122223333.json'));

  it('reads the account id and partition from the ARNs', () => {
    expect(account.id).toBe('111122223333');
    expect(account.partition).toBe('aws');
  });

  it('reads users with groups, inline and attached policies, boundary and tags', () => {
    expect(account.users.map((u) => u.name)).toEqual(['alice', 'ci-deployer', 'bob']);
    const [alice, , bob] = account.users;
    expect(alice).toMatchObject({
      arn: 'arn:aws:iam::111122223333:user/alice',
      id: 'AIDAEXAMPLEALICE0001',
      path: '/',
      createDate: '2021-03-04T09:12:44+00:00',
      groups: ['Admins', 'Developers'],
      attachedPolicies: [
        { name: 'IAMUserChangePassword', arn: 'arn:aws:iam::aws:policy/IAMUserChangePassword' },
      ],
      tags: { team: 'platform', email: 'alice@example.com' },
    });
    expect(alice?.inlinePolicies.map((p) => p.name)).toEqual(['SelfManageMfa']);
    expect(alice?.inlinePolicies[0]?.document).toMatchObject({ Statement: [{ Sid: 'ManageOwnMfa' }] });
    expect(alice?.permissionsBoundary).toBeUndefined();
    expect(bob).toMatchObject({
      path: '/contractors/',
      permissionsBoundary: 'arn:aws:iam::111122223333:policy/DeveloperBoundary',
    });
  });

  it('derives group members from the users', () => {
    expect(account.groups.map((g) => [g.name, g.members])).toEqual([
      ['Admins', ['alice']],
      ['Developers', ['alice', 'bob']],
      ['Auditors', []],
    ]);
    expect(account.groups[1]?.inlinePolicies.map((p) => p.name)).toEqual(['ReadApplicationLogs']);
    expect(account.groups[1]?.attachedPolicies.map((p) => p.name)).toEqual([
      'DeveloperAccess',
      'ReadOnlyAccess',
    ]);
  });

  it('reads roles with trust policy, instance profiles, last use and the service-linked flag', () => {
    const byName = new Map(account.roles.map((r) => [r.name, r]));
    expect(account.roles.map((r) => r.arn)).toEqual([...account.roles.map((r) => r.arn)].sort());
    expect(byName.get('orders-api')).toMatchObject({
      path: '/app/',
      serviceLinked: false,
      trustPolicy: {
        Statement: [{ Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      lastUsed: { date: '2026-11-20T18:04:11+00:00', region: 'eu-west-1' },
      permissionsBoundary: 'arn:aws:iam::111122223333:policy/DeveloperBoundary',
      tags: { team: 'orders', app: 'orders' },
    });
    expect(byName.get('AWSServiceRoleForSupport')?.serviceLinked).toBe(true);
    const web = byName.get('web-ec2');
    expect(web?.instanceProfiles).toEqual([
      {
        name: 'web-ec2',
        arn: 'arn:aws:iam::111122223333:instance-profile/web-ec2',
        id: 'AIPAEXAMPLEWEBEC2001',
        path: '/',
        createDate: '2022-08-08T08:08:09+00:00',
      },
    ]);
    expect(web?.lastUsed).toBeUndefined();
  });

  it('keeps the default version of each managed policy', () => {
    const byName = new Map(account.managedPolicies.map((p) => [p.name, p]));
    expect(account.managedPolicies).toHaveLength(10);
    expect(byName.get('DeveloperAccess')).toMatchObject({
      arn: 'arn:aws:iam::111122223333:policy/DeveloperAccess',
      awsManaged: false,
      defaultVersionId: 'v3',
      attachmentCount: 1,
      permissionsBoundaryUsageCount: 0,
      document: { Statement: [{ Effect: 'Allow' }, { Effect: 'Deny', Action: 'lambda:DeleteFunction' }] },
    });
    expect(byName.get('DeveloperBoundary')).toMatchObject({ permissionsBoundaryUsageCount: 3 });
    expect(byName.get('AWSLambdaBasicExecutionRole')).toMatchObject({
      awsManaged: true,
      path: '/service-role/',
      defaultVersionId: 'v1',
      description: 'Provides write permissions to CloudWatch Logs.',
    });
  });

  // A customer managed policy keeps up to five versions; only the default one is evaluated, the
  // others can be made default again (iam-set-default-policy-version).
  // @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
  it('keeps the non-default versions of customer managed policies apart, sorted by number', () => {
    const byName = new Map(account.managedPolicies.map((p) => [p.name, p]));
    expect(byName.get('DeveloperAccess')?.otherVersions).toEqual([
      {
        versionId: 'v1',
        createDate: '2023-06-01T00:00:00+00:00',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      },
      {
        versionId: 'v2',
        createDate: '2024-06-01T00:00:00+00:00',
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['lambda:*', 'logs:*'], Resource: '*' }],
        },
      },
    ]);
    expect(byName.get('DeveloperBoundary')?.otherVersions).toEqual([]);
    // AWS managed policies: a customer cannot change their default, their versions are skipped.
    expect(byName.get('AmazonSSMManagedInstanceCore')?.otherVersions).toBeUndefined();
    // URL-encoded documents (as the AWS CLI writes them) decode to the same versions.
    const encoded = parseOk(fixture('iam-111122223333-url-encoded.json'));
    expect(encoded.managedPolicies.find((p) => p.name === 'DeveloperAccess')?.otherVersions).toEqual(
      byName.get('DeveloperAccess')?.otherVersions,
    );
  });

  it('sorts version v10 after v9 and reports a non-default version that does not decode', () => {
    const json = fixture('iam-111122223333.json');
    const policy = json.Policies.find((p: Json) => p.PolicyName === 'DeployPolicy');
    const [v2, v1] = policy.PolicyVersionList;
    policy.PolicyVersionList = [{ ...v1, VersionId: 'v10' }, { ...v1, VersionId: 'v9' }, v2];
    expect(
      parseOk(json)
        .managedPolicies.find((p) => p.name === 'DeployPolicy')
        ?.otherVersions?.map((v) => v.versionId),
    ).toEqual(['v9', 'v10']);
    policy.PolicyVersionList[0].Document = '%7B%22Statement';
    const result = parseAuthorizationDetails(json);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.path)).toEqual([
      expect.stringMatching(/^Policies\[\d+\]\.PolicyVersionList\[0\]\.Document$/),
    ]);
  });

  it('reads the URL-encoded, two-page and merged forms into the same model', () => {
    const plain = fixture('iam-111122223333.json');
    const [first, second] = fixture('iam-111122223333-two-pages.json') as unknown as [Json, Json];
    const merged = {
      UserDetailList: [...first.UserDetailList, ...second.UserDetailList],
      GroupDetailList: [...first.GroupDetailList, ...second.GroupDetailList],
      RoleDetailList: [...first.RoleDetailList, ...second.RoleDetailList],
      Policies: [...first.Policies, ...second.Policies],
      IsTruncated: true,
      Marker: first.Marker,
    };
    expect(parseOk(fixture('iam-111122223333-url-encoded.json'))).toEqual(account);
    expect(parseOk([first, second])).toEqual(account);
    expect(parseOk(merged)).toEqual(account);
    expect(parseOk(plain)).toEqual(account);
  });

  it('reads tags named like Object.prototype members as data', () => {
    const json = fixture('iam-111122223333.json');
    json.UserDetailList[0].Tags = [
      { Key: '__proto__', Value: 'a' },
      { Key: 'constructor', Value: 'b' },
    ];
    const tags = parseOk(json).users[0]?.tags ?? {};
    expect(Object.entries(tags)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
    ]);
    expect(parseOk(fixture('iam-111122223333.json')).users[0]?.tags.toString).toBeUndefined();
  });
});

describe('parseAuthorizationDetails: diagnostics', () => {
  const roles = 'RoleDetailList';
  it.each<{
    name: string;
    mutate: (json: Json) => unknown;
    expected: { code: string; severity: string; path: string }[];
  }>([
    {
      name: 'an object without any GAAD list',
      mutate: () => ({ Users: [] }),
      expected: [{ code: 'snapshot.invalid-shape', severity: 'error', path: '' }],
    },
    {
      name: 'an empty array',
      mutate: () => [],
      expected: [{ code: 'snapshot.invalid-shape', severity: 'error', path: '' }],
    },
    {
      name: 'an array with something else than a page',
      mutate: (json) => [json, 42],
      expected: [{ code: 'snapshot.invalid-shape', severity: 'error', path: '[1]' }],
    },
    {
      name: 'a list that is not an array',
      mutate: (json) => ({ ...json, UserDetailList: {} }),
      expected: [{ code: 'snapshot.invalid-shape', severity: 'error', path: 'UserDetailList' }],
    },
    {
      name: 'a policy document that is not JSON after URL-decoding',
      mutate: (json) => {
        json[roles][0].RolePolicyList[0].PolicyDocument = '%7B%22Version%22%3A%222012-10-17%22%2C';
        return json;
      },
      expected: [
        {
          code: 'policy.invalid-json',
          severity: 'error',
          path: 'RoleDetailList[0].RolePolicyList[0].PolicyDocument',
        },
      ],
    },
    {
      name: 'a trust policy that is missing',
      mutate: (json) => {
        delete json[roles][2].AssumeRolePolicyDocument;
        return json;
      },
      expected: [
        {
          code: 'snapshot.invalid-shape',
          severity: 'error',
          path: 'RoleDetailList[2].AssumeRolePolicyDocument',
        },
      ],
    },
    {
      name: 'a customer managed policy absent from Policies',
      mutate: (json) => {
        json.Policies = json.Policies.filter((p: Json) => p.PolicyName !== 'DeployPolicy');
        return json;
      },
      expected: [
        {
          code: 'snapshot.unknown-managed-policy',
          severity: 'error',
          path: 'UserDetailList[2].AttachedManagedPolicies[0].PolicyArn',
        },
        {
          code: 'snapshot.unknown-managed-policy',
          severity: 'error',
          path: 'RoleDetailList[4].AttachedManagedPolicies[0].PolicyArn',
        },
      ],
    },
    {
      name: 'a permissions boundary absent from Policies',
      mutate: (json) => {
        json.Policies = json.Policies.filter((p: Json) => p.PolicyName !== 'DeveloperBoundary');
        return json;
      },
      expected: [
        {
          code: 'snapshot.unknown-managed-policy',
          severity: 'error',
          path: 'UserDetailList[1].PermissionsBoundary.PermissionsBoundaryArn',
        },
        {
          code: 'snapshot.unknown-managed-policy',
          severity: 'error',
          path: 'RoleDetailList[0].PermissionsBoundary.PermissionsBoundaryArn',
        },
        {
          code: 'snapshot.unknown-managed-policy',
          severity: 'error',
          path: 'RoleDetailList[4].PermissionsBoundary.PermissionsBoundaryArn',
        },
      ],
    },
    {
      name: 'a duplicate role name, ignoring case',
      mutate: (json) => {
        json[roles][1].RoleName = 'ORDERS-API';
        return json;
      },
      expected: [{ code: 'snapshot.duplicate-name', severity: 'error', path: 'RoleDetailList[1]' }],
    },
    {
      name: 'a duplicate user and group',
      mutate: (json) => {
        json.UserDetailList.push(json.UserDetailList[0]);
        json.GroupDetailList.push(json.GroupDetailList[2]);
        return json;
      },
      expected: [
        { code: 'snapshot.duplicate-name', severity: 'error', path: 'UserDetailList[3]' },
        { code: 'snapshot.duplicate-name', severity: 'error', path: 'GroupDetailList[3]' },
      ],
    },
    {
      name: 'the same page twice',
      mutate: (json) => [json, json],
      expected: [
        ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({
          code: 'snapshot.duplicate-policy',
          severity: 'error',
          path: `[1].Policies[${i}]`,
        })),
        ...[0, 1, 2].map((i) => ({
          code: 'snapshot.duplicate-name',
          severity: 'error',
          path: `[1].UserDetailList[${i}]`,
        })),
        ...[0, 1, 2].map((i) => ({
          code: 'snapshot.duplicate-name',
          severity: 'error',
          path: `[1].GroupDetailList[${i}]`,
        })),
        ...[0, 1, 2, 3, 4].map((i) => ({
          code: 'snapshot.duplicate-name',
          severity: 'error',
          path: `[1].RoleDetailList[${i}]`,
        })),
      ],
    },
    {
      name: 'a managed policy with no default version',
      mutate: (json) => {
        for (const version of json.Policies[1].PolicyVersionList) version.IsDefaultVersion = false;
        return json;
      },
      expected: [
        { code: 'snapshot.no-default-version', severity: 'error', path: 'Policies[1].PolicyVersionList' },
      ],
    },
    {
      name: 'a managed policy with two default versions',
      mutate: (json) => {
        json.Policies[1].PolicyVersionList[1].IsDefaultVersion = true;
        return json;
      },
      expected: [
        {
          code: 'snapshot.conflicting-default-version',
          severity: 'error',
          path: 'Policies[1].PolicyVersionList[1]',
        },
      ],
    },
    {
      name: 'a DefaultVersionId that is not the flagged version',
      mutate: (json) => {
        json.Policies[1].DefaultVersionId = 'v2';
        return json;
      },
      expected: [
        {
          code: 'snapshot.conflicting-default-version',
          severity: 'error',
          path: 'Policies[1].DefaultVersionId',
        },
      ],
    },
    {
      name: 'a missing name and a tag value of the wrong type',
      mutate: (json) => {
        delete json[roles][0].RoleName;
        json[roles][1].Tags[0].Value = 7;
        return json;
      },
      expected: [
        { code: 'snapshot.invalid-shape', severity: 'error', path: 'RoleDetailList[0].RoleName' },
        { code: 'snapshot.invalid-shape', severity: 'error', path: 'RoleDetailList[1].Tags[0].Value' },
      ],
    },
    {
      name: 'an ARN of another account',
      mutate: (json) => {
        json[roles][1].Arn = 'arn:aws:iam::444455556666:role/web-ec2';
        return json;
      },
      expected: [{ code: 'snapshot.account-mismatch', severity: 'error', path: 'RoleDetailList[1].Arn' }],
    },
    {
      name: 'an ARN of the wrong kind',
      mutate: (json) => {
        json[roles][1].Arn = 'arn:aws:iam::111122223333:user/web-ec2';
        return json;
      },
      expected: [{ code: 'snapshot.invalid-arn', severity: 'error', path: 'RoleDetailList[1].Arn' }],
    },
    {
      name: 'a file with no ARN',
      mutate: () => ({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] }),
      expected: [{ code: 'snapshot.unknown-account', severity: 'error', path: '' }],
    },
  ])('reports $name', ({ mutate, expected }) => {
    const result = parseAuthorizationDetails(mutate(fixture('iam-111122223333.json')));
    expect(where(result.diagnostics)).toEqual(expected);
    expect(result.ok).toBe(false);
  });

  it.each<{
    name: string;
    mutate: (json: Json) => unknown;
    expected: { code: string; severity: string; path: string }[];
  }>([
    {
      name: 'an AWS managed policy absent from Policies (a --filter export)',
      mutate: (json) => {
        json.Policies = json.Policies.filter((p: Json) => p.PolicyName !== 'AdministratorAccess');
        return json;
      },
      expected: [
        {
          code: 'snapshot.missing-aws-managed-policy',
          severity: 'warning',
          path: 'GroupDetailList[0].AttachedManagedPolicies[0].PolicyArn',
        },
        {
          code: 'snapshot.missing-aws-managed-policy',
          severity: 'warning',
          path: 'RoleDetailList[3].AttachedManagedPolicies[0].PolicyArn',
        },
      ],
    },
    {
      name: 'a group absent from GroupDetailList',
      mutate: (json) => {
        json.GroupDetailList = json.GroupDetailList.filter((g: Json) => g.GroupName !== 'Developers');
        return json;
      },
      expected: [
        { code: 'snapshot.unknown-group', severity: 'warning', path: 'UserDetailList[0].GroupList[1]' },
        { code: 'snapshot.unknown-group', severity: 'warning', path: 'UserDetailList[1].GroupList[0]' },
      ],
    },
    {
      name: 'a NextToken (an export cut short by --max-items)',
      mutate: (json) => ({ ...json, NextToken: 'eyJNYXJrZXIiOiBudWxsfQ==' }),
      expected: [{ code: 'snapshot.truncated', severity: 'warning', path: 'NextToken' }],
    },
    {
      name: 'a last page that says more follow',
      mutate: (json) => [{ ...json, IsTruncated: true, Marker: 'abc' }],
      expected: [{ code: 'snapshot.truncated', severity: 'warning', path: '[0].IsTruncated' }],
    },
  ])('warns about $name and still reads the file', ({ mutate, expected }) => {
    const result = parseAuthorizationDetails(mutate(fixture('iam-111122223333.json')));
    expect(where(result.diagnostics)).toEqual(expected);
    expect(result.ok).toBe(true);
  });

  it('checks every ARN against the account of the folder', () => {
    const result = parseAuthorizationDetails(fixture('iam-111122223333.json'), { accountId: '222233334444' });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toEqual({
      code: 'snapshot.account-mismatch',
      severity: 'error',
      path: 'UserDetailList[0].Arn',
      message:
        '`arn:aws:iam::111122223333:user/alice` is in account `111122223333`, but the file is in the folder of account `222233334444`; move it to `accounts/111122223333/iam.json`',
    });
  });

  it('reads an empty account when the folder names it', () => {
    const result = parseAuthorizationDetails(
      { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] },
      { accountId: '222233334444' },
    );
    expect(result).toEqual({
      ok: true,
      value: { id: '222233334444', partition: 'aws', users: [], groups: [], roles: [], managedPolicies: [] },
      diagnostics: [],
    });
  });

  it('writes messages that name the input and say what to do', () => {
    const json = fixture('iam-111122223333.json');
    json.Policies = json.Policies.filter(
      (p: Json) => !['DeployPolicy', 'AdministratorAccess'].includes(p.PolicyName),
    );
    json[roles][0].RoleName = 5;
    const messages = parseAuthorizationDetails(json).diagnostics.map((d) => d.message);
    expect(messages).toEqual([
      '`RoleName` must be a string, found a number; check that the file is the unmodified output of `aws iam get-account-authorization-details`',
      'user `ci-deployer` has `arn:aws:iam::111122223333:policy/DeployPolicy` attached, but `Policies` has no such managed policy; export the file again without `--filter`',
      'the AWS managed policy `arn:aws:iam::aws:policy/AdministratorAccess`, attached to group `Admins`, is absent from `Policies`, so its permissions are not counted; export the file again without `--filter`',
      'the AWS managed policy `arn:aws:iam::aws:policy/AdministratorAccess`, attached to role `OrganizationAccountAccessRole`, is absent from `Policies`, so its permissions are not counted; export the file again without `--filter`',
      'role `github-actions-deploy` has `arn:aws:iam::111122223333:policy/DeployPolicy` attached, but `Policies` has no such managed policy; export the file again without `--filter`',
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Organization } from './model.js';
import { indexOrganizationPolicies, organizationPolicyLevels, parseOrganization } from './organization.js';

// biome-ignore lint/suspicious/noExplicitAny: tests damage fixture JSON in place, wherever it nests
type Json = Record<string, any>;

const fixture = (): Json =>
  JSON.parse(readFileSync(new URL('./fixtures/organization.json', import.meta.url), 'utf8'));

function parseOk(json: unknown): Organization {
  const result = parseOrganization(json);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  expect(result.diagnostics).toEqual([]);
  return result.value;
}

const ROOT = 'r-a1b2';
const WORKLOADS = 'ou-a1b2-wk3l9d0a';
const PROD = 'ou-a1b2-pr0d7x2m';
const SANDBOX = 'ou-a1b2-sbx4q8vn';

describe('parseOrganization', () => {
  const org = parseOk(fixture());

  it('reads the organization, its tree and accounts', () => {
    expect(org.id).toBe('o-a1b2c3d4e5');
    expect(org.managementAccountId).toBe('999988887777');
    expect(org.roots).toEqual([{ id: ROOT, name: 'Root' }]);
    expect(org.organizationalUnits).toEqual([
      { id: PROD, name: 'Prod', parentId: WORKLOADS },
      { id: SANDBOX, name: 'Sandbox', parentId: ROOT },
      { id: WORKLOADS, name: 'Workloads', parentId: ROOT },
    ]);
    expect(org.accounts.map((a) => [a.id, a.name, a.status, a.parentId])).toEqual([
      ['111122223333', 'orders-prod', 'ACTIVE', PROD],
      ['222233334444', 'security', 'ACTIVE', WORKLOADS],
      ['444455556666', 'sandbox', 'SUSPENDED', SANDBOX],
      ['999988887777', 'management', 'ACTIVE', ROOT],
    ]);
    expect(org.accounts[0]?.tags).toEqual({ team: 'orders', environment: 'prod' });
    expect(org.accounts[1]?.tags).toEqual({});
  });

  it('keeps SCPs and RCPs with parsed content and target ids, and skips other policy types', () => {
    expect(org.policies.map((p) => [p.id, p.type, p.awsManaged])).toEqual([
      ['p-FullAWSAccess', 'SERVICE_CONTROL_POLICY', true],
      ['p-RCPFullAWSAccess', 'RESOURCE_CONTROL_POLICY', true],
      ['p-d3nyl3av', 'SERVICE_CONTROL_POLICY', false],
      ['p-pr0dn0d3l', 'SERVICE_CONTROL_POLICY', false],
      ['p-r3g10nsx', 'SERVICE_CONTROL_POLICY', false],
      ['p-rcp0rg0nly', 'RESOURCE_CONTROL_POLICY', false],
    ]);
    const full = org.policies[0];
    expect(full?.content).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    expect(full?.targets).toHaveLength(8);
    expect(org.policies[2]?.targets).toEqual([ROOT]);
  });
});

describe('organizationPolicyLevels', () => {
  const org = parseOk(fixture());
  const names = (
    levels: readonly { orgIdentifier: string; policies: readonly { name: string }[] }[] | undefined,
  ) => levels?.map((level) => [level.orgIdentifier, level.policies.map((p) => p.name)]);

  it('lists the levels from the root down to an account in a nested OU', () => {
    const levels = organizationPolicyLevels(org, '111122223333');
    expect(names(levels?.scps)).toEqual([
      [ROOT, ['DenyLeaveOrganization', 'FullAWSAccess']],
      [WORKLOADS, ['DenyOutsideEuRegions', 'FullAWSAccess']],
      [PROD, ['FullAWSAccess', 'ProtectProdData']],
      ['111122223333', ['FullAWSAccess', 'ProtectProdData']],
    ]);
    expect(names(levels?.rcps)).toEqual([
      [ROOT, ['RCPFullAWSAccess']],
      [WORKLOADS, ['RCPFullAWSAccess']],
      [PROD, ['EnforceOrgIdentities', 'RCPFullAWSAccess']],
      ['111122223333', ['RCPFullAWSAccess']],
    ]);
    expect(levels?.scps?.[1]?.policies[0]?.policy).toMatchObject({
      Statement: [
        {
          Sid: 'DenyOtherRegions',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } },
        },
      ],
    });
  });

  it('lists the root and the account for an account directly under the root', () => {
    expect(names(organizationPolicyLevels(org, '999988887777')?.scps)).toEqual([
      [ROOT, ['DenyLeaveOrganization', 'FullAWSAccess']],
      ['999988887777', ['FullAWSAccess']],
    ]);
  });

  it('returns nothing for an account outside the organization', () => {
    expect(indexOrganizationPolicies(org)('123456789012')).toBeUndefined();
  });

  it('leaves out a policy type the organization does not use', () => {
    const scpOnly = { ...org, policies: org.policies.filter((p) => p.type === 'SERVICE_CONTROL_POLICY') };
    const levels = organizationPolicyLevels(scpOnly, '222233334444');
    expect(levels?.rcps).toBeUndefined();
    expect(names(levels?.scps)).toEqual([
      [ROOT, ['DenyLeaveOrganization', 'FullAWSAccess']],
      [WORKLOADS, ['DenyOutsideEuRegions', 'FullAWSAccess']],
      ['222233334444', ['FullAWSAccess']],
    ]);
    expect(organizationPolicyLevels({ ...org, policies: [] }, '222233334444')).toEqual({});
  });
});

describe('parseOrganization: diagnostics', () => {
  const where = (diagnostics: readonly { code: string; severity: string; path: string }[]) =>
    diagnostics.map(({ code, severity, path }) => ({ code, severity, path }));

  it.each<{ name: string; mutate: (json: Json) => unknown; expected: { code: string; path: string }[] }>([
    { name: 'an array', mutate: () => [], expected: [{ code: 'snapshot.invalid-shape', path: '' }] },
    {
      name: 'a missing Organization',
      mutate: (json) => ({ ...json, Organization: undefined }),
      expected: [{ code: 'snapshot.invalid-shape', path: 'Organization' }],
    },
    {
      name: 'a management account id that is not 12 digits',
      mutate: (json) => {
        json.Organization.MasterAccountId = '9999';
        return json;
      },
      expected: [{ code: 'snapshot.invalid-shape', path: 'Organization.MasterAccountId' }],
    },
    {
      name: 'no root',
      mutate: (json) => ({ Organization: json.Organization, Roots: [] }),
      expected: [{ code: 'snapshot.invalid-shape', path: 'Roots' }],
    },
    {
      name: 'an account with a number for a name',
      mutate: (json) => {
        json.Accounts[2].Name = 12;
        return json;
      },
      expected: [{ code: 'snapshot.invalid-shape', path: 'Accounts[2].Name' }],
    },
    {
      name: 'a policy whose content is not JSON',
      mutate: (json) => {
        json.Policies[2].Content = '{"Version": "2012-10-17", "Statement": [';
        return json;
      },
      expected: [{ code: 'policy.invalid-json', path: 'Policies[2].Content' }],
    },
    {
      name: 'a policy type that is not a string',
      mutate: (json) => {
        json.Policies[1].Type = null;
        return json;
      },
      expected: [{ code: 'snapshot.invalid-shape', path: 'Policies[1].Type' }],
    },
    {
      name: 'a target of the wrong type',
      mutate: (json) => {
        json.Policies[1].Targets[0] = { Id: 'r-a1b2' };
        return json;
      },
      expected: [{ code: 'snapshot.invalid-shape', path: 'Policies[1].Targets[0]' }],
    },
    {
      name: 'an unknown parent',
      mutate: (json) => {
        json.Accounts[1].ParentId = 'ou-a1b2-gone0000';
        return json;
      },
      expected: [{ code: 'snapshot.unknown-parent', path: 'Accounts[1].ParentId' }],
    },
    {
      name: 'a cycle in the OU tree',
      mutate: (json) => {
        json.OrganizationalUnits[0].ParentId = 'ou-a1b2-pr0d7x2m';
        return json;
      },
      expected: [{ code: 'snapshot.parent-cycle', path: 'OrganizationalUnits[0].ParentId' }],
    },
    {
      name: 'a duplicate id',
      mutate: (json) => {
        json.Accounts.push({ ...json.Accounts[1] });
        return json;
      },
      expected: [{ code: 'snapshot.duplicate-id', path: 'Accounts[4].Id' }],
    },
  ])('reports $name', ({ mutate, expected }) => {
    const result = parseOrganization(mutate(fixture()));
    expect(where(result.diagnostics)).toEqual(expected.map((e) => ({ ...e, severity: 'error' })));
    expect(result.ok).toBe(false);
  });

  it('warns about a target that is not in the file, and applies the policy nowhere', () => {
    const json = fixture();
    json.Policies[2].Targets.push('ou-a1b2-closed00');
    const result = parseOrganization(json);
    expect(where(result.diagnostics)).toEqual([
      { code: 'snapshot.unknown-target', severity: 'warning', path: 'Policies[2].Targets' },
    ]);
    expect(result.ok).toBe(true);
  });

  it('names the problem and the fix in the message', () => {
    const json = fixture();
    json.OrganizationalUnits[1].ParentId = 'ou-missing';
    expect(parseOrganization(json).diagnostics[0]?.message).toBe(
      'parent `ou-missing` is not a root or OU of the file; fix `organization.json`, or collect it again',
    );
  });
});

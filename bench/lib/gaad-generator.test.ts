import { describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../../packages/core/src/catalog/catalog.js';
import { buildSingleAccountSnapshot } from '../../packages/core/src/snapshot/build-snapshot.js';
import { awsManagedPolicyNames, defaultCounts, generateGaad, generateGaadChunks } from './gaad-generator.js';

interface Details {
  UserDetailList: Record<string, unknown>[];
  GroupDetailList: Record<string, unknown>[];
  RoleDetailList: Record<string, unknown>[];
  Policies: Record<string, unknown>[];
}

/** Every policy document in a GAAD object, with where it is. */
function* documentsOf(details: Details): Generator<{ where: string; document: unknown }> {
  for (const [list, key] of [
    ['UserDetailList', 'UserPolicyList'],
    ['GroupDetailList', 'GroupPolicyList'],
    ['RoleDetailList', 'RolePolicyList'],
  ] as const) {
    for (const [i, entity] of details[list].entries()) {
      for (const [j, inline] of (entity[key] as { PolicyDocument: unknown }[]).entries()) {
        yield { where: `${list}[${i}].${key}[${j}]`, document: inline.PolicyDocument };
      }
      if (list === 'RoleDetailList') {
        yield { where: `${list}[${i}].AssumeRolePolicyDocument`, document: entity.AssumeRolePolicyDocument };
      }
    }
  }
  for (const [i, policy] of details.Policies.entries()) {
    for (const [j, version] of (policy.PolicyVersionList as { Document: unknown }[]).entries()) {
      yield { where: `Policies[${i}].PolicyVersionList[${j}]`, document: version.Document };
    }
  }
}

/** The action names and patterns of a document's `Action` and `NotAction`. */
function actionsOf(document: unknown): string[] {
  const statements = (
    document as { Statement: { Action?: string | string[]; NotAction?: string | string[] }[] }
  ).Statement;
  return statements.flatMap((s) => [s.Action ?? [], s.NotAction ?? []].flat());
}

function unknownActions(catalog: Catalog, details: Details): string[] {
  const unknown = new Set<string>();
  for (const { document } of documentsOf(details)) {
    for (const action of actionsOf(document)) {
      if (action === '*') continue;
      const known = action.includes('*')
        ? catalog.expandActionPattern(action).length > 0
        : catalog.findAction(action) !== undefined;
      if (!known) unknown.add(action);
    }
  }
  return [...unknown].sort();
}

describe('generateGaad', () => {
  it.each([
    { roles: 1, seed: 1 },
    { roles: 30, seed: 2 },
    { roles: 200, seed: 3 },
    { roles: 1000, seed: 42 },
    { roles: 150, users: 0, groups: 0, policies: 0, seed: 4 },
    { roles: 120, users: 40, groups: 30, policies: 200, seed: 5 },
  ])('loads with the real loader without any diagnostic: $roles roles, seed $seed', (options) => {
    const text = generateGaad(options);
    const snapshot = buildSingleAccountSnapshot(text);
    expect(snapshot.diagnostics).toEqual([]);
    expect(snapshot.ok).toBe(true);
    const details = JSON.parse(text) as Details;
    const counts = { ...defaultCounts(options.roles), ...options };
    expect(details.RoleDetailList).toHaveLength(counts.roles);
    expect(details.UserDetailList).toHaveLength(counts.users);
    expect(details.GroupDetailList).toHaveLength(counts.groups);
    expect(details.Policies.filter((p) => !String(p.Arn).startsWith('arn:aws:iam::aws:'))).toHaveLength(
      counts.policies,
    );
  });

  it('writes what JSON.stringify with a 2-space indent writes, in chunks', () => {
    const text = generateGaad({ roles: 300, seed: 9 });
    expect(JSON.stringify(JSON.parse(text), null, 2)).toBe(text.trimEnd());
    expect(text.endsWith('}\n')).toBe(true);
    expect([...generateGaadChunks({ roles: 300, seed: 9 })].join('')).toBe(text);
  });

  it('gives byte-identical output for the same seed, and different output for another', () => {
    const a = generateGaad({ roles: 500, seed: 7 });
    expect(generateGaad({ roles: 500, seed: 7 })).toBe(a);
    expect(generateGaad({ roles: 500, seed: 8 })).not.toBe(a);
  });

  it('uses only actions the catalog knows, in every policy', async () => {
    const catalog = await loadCatalog();
    const details = JSON.parse(generateGaad({ roles: 2000, seed: 11 })) as Details;
    expect(unknownActions(catalog, details)).toEqual([]);
  });

  it('knows every action of the AWS managed policies it can attach', async () => {
    const catalog = await loadCatalog();
    // Enough roles that every kind of attachment occurs; the test below checks that they all do.
    const details = JSON.parse(generateGaad({ roles: 4000, seed: 12 })) as Details;
    const attached = details.Policies.filter((p) => String(p.Arn).startsWith('arn:aws:iam::aws:')).map(
      (p) => p.PolicyName,
    );
    expect(attached.sort()).toEqual(awsManagedPolicyNames());
    expect(
      unknownActions(catalog, { ...details, UserDetailList: [], GroupDetailList: [], RoleDetailList: [] }),
    ).toEqual([]);
  });

  it('writes realistic shapes: ids, dates, ARNs, versions, boundaries, conditions, trust', () => {
    const account = '444455556666';
    const text = generateGaad({ roles: 1000, seed: 13, accountId: account });
    const details = JSON.parse(text) as Details;
    const roles = details.RoleDetailList;
    for (const role of roles) {
      expect(role.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
      expect(role.CreateDate).toMatch(/^2026-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      expect(role.Arn).toBe(`arn:aws:iam::${account}:role${role.Path}${role.RoleName}`);
      const attached = (role.AttachedManagedPolicies as unknown[]).length;
      expect(attached).toBeGreaterThanOrEqual(1);
      expect(attached).toBeLessThanOrEqual(6);
      expect((role.RolePolicyList as unknown[]).length).toBeLessThanOrEqual(3);
    }
    expect(roles.some((r) => String(r.Path).startsWith('/aws-service-role/'))).toBe(true);
    const trust = roles.map((r) => JSON.stringify(r.AssumeRolePolicyDocument));
    for (const marker of [
      'lambda.amazonaws.com',
      'ecs-tasks.amazonaws.com',
      'ec2.amazonaws.com',
      'token.actions.githubusercontent.com',
      ':root"',
    ]) {
      expect(trust.some((t) => t.includes(marker))).toBe(true);
    }
    const bounded = roles.filter((r) => r.PermissionsBoundary !== undefined).length / roles.length;
    expect(bounded).toBeGreaterThan(0.12);
    expect(bounded).toBeLessThan(0.28);

    const customer = details.Policies.filter((p) =>
      String(p.Arn).startsWith(`arn:aws:iam::${account}:policy/`),
    );
    for (const policy of customer) {
      const versions = policy.PolicyVersionList as { VersionId: string; IsDefaultVersion: boolean }[];
      expect(versions.length).toBeGreaterThanOrEqual(1);
      expect(versions.length).toBeLessThanOrEqual(5);
      const defaults = versions.filter((v) => v.IsDefaultVersion);
      expect(defaults.map((v) => v.VersionId)).toEqual([policy.DefaultVersionId]);
    }
    expect(customer.some((p) => (p.PolicyVersionList as unknown[]).length > 1)).toBe(true);

    let statements = 0;
    let conditioned = 0;
    for (const { where, document } of documentsOf(details)) {
      if (where.endsWith('AssumeRolePolicyDocument')) continue;
      for (const s of (document as { Statement: { Condition?: unknown }[] }).Statement) {
        statements++;
        if (s.Condition !== undefined) conditioned++;
      }
    }
    expect(conditioned / statements).toBeGreaterThan(0.15);
    expect(conditioned / statements).toBeLessThan(0.35);
  });

  it('grows linearly with the number of roles', () => {
    const small = Buffer.byteLength(generateGaad({ roles: 100, seed: 21 }));
    const large = Buffer.byteLength(generateGaad({ roles: 1000, seed: 21 }));
    const perRoleSmall = small / 100;
    const perRoleLarge = large / 1000;
    // About 5.3 KB per role with the default users, groups and policies (26.7 MB for 5,000 roles).
    for (const perRole of [perRoleSmall, perRoleLarge]) {
      expect(perRole).toBeGreaterThan(4000);
      expect(perRole).toBeLessThan(7000);
    }
    expect(perRoleLarge / perRoleSmall).toBeGreaterThan(0.8);
    expect(perRoleLarge / perRoleSmall).toBeLessThan(1.25);
  });
});

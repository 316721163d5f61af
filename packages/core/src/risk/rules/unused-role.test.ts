import { describe, expect, it } from 'vitest';
import type { Role, Snapshot } from '../../snapshot/model.js';
import { loadExampleOrg } from '../../testing/example-org.js';
import { findUnusedRoles } from './unused-role.js';

const options = { now: '2026-11-16T07:42:10Z', days: 90 };

function role(name: string, extra: Partial<Role>): Role {
  return {
    name,
    arn: `arn:aws:iam::111122223333:role/${name}`,
    path: '/',
    serviceLinked: false,
    trustPolicy: {},
    instanceProfiles: [],
    inlinePolicies: [],
    attachedPolicies: [],
    tags: {},
    ...extra,
  };
}

function snapshotOf(roles: Role[]): Snapshot {
  return {
    accounts: [
      {
        id: '111122223333',
        partition: 'aws',
        users: [],
        groups: [],
        roles,
        managedPolicies: [],
        resources: [],
      },
    ],
    cloudTrailFiles: [],
  };
}

// RoleLastUsed: https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleLastUsed.html
describe('unused-role', () => {
  it('compliant: used within the period, or created recently and not used yet', () => {
    expect(
      findUnusedRoles(
        snapshotOf([
          role('recent', { lastUsed: { date: '2026-11-15T10:00:00Z' }, createDate: '2025-01-01T00:00:00Z' }),
          role('new', { createDate: '2026-10-01T00:00:00Z' }),
          role('edge', { lastUsed: { date: '2026-08-18T07:42:11Z' } }),
        ]),
        options,
      ),
    ).toEqual([]);
  });

  it('noncompliant 1: last used more than 90 days ago', () => {
    expect(
      findUnusedRoles(
        snapshotOf([role('old', { lastUsed: { date: '2026-03-01T00:00:00Z', region: 'eu-west-1' } })]),
        options,
      ),
    ).toEqual([
      {
        id: 'unused-role',
        category: 'unused-access',
        severity: 'medium',
        principal: 'arn:aws:iam::111122223333:role/old',
        conditional: false,
        message: 'role `old` was last used on 2026-03-01, 260 days ago; delete it or remove its permissions',
      },
    ]);
  });

  it('noncompliant 2: never used, created long ago; N is configurable', () => {
    const snapshot = snapshotOf([role('never', { createDate: '2026-10-01T00:00:00Z' })]);
    expect(findUnusedRoles(snapshot, { ...options, days: 30 }).map((f) => f.message)).toEqual([
      'role `never` has no recorded use since it was created on 2026-10-01 (IAM tracks the last 400 days); delete it if nothing needs it',
    ]);
  });

  it('leaves service-linked roles out (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html)', () => {
    const linked = role('AWSServiceRoleForECS', { serviceLinked: true, createDate: '2025-01-01T00:00:00Z' });
    expect(findUnusedRoles(snapshotOf([linked]), options)).toEqual([]);
  });

  it('finds the never-used sandbox-lambda-exec of the training organisation', () => {
    const arns = findUnusedRoles(loadExampleOrg(), options).map((f) => f.principal);
    expect(arns).toContain('arn:aws:iam::666677778888:role/sandbox-lambda-exec');
    expect(arns).not.toContain('arn:aws:iam::111122223333:role/orders-api');
  });
});

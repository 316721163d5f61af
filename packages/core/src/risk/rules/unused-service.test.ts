import { describe, expect, it } from 'vitest';
import type { AccessGrant, PrincipalAccess } from '../../access/access-of.js';
import type { UsedAction } from '../../usage/usage.js';
import { findUnusedActions } from './unused-action.js';
import { findUnusedServices } from './unused-service.js';

const ROLE = 'arn:aws:iam::111122223333:role/orders-api';

function grant(actions: string[], conditional = false): AccessGrant {
  return { actions, resources: ['*'], conditional, conditionKeys: conditional ? ['aws:SourceVpc'] : [] };
}

function used(action: string, source: UsedAction['source'] = 'cloudtrail'): UsedAction {
  return { principal: ROLE, action, resources: [], count: 1, lastUsed: '2026-11-15T00:00:00Z', source };
}

const access: PrincipalAccess = {
  principal: ROLE,
  grants: [
    grant(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']),
    grant(['s3:GetObject', 's3:PutObject']),
    grant(['iam:GetRole'], true),
  ],
};

// Last accessed information: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
describe('unused-service', () => {
  it('compliant: every granted service was used (a service-level Access Advisor entry counts)', () => {
    expect(
      findUnusedServices(
        access,
        [used('dynamodb:GetItem'), used('s3:*', 'access-advisor'), used('iam:PassRole')],
        'orders-api',
      ),
    ).toEqual([]);
  });

  it('noncompliant 1: services never used, critical first and weighing more, conditional when every unused grant is', () => {
    expect(findUnusedServices(access, [used('dynamodb:GetItem')], 'orders-api')).toEqual([
      {
        id: 'unused-service',
        category: 'unused-access',
        severity: 'medium',
        principal: ROLE,
        conditional: false,
        message:
          '`orders-api` can use 3 services and did not use 2 of them in the observed usage: `iam`, `s3`; remove them from its policies',
      },
    ]);
  });

  it('never reports permission-only actions such as iam:PassRole, which no call shows (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html)', () => {
    const deployer: PrincipalAccess = {
      principal: ROLE,
      grants: [grant(['iam:PassRole', 'iam:GetRole']), grant(['ecs:UpdateService'])],
    };
    expect(findUnusedServices(deployer, [used('ecs:UpdateService')], 'deployer')).toMatchObject([
      {
        message: expect.stringContaining(
          'can use 2 services and did not use 1 of them in the observed usage: `iam`',
        ),
      },
    ]);
    expect(
      findUnusedServices(
        {
          ...deployer,
          grants: deployer.grants.map((g) => ({
            ...g,
            actions: g.actions.filter((a) => a !== 'iam:GetRole'),
          })),
        },
        [used('ecs:UpdateService')],
        'deployer',
      ),
    ).toEqual([]);
    expect(findUnusedActions(deployer, [used('iam:GetRole')], 'deployer')).toEqual([]);
  });

  it('noncompliant 2: only a non-critical service unused, with conditional access only', () => {
    const conditional: PrincipalAccess = {
      principal: ROLE,
      grants: [grant(['s3:GetObject'], true), grant(['sqs:SendMessage'])],
    };
    expect(findUnusedServices(conditional, [used('sqs:SendMessage')], 'orders-api')).toMatchObject([
      {
        severity: 'low',
        conditional: true,
        message: expect.stringContaining('did not use 1 of them in the observed usage: `s3`'),
      },
    ]);
  });
});

// Action last accessed: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed-action-last-accessed.html
describe('unused-action', () => {
  it('compliant: every granted action of a used service was used; services without action-level data say nothing', () => {
    expect(
      findUnusedActions(
        access,
        [used('s3:GetObject'), used('s3:PutObject'), used('dynamodb:*', 'access-advisor')],
        'orders-api',
      ),
    ).toEqual([]);
  });

  it('noncompliant 1: actions of a used service never called', () => {
    expect(
      findUnusedActions(
        access,
        [used('dynamodb:GetItem'), used('s3:getobject', 'access-advisor')],
        'orders-api',
      ),
    ).toEqual([
      {
        id: 'unused-action',
        category: 'unused-access',
        severity: 'info',
        principal: ROLE,
        conditional: false,
        message:
          '`orders-api` uses `dynamodb` but never called 2 of the actions it can call there: `dynamodb:PutItem`, `dynamodb:Query`',
      },
      {
        id: 'unused-action',
        category: 'unused-access',
        severity: 'info',
        principal: ROLE,
        conditional: false,
        message: '`orders-api` uses `s3` but never called 1 of the actions it can call there: `s3:PutObject`',
      },
    ]);
  });
});

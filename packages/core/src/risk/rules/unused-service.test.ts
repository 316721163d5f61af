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
    grant(['iam:PassRole'], true),
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

  it('noncompliant 1: services never used, critical ones weigh more, conditional when every grant is', () => {
    expect(findUnusedServices(access, [used('dynamodb:GetItem')], 'orders-api')).toEqual([
      {
        id: 'unused-service',
        category: 'unused-access',
        severity: 'medium',
        principal: ROLE,
        conditional: true,
        message:
          '`orders-api` can call 1 `iam` action and used none in the observed usage; remove `iam` from its policies',
      },
      {
        id: 'unused-service',
        category: 'unused-access',
        severity: 'low',
        principal: ROLE,
        conditional: false,
        message:
          '`orders-api` can call 2 `s3` actions and used none in the observed usage; remove `s3` from its policies',
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

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/catalog.js';
import { createSimulator, type Simulator } from '../evaluate/simulate.js';
import type { EvaluationResult, RequestInput } from '../evaluate/types.js';
import { buildSnapshot, snapshotSourceFromFiles } from '../snapshot/build-snapshot.js';
import type { Snapshot } from '../snapshot/model.js';
import { simulateInputFor } from './simulate-input-for.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../snapshot/fixtures/${name}`, import.meta.url), 'utf8');
const account = '111122223333';
const inEu = { 'aws:RequestedRegion': 'eu-west-1' };

let snapshot: Snapshot;
let simulator: Simulator;
beforeAll(async () => {
  const built = buildSnapshot(
    snapshotSourceFromFiles([
      { path: 'organization.json', text: fixture('organization.json') },
      { path: `accounts/${account}/iam.json`, text: fixture(`iam-${account}.json`) },
      { path: `accounts/${account}/resources.json`, text: fixture(`resources-${account}.json`) },
    ]),
  );
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
  snapshot = built.value;
  simulator = createSimulator(await loadCatalog());
});

function decide(request: RequestInput): EvaluationResult {
  const input = simulateInputFor(snapshot, request);
  if (!input.ok) throw new Error(JSON.stringify(input.diagnostics));
  const result = simulator.simulate(input.value);
  if ('error' in result) throw new Error(JSON.stringify(result.error));
  return result;
}

const ordersApi = 'arn:aws:sts::111122223333:assumed-role/orders-api/i-0abc';
const ordersTable = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';

describe('simulateInputFor', () => {
  it("applies a role session's inline policy, boundary and SCPs", () => {
    expect(
      decide({ principal: ordersApi, action: 'dynamodb:GetItem', resource: ordersTable, context: inEu }),
    ).toMatchObject({
      decision: 'Allowed',
      reasons: expect.arrayContaining([
        expect.objectContaining({
          policyType: 'identity',
          policy: 'role/orders-api#OrdersTableAccess',
          sid: 'OrdersTable',
        }),
        expect.objectContaining({
          policyType: 'permissionBoundary',
          policy: 'arn:aws:iam::111122223333:policy/DeveloperBoundary',
        }),
      ]),
    });
  });

  it('applies the SCPs of every level down to the account', () => {
    // The Workloads OU denies every region but eu-west-1 and eu-central-1.
    const usTable = 'arn:aws:dynamodb:us-west-2:111122223333:table/orders';
    expect(decide({ principal: ordersApi, action: 'dynamodb:GetItem', resource: usTable })).toMatchObject({
      decision: 'ExplicitlyDenied',
      reasons: [
        expect.objectContaining({ policyType: 'scp', policy: 'ou-a1b2-wk3l9d0a/DenyOutsideEuRegions' }),
      ],
    });
  });

  // aws:RequestedRegion is the region the request is sent to: the resource's, or us-east-1 for IAM.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-requested-region.html
  it('fills aws:RequestedRegion from the resource, and us-east-1 for global services', () => {
    const regionOf = (action: string, resource: string) => {
      const input = simulateInputFor(snapshot, { principal: ordersApi, action, resource });
      return input.ok ? input.value.request.context?.['aws:RequestedRegion'] : undefined;
    };
    expect(regionOf('dynamodb:GetItem', ordersTable)).toBe('eu-west-1');
    expect(regionOf('iam:GetRole', 'arn:aws:iam::111122223333:role/web-ec2')).toBe('us-east-1');
    expect(regionOf('s3:GetObject', 'arn:aws:s3:::orders-prod-exports/x')).toBe(
      snapshot.accounts[0]?.resources.find((r) => r.arn === 'arn:aws:s3:::orders-prod-exports')?.region,
    );
    expect(regionOf('s3:ListAllMyBuckets', '*')).toBeUndefined();
    expect(decide({ principal: ordersApi, action: 'dynamodb:GetItem', resource: ordersTable }).decision).toBe(
      'Allowed',
    );
  });

  it('applies the permissions boundary', () => {
    expect(
      decide({
        principal: ordersApi,
        action: 'iam:CreateUser',
        resource: 'arn:aws:iam::111122223333:user/x',
        context: inEu,
      }),
    ).toMatchObject({
      decision: 'ExplicitlyDenied',
      reasons: [expect.objectContaining({ policyType: 'permissionBoundary', sid: 'DenyIamChanges' })],
    });
  });

  it("sets a session's aws:PrincipalArn to the role ARN with its path", () => {
    const input = simulateInputFor(snapshot, {
      principal: ordersApi,
      action: 'dynamodb:GetItem',
      resource: ordersTable,
    });
    expect(input.ok && input.value.request.context?.['aws:PrincipalArn']).toBe(
      'arn:aws:iam::111122223333:role/app/orders-api',
    );
  });

  it("applies a user's group policies", () => {
    // alice is in Admins (AdministratorAccess); ProtectProdData denies s3:DeleteBucket to all but one role.
    const alice = 'arn:aws:iam::111122223333:user/alice';
    expect(
      decide({
        principal: alice,
        action: 'sqs:CreateQueue',
        resource: 'arn:aws:sqs:eu-west-1:111122223333:q',
        context: inEu,
      }),
    ).toMatchObject({
      decision: 'Allowed',
      reasons: expect.arrayContaining([
        expect.objectContaining({ policy: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
      ]),
    });
    expect(
      decide({
        principal: alice,
        action: 's3:DeleteBucket',
        resource: 'arn:aws:s3:::orders-prod-exports',
        context: inEu,
      }),
    ).toMatchObject({
      decision: 'ExplicitlyDenied',
      // The SCP is attached to the Prod OU and to the account itself: both levels deny.
      reasons: [
        expect.objectContaining({ policyType: 'scp', policy: 'ou-a1b2-pr0d7x2m/ProtectProdData' }),
        expect.objectContaining({ policyType: 'scp', policy: '111122223333/ProtectProdData' }),
      ],
    });
    const admin = 'arn:aws:sts::111122223333:assumed-role/OrganizationAccountAccessRole/ops';
    expect(
      decide({
        principal: admin,
        action: 's3:DeleteBucket',
        resource: 'arn:aws:s3:::orders-prod-exports',
        context: inEu,
      }).decision,
    ).toBe('Allowed');
  });

  // aws:PrincipalOrgID is set for principals of an organization's accounts:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
  it('fills the organization keys, so a data-perimeter RCP lets members in', () => {
    const key = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const alice = 'arn:aws:iam::111122223333:user/alice';
    expect(decide({ principal: alice, action: 'kms:Decrypt', resource: key, context: inEu }).decision).toBe(
      'Allowed',
    );
    const input = simulateInputFor(snapshot, { principal: alice, action: 'kms:Decrypt', resource: key });
    expect(input.ok && input.value.request.context).toMatchObject({
      'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
      'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-a1b2/ou-a1b2-wk3l9d0a/ou-a1b2-pr0d7x2m/'],
    });
  });

  it('uses the bucket policy for an object, and the key policy and role trust policy from the snapshot', () => {
    const input = simulateInputFor(snapshot, {
      principal: 'arn:aws:iam::111122223333:user/alice',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::orders-prod-exports/2026/x.csv',
    });
    expect(input.ok && JSON.stringify(input.value.resourcePolicy)).toContain('AnalyticsRead');
    expect(
      decide({
        principal: 'lambda.amazonaws.com',
        action: 'sts:AssumeRole',
        resource: 'arn:aws:iam::111122223333:role/app/orders-api',
      }),
    ).toMatchObject({ decision: 'Allowed', reasons: [expect.objectContaining({ policyType: 'resource' })] });
    expect(
      decide({
        principal: 'ec2.amazonaws.com',
        action: 'sts:AssumeRole',
        resource: 'arn:aws:iam::111122223333:role/app/orders-api',
      }),
    ).toMatchObject({ decision: 'ImplicitlyDenied' });
  });

  it('rejects a principal the snapshot does not have', () => {
    const input = simulateInputFor(snapshot, {
      principal: 'arn:aws:iam::111122223333:user/nobody',
      action: 's3:GetObject',
      resource: '*',
    });
    expect(input.ok).toBe(false);
    expect(input.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'access.unknown-principal', path: 'principal' }),
    );
  });
});

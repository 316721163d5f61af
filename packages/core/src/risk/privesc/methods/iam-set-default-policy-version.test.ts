/**
 * `iam-set-default-policy-version`: a finding only when a stored non-default version of a policy
 * attached to the attacker is more permissive for it, decided by the engine.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetDefaultPolicyVersion.html
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { WhoCanTools } from '../../../access/who-can.js';
import type { ManagedPolicy, Snapshot } from '../../../snapshot/model.js';
import {
  type AccountSpec,
  allow,
  type Doc,
  deny,
  loadTools,
  privescSnapshot,
} from '../../../testing/privesc-snapshot.js';
import type { Finding } from '../../finding.js';
import { findEscalations } from '../find-escalations.js';

const account = '111122223333';
const id = 'iam-set-default-policy-version';
const policyArn = (name: string) => `arn:aws:iam::${account}:policy/${name}`;
const attackerRole = `arn:aws:iam::${account}:role/attacker`;
const attackerUser = `arn:aws:iam::${account}:user/attacker`;

let tools: WhoCanTools;
beforeAll(async () => {
  tools = await loadTools();
});

/** Statements of several documents in one. */
const both = (...docs: Doc[]): Doc => ({ Statement: docs.flatMap((d) => d.Statement) });

/** The current default of `app-access`: it may set the default version of its own policies, and write logs. */
const current = both(
  allow('iam:SetDefaultPolicyVersion', policyArn('app-*')),
  allow(['logs:CreateLogStream', 'logs:PutLogEvents']),
);

/**
 * The snapshot with stored versions v1, v2... of a customer managed policy besides its default
 * (which the test snapshot loader names v1: here the default is the newest).
 */
function withVersions(snapshot: Snapshot, name: string, versions: readonly Doc[] | undefined): Snapshot {
  const setVersions = (p: ManagedPolicy): ManagedPolicy => {
    if (p.arn !== policyArn(name)) return p;
    const { otherVersions: _, ...rest } = p;
    if (versions === undefined) return rest;
    return {
      ...rest,
      defaultVersionId: `v${versions.length + 1}`,
      otherVersions: versions.map((d, i) => ({
        versionId: `v${i + 1}`,
        document: { Version: '2012-10-17', ...d },
      })),
    };
  };
  return {
    ...snapshot,
    accounts: snapshot.accounts.map((a) => ({ ...a, managedPolicies: a.managedPolicies.map(setVersions) })),
  };
}

function findingsOf(
  spec: AccountSpec,
  versions: readonly Doc[] | undefined,
  principal = attackerRole,
  scps?: readonly Doc[],
): Finding[] {
  const snapshot = withVersions(privescSnapshot({ [account]: spec }, scps), 'app-access', versions);
  const result = findEscalations(snapshot, tools);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value.findings.filter((f) => f.id === id && f.principal === principal && !f.path);
}

const attacker = (extra: Partial<AccountSpec> = {}, policy: Doc = current): AccountSpec => ({
  roles: [{ name: 'attacker', managed: ['app-access'] }],
  policies: { 'app-access': policy },
  ...extra,
});

describe('iam-set-default-policy-version: noncompliant', () => {
  it('an older version with Action * on * makes the attacker administrator-equivalent', () => {
    expect(findingsOf(attacker(), [allow('*')])).toEqual([
      expect.objectContaining({
        severity: 'critical',
        resource: policyArn('app-access'),
        conditional: false,
        message: expect.stringContaining(
          'make version v1 of app-access (attached to it or its groups) the default',
        ),
      }),
    ]);
  });

  it('reports the most permissive version: the one granting administrator, whatever its number', () => {
    const [finding] = findingsOf(attacker(), [allow('s3:GetObject'), allow('*'), allow('logs:*')]);
    expect(finding?.message).toContain('make version v2 of');
    expect(finding?.severity).toBe('critical');
  });

  it('through a group: a member sets the default version of the policy attached to its group', () => {
    const spec: AccountSpec = {
      users: [{ name: 'attacker', groups: ['developers'] }],
      groups: [{ name: 'developers', managed: ['app-access'] }],
      policies: { 'app-access': current },
    };
    // Not administrator: v1 grants S3, which the attacker does not hold now.
    expect(
      findingsOf(spec, [allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::orders/*')], attackerUser),
    ).toEqual([
      expect.objectContaining({
        severity: 'medium',
        resource: policyArn('app-access'),
        message: expect.stringMatching(
          /version v1 of app-access.*gaining s3:(GetObject|PutObject) on arn:aws:s3:::orders\/\*/,
        ),
      }),
    ]);
  });

  it('an older version without the Deny of the current one gains what that Deny blocks', () => {
    const spec: AccountSpec = {
      roles: [{ name: 'attacker', managed: ['app-access'], inline: { s3: allow('s3:*') } }],
      policies: { 'app-access': both(current, deny('s3:DeleteBucket')) },
    };
    expect(findingsOf(spec, [current])).toEqual([
      expect.objectContaining({ message: expect.stringContaining('gaining s3:DeleteBucket on *') }),
    ]);
  });

  it('a version that lets the attacker rewrite itself within its boundary is not administrator', () => {
    const spec = attacker({
      roles: [{ name: 'attacker', managed: ['app-access'], boundary: 'limit' }],
      policies: {
        'app-access': current,
        limit: allow(['iam:SetDefaultPolicyVersion', 'iam:PutRolePolicy', 's3:*']),
      },
    });
    expect(findingsOf(spec, [allow('*')])).toEqual([
      expect.objectContaining({
        severity: 'medium',
        message: expect.stringContaining('rewrite its own permissions within its permissions boundary'),
      }),
    ]);
  });

  it('a snapshot without stored versions reports the method as possible, as before', () => {
    expect(findingsOf(attacker(), undefined)).toEqual([expect.objectContaining({ severity: 'low' })]);
  });
});

describe('iam-set-default-policy-version: compliant', () => {
  it('no other stored version', () => {
    expect(findingsOf(attacker(), [])).toEqual([]);
  });

  it('an older version that is narrower than the default', () => {
    expect(
      findingsOf(attacker(), [
        allow('logs:PutLogEvents'),
        both(allow('iam:SetDefaultPolicyVersion', policyArn('app-access')), allow('logs:CreateLogStream')),
      ]),
    ).toEqual([]);
  });

  it('an older version whose grants other policies already give', () => {
    const spec = attacker({
      roles: [{ name: 'attacker', managed: ['app-access'], inline: { s3: allow('s3:*') } }],
    });
    expect(findingsOf(spec, [allow('s3:GetObject', 'arn:aws:s3:::orders/*')])).toEqual([]);
  });

  // Explicit deny wins over any allow.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  it('a Deny of iam:SetDefaultPolicyVersion', () => {
    const spec = attacker({
      roles: [
        { name: 'attacker', managed: ['app-access'], inline: { d: deny('iam:SetDefaultPolicyVersion') } },
      ],
    });
    expect(findingsOf(spec, [allow('*')])).toEqual([]);
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
  it('a permissions boundary without iam:SetDefaultPolicyVersion', () => {
    const spec = attacker({
      roles: [{ name: 'attacker', managed: ['app-access'], boundary: 'limit' }],
      policies: { 'app-access': current, limit: allow('logs:*') },
    });
    expect(findingsOf(spec, [allow('*')])).toEqual([]);
  });

  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
  it('an SCP that denies iam:SetDefaultPolicyVersion', () => {
    expect(findingsOf(attacker(), [allow('*')], attackerRole, [deny('iam:SetDefaultPolicyVersion')])).toEqual(
      [],
    );
  });

  it('a policy the attacker may not set the default of', () => {
    const spec = attacker(
      {},
      both(allow('iam:SetDefaultPolicyVersion', policyArn('other-*')), allow('logs:*')),
    );
    expect(findingsOf(spec, [allow('*')])).toEqual([]);
  });
});

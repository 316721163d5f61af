import { describe, expect, it } from 'vitest';
import { loadTools, riskSnapshot, type TestUser } from '../../testing/risk-snapshot.js';
import { CREDENTIAL_ACTIONS } from '../credential-actions.js';
import { createRiskContext } from '../risk-context.js';
import { credentialsExposure } from './credentials-exposure.js';

async function run(users: TestUser[], org?: Parameters<typeof riskSnapshot>[1]) {
  const snapshot = riskSnapshot({ '111122223333': { users } }, org);
  return credentialsExposure.run(createRiskContext(snapshot, await loadTools()));
}
const allow = (Action: unknown, Resource: unknown = '*') => ({
  Statement: [{ Effect: 'Allow', Action, Resource }],
});

describe('credentials-exposure', () => {
  it('every curated action is an action of the service catalog, with its API reference', async () => {
    const { catalog } = await loadTools();
    for (const entry of CREDENTIAL_ACTIONS) {
      expect(catalog.findAction(entry.action)?.action, entry.action).toBe(entry.action);
      expect(entry.see).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html
  it('noncompliant 1: iam:CreateAccessKey for every user is high', async () => {
    const findings = await run([
      { name: 'helpdesk', inline: { p: allow('iam:CreateAccessKey') } },
      { name: 'other' },
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        principal: 'arn:aws:iam::111122223333:user/helpdesk',
        severity: 'high',
        conditional: false,
      }),
    ]);
  });

  // https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetAuthorizationToken.html
  it('noncompliant 2: ecr:GetAuthorizationToken (a `*`-only action) is low', async () => {
    expect(await run([{ name: 'ci', inline: { p: allow('ecr:GetAuthorizationToken') } }])).toEqual([
      expect.objectContaining({ severity: 'low' }),
    ]);
  });

  it('noncompliant 3: redshift:GetClusterCredentials on any database user', async () => {
    // https://docs.aws.amazon.com/redshift/latest/APIReference/API_GetClusterCredentials.html
    expect(await run([{ name: 'bi', inline: { p: allow('redshift:GetClusterCredentials') } }])).toEqual([
      expect.objectContaining({ severity: 'medium' }),
    ]);
  });

  it('compliant: creating access keys for oneself only', async () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
    const self = allow('iam:CreateAccessKey', 'arn:aws:iam::111122223333:user/${aws:username}');
    expect(await run([{ name: 'dev', inline: { p: self } }, { name: 'other' }])).toEqual([]);
  });

  it('compliant: sts:AssumeRole is not a credential action here (the escalation analysis follows roles)', async () => {
    expect(await run([{ name: 'dev', inline: { p: allow('sts:AssumeRole') } }])).toEqual([]);
  });

  it('compliant (trap): an SCP that denies access key creation', async () => {
    expect(
      await run([{ name: 'helpdesk', inline: { p: allow('iam:CreateAccessKey') } }, { name: 'other' }], {
        scps: [{ Statement: [{ Effect: 'Deny', Action: 'iam:CreateAccessKey', Resource: '*' }] }],
      }),
    ).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { explainDecision } from './explain-decision.js';

const request = {
  principal: 'arn:aws:iam::111122223333:user/alice',
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::orders/key',
};

describe('explainDecision', () => {
  it('names the statements that allowed', () => {
    const text = explainDecision(request, {
      decision: 'Allowed',
      reasons: [
        { policyType: 'identity', policy: 'read-orders', statement: 2, sid: 'Read', effect: 'Allow' },
      ],
      missingAllows: [],
      missingContextKeys: [],
    });
    expect(text).toMatchInlineSnapshot(`
      "Allowed: \`arn:aws:iam::111122223333:user/alice\` can call \`s3:GetObject\` on \`arn:aws:s3:::orders/key\`.
        allowed by statement 2 (Sid \`Read\`) of identity-based policy \`read-orders\`"
    `);
  });

  it('names the Deny that won', () => {
    const text = explainDecision(request, {
      decision: 'ExplicitlyDenied',
      reasons: [{ policyType: 'scp', policy: 'ou-ab12-x/DenyS3', statement: 0, effect: 'Deny' }],
      missingAllows: [],
      missingContextKeys: ['aws:SourceVpc'],
    });
    expect(text).toMatchInlineSnapshot(`
      "Explicitly denied: \`arn:aws:iam::111122223333:user/alice\` cannot call \`s3:GetObject\` on \`arn:aws:s3:::orders/key\`; a Deny statement matches, and a Deny always wins.
        denied by statement 0 of service control policy \`ou-ab12-x/DenyS3\`
        context keys the policies read but the request did not give (evaluated as absent): \`aws:SourceVpc\`"
    `);
  });

  it('names every policy type whose Allow was missing', () => {
    const text = explainDecision(request, {
      decision: 'ImplicitlyDenied',
      reasons: [],
      missingAllows: [
        { policyType: 'scp', orgIdentifier: 'ou-ab12-x' },
        { policyType: 'permissionBoundary' },
      ],
      missingContextKeys: [],
    });
    expect(text).toMatchInlineSnapshot(`
      "Implicitly denied: \`arn:aws:iam::111122223333:user/alice\` cannot call \`s3:GetObject\` on \`arn:aws:s3:::orders/key\`; no Deny matches, but a required Allow is missing.
        no service control policy at \`ou-ab12-x\` allows it (every level from the root to the account must)
        the permissions boundary does not allow it"
    `);
  });

  it('escapes control characters in untrusted names', () => {
    const text = explainDecision(
      { ...request, principal: 'arn:aws:iam::111122223333:user/\u001b[31mred' },
      {
        decision: 'ImplicitlyDenied',
        reasons: [],
        missingAllows: [{ policyType: 'identity' }],
        missingContextKeys: [],
      },
    );
    expect(text).not.toContain('\u001b');
    expect(text).toContain('\\u001b[31mred');
  });
});

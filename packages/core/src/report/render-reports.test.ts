import { describe, expect, it } from 'vitest';
import type { AccessResult } from '../access/access-of.js';
import type { WhoCanResult } from '../access/who-can.js';
import { renderAccess } from './render-access.js';
import { renderWhoCan } from './render-who-can.js';

// Names and tags are attacker-controlled: a role or policy can be named to inject markup.
const evil = 'arn:aws:iam::111122223333:role/<img src=x onerror=alert(1)>`|\u001b[2J';

const whoCan: WhoCanResult = {
  resource: 'arn:aws:s3:::orders/key',
  principals: [
    {
      arn: 'anonymous',
      capabilities: ['read-data'],
      actions: ['s3:GetObject'],
      conditional: false,
      conditionKeys: [],
      via: [
        { policyType: 'resource', policy: 'resourcePolicy', statement: 0, sid: 'Public', effect: 'Allow' },
      ],
      external: true,
    },
    {
      arn: evil,
      capabilities: ['read-data', 'write-data'],
      actions: ['s3:GetObject', 's3:PutObject'],
      conditional: true,
      conditionKeys: ['aws:SourceVpc'],
      via: [{ policyType: 'identity', policy: `${evil}#inline`, statement: 2, effect: 'Allow' }],
      external: false,
    },
  ],
};

const access: AccessResult = {
  principal: evil,
  capabilities: [
    {
      capability: 'administer-resource',
      service: 'iam',
      resources: ['*'],
      actions: ['iam:CreateUser'],
      conditional: false,
    },
    {
      capability: 'read-data',
      service: 's3',
      resources: [
        'arn:aws:s3:::a/*',
        'arn:aws:s3:::b/*',
        'arn:aws:s3:::c/*',
        'arn:aws:s3:::d/*',
        'arn:aws:s3:::e/*',
        'arn:aws:s3:::f/*',
      ],
      actions: ['s3:GetObject'],
      conditional: true,
    },
  ],
};

describe('renderWhoCan', () => {
  it('explains in plain words, the public first', () => {
    expect(
      renderWhoCan({ ...whoCan, principals: whoCan.principals.slice(0, 1) }, 'text'),
    ).toMatchInlineSnapshot(`
      "Who can reach \`arn:aws:s3:::orders/key\`: 1 principal
      - anyone (public, unauthenticated) [outside the account]: read-data
          actions: \`s3:GetObject\`
          via statement 0 (Sid \`Public\`) of resource policy \`resourcePolicy\`
      "
    `);
  });

  it.each(['text', 'markdown', 'html'] as const)('escapes untrusted names in %s', (format) => {
    const out = renderWhoCan(whoCan, format);
    expect(out).not.toContain('\u001b');
    if (format === 'html') {
      expect(out).not.toContain('<img');
      expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(out).toMatch(/^<!doctype html>/);
      expect(out).not.toMatch(/<script|src="http/);
    }
    if (format === 'markdown') expect(out).toContain('\\|');
  });
});

describe('renderAccess', () => {
  it('says it in plain words, critical and conditional flagged, five resources named', () => {
    const out = renderAccess({ ...access, principal: 'arn:aws:iam::111122223333:role/app' }, 'text');
    expect(out).toMatchInlineSnapshot(`
      "\`arn:aws:iam::111122223333:role/app\` can:
      - administer-resource in iam (critical): 1 resource (\`*\`), 1 action
      - read-data in s3 (conditional): 6 resources (\`arn:aws:s3:::a/*\`, \`arn:aws:s3:::b/*\`, \`arn:aws:s3:::c/*\`, \`arn:aws:s3:::d/*\`, \`arn:aws:s3:::e/*\` and 1 more), 1 action
      "
    `);
  });

  it.each(['text', 'markdown', 'html'] as const)('escapes untrusted names in %s', (format) => {
    const out = renderAccess(access, format);
    expect(out).not.toContain('\u001b');
    if (format === 'html') expect(out).not.toContain('<img');
  });
});

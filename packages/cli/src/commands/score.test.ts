import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliForTest as run } from '../testing/run-cli.js';
import { tempDir } from '../testing/temp-dir.js';

const org = new URL('../../../../examples/org', import.meta.url).pathname;
const account = '111122223333';
const hostile = '<script>alert(1)</script> | \u001b[31mred';
const writer = `arn:aws:iam::${account}:role/queue-writer`;
const queue = `arn:aws:sqs:eu-west-1:${account}:orders-events`;

/** A one-account snapshot: two roles (one with a hostile team tag), a confidential queue, one CloudTrail file. */
function smallSnapshot(): string {
  const dir = tempDir('accessloop-score-');
  mkdirSync(join(dir, 'accounts', account), { recursive: true });
  mkdirSync(join(dir, 'cloudtrail'));
  const trust = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  };
  const role = (name: string, id: string, team: string, statement: object) => ({
    Path: '/',
    RoleName: name,
    RoleId: id,
    Arn: `arn:aws:iam::${account}:role/${name}`,
    CreateDate: '2026-01-05T10:00:00+00:00',
    AssumeRolePolicyDocument: trust,
    InstanceProfileList: [],
    RolePolicyList: [
      { PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } },
    ],
    AttachedManagedPolicies: [],
    Tags: [{ Key: 'team', Value: team }],
    RoleLastUsed: {},
  });
  const iam = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [
      role('queue-writer', 'AROAEXAMPLEWRITER0001', hostile, {
        Effect: 'Allow',
        Action: ['sqs:SendMessage', 'sqs:DeleteQueue', 'iam:ListRoles'],
        Resource: '*',
      }),
      role('queue-reader', 'AROAEXAMPLEREADER0001', 'checkout', {
        Effect: 'Allow',
        Action: 'sqs:ReceiveMessage',
        Resource: queue,
      }),
    ],
    Policies: [],
  };
  const resources = [
    {
      arn: queue,
      type: 'AWS::SQS::Queue',
      accountId: account,
      region: 'eu-west-1',
      tags: { 'data-classification': 'confidential' },
      properties: {},
    },
  ];
  // One SendMessage by a session of queue-writer, as CloudTrail delivers data events to S3.
  // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/logging-using-cloudtrail.html
  const trail = {
    Records: [
      {
        eventVersion: '1.09',
        userIdentity: {
          type: 'AssumedRole',
          principalId: 'AROAEXAMPLEWRITER0001:task-1',
          arn: `arn:aws:sts::${account}:assumed-role/queue-writer/task-1`,
          accountId: account,
          sessionContext: {
            sessionIssuer: {
              type: 'Role',
              principalId: 'AROAEXAMPLEWRITER0001',
              arn: writer,
              accountId: account,
              userName: 'queue-writer',
            },
          },
        },
        eventTime: '2026-11-15T10:00:00Z',
        eventSource: 'sqs.amazonaws.com',
        eventName: 'SendMessage',
        awsRegion: 'eu-west-1',
        sourceIPAddress: 'ecs-tasks.amazonaws.com',
        userAgent: 'aws-sdk-js/3.0',
        requestParameters: {
          queueUrl: `https://sqs.eu-west-1.amazonaws.com/${account}/orders-events`,
          messageBody: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        },
        responseElements: null,
        requestID: '6f7a3b52-0e1c-5d2d-9a4b-8c8a0f7e1d11',
        eventID: '0b1e8f42-3c5d-4a6e-9f70-1a2b3c4d5e6f',
        readOnly: false,
        resources: [{ accountId: account, type: 'AWS::SQS::Queue', ARN: queue }],
        eventType: 'AwsApiCall',
        managementEvent: false,
        recipientAccountId: account,
        eventCategory: 'Data',
      },
    ],
  };
  writeFileSync(join(dir, 'accounts', account, 'iam.json'), JSON.stringify(iam, null, 2));
  writeFileSync(join(dir, 'accounts', account, 'resources.json'), JSON.stringify(resources, null, 2));
  writeFileSync(
    join(dir, 'cloudtrail', `${account}_CloudTrail_eu-west-1_20261115T1000Z_a1.json`),
    JSON.stringify(trail),
  );
  return dir;
}

let small: string;
beforeAll(() => {
  small = smallSnapshot();
});

describe('accessloop score on a small snapshot', () => {
  it('prints the SPEC §3 JSON shape, par from the snapshot’s CloudTrail, contributions adding up', async () => {
    const { code, stdout, stderr } = await run('score', small, '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.principals.map((p: { arn: string }) => p.arn)).toEqual([
      `arn:aws:iam::${account}:role/queue-reader`,
      writer,
    ]);
    const [reader, writerScore] = report.principals;
    // sqs:SendMessage is write-data (5) on a confidential queue (×2); sqs:DeleteQueue administers it
    // (10 ×2); iam:ListRoles reads configuration (1) of a critical service (×3), on `*`.
    expect(writerScore).toMatchObject({ team: hostile, score: 10 + 20 + 3, par: 10, overPar: 23 });
    // CloudTrail covers the account: the reader was seen doing nothing, so its par is 0.
    expect(reader).toMatchObject({ team: 'checkout', score: 8, par: 0, overPar: 8 });
    for (const p of report.principals) {
      expect(p.contributions.reduce((n: number, c: { points: number }) => n + c.points, 0)).toBe(p.score);
    }
    expect(report.teams).toEqual([
      { team: 'checkout', score: 8, overPar: 8, principals: 1, reviewsCompleted: 0 },
      { team: hostile, score: 33, overPar: 23, principals: 1, reviewsCompleted: 0 },
    ]);
  });

  it.each(['text', 'markdown', 'html'])('escapes a hostile team tag in %s', async (format) => {
    const { code, stdout } = await run('score', small, '--format', format);
    expect(code).toBe(0);
    expect(stdout).not.toContain('\u001b');
    if (format === 'html') {
      expect(stdout).not.toContain('<script>');
      expect(stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('counts completed reviews and improvements since a previous snapshot', async () => {
    const dir = tempDir('accessloop-reviews-');
    const reviews = join(dir, 'reviews.yaml');
    writeFileSync(reviews, 'reviews:\n  - team: checkout\n    completedAt: 2026-11-10\n    reviewer: ana\n');
    const { code, stdout } = await run(
      'score',
      small,
      '--previous',
      small,
      '--reviews',
      reviews,
      '--format',
      'json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).teams).toEqual([
      { team: 'checkout', score: 8, overPar: 8, principals: 1, reviewsCompleted: 1, improvement: 0 },
      { team: hostile, score: 33, overPar: 23, principals: 1, reviewsCompleted: 0, improvement: 0 },
    ]);
  });

  it('explains one principal: every contribution and the total', async () => {
    const { code, stdout } = await run('score', small, '--explain', writer);
    expect(code).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "Score of \`arn:aws:iam::111122223333:role/queue-writer\`: 33 points

      \`<script>alert(1)</script> | \\u001b[31mred\`, par 10, 23 over par

      points  capability           service           how                                           resources
          20  administer-resource  \`sqs\`             1 action × 1 resource: 1 sensitive pair × 20  \`arn:aws:sqs:eu-west-1:111122223333:orders-events\`
          10  write-data           \`sqs\`             1 action × 1 resource: 1 sensitive pair × 10  \`arn:aws:sqs:eu-west-1:111122223333:orders-events\`
           3  read-config          \`iam\` (critical)  1 action × 1 resource: 1 pair × 3             \`*\`

      total: 33 points
      "
    `);
  });

  it('reads the weights from --config', async () => {
    const dir = tempDir('accessloop-config-');
    const config = join(dir, 'accessloop.yaml');
    writeFileSync(config, 'classification:\n  sensitiveValues: []\nscore:\n  criticalMultiplier: 1\n');
    const { code, stdout } = await run(
      'score',
      small,
      '--explain',
      writer,
      '--config',
      config,
      '--format',
      'json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).score).toBe(5 + 10 + 1);
  });

  it.each([
    [
      'score:\n  dataMultiplier: two\n',
      'accessloop.yaml: score.dataMultiplier: expected a whole number',
      'config.invalid-value',
    ],
    ['score: [\n', 'accessloop.yaml: line 2, column 1', 'config.invalid-yaml'],
  ])(
    'rejects a bad configuration file with one line naming the file and path, exit 2',
    async (text, where, code) => {
      const dir = tempDir('accessloop-config-');
      const config = join(dir, 'accessloop.yaml');
      writeFileSync(config, text);
      const result = await run('score', small, '--config', config);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(where);
      expect(result.stderr).toContain(`[${code}]`);
    },
  );

  it('rejects a bad reviews file and an unknown principal, exit 2', async () => {
    const dir = tempDir('accessloop-reviews-');
    const reviews = join(dir, 'reviews.json');
    writeFileSync(reviews, '{"reviews": [{"team": "checkout"}]}');
    const bad = await run('score', small, '--reviews', reviews);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('reviews.json: reviews[0].completedAt:');
    const unknown = await run('score', small, '--explain', `arn:aws:iam::${account}:role/nobody`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('[access.unknown-principal]');
  });
});

/** The training organisation's IAM, organisation and resources, without its usage files. */
function orgWithoutUsage(): string {
  const dir = tempDir('accessloop-org-');
  cpSync(org, dir, {
    recursive: true,
    filter: (path) => !path.includes('cloudtrail') && !path.endsWith('access-advisor.json'),
  });
  return dir;
}

describe('accessloop score on the training organisation', () => {
  // Scores only: par and over-par on usage data are the small snapshot's tests above.
  it('ranks the teams: the top of the leaderboard', async () => {
    const { code, stdout, stderr } = await run('score', orgWithoutUsage());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n\n').slice(0, 2).join('\n\n')).toMatchInlineSnapshot(`
      "Leaderboard by team: lowest score wins

      rank  team            score  over par  principals  reviews  improvement
      1     \`finance\`         126         -           2        0  -
      2     \`analytics\`       499         -           3        0  -
      3     \`checkout\`       1885         -          13        0  -
      4     \`payments\`       3638         -          11        0  -
      5     \`security\`      11455         -          17        0  -
      6     \`platform\`     840139         -          15        0  -
      7     \`(untagged)\`  2175066         -          48        0  -"
    `);
  }, 300_000);
});

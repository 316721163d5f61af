import { describe, expect, it } from 'vitest';
import { loadTools, riskSnapshot } from '../../testing/risk-snapshot.js';
import { gamedayPlaybook } from './gameday-playbook.js';
import { GAMEDAY_NOTICE, renderGameday } from './render-gameday.js';

const hostileBucket = 'data-$(id)';
const snapshot = () =>
  riskSnapshot({
    '111122223333': {
      roles: [
        {
          name: 'app',
          inline: {
            data: {
              Statement: [
                {
                  Sid: 'ReadWrite',
                  Effect: 'Allow',
                  Action: ['s3:GetObject', 's3:PutObject'],
                  Resource: 'arn:aws:s3:::orders-docs/*',
                },
                {
                  Sid: 'Table',
                  Effect: 'Allow',
                  Action: ['dynamodb:Scan', 'dynamodb:DeleteTable'],
                  Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
                },
                { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${hostileBucket}/*` },
              ],
            },
            escalate: {
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'sts:AssumeRole',
                  Resource: 'arn:aws:iam::111122223333:role/admin',
                },
              ],
            },
          },
        },
        {
          name: 'admin',
          trust: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::111122223333:role/app' },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          managed: ['arn:aws:iam::111122223333:policy/admin'],
        },
        { name: 'idle' },
      ],
      policies: { admin: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
      resources: [
        { arn: 'arn:aws:s3:::orders-docs', type: 'AWS::S3::Bucket' },
        { arn: `arn:aws:s3:::${hostileBucket}`, type: 'AWS::S3::Bucket' },
        { arn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders', type: 'AWS::DynamoDB::Table' },
      ],
    },
  });

// https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_incident_response_run_game_days.html
describe('gamedayPlaybook', () => {
  it('the steps the real access allows, by phase, with commands, statements and fixes', async () => {
    const result = gamedayPlaybook(snapshot(), await loadTools(), 'arn:aws:iam::111122223333:role/app');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const steps = result.value.steps;
    const read = steps.filter((s) => s.phase === 'read-data');
    expect(read.map((s) => s.resource)).toEqual([
      'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
      `arn:aws:s3:::${hostileBucket}/*`,
      'arn:aws:s3:::orders-docs/*',
    ]);
    const docs = read.find((s) => s.resource === 'arn:aws:s3:::orders-docs/*');
    expect(docs?.commands).toEqual([
      "aws s3 ls s3://orders-docs/ --recursive && aws s3 cp 's3://orders-docs/<key>' -",
    ]);
    expect(docs?.allowedBy).toEqual([
      expect.objectContaining({ policy: 'role/app#data', statement: 0, sid: 'ReadWrite' }),
    ]);
    expect(docs?.fix).toContain('statement 0 (ReadWrite) of `role/app#data`');
    expect(steps.filter((s) => s.phase === 'write-data').map((s) => s.resource)).toContain(
      'arn:aws:s3:::orders-docs/*',
    );
    expect(steps.filter((s) => s.phase === 'delete-data').map((s) => s.commands[0])).toContain(
      'aws dynamodb delete-table --table-name orders --region eu-west-1',
    );
    const escalation = steps.filter((s) => s.phase === 'escalation');
    expect(escalation.map((s) => s.commands[0])).toContain(
      'aws sts assume-role --role-arn arn:aws:iam::111122223333:role/admin --role-session-name gameday',
    );
  });

  it('a principal without access gets an empty playbook; an unknown one an error', async () => {
    const tools = await loadTools();
    const idle = gamedayPlaybook(snapshot(), tools, 'arn:aws:iam::111122223333:role/idle');
    expect(idle.ok && idle.value.steps).toEqual([]);
    const unknown = gamedayPlaybook(snapshot(), tools, 'arn:aws:iam::111122223333:role/nobody');
    expect(unknown.ok).toBe(false);
    expect(unknown.diagnostics[0]?.code).toBe('access.unknown-principal');
  });

  it('renders with the notice first and every AWS string escaped', async () => {
    const result = gamedayPlaybook(snapshot(), await loadTools(), 'arn:aws:iam::111122223333:role/app');
    if (!result.ok) throw new Error('no playbook');
    const text = renderGameday(result.value, 'text');
    expect(text.split('\n')[2]).toBe(`!!! ${GAMEDAY_NOTICE} !!!`);
    // The hostile bucket name is quoted in the command, so the shell runs no `id`.
    expect(text).toContain("aws s3 ls 's3://data-$(id)/' --recursive");
    const md = renderGameday(result.value, 'markdown');
    expect(md).toContain(`> **${GAMEDAY_NOTICE}**`);
    const html = renderGameday(result.value, 'html');
    expect(html.indexOf(GAMEDAY_NOTICE)).toBeLessThan(html.indexOf('<h2>'));
    expect(html).not.toMatch(
      /<(?!\/?(?:html|head|meta|title|style|body|h1|h2|p|strong|code|ol|li|br|pre|span)\b)[a-z]/,
    );
  });
});

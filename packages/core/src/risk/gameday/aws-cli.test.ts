import { describe, expect, it } from 'vitest';
import { cliCommand, escalationCommands, kebab, shellQuote } from './aws-cli.js';

// https://awscli.amazonaws.com/v2/documentation/api/latest/index.html
describe('cliCommand', () => {
  it.each([
    [
      's3:GetObject',
      'arn:aws:s3:::reports/*',
      "aws s3 ls s3://reports/ --recursive && aws s3 cp 's3://reports/<key>' -",
    ],
    ['s3:DeleteObject', 'arn:aws:s3:::reports/*', "aws s3 rm 's3://reports/<key>'"],
    [
      'dynamodb:Scan',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
      'aws dynamodb scan --table-name orders --region eu-west-1',
    ],
    [
      'secretsmanager:GetSecretValue',
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf',
      'aws secretsmanager get-secret-value --secret-id arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf',
    ],
    [
      'sqs:ReceiveMessage',
      'arn:aws:sqs:eu-west-1:111122223333:orders',
      'aws sqs receive-message --queue-url https://sqs.eu-west-1.amazonaws.com/111122223333/orders',
    ],
    [
      'ec2:TerminateInstances',
      'arn:aws:ec2:eu-west-1:111122223333:instance/i-1',
      'aws ec2 terminate-instances # on arn:aws:ec2:eu-west-1:111122223333:instance/i-1',
    ],
    ['s3:PutBucketPolicy', 'arn:aws:s3:::reports', 'aws s3api put-bucket-policy # on arn:aws:s3:::reports'],
  ])('%s on %s', (action, resource, command) => {
    expect(cliCommand(action, resource)).toBe(command);
  });

  it('a hostile name cannot break out of its argument', () => {
    const command = cliCommand('sns:Publish', "arn:aws:sns:eu-west-1:111122223333:x';rm -rf ~;'");
    expect(command).toBe(
      `aws sns publish --topic-arn 'arn:aws:sns:eu-west-1:111122223333:x'\\'';rm -rf ~;'\\''' --message gameday`,
    );
  });
});

describe('shellQuote and kebab', () => {
  it('quotes only what needs it', () => {
    expect(shellQuote('orders-api')).toBe('orders-api');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('$(id)')).toBe("'$(id)'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('names operations as the AWS CLI does', () => {
    expect(kebab('GetObject')).toBe('get-object');
    expect(kebab('ListMFADevices')).toBe('list-mfa-devices');
    expect(kebab('GetSecretValue')).toBe('get-secret-value');
  });
});

describe('escalationCommands', () => {
  it('sts-assume-role assumes the role', () => {
    expect(
      escalationCommands('sts-assume-role', {
        to: 'arn:aws:iam::111122223333:role/deploy',
        actions: ['sts:AssumeRole'],
      }),
    ).toEqual([
      'aws sts assume-role --role-arn arn:aws:iam::111122223333:role/deploy --role-session-name gameday',
    ]);
  });

  it('lambda-create-invoke creates a function with the role and invokes it', () => {
    const commands = escalationCommands('lambda-create-invoke', {
      to: 'arn:aws:iam::111122223333:role/admin',
      actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
    });
    expect(commands[0]).toContain('--role arn:aws:iam::111122223333:role/admin');
    expect(commands[1]).toBe('aws lambda invoke --function-name gameday out.json');
  });

  it('a method without a template gets one command per action', () => {
    expect(
      escalationCommands('glue-create-dev-endpoint', {
        to: 'arn:aws:iam::1:role/r',
        actions: ['glue:CreateDevEndpoint'],
      }),
    ).toEqual(['aws glue create-dev-endpoint # on arn:aws:iam::1:role/r']);
  });
});

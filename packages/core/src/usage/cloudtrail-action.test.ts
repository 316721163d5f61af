import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { actionsForRequest, actionsOfEvent, EVENT_ACTIONS, servicePrefixOf } from './cloudtrail-action.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

describe('actionsOfEvent', () => {
  it.each([
    // Same name: the action is the event name under the endpoint's prefix.
    ['sqs.amazonaws.com', 'SendMessage', ['sqs:SendMessage']],
    ['dynamodb.amazonaws.com', 'GetItem', ['dynamodb:GetItem']],
    ['kms.amazonaws.com', 'Decrypt', ['kms:Decrypt']],
    ['sts.amazonaws.com', 'AssumeRole', ['sts:AssumeRole']],
    ['s3.amazonaws.com', 'GetObject', ['s3:GetObject']],
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
    ['s3.amazonaws.com', 'ListObjectsV2', ['s3:ListBucket']],
    ['s3.amazonaws.com', 'ListObjects', ['s3:ListBucket']],
    ['s3.amazonaws.com', 'HeadBucket', ['s3:ListBucket']],
    ['s3.amazonaws.com', 'HeadObject', ['s3:GetObject']],
    ['s3.amazonaws.com', 'CopyObject', ['s3:GetObject', 's3:PutObject']],
    ['s3.amazonaws.com', 'UploadPart', ['s3:PutObject']],
    ['s3.amazonaws.com', 'CompleteMultipartUpload', ['s3:PutObject']],
    ['s3.amazonaws.com', 'DeleteObjects', ['s3:DeleteObject']],
    ['s3.amazonaws.com', 'ListBuckets', ['s3:ListAllMyBuckets']],
    ['s3.amazonaws.com', 'GetBucketEncryption', ['s3:GetEncryptionConfiguration']],
    ['s3.amazonaws.com', 'GetBucketLocation', ['s3:GetBucketLocation']],
    // https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html
    ['lambda.amazonaws.com', 'Invoke', ['lambda:InvokeFunction']],
    ['lambda.amazonaws.com', 'CreateFunction20150331', ['lambda:CreateFunction']],
    ['lambda.amazonaws.com', 'UpdateFunctionCode20150331v2', ['lambda:UpdateFunctionCode']],
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/logging_using_cloudtrail.html
    ['cloudfront.amazonaws.com', 'UpdateDistribution2020_05_31', ['cloudfront:UpdateDistribution']],
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/logging_cw_api_calls.html
    ['monitoring.amazonaws.com', 'PutMetricData', ['cloudwatch:PutMetricData']],
    // https://docs.aws.amazon.com/ses/latest/dg/logging-using-cloudtrail.html
    ['email.amazonaws.com', 'SendRawEmail', ['ses:SendRawEmail']],
    ['tagging.amazonaws.com', 'GetResources', ['tag:GetResources']],
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-api-permissions-reference.html
    ['sqs.amazonaws.com', 'SendMessageBatch', ['sqs:SendMessage']],
    // https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
    ['sns.amazonaws.com', 'PublishBatch', ['sns:Publish']],
    // https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html
    ['kms.amazonaws.com', 'ReEncrypt', ['kms:ReEncryptFrom', 'kms:ReEncryptTo']],
  ])('%s %s is %j', (source, name, actions) => {
    expect(actionsOfEvent(catalog, source, name)).toEqual({ kind: 'actions', actions });
  });

  it('console sign-in is no action (https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html)', () => {
    expect(actionsOfEvent(catalog, 'signin.amazonaws.com', 'ConsoleLogin')).toEqual({ kind: 'sign-in' });
  });

  it('an event name the catalog does not know is unmapped, never invented', () => {
    expect(actionsOfEvent(catalog, 's3.amazonaws.com', 'NoSuchOperation')).toEqual({ kind: 'unmapped' });
    expect(actionsOfEvent(catalog, 'example.amazonaws.com', 'GetThing')).toEqual({ kind: 'unmapped' });
  });

  it('spells actions as the catalog does, whatever the case of the event', () => {
    expect(actionsOfEvent(catalog, 'sqs.amazonaws.com', 'sendmessage')).toEqual({
      kind: 'actions',
      actions: ['sqs:SendMessage'],
    });
  });

  it('maps every curated mismatch to actions the catalog has', () => {
    const missing = Object.entries(EVENT_ACTIONS).flatMap(([event, actions]) =>
      actions.filter((a) => catalog.findAction(a) === undefined).map((a) => `${event} -> ${a}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('servicePrefixOf', () => {
  it('is the first label of the endpoint unless curated', () => {
    expect(servicePrefixOf('secretsmanager.amazonaws.com')).toBe('secretsmanager');
    expect(servicePrefixOf('monitoring.amazonaws.com')).toBe('cloudwatch');
  });
});

// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html (versionId needs s3:GetObjectVersion)
describe('actionsForRequest', () => {
  it('asks for the version permission when an S3 request names a version', () => {
    expect(
      actionsForRequest(['s3:GetObject'], {
        bucketName: 'b',
        key: 'k',
        versionId: '3HL4kqtJlcpXroDTDmjVBH40Nrjfkd',
      }),
    ).toEqual(['s3:GetObjectVersion']);
    expect(actionsForRequest(['s3:DeleteObject'], { versionId: 'v' })).toEqual(['s3:DeleteObjectVersion']);
    expect(actionsForRequest(['s3:GetObject', 's3:PutObject'], { bucketName: 'b' })).toEqual([
      's3:GetObject',
      's3:PutObject',
    ]);
    expect(actionsForRequest(['s3:GetObject'], null)).toEqual(['s3:GetObject']);
  });
});

/**
 * From a CloudTrail event to the IAM actions that authorised it.
 *
 * Most events name their action: event source `sqs.amazonaws.com` and event name `SendMessage`
 * are the action `sqs:SendMessage`. The rest are the known mismatches, curated below with the
 * AWS page that documents each: service prefixes that differ from the endpoint name, API versions
 * appended to event names, and operations whose permission has another name (or two).
 * Every result is checked against the service catalog, so a mapping can never invent an action.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
import type { Catalog } from '../catalog/catalog.js';

/**
 * Event sources whose IAM service prefix is not the first label of the endpoint.
 *
 * - `monitoring`: CloudWatch's API endpoint; its actions are `cloudwatch:*`
 *   (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/logging_cw_api_calls.html).
 * - `email`: Amazon SES (API v1) logs as `email.amazonaws.com`; its actions are `ses:*`
 *   (https://docs.aws.amazon.com/ses/latest/dg/logging-using-cloudtrail.html).
 * - `tagging`: the Resource Groups Tagging API; its actions are `tag:*`
 *   (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/logging-using-cloudtrail.html).
 */
export const EVENT_SOURCE_PREFIXES: Readonly<Record<string, string>> = {
  'monitoring.amazonaws.com': 'cloudwatch',
  'email.amazonaws.com': 'ses',
  'tagging.amazonaws.com': 'tag',
};

/**
 * Event sources whose events are not calls of IAM actions: console sign-in (`ConsoleLogin`,
 * `CheckMfa`, `SwitchRole`, ...) is authentication, not an authorised API call.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html
 */
export const SIGN_IN_EVENT_SOURCES: ReadonlySet<string> = new Set(['signin.amazonaws.com']);

/**
 * Event names (as `<source prefix>:<event name>`) whose permission is not the action of the same
 * name, with the actions they need instead.
 *
 * S3: the permissions each operation needs
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html): listing
 * objects and `HeadBucket` need `s3:ListBucket`; `HeadObject` and `SelectObjectContent` need
 * `s3:GetObject`; multipart uploads and `DeleteObjects` need `s3:PutObject` and `s3:DeleteObject`;
 * `CopyObject` and `UploadPartCopy` read the source and write the target; bucket sub-resources
 * use the older permission names (`GetBucketEncryption` → `s3:GetEncryptionConfiguration`,
 * deleting a configuration needs its `Put` permission). The CloudTrail names of S3 events are
 * listed at https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html.
 *
 * Lambda: `Invoke` is the event of the `lambda:InvokeFunction` permission
 * (https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html,
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
 *
 * DynamoDB, KMS and STS log each call under its operation name, which is its action's name, so
 * they need no entry
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/logging-using-cloudtrail.html,
 * https://docs.aws.amazon.com/kms/latest/developerguide/logging-using-cloudtrail.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html); neither do SNS
 * `Publish` and SES `SendEmail`/`SendRawEmail` once the SES prefix is fixed (`email` → `ses`).
 *
 * SQS batch operations need the permission of the single operation
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-api-permissions-reference.html);
 * SNS `PublishBatch` needs `sns:Publish` (https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html);
 * KMS `ReEncrypt` needs `kms:ReEncryptFrom` on the source key and `kms:ReEncryptTo` on the
 * destination key (https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html).
 */
export const EVENT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  's3:ListObjects': ['s3:ListBucket'],
  's3:ListObjectsV2': ['s3:ListBucket'],
  's3:HeadBucket': ['s3:ListBucket'],
  's3:ListObjectVersions': ['s3:ListBucketVersions'],
  's3:ListBuckets': ['s3:ListAllMyBuckets'],
  's3:ListMultipartUploads': ['s3:ListBucketMultipartUploads'],
  's3:ListParts': ['s3:ListMultipartUploadParts'],
  's3:HeadObject': ['s3:GetObject'],
  's3:SelectObjectContent': ['s3:GetObject'],
  's3:GetObjectAttributes': ['s3:GetObjectAttributes'],
  's3:CopyObject': ['s3:GetObject', 's3:PutObject'],
  's3:UploadPartCopy': ['s3:GetObject', 's3:PutObject'],
  's3:CreateMultipartUpload': ['s3:PutObject'],
  's3:UploadPart': ['s3:PutObject'],
  's3:CompleteMultipartUpload': ['s3:PutObject'],
  's3:DeleteObjects': ['s3:DeleteObject'],
  's3:GetBucketEncryption': ['s3:GetEncryptionConfiguration'],
  's3:PutBucketEncryption': ['s3:PutEncryptionConfiguration'],
  's3:DeleteBucketEncryption': ['s3:PutEncryptionConfiguration'],
  's3:GetBucketLifecycle': ['s3:GetLifecycleConfiguration'],
  's3:GetBucketLifecycleConfiguration': ['s3:GetLifecycleConfiguration'],
  's3:PutBucketLifecycle': ['s3:PutLifecycleConfiguration'],
  's3:PutBucketLifecycleConfiguration': ['s3:PutLifecycleConfiguration'],
  's3:DeleteBucketLifecycle': ['s3:PutLifecycleConfiguration'],
  's3:GetBucketReplication': ['s3:GetReplicationConfiguration'],
  's3:PutBucketReplication': ['s3:PutReplicationConfiguration'],
  's3:DeleteBucketReplication': ['s3:PutReplicationConfiguration'],
  's3:DeleteBucketCors': ['s3:PutBucketCORS'],
  's3:DeleteBucketTagging': ['s3:PutBucketTagging'],
  's3:DeleteBucketOwnershipControls': ['s3:PutBucketOwnershipControls'],
  's3:DeleteBucketPublicAccessBlock': ['s3:PutBucketPublicAccessBlock'],
  's3:GetBucketNotificationConfiguration': ['s3:GetBucketNotification'],
  's3:PutBucketNotificationConfiguration': ['s3:PutBucketNotification'],
  's3:GetObjectLockConfiguration': ['s3:GetBucketObjectLockConfiguration'],
  's3:PutObjectLockConfiguration': ['s3:PutBucketObjectLockConfiguration'],
  's3:GetBucketAccelerateConfiguration': ['s3:GetAccelerateConfiguration'],
  's3:PutBucketAccelerateConfiguration': ['s3:PutAccelerateConfiguration'],
  's3:GetBucketAnalyticsConfiguration': ['s3:GetAnalyticsConfiguration'],
  's3:GetBucketMetricsConfiguration': ['s3:GetMetricsConfiguration'],
  's3:GetBucketInventoryConfiguration': ['s3:GetInventoryConfiguration'],
  's3:GetBucketIntelligentTieringConfiguration': ['s3:GetIntelligentTieringConfiguration'],
  'lambda:Invoke': ['lambda:InvokeFunction'],
  'lambda:InvokeWithResponseStream': ['lambda:InvokeFunction'],
  'sqs:SendMessageBatch': ['sqs:SendMessage'],
  'sqs:DeleteMessageBatch': ['sqs:DeleteMessage'],
  'sqs:ChangeMessageVisibilityBatch': ['sqs:ChangeMessageVisibility'],
  'sns:PublishBatch': ['sns:Publish'],
  'kms:ReEncrypt': ['kms:ReEncryptFrom', 'kms:ReEncryptTo'],
};

/**
 * S3 operations on a given object version need the `...Version` permission: `GetObject` and
 * `HeadObject` with `versionId` need `s3:GetObjectVersion`, `DeleteObject` with `versionId`
 * needs `s3:DeleteObjectVersion`
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html).
 */
const VERSIONED_S3_ACTIONS: Readonly<Record<string, string>> = {
  's3:GetObject': 's3:GetObjectVersion',
  's3:DeleteObject': 's3:DeleteObjectVersion',
};

/**
 * The actions of an event, refined by its request: an S3 object operation that names a
 * `versionId` needs the version permission instead (see `VERSIONED_S3_ACTIONS`).
 */
export function actionsForRequest(actions: readonly string[], requestParameters: unknown): readonly string[] {
  const versionId =
    typeof requestParameters === 'object' && requestParameters !== null
      ? (requestParameters as Record<string, unknown>).versionId
      : undefined;
  if (typeof versionId !== 'string' || versionId === '' || versionId === 'null') return actions;
  return actions.map((a) => VERSIONED_S3_ACTIONS[a] ?? a);
}

/**
 * API versions some services append to their event names: Lambda writes `CreateFunction20150331`
 * and `UpdateFunctionCode20150331v2`
 * (https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html), CloudFront
 * `UpdateDistribution2020_05_31`
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/logging_using_cloudtrail.html).
 */
const VERSION_SUFFIX = /(?:\d{8}(?:v\d+)?|\d{4}_\d{2}_\d{2})$/;

/** What one event means for usage. */
export type EventActions =
  | { readonly kind: 'actions'; readonly actions: readonly string[] }
  /** Console sign-in and the like: authentication, no IAM action. */
  | { readonly kind: 'sign-in' }
  /** The source and name give no action of the catalog. */
  | { readonly kind: 'unmapped' };

/** The IAM service prefix of an event source: `s3.amazonaws.com` → `s3`. */
export function servicePrefixOf(eventSource: string): string {
  const known = EVENT_SOURCE_PREFIXES[eventSource];
  if (known !== undefined) return known;
  const dot = eventSource.indexOf('.');
  return dot < 0 ? eventSource : eventSource.slice(0, dot);
}

/**
 * The IAM actions a CloudTrail event (`eventSource`, `eventName`) was authorised by, spelled as
 * the catalog spells them, or why there are none.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
export function actionsOfEvent(catalog: Catalog, eventSource: string, eventName: string): EventActions {
  if (SIGN_IN_EVENT_SOURCES.has(eventSource)) return { kind: 'sign-in' };
  const prefix = servicePrefixOf(eventSource);
  const name = eventName.replace(VERSION_SUFFIX, '');
  const mapped = EVENT_ACTIONS[`${prefix}:${name}`] ?? [`${prefix}:${name}`];
  const actions: string[] = [];
  for (const action of mapped) {
    const info = catalog.findAction(action);
    if (info === undefined) return { kind: 'unmapped' };
    actions.push(info.action);
  }
  return { kind: 'actions', actions };
}

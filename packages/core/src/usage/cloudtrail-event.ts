/**
 * Who made a CloudTrail event and on which resources: the parts of a record usage needs.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */

type Json = Readonly<Record<string, unknown>>;

function objectAt(value: unknown, key: string): Json | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner = (value as Json)[key];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Json) : undefined;
}

function stringAt(value: Json | undefined, key: string): string | undefined {
  const inner = value?.[key];
  return typeof inner === 'string' && inner !== '' ? inner : undefined;
}

/**
 * The IAM principal an event is usage of, or undefined when it is nobody of an account's IAM:
 * - `IAMUser`: the user ARN;
 * - `AssumedRole`: the role the session was issued by (`sessionContext.sessionIssuer.arn`, path
 *   included), so every session of a role counts for the role; service-linked roles are roles too;
 * - `Root`: the account root ARN;
 * - `FederatedUser`: the IAM user that called `GetFederationToken` (the session issuer), whose
 *   permissions bound the federated session;
 * - `AWSService`, `AWSAccount` (a caller of another account, named by account only),
 *   `IdentityCenterUser`, `WebIdentityUser`, `SAMLUser`: undefined.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
export function principalOfEvent(record: unknown): string | undefined {
  const identity = objectAt(record, 'userIdentity');
  switch (stringAt(identity, 'type')) {
    case 'IAMUser':
    case 'Root':
      return stringAt(identity, 'arn');
    case 'AssumedRole':
    case 'FederatedUser': {
      const issuer = stringAt(objectAt(objectAt(identity, 'sessionContext'), 'sessionIssuer'), 'arn');
      if (issuer !== undefined) return issuer;
      return roleOfSessionArn(stringAt(identity, 'arn'));
    }
    default:
      return undefined;
  }
}

/**
 * `arn:aws:sts::1:assumed-role/name/session` → `arn:aws:iam::1:role/name`: the fallback when a
 * record has no session issuer. The role's path is not in a session ARN, so this is right only for
 * roles on the path `/`.
 */
function roleOfSessionArn(arn: string | undefined): string | undefined {
  const match = arn === undefined ? null : /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : undefined;
}

/**
 * The resource ARNs an event names, sorted and without duplicates: S3 objects and buckets from
 * `requestParameters.bucketName` and `key` (an object when there is a key, else the bucket),
 * the role of `AssumeRole` (`roleArn`), DynamoDB tables (`tableName`), SQS queues (`queueUrl`),
 * SNS topics (`topicArn`), ARNs given as Lambda `functionName` and Secrets Manager `secretId`,
 * and otherwise the ARNs of the record's `resources` list.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-understanding-s3-entries.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
export function resourcesOfEvent(record: unknown, partition = 'aws'): string[] {
  const r = typeof record === 'object' && record !== null ? (record as Json) : {};
  const parameters = objectAt(r, 'requestParameters');
  const source = stringAt(r, 'eventSource');
  const found: string[] = [];
  if (source === 's3.amazonaws.com') {
    const bucket = stringAt(parameters, 'bucketName');
    const key = stringAt(parameters, 'key');
    if (bucket !== undefined)
      found.push(`arn:${partition}:s3:::${bucket}${key === undefined ? '' : `/${key}`}`);
  } else if (parameters !== undefined) {
    for (const key of ARN_PARAMETERS) {
      const value = stringAt(parameters, key);
      if (value?.startsWith('arn:')) found.push(value);
    }
    const region = stringAt(r, 'awsRegion') ?? '';
    const table = stringAt(parameters, 'tableName');
    if (source === 'dynamodb.amazonaws.com' && table !== undefined)
      found.push(
        table.startsWith('arn:')
          ? table
          : `arn:${partition}:dynamodb:${region}:${stringAt(r, 'recipientAccountId') ?? ''}:table/${table}`,
      );
    const queue = stringAt(parameters, 'queueUrl');
    const queueMatch = queue === undefined ? null : /^https?:\/\/[^/]+\/(\d{12})\/([^/?#]+)$/.exec(queue);
    if (queueMatch) found.push(`arn:${partition}:sqs:${region}:${queueMatch[1]}:${queueMatch[2]}`);
  }
  if (found.length === 0) {
    const listed = r.resources;
    if (Array.isArray(listed)) {
      for (const entry of listed) {
        const arn = stringAt(
          typeof entry === 'object' && entry !== null ? (entry as Json) : undefined,
          'ARN',
        );
        if (arn !== undefined) found.push(arn);
      }
    }
  }
  // Most events name one resource: sorting and removing duplicates is for the others.
  return found.length < 2 ? found : [...new Set(found)].sort();
}

/** Request parameters that name a resource when their value is an ARN. */
const ARN_PARAMETERS = ['roleArn', 'topicArn', 'functionName', 'secretId'] as const;

/**
 * Whether an event was refused: `errorCode` `AccessDenied` (or a service's spelling of it, such
 * as `Client.UnauthorizedOperation` for EC2). A refused call is not usage.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
export function isAccessDenied(record: unknown): boolean {
  const code = typeof record === 'object' && record !== null ? (record as Json).errorCode : undefined;
  return (
    typeof code === 'string' &&
    /AccessDenied|UnauthorizedOperation|AuthorizationError|Unauthorized$/.test(code)
  );
}

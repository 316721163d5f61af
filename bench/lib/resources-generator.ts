/**
 * A resource inventory for a generated account (`resources.json`, SPEC §2): every resource that a
 * policy of the account names by its full ARN (buckets, tables, queues, topics, keys, secrets,
 * functions, state machines, streams, event buses), in the account's regions, tagged with the
 * `app`, `env` and `team` of the application that owns it, and with the resource-based policies
 * such resources usually carry:
 *
 * - every KMS key has a key policy, the default one that lets the account's IAM policies decide;
 * - about a third of the buckets deny requests without TLS, about 5% let a partner account read
 *   their objects, and about 1% let everyone read them;
 * - about a third of the queues let SNS topics of the account send to them;
 * - about a fifth of the functions let EventBridge of the account invoke them;
 * - about 5% of the topics let the partner account subscribe.
 *
 * The same account authorization details and seed give the same inventory.
 *
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
 */
import { createRandom } from './random.js';

/** One resource of `resources.json`. */
export interface GeneratedResource {
  readonly arn: string;
  readonly type: string;
  readonly accountId: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly policy?: unknown;
}

/** The account that partners' grants name: outside the generated account. */
export const PARTNER_ACCOUNT = '444455556666';

/** CloudFormation type by the resource part of an ARN, for the types the generator's policies name. */
const TYPES: readonly [RegExp, string][] = [
  [/^arn:aws:s3:::[^/]+$/, 'AWS::S3::Bucket'],
  [/^arn:aws:dynamodb:[^:]+:\d{12}:table\/[^/]+$/, 'AWS::DynamoDB::Table'],
  [/^arn:aws:sqs:[^:]+:\d{12}:[^:/]+$/, 'AWS::SQS::Queue'],
  [/^arn:aws:sns:[^:]+:\d{12}:[^:/]+$/, 'AWS::SNS::Topic'],
  [/^arn:aws:kms:[^:]+:\d{12}:key\/[^/]+$/, 'AWS::KMS::Key'],
  [/^arn:aws:secretsmanager:[^:]+:\d{12}:secret:.+$/, 'AWS::SecretsManager::Secret'],
  [/^arn:aws:lambda:[^:]+:\d{12}:function:[^:]+$/, 'AWS::Lambda::Function'],
  [/^arn:aws:states:[^:]+:\d{12}:stateMachine:[^:]+$/, 'AWS::StepFunctions::StateMachine'],
  [/^arn:aws:kinesis:[^:]+:\d{12}:stream\/[^/]+$/, 'AWS::Kinesis::Stream'],
  [/^arn:aws:events:[^:]+:\d{12}:event-bus\/[^/]+$/, 'AWS::Events::EventBus'],
];

interface Details {
  readonly UserDetailList?: readonly { UserPolicyList?: readonly { PolicyDocument: unknown }[] }[];
  readonly GroupDetailList?: readonly { GroupPolicyList?: readonly { PolicyDocument: unknown }[] }[];
  readonly RoleDetailList?: readonly {
    RolePolicyList?: readonly { PolicyDocument: unknown }[];
    Tags?: readonly { Key: string; Value: string }[];
  }[];
  readonly Policies?: readonly {
    PolicyName?: string;
    PolicyVersionList?: readonly { Document: unknown; IsDefaultVersion: boolean }[];
  }[];
}

/**
 * The inventory of the generated account whose authorization details (as `JSON.parse` gives
 * them) are `details`, sorted by ARN.
 */
export function generateResources(
  details: unknown,
  options: { readonly seed?: number } = {},
): GeneratedResource[] {
  const gaad = details as Details;
  // Each ARN a policy names, with the tags of the first owner known to name it.
  const named = new Map<string, Readonly<Record<string, string>>>();
  const note = (document: unknown, tags: Readonly<Record<string, string>>) => {
    for (const statement of statementsOf(document)) {
      for (const arn of [statement.Resource ?? []].flat()) {
        if (typeof arn !== 'string' || arn.includes('*') || arn.includes('$')) continue;
        if (named.get(arn)?.app === undefined) named.set(arn, tags);
      }
    }
  };
  // Applications' teams, as their roles are tagged.
  const teams = new Map<string, string>();
  for (const role of gaad.RoleDetailList ?? []) {
    const tags = Object.fromEntries((role.Tags ?? []).map((t) => [t.Key, t.Value]));
    const owner: Record<string, string> = {};
    for (const key of ['app', 'env', 'team']) if (tags[key] !== undefined) owner[key] = tags[key];
    if (owner.app !== undefined && owner.team !== undefined && !teams.has(owner.app))
      teams.set(owner.app, owner.team);
    for (const inline of role.RolePolicyList ?? []) note(inline.PolicyDocument, owner);
  }
  // Customer managed policies are named after their application (`orders-s3-read`).
  const apps = [...teams.keys()].sort((a, b) => b.length - a.length);
  for (const policy of gaad.Policies ?? []) {
    const app = apps.find((name) => policy.PolicyName?.startsWith(`${name}-`));
    const owner = app === undefined ? {} : { app, team: teams.get(app) as string };
    for (const version of policy.PolicyVersionList ?? [])
      if (version.IsDefaultVersion) note(version.Document, owner);
  }
  for (const document of documentsOf(gaad)) note(document, {});
  const typed = [...named.keys()]
    .sort()
    .map((arn) => ({ arn, type: TYPES.find(([pattern]) => pattern.test(arn))?.[1] }))
    .filter((r): r is { arn: string; type: string } => r.type !== undefined);
  const account = typed.find((r) => r.type !== 'AWS::S3::Bucket')?.arn.split(':')[4] ?? '111122223333';
  const usualRegion = mostCommon(
    typed.map((r) => r.arn.split(':')[3] ?? '').filter((region) => region !== ''),
  );
  const r = createRandom(options.seed ?? 42);
  return typed.map(({ arn, type }): GeneratedResource => {
    const region = arn.split(':')[3] || usualRegion;
    // By its name (`orders-prod-…`), else as the first owner known to name it is tagged.
    const owner = ownerOf(arn);
    const team = owner && teams.get(owner.app);
    const tags = owner ? { ...owner, ...(team ? { team } : {}) } : (named.get(arn) ?? {});
    const policy = policyOf(type, arn, account, r.next());
    return { arn, type, accountId: account, region, tags, ...(policy ? { policy } : {}) };
  });
}

/** The resource-based policy of a resource, if it has one; `dice` in [0, 1) decides which. */
function policyOf(type: string, arn: string, account: string, dice: number): unknown {
  const document = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
  switch (type) {
    case 'AWS::KMS::Key':
      return document({
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      });
    case 'AWS::S3::Bucket': {
      if (dice >= 0.36) return undefined;
      const tls = {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      };
      if (dice < 0.01) {
        return document(tls, {
          Sid: 'PublicRead',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `${arn}/*`,
        });
      }
      if (dice < 0.06) {
        return document(tls, {
          Sid: 'PartnerRead',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` },
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: [arn, `${arn}/*`],
        });
      }
      return document(tls);
    }
    case 'AWS::SQS::Queue': {
      if (dice >= 0.33) return undefined;
      return document({
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: arn,
        Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${account}:*` } },
      });
    }
    case 'AWS::Lambda::Function':
      if (dice >= 0.2) return undefined;
      return document({
        Sid: 'events-invoke',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'lambda:InvokeFunction',
        Resource: arn,
        Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:events:*:${account}:rule/*` } },
      });
    case 'AWS::SNS::Topic':
      if (dice >= 0.05) return undefined;
      return document({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${PARTNER_ACCOUNT}:root` },
        Action: 'SNS:Subscribe',
        Resource: arn,
      });
    default:
      return undefined;
  }
}

/** The application and environment a generated name starts with (`orders-prod-…`, `orders/prod/…`). */
function ownerOf(arn: string): { app: string; env: string } | undefined {
  const name = arn
    .split(':')
    .slice(5)
    .join(':')
    .replace(/^[a-zA-Z-]+[/:]/, '');
  const match = /^(.+?)[-/](prod|staging|dev)(?:[-/]|$)/.exec(name);
  return match ? { app: match[1] as string, env: match[2] as string } : undefined;
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'us-east-1';
}

/** The policy documents of users and groups (roles' and managed policies' are read with their owners). */
function* documentsOf(details: Details): Generator<unknown> {
  for (const user of details.UserDetailList ?? [])
    for (const p of user.UserPolicyList ?? []) yield p.PolicyDocument;
  for (const group of details.GroupDetailList ?? [])
    for (const p of group.GroupPolicyList ?? []) yield p.PolicyDocument;
}

function statementsOf(document: unknown): { Resource?: unknown }[] {
  const parsed = typeof document === 'string' ? JSON.parse(decodeURIComponent(document)) : document;
  return [(parsed as { Statement?: unknown }).Statement ?? []].flat() as { Resource?: unknown }[];
}

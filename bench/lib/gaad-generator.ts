/**
 * A generator of realistic account authorization details: the output of
 * `aws iam get-account-authorization-details` for one account, with the field names and the
 * shape the AWS CLI writes (policy documents as JSON objects, 2-space indent), for the scan
 * benchmarks (issue 3, SPEC §7).
 *
 * What it generates, from one seeded PRNG so the same options give byte-identical text:
 *
 * - Roles: a handful of service-linked roles under `/aws-service-role/` and IAM Identity Center
 *   roles under `/aws-reserved/`; the rest are application roles with lambda, ECS task or EC2
 *   trust policies (EC2 ones with an instance profile), CI roles trusted through GitHub OIDC,
 *   cross-account roles (with an external id or an organization condition) and other service
 *   roles. Each has 1–6 attached managed policies (AWS managed ones fitting its kind and
 *   customer managed ones, mostly its application's), 0–3 inline policies, a permissions boundary
 *   on about 20%, the tags `app`, `team`, `owner` (and often `env`), and `RoleLastUsed`.
 * - Users, most of them in 1–3 groups, some with inline and attached policies; groups with inline
 *   and attached policies.
 * - Customer managed policies with 1–5 versions (exactly one default; older versions hold a
 *   prefix of the newest version's statements), a few of them permissions boundaries under
 *   `/boundaries/`; every AWS managed policy that is attached somewhere, with its document, as
 *   GAAD includes them.
 * - Statements with real action names (checked against the service catalog by the tests),
 *   action wildcards on about 15%, resource ARNs of the account and the application, and
 *   conditions on about 25%.
 *
 * Entities are serialised one at a time ({@link generateGaadChunks}), so a 20,000-role account
 * can be streamed to a file without holding its text in memory.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
import { createRandom, type Random } from './random.js';

/** What to generate. Counts of users, groups and policies default to {@link defaultCounts}. */
export interface GaadOptions {
  /** Roles, including the service-linked and IAM Identity Center ones. */
  readonly roles: number;
  readonly users?: number;
  readonly groups?: number;
  /** Customer managed policies (AWS managed ones are added as they are attached). */
  readonly policies?: number;
  /** The PRNG seed; 42 when not given. */
  readonly seed?: number;
  /** The 12-digit account id; `111122223333` when not given. */
  readonly accountId?: string;
}

/** The counts a generated account has. */
export interface GaadCounts {
  readonly roles: number;
  readonly users: number;
  readonly groups: number;
  readonly policies: number;
}

/**
 * The default counts for a number of roles: users = roles / 10, groups = users / 5 (at least one
 * when there are users), policies = roles / 4, rounded. Real accounts run by application teams
 * have many more roles than users (people sign in through IAM Identity Center).
 */
export function defaultCounts(roles: number): GaadCounts {
  const users = Math.round(roles / 10);
  return {
    roles,
    users,
    groups: users > 0 ? Math.max(1, Math.round(users / 5)) : 0,
    policies: Math.round(roles / 4),
  };
}

/** The counts {@link generateGaadChunks} uses for `options`. */
export function resolveCounts(options: GaadOptions): GaadCounts {
  const defaults = defaultCounts(options.roles);
  return {
    roles: options.roles,
    users: options.users ?? defaults.users,
    groups: options.groups ?? defaults.groups,
    policies: options.policies ?? defaults.policies,
  };
}

/**
 * The generated account as text: the same bytes `JSON.stringify(details, null, 2)` would give.
 * Holds the whole text; use {@link generateGaadChunks} to stream a large account.
 */
export function generateGaad(options: GaadOptions): string {
  let text = '';
  for (const chunk of generateGaadChunks(options)) text += chunk;
  return text;
}

/**
 * The generated account as consecutive pieces of text, about one IAM entity each; joined, they
 * are {@link generateGaad}'s text.
 */
export function* generateGaadChunks(options: GaadOptions): Generator<string, void, undefined> {
  const counts = resolveCounts(options);
  for (const [key, value] of Object.entries(counts)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`${key} must be a whole number of 0 or more, not ${value}`);
    }
  }
  const accountId = options.accountId ?? '111122223333';
  if (!/^\d{12}$/.test(accountId)) throw new RangeError(`account id must be 12 digits, not ${accountId}`);
  const g = new AccountGenerator(createRandom(options.seed ?? 42), accountId, counts);

  yield '{\n';
  yield* list('UserDetailList', counts.users, () => g.user(), false);
  yield* list('GroupDetailList', counts.groups, (i) => g.group(i), false);
  yield* list('RoleDetailList', counts.roles, (i) => g.role(i), false);
  const awsManaged = [...g.attachedAwsPolicies()];
  yield* list(
    'Policies',
    counts.policies + awsManaged.length,
    (i) =>
      i < counts.policies ? g.customerPolicy(i) : g.awsPolicy(awsManaged[i - counts.policies] as string),
    true,
  );
  yield '}\n';
}

/** The lines of one top-level list, one chunk per element, as `JSON.stringify(…, null, 2)` indents them. */
function* list(
  key: string,
  count: number,
  item: (index: number) => unknown,
  last: boolean,
): Generator<string, void, undefined> {
  const end = last ? '\n' : ',\n';
  if (count === 0) {
    yield `  "${key}": []${end}`;
    return;
  }
  yield `  "${key}": [\n`;
  for (let i = 0; i < count; i++) {
    const json = JSON.stringify(item(i), null, 2).replaceAll('\n', '\n    ');
    yield `    ${json}${i < count - 1 ? ',\n' : '\n'}`;
  }
  yield `  ]${end}`;
}

// ---------------------------------------------------------------------------------------------
// The wire shapes (the field names of the GAAD response)

/** A policy statement, with IAM's wire names. */
interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

interface Tag {
  Key: string;
  Value: string;
}

interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const APP_WORDS = [
  'orders',
  'payments',
  'catalog',
  'search',
  'checkout',
  'inventory',
  'shipping',
  'billing',
  'ledger',
  'identity',
  'notifications',
  'analytics',
  'reports',
  'pricing',
  'recommendations',
  'reviews',
  'media',
  'profiles',
  'loyalty',
  'fraud',
  'invoices',
  'returns',
  'warehouse',
  'partners',
  'subscriptions',
  'messaging',
  'audit',
  'exports',
  'imports',
  'scheduler',
] as const;
const APP_QUALIFIERS = ['core', 'edge', 'batch', 'legacy', 'v2', 'eu', 'us', 'internal', 'stream', 'admin'];
const TEAMS = [
  'platform',
  'checkout',
  'growth',
  'data',
  'identity',
  'payments-core',
  'sre',
  'security',
  'mobile',
  'web',
  'ml',
  'finance-eng',
  'logistics',
  'integrations',
  'search-relevance',
  'content',
] as const;
const ENVS = ['prod', 'prod', 'staging', 'dev'] as const;
const REGIONS = ['eu-west-1', 'eu-west-1', 'eu-west-1', 'us-east-1', 'eu-central-1', 'us-west-2'] as const;
const COMPONENTS = [
  'api',
  'worker',
  'consumer',
  'producer',
  'scheduler',
  'handler',
  'sync',
  'indexer',
  'migrator',
  'exporter',
  'webhook',
  'cron',
  'gateway',
  'processor',
  'reconciler',
] as const;
const FIRST_NAMES = [
  'alice',
  'bob',
  'carol',
  'dan',
  'erin',
  'farid',
  'grace',
  'hiro',
  'ines',
  'jamal',
  'kofi',
  'lena',
  'mei',
  'nadia',
  'oscar',
  'priya',
  'quinn',
  'rosa',
  'sven',
  'tariq',
  'uma',
  'victor',
  'wen',
  'yusuf',
] as const;
const LAST_NAMES = [
  'adams',
  'berg',
  'chen',
  'diaz',
  'evans',
  'fischer',
  'garcia',
  'haddad',
  'ito',
  'jensen',
  'khan',
  'lopez',
  'moreau',
  'nakamura',
  'okafor',
  'patel',
  'rossi',
  'silva',
  'tanaka',
  'novak',
  'weber',
] as const;
const GROUP_WORDS = [
  'Admins',
  'Developers',
  'ReadOnly',
  'Billing',
  'OnCall',
  'DataEngineers',
  'Security',
  'Support',
  'Auditors',
  'ReleaseManagers',
  'Contractors',
  'BreakGlass',
] as const;
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';
const ORG_ID = 'o-a1b2c3d4e5';
const GITHUB_ORG = 'northwind';
const DOMAIN = 'northwind.example';

/** Context a statement is written for. */
interface Scope {
  readonly account: string;
  readonly region: string;
  readonly app: string;
  readonly env: string;
  /** The services the application uses. */
  readonly services: readonly string[];
}

/** What a policy can say about one service: actions by access, wildcards, and its resources. */
interface ServiceKit {
  readonly read: readonly string[];
  readonly write: readonly string[];
  readonly wildcards: readonly string[];
  /** The resources of an application; empty when the actions accept only `*`. */
  resources(scope: Scope, r: Random): string[];
  /** Conditions that make sense for this service's statements, besides the global ones. */
  readonly conditions?: readonly ((scope: Scope) => NonNullable<Statement['Condition']>)[];
}

const name = (r: Random, words: readonly string[]) => r.pick(words);

const SERVICES: Readonly<Record<string, ServiceKit>> = {
  s3: {
    read: [
      's3:GetObject',
      's3:GetObjectVersion',
      's3:ListBucket',
      's3:GetBucketLocation',
      's3:GetObjectTagging',
    ],
    write: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:PutObjectTagging'],
    wildcards: ['s3:Get*', 's3:List*', 's3:*Object', 's3:*'],
    resources: (s, r) => {
      const bucket = `${s.app}-${s.env}-${name(r, ['data', 'uploads', 'exports', 'assets', 'logs'])}-${s.account}`;
      return [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`];
    },
    conditions: [
      (s) => ({ StringLike: { 's3:prefix': [`${s.app}/*`, 'shared/*'] } }),
      () => ({ StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } }),
    ],
  },
  dynamodb: {
    read: [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:BatchGetItem',
      'dynamodb:DescribeTable',
    ],
    write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
    wildcards: ['dynamodb:Get*', 'dynamodb:Batch*', 'dynamodb:*'],
    resources: (s, r) => {
      const table = `arn:aws:dynamodb:${s.region}:${s.account}:table/${s.app}-${s.env}-${name(r, ['main', 'events', 'sessions', 'state', 'locks'])}`;
      return [table, `${table}/index/*`];
    },
    conditions: [
      () => ({ 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'sk', 'status', 'updatedAt'] } }),
    ],
  },
  sqs: {
    read: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
    write: ['sqs:SendMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'],
    wildcards: ['sqs:*Message', 'sqs:*'],
    resources: (s, r) => [
      `arn:aws:sqs:${s.region}:${s.account}:${s.app}-${s.env}-${name(r, ['jobs', 'events', 'dlq', 'inbound'])}`,
    ],
  },
  sns: {
    read: ['sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic'],
    write: ['sns:Publish', 'sns:Subscribe'],
    wildcards: ['sns:*'],
    resources: (s, r) => [
      `arn:aws:sns:${s.region}:${s.account}:${s.app}-${s.env}-${name(r, ['alerts', 'events', 'fanout'])}`,
    ],
  },
  kms: {
    read: ['kms:Decrypt', 'kms:DescribeKey'],
    write: ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext'],
    wildcards: ['kms:ReEncrypt*', 'kms:GenerateDataKey*'],
    resources: (s, r) => [`arn:aws:kms:${s.region}:${s.account}:key/${uuid(r)}`],
    conditions: [
      (s) => ({
        StringEquals: {
          'kms:ViaService': [`s3.${s.region}.amazonaws.com`, `dynamodb.${s.region}.amazonaws.com`],
        },
      }),
    ],
  },
  secretsmanager: {
    read: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
    write: ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecret', 'secretsmanager:RotateSecret'],
    wildcards: ['secretsmanager:Get*', 'secretsmanager:Describe*'],
    resources: (s, r) => [
      `arn:aws:secretsmanager:${s.region}:${s.account}:secret:${s.app}/${s.env}/${name(r, ['db', 'api-key', 'oauth', 'signing'])}-${chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 6)}`,
    ],
  },
  ssm: {
    read: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
    write: ['ssm:PutParameter', 'ssm:DeleteParameter'],
    wildcards: ['ssm:GetParameter*'],
    resources: (s) => [`arn:aws:ssm:${s.region}:${s.account}:parameter/${s.app}/${s.env}/*`],
  },
  logs: {
    read: ['logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:DescribeLogStreams'],
    write: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    wildcards: ['logs:Get*', 'logs:Describe*'],
    resources: (s) => [`arn:aws:logs:${s.region}:${s.account}:log-group:/aws/${s.app}/${s.env}/*:*`],
  },
  lambda: {
    read: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:ListVersionsByFunction'],
    write: [
      'lambda:InvokeFunction',
      'lambda:UpdateFunctionCode',
      'lambda:UpdateFunctionConfiguration',
      'lambda:PublishVersion',
    ],
    wildcards: ['lambda:Get*', 'lambda:Update*'],
    resources: (s, r) => [
      `arn:aws:lambda:${s.region}:${s.account}:function:${s.app}-${s.env}-${name(r, COMPONENTS)}`,
    ],
  },
  events: {
    read: ['events:DescribeEventBus', 'events:DescribeRule'],
    write: ['events:PutEvents', 'events:PutRule', 'events:PutTargets'],
    wildcards: ['events:Put*'],
    resources: (s) => [`arn:aws:events:${s.region}:${s.account}:event-bus/${s.app}-${s.env}`],
  },
  states: {
    read: ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:DescribeStateMachine'],
    write: ['states:StartExecution', 'states:StopExecution'],
    wildcards: ['states:Describe*'],
    resources: (s, r) => [
      `arn:aws:states:${s.region}:${s.account}:stateMachine:${s.app}-${s.env}-${name(r, ['flow', 'saga', 'pipeline'])}`,
    ],
  },
  ecr: {
    read: [
      'ecr:BatchGetImage',
      'ecr:GetDownloadUrlForLayer',
      'ecr:BatchCheckLayerAvailability',
      'ecr:DescribeImages',
    ],
    write: ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'],
    wildcards: ['ecr:Batch*', 'ecr:Describe*'],
    resources: (s) => [`arn:aws:ecr:${s.region}:${s.account}:repository/${s.app}/*`],
  },
  kinesis: {
    read: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:ListShards'],
    write: ['kinesis:PutRecord', 'kinesis:PutRecords'],
    wildcards: ['kinesis:Get*', 'kinesis:Put*'],
    resources: (s) => [`arn:aws:kinesis:${s.region}:${s.account}:stream/${s.app}-${s.env}-events`],
  },
  cloudwatch: {
    read: ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics', 'cloudwatch:DescribeAlarms'],
    write: ['cloudwatch:PutMetricData'],
    wildcards: ['cloudwatch:Get*', 'cloudwatch:Describe*'],
    resources: () => [],
    conditions: [(s) => ({ StringEquals: { 'cloudwatch:namespace': `${s.app}/${s.env}` } })],
  },
  ec2: {
    read: ['ec2:DescribeInstances', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs'],
    write: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface'],
    wildcards: ['ec2:Describe*'],
    resources: () => [],
  },
  iam: {
    read: ['iam:GetRole', 'iam:ListRoleTags'],
    write: ['iam:PassRole'],
    wildcards: ['iam:Get*'],
    resources: (s) => [`arn:aws:iam::${s.account}:role/${s.app}-*`],
    conditions: [
      () => ({
        StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] },
      }),
    ],
  },
  cloudformation: {
    read: [
      'cloudformation:DescribeStacks',
      'cloudformation:DescribeStackEvents',
      'cloudformation:GetTemplate',
    ],
    write: [
      'cloudformation:CreateStack',
      'cloudformation:UpdateStack',
      'cloudformation:DeleteStack',
      'cloudformation:CreateChangeSet',
      'cloudformation:ExecuteChangeSet',
    ],
    wildcards: ['cloudformation:Describe*', 'cloudformation:*ChangeSet'],
    resources: (s) => [`arn:aws:cloudformation:${s.region}:${s.account}:stack/${s.app}-${s.env}-*/*`],
  },
  ecs: {
    read: ['ecs:DescribeServices', 'ecs:DescribeTasks', 'ecs:DescribeTaskDefinition'],
    write: ['ecs:UpdateService', 'ecs:RunTask', 'ecs:RegisterTaskDefinition'],
    wildcards: ['ecs:Describe*'],
    resources: (s) => [`arn:aws:ecs:${s.region}:${s.account}:service/${s.app}-${s.env}/*`],
  },
};
const SERVICE_NAMES = Object.keys(SERVICES);

/** Conditions any statement may carry. */
const GLOBAL_CONDITIONS: readonly ((scope: Scope) => NonNullable<Statement['Condition']>)[] = [
  (s) => ({ StringEquals: { 'aws:RequestedRegion': s.region } }),
  (s) => ({ StringEquals: { 'aws:ResourceTag/app': s.app } }),
  () => ({ StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } }),
  () => ({ Bool: { 'aws:SecureTransport': 'true' } }),
  () => ({ IpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '203.0.113.0/24'] } }),
  (s) => ({ StringEquals: { 'aws:SourceVpce': `vpce-${s.app.length.toString(16)}a1b2c3d4e5f60718` } }),
  () => ({ StringEquals: { 'aws:PrincipalOrgID': ORG_ID } }),
  () => ({ DateLessThan: { 'aws:CurrentTime': '2026-12-31T23:59:59Z' } }),
];

// ---------------------------------------------------------------------------------------------
// AWS managed policies (documents as published; the longest are abridged to their main actions)

interface AwsPolicy {
  readonly path: string;
  readonly version: string;
  readonly created: string;
  readonly updated: string;
  readonly statements: readonly Statement[];
}

const allow = (actions: string | string[], resource: string | string[] = '*'): Statement => ({
  Effect: 'Allow',
  Action: actions,
  Resource: resource,
});

const AWS_POLICIES: Readonly<Record<string, AwsPolicy>> = {
  AdministratorAccess: {
    path: '/',
    version: 'v1',
    created: '2015-02-06T18:39:46+00:00',
    updated: '2015-02-06T18:39:46+00:00',
    statements: [allow('*')],
  },
  PowerUserAccess: {
    path: '/',
    version: 'v5',
    created: '2015-02-06T18:39:47+00:00',
    updated: '2023-07-06T22:04:00+00:00',
    statements: [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      allow([
        'iam:CreateServiceLinkedRole',
        'iam:DeleteServiceLinkedRole',
        'iam:ListRoles',
        'organizations:DescribeOrganization',
        'account:ListRegions',
        'account:GetAccountInformation',
      ]),
    ],
  },
  AmazonS3ReadOnlyAccess: {
    path: '/',
    version: 'v3',
    created: '2015-02-06T18:40:59+00:00',
    updated: '2023-08-10T21:31:39+00:00',
    statements: [
      allow(['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*']),
    ],
  },
  AmazonS3FullAccess: {
    path: '/',
    version: 'v2',
    created: '2015-02-06T18:40:58+00:00',
    updated: '2021-09-27T20:16:37+00:00',
    statements: [allow(['s3:*', 's3-object-lambda:*'])],
  },
  AmazonSQSFullAccess: {
    path: '/',
    version: 'v2',
    created: '2015-02-06T18:41:07+00:00',
    updated: '2024-09-09T17:10:13+00:00',
    statements: [allow('sqs:*')],
  },
  AmazonSNSFullAccess: {
    path: '/',
    version: 'v1',
    created: '2015-02-06T18:41:05+00:00',
    updated: '2015-02-06T18:41:05+00:00',
    statements: [allow('sns:*')],
  },
  AWSLambdaBasicExecutionRole: {
    path: '/service-role/',
    version: 'v1',
    created: '2015-04-09T15:03:43+00:00',
    updated: '2015-04-09T15:03:43+00:00',
    statements: [allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'])],
  },
  AWSLambdaVPCAccessExecutionRole: {
    path: '/service-role/',
    version: 'v3',
    created: '2016-02-11T23:15:26+00:00',
    updated: '2024-01-05T22:37:17+00:00',
    statements: [
      allow([
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ]),
    ],
  },
  AmazonECSTaskExecutionRolePolicy: {
    path: '/service-role/',
    version: 'v1',
    created: '2017-11-16T18:48:22+00:00',
    updated: '2017-11-16T18:48:22+00:00',
    statements: [
      allow([
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchGetImage',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ]),
    ],
  },
  AmazonSSMManagedInstanceCore: {
    path: '/',
    version: 'v2',
    created: '2019-03-15T17:22:12+00:00',
    updated: '2019-05-23T16:54:21+00:00',
    statements: [
      allow([
        'ssm:DescribeAssociation',
        'ssm:GetDeployablePatchSnapshotForInstance',
        'ssm:GetDocument',
        'ssm:DescribeDocument',
        'ssm:GetManifest',
        'ssm:GetParameter',
        'ssm:GetParameters',
        'ssm:ListAssociations',
        'ssm:ListInstanceAssociations',
        'ssm:PutInventory',
        'ssm:PutComplianceItems',
        'ssm:PutConfigurePackageResult',
        'ssm:UpdateAssociationStatus',
        'ssm:UpdateInstanceAssociationStatus',
        'ssm:UpdateInstanceInformation',
      ]),
      allow([
        'ssmmessages:CreateControlChannel',
        'ssmmessages:CreateDataChannel',
        'ssmmessages:OpenControlChannel',
        'ssmmessages:OpenDataChannel',
      ]),
      allow([
        'ec2messages:AcknowledgeMessage',
        'ec2messages:DeleteMessage',
        'ec2messages:FailMessage',
        'ec2messages:GetEndpoint',
        'ec2messages:GetMessages',
        'ec2messages:SendReply',
      ]),
    ],
  },
  CloudWatchAgentServerPolicy: {
    path: '/',
    version: 'v2',
    created: '2017-08-31T00:08:12+00:00',
    updated: '2023-09-18T20:31:01+00:00',
    statements: [
      {
        Sid: 'CWACloudWatchServerPermissions',
        ...allow([
          'cloudwatch:PutMetricData',
          'ec2:DescribeVolumes',
          'ec2:DescribeTags',
          'logs:PutLogEvents',
          'logs:PutRetentionPolicy',
          'logs:DescribeLogStreams',
          'logs:DescribeLogGroups',
          'logs:CreateLogStream',
          'logs:CreateLogGroup',
          'xray:PutTraceSegments',
          'xray:PutTelemetryRecords',
          'xray:GetSamplingRules',
          'xray:GetSamplingTargets',
          'xray:GetSamplingStatisticSummaries',
        ]),
      },
      {
        Sid: 'CWASSMServerPermissions',
        ...allow('ssm:GetParameter', 'arn:aws:ssm:*:*:parameter/AmazonCloudWatch-*'),
      },
    ],
  },
  AWSXrayWriteOnlyAccess: {
    path: '/',
    version: 'v1',
    created: '2016-12-01T18:19:53+00:00',
    updated: '2016-12-01T18:19:53+00:00',
    statements: [
      allow([
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
        'xray:GetSamplingStatisticSummaries',
      ]),
    ],
  },
  AmazonEC2ContainerRegistryReadOnly: {
    path: '/',
    version: 'v3',
    created: '2015-12-21T17:04:15+00:00',
    updated: '2019-12-10T21:34:17+00:00',
    statements: [
      allow([
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:GetRepositoryPolicy',
        'ecr:DescribeRepositories',
        'ecr:ListImages',
        'ecr:DescribeImages',
        'ecr:BatchGetImage',
        'ecr:GetLifecyclePolicy',
        'ecr:GetLifecyclePolicyPreview',
        'ecr:ListTagsForResource',
        'ecr:DescribeImageScanFindings',
      ]),
    ],
  },
  CloudWatchReadOnlyAccess: {
    path: '/',
    version: 'v16',
    created: '2015-02-06T18:40:51+00:00',
    updated: '2024-10-10T20:47:52+00:00',
    statements: [
      {
        Sid: 'CloudWatchReadOnlyAccessPermissions',
        ...allow([
          'application-autoscaling:DescribeScalingPolicies',
          'autoscaling:Describe*',
          'cloudwatch:BatchGet*',
          'cloudwatch:Describe*',
          'cloudwatch:GenerateQuery',
          'cloudwatch:Get*',
          'cloudwatch:List*',
          'logs:Get*',
          'logs:List*',
          'logs:StartQuery',
          'logs:StopQuery',
          'logs:Describe*',
          'logs:TestMetricFilter',
          'logs:FilterLogEvents',
          'logs:StartLiveTail',
          'logs:StopLiveTail',
          'sns:Get*',
          'sns:List*',
        ]),
      },
      { Sid: 'OAMReadPermissions', ...allow(['oam:ListSinks']) },
    ],
  },
  AWSCloudFormationReadOnlyAccess: {
    path: '/',
    version: 'v3',
    created: '2015-02-06T18:39:49+00:00',
    updated: '2022-06-17T18:32:22+00:00',
    statements: [
      allow([
        'cloudformation:Describe*',
        'cloudformation:EstimateTemplateCost',
        'cloudformation:Get*',
        'cloudformation:List*',
        'cloudformation:ValidateTemplate',
        'cloudformation:Detect*',
      ]),
    ],
  },
  IAMUserChangePassword: {
    path: '/',
    version: 'v2',
    created: '2016-11-15T00:25:16+00:00',
    updated: '2016-11-15T23:18:55+00:00',
    statements: [
      allow('iam:ChangePassword', 'arn:aws:iam::*:user/${aws:username}'),
      allow('iam:GetAccountPasswordPolicy'),
    ],
  },
  AutoScalingServiceRolePolicy: {
    path: '/aws-service-role/',
    version: 'v9',
    created: '2018-01-08T23:10:55+00:00',
    updated: '2024-05-13T18:35:47+00:00',
    statements: [
      {
        Sid: 'EC2InstanceManagement',
        ...allow([
          'ec2:AttachClassicLinkVpc',
          'ec2:CancelSpotInstanceRequests',
          'ec2:CreateFleet',
          'ec2:CreateTags',
          'ec2:DeleteTags',
          'ec2:Describe*',
          'ec2:DetachClassicLinkVpc',
          'ec2:GetInstanceTypesFromInstanceRequirements',
          'ec2:ModifyInstanceAttribute',
          'ec2:RequestSpotInstances',
          'ec2:RunInstances',
          'ec2:StartInstances',
          'ec2:StopInstances',
          'ec2:TerminateInstances',
        ]),
      },
      {
        Sid: 'ELBManagement',
        ...allow([
          'elasticloadbalancing:Register*',
          'elasticloadbalancing:Deregister*',
          'elasticloadbalancing:Describe*',
        ]),
      },
      {
        Sid: 'CWManagement',
        ...allow([
          'cloudwatch:DeleteAlarms',
          'cloudwatch:DescribeAlarms',
          'cloudwatch:GetMetricData',
          'cloudwatch:PutMetricAlarm',
        ]),
      },
      { Sid: 'SNSManagement', ...allow('sns:Publish') },
    ],
  },
  AmazonECSServiceRolePolicy: {
    path: '/aws-service-role/',
    version: 'v9',
    created: '2017-10-14T01:18:58+00:00',
    updated: '2024-06-21T17:44:41+00:00',
    statements: [
      {
        Sid: 'ECSTaskManagement',
        ...allow([
          'ec2:AttachNetworkInterface',
          'ec2:CreateNetworkInterface',
          'ec2:CreateNetworkInterfacePermission',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission',
          'ec2:Describe*',
          'ec2:DetachNetworkInterface',
          'elasticloadbalancing:DeregisterInstancesFromLoadBalancer',
          'elasticloadbalancing:DeregisterTargets',
          'elasticloadbalancing:Describe*',
          'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
          'elasticloadbalancing:RegisterTargets',
          'route53:ChangeResourceRecordSets',
          'route53:CreateHealthCheck',
          'route53:DeleteHealthCheck',
          'route53:Get*',
          'route53:List*',
          'route53:UpdateHealthCheck',
          'servicediscovery:DeregisterInstance',
          'servicediscovery:Get*',
          'servicediscovery:List*',
          'servicediscovery:RegisterInstance',
        ]),
      },
      { Sid: 'ECSTagging', ...allow('ec2:CreateTags', 'arn:aws:ec2:*:*:network-interface/*') },
      {
        Sid: 'ECSLogs',
        ...allow(
          ['logs:CreateLogGroup', 'logs:DescribeLogGroups', 'logs:PutRetentionPolicy'],
          'arn:aws:logs:*:*:log-group:/aws/ecs/*',
        ),
      },
    ],
  },
  AWSElasticLoadBalancingServiceRolePolicy: {
    path: '/aws-service-role/',
    version: 'v7',
    created: '2017-09-19T22:19:04+00:00',
    updated: '2021-08-26T19:01:48+00:00',
    statements: [
      allow([
        'ec2:DescribeAddresses',
        'ec2:DescribeCoipPools',
        'ec2:DescribeInstances',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeVpcs',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeAccountAttributes',
        'ec2:DescribeClassicLinkInstances',
        'ec2:DescribeVpcClassicLink',
        'ec2:CreateSecurityGroup',
        'ec2:CreateNetworkInterface',
        'ec2:DeleteNetworkInterface',
        'ec2:GetCoipPoolUsage',
        'ec2:ModifyNetworkInterfaceAttribute',
        'ec2:AllocateAddress',
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:AssociateAddress',
        'ec2:DisassociateAddress',
        'ec2:AttachNetworkInterface',
        'ec2:DetachNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:AssignIpv6Addresses',
        'ec2:ReleaseAddress',
        'ec2:UnassignIpv6Addresses',
        'ec2:DescribeVpcPeeringConnections',
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:UpdateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries',
        'outposts:GetOutpostInstanceTypes',
      ]),
    ],
  },
  AmazonRDSServiceRolePolicy: {
    path: '/aws-service-role/',
    version: 'v16',
    created: '2018-01-08T18:17:46+00:00',
    updated: '2024-07-01T18:27:12+00:00',
    statements: [
      {
        Sid: 'Ec2Permissions',
        ...allow([
          'ec2:AllocateAddress',
          'ec2:AssociateAddress',
          'ec2:AuthorizeSecurityGroupIngress',
          'ec2:CreateNetworkInterface',
          'ec2:CreateSecurityGroup',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteSecurityGroup',
          'ec2:DescribeAddresses',
          'ec2:DescribeAvailabilityZones',
          'ec2:DescribeInternetGateways',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcAttribute',
          'ec2:DescribeVpcs',
          'ec2:DisassociateAddress',
          'ec2:ModifyNetworkInterfaceAttribute',
          'ec2:ModifyVpcEndpoint',
          'ec2:ReleaseAddress',
          'ec2:RevokeSecurityGroupIngress',
          'ec2:CreateVpcEndpoint',
          'ec2:DescribeVpcEndpoints',
          'ec2:DeleteVpcEndpoints',
        ]),
      },
      { Sid: 'CloudWatchPermissions', ...allow('cloudwatch:PutMetricData', '*') },
      {
        Sid: 'CloudWatchLogsPermissions',
        ...allow(
          [
            'logs:CreateLogGroup',
            'logs:PutRetentionPolicy',
            'logs:CreateLogStream',
            'logs:PutLogEvents',
            'logs:DescribeLogStreams',
            'logs:GetLogEvents',
          ],
          ['arn:aws:logs:*:*:log-group:/aws/rds/*', 'arn:aws:logs:*:*:log-group:/aws/rds/*:log-stream:*'],
        ),
      },
    ],
  },
  AWSSupportServiceRolePolicy: {
    path: '/aws-service-role/',
    version: 'v40',
    created: '2018-04-19T18:04:44+00:00',
    updated: '2024-08-13T16:50:26+00:00',
    statements: [
      {
        Sid: 'AWSSupportDescribe',
        ...allow([
          'acm:DescribeCertificate',
          'apigateway:GET',
          'autoscaling:Describe*',
          'cloudformation:Describe*',
          'cloudfront:Get*',
          'cloudfront:List*',
          'cloudtrail:Describe*',
          'cloudtrail:Get*',
          'cloudwatch:Describe*',
          'cloudwatch:Get*',
          'cloudwatch:List*',
          'dynamodb:Describe*',
          'dynamodb:List*',
          'ec2:Describe*',
          'ecs:Describe*',
          'ecs:List*',
          'eks:Describe*',
          'eks:List*',
          'elasticloadbalancing:Describe*',
          'iam:GetAccountSummary',
          'iam:ListRoles',
          'kms:DescribeKey',
          'kms:ListKeys',
          'lambda:Get*',
          'lambda:List*',
          'logs:Describe*',
          'rds:Describe*',
          'rds:List*',
          's3:GetBucketPolicy',
          's3:ListAllMyBuckets',
          'sns:List*',
          'sqs:GetQueueAttributes',
          'sqs:ListQueues',
        ]),
      },
    ],
  },
  AWSTrustedAdvisorServiceRolePolicy: {
    path: '/aws-service-role/',
    version: 'v12',
    created: '2018-02-22T21:24:25+00:00',
    updated: '2024-05-30T19:21:44+00:00',
    statements: [
      {
        Sid: 'TrustedAdvisorServiceRolePermissions',
        ...allow([
          'autoscaling:DescribeAccountLimits',
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeLaunchConfigurations',
          'cloudformation:DescribeAccountLimits',
          'cloudformation:DescribeStacks',
          'cloudformation:ListStacks',
          'cloudfront:ListDistributions',
          'cloudtrail:DescribeTrails',
          'cloudtrail:GetTrailStatus',
          'dynamodb:DescribeTable',
          'dynamodb:ListTables',
          'ec2:DescribeAddresses',
          'ec2:DescribeInstances',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSnapshots',
          'ec2:DescribeVolumes',
          'iam:GenerateCredentialReport',
          'iam:GetAccountPasswordPolicy',
          'iam:GetAccountSummary',
          'iam:GetCredentialReport',
          'iam:ListServerCertificates',
          'rds:DescribeDBInstances',
          's3:GetBucketAcl',
          's3:GetBucketPolicy',
          's3:GetBucketVersioning',
          's3:ListAllMyBuckets',
        ]),
      },
    ],
  },
  AmazonGuardDutyServiceRolePolicy: {
    path: '/aws-service-role/',
    version: 'v11',
    created: '2017-11-28T20:12:59+00:00',
    updated: '2024-06-10T21:25:12+00:00',
    statements: [
      {
        Sid: 'GuardDutyGetDescribeListPolicy',
        ...allow([
          'ec2:DescribeInstances',
          'ec2:DescribeImages',
          'ec2:DescribeVpcEndpoints',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcPeeringConnections',
          'ec2:DescribeTransitGatewayAttachments',
          'organizations:ListAccounts',
          'organizations:DescribeAccount',
          'organizations:DescribeOrganization',
          's3:GetBucketPublicAccessBlock',
          's3:GetEncryptionConfiguration',
          's3:GetBucketTagging',
          's3:GetBucketAcl',
          's3:GetBucketPolicy',
          's3:ListAllMyBuckets',
          'eks:ListClusters',
          'eks:DescribeCluster',
          'ecs:ListClusters',
          'ecs:DescribeClusters',
        ]),
      },
    ],
  },
};

/** Service-linked roles: the service, the role name and its AWS managed policy. */
const SERVICE_LINKED_ROLES = [
  ['autoscaling.amazonaws.com', 'AWSServiceRoleForAutoScaling', 'AutoScalingServiceRolePolicy'],
  ['ecs.amazonaws.com', 'AWSServiceRoleForECS', 'AmazonECSServiceRolePolicy'],
  [
    'elasticloadbalancing.amazonaws.com',
    'AWSServiceRoleForElasticLoadBalancing',
    'AWSElasticLoadBalancingServiceRolePolicy',
  ],
  ['rds.amazonaws.com', 'AWSServiceRoleForRDS', 'AmazonRDSServiceRolePolicy'],
  ['support.amazonaws.com', 'AWSServiceRoleForSupport', 'AWSSupportServiceRolePolicy'],
  ['trustedadvisor.amazonaws.com', 'AWSServiceRoleForTrustedAdvisor', 'AWSTrustedAdvisorServiceRolePolicy'],
  ['guardduty.amazonaws.com', 'AWSServiceRoleForAmazonGuardDuty', 'AmazonGuardDutyServiceRolePolicy'],
] as const;

/** IAM Identity Center permission sets and the AWS managed policy each attaches. */
const SSO_PERMISSION_SETS = [
  ['AdministratorAccess', 'AdministratorAccess'],
  ['PowerUserAccess', 'PowerUserAccess'],
  ['ReadOnlyObservability', 'CloudWatchReadOnlyAccess'],
  ['DataReader', 'AmazonS3ReadOnlyAccess'],
] as const;

type AppRoleKind = 'lambda' | 'ecs' | 'ec2' | 'ci' | 'cross-account' | 'service';
const ROLE_KINDS: readonly (readonly [AppRoleKind, number])[] = [
  ['lambda', 0.3],
  ['ecs', 0.25],
  ['ec2', 0.1],
  ['ci', 0.15],
  ['cross-account', 0.12],
  ['service', 0.08],
];
const OTHER_SERVICE_PRINCIPALS = [
  ['codebuild.amazonaws.com', 'codebuild'],
  ['states.amazonaws.com', 'stepfunctions'],
  ['events.amazonaws.com', 'eventbridge'],
  ['cloudformation.amazonaws.com', 'cfn-exec'],
] as const;
/** AWS managed policies an application role of each kind may get. */
const KIND_AWS_POLICIES: Readonly<Record<AppRoleKind, readonly string[]>> = {
  lambda: [
    'AWSLambdaBasicExecutionRole',
    'AWSLambdaBasicExecutionRole',
    'AWSLambdaVPCAccessExecutionRole',
    'AWSXrayWriteOnlyAccess',
  ],
  ecs: ['AmazonECSTaskExecutionRolePolicy', 'AWSXrayWriteOnlyAccess', 'AmazonEC2ContainerRegistryReadOnly'],
  ec2: ['AmazonSSMManagedInstanceCore', 'CloudWatchAgentServerPolicy', 'AmazonEC2ContainerRegistryReadOnly'],
  ci: [
    'AmazonEC2ContainerRegistryReadOnly',
    'AWSCloudFormationReadOnlyAccess',
    'PowerUserAccess',
    'AdministratorAccess',
  ],
  'cross-account': ['CloudWatchReadOnlyAccess', 'AWSCloudFormationReadOnlyAccess', 'AmazonS3ReadOnlyAccess'],
  service: ['AmazonS3FullAccess', 'AmazonSQSFullAccess', 'AmazonSNSFullAccess', 'CloudWatchReadOnlyAccess'],
};
const GROUP_AWS_POLICIES = [
  'IAMUserChangePassword',
  'CloudWatchReadOnlyAccess',
  'AmazonS3ReadOnlyAccess',
  'AWSCloudFormationReadOnlyAccess',
  'PowerUserAccess',
  'AdministratorAccess',
];

// ---------------------------------------------------------------------------------------------
// Small helpers

function chars(r: Random, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(r.next() * alphabet.length)];
  return out;
}

function uuid(r: Random): string {
  return `${chars(r, HEX, 8)}-${chars(r, HEX, 4)}-4${chars(r, HEX, 3)}-${chars(r, '89ab', 1)}${chars(r, HEX, 3)}-${chars(r, HEX, 12)}`;
}

/** An IAM unique id: the prefix of its kind and 17 characters. */
function iamId(r: Random, prefix: 'AROA' | 'AIDA' | 'AGPA' | 'ANPA' | 'AIPA'): string {
  return prefix + chars(r, UPPER_ALNUM, 17);
}

/** A time in 2026 between day `from` and day `to` (0 = 1 January), as the AWS CLI prints it. */
function date2026(r: Random, from = 0, to = 320): string {
  const ms = Date.UTC(2026, 0, 1) + r.int(from * 86_400, to * 86_400 + 86_399) * 1000;
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/** A stable 32-bit hash (FNV-1a), for values that depend on a name and not on the seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const pascal = (text: string) =>
  text
    .split(/[^a-zA-Z0-9]+/)
    .map((w) => (w ? (w[0] as string).toUpperCase() + w.slice(1) : ''))
    .join('');

/** Returns `base`, or `base-2`, `base-3`… when it is taken, and records it. */
function unique(taken: Set<string>, base: string): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base}-${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function pickWeighted<T>(r: Random, weighted: readonly (readonly [T, number])[]): T {
  let x = r.next();
  for (const [value, weight] of weighted) {
    x -= weight;
    if (x < 0) return value;
  }
  return (weighted.at(-1) as readonly [T, number])[0];
}

// ---------------------------------------------------------------------------------------------
// The generator

interface App {
  readonly name: string;
  readonly team: string;
  readonly region: string;
  readonly services: readonly string[];
  /** Indexes of the customer managed policies written for this application. */
  readonly policies: number[];
}

interface PlannedPolicy {
  readonly name: string;
  readonly path: string;
  readonly app: App;
  readonly boundary: boolean;
}

/** Generates the entities in GAAD order, drawing from one PRNG, and counts attachments on the way. */
class AccountGenerator {
  private readonly apps: App[] = [];
  private readonly policies: PlannedPolicy[] = [];
  private readonly boundaries: number[] = [];
  private readonly groupNames: string[] = [];
  private readonly otherAccounts: string[] = [];
  private readonly roleNames = new Set<string>();
  private readonly userNames = new Set<string>();
  private readonly attachments = new Map<string, number>();
  private readonly boundaryUses = new Map<string, number>();

  constructor(
    private readonly r: Random,
    private readonly account: string,
    private readonly counts: GaadCounts,
  ) {
    const appCount = Math.max(4, Math.ceil(counts.roles / 40));
    const appNames = new Set<string>();
    for (let i = 0; i < appCount; i++) {
      const word = APP_WORDS[i % APP_WORDS.length] as string;
      const base = i < APP_WORDS.length ? word : `${word}-${r.pick(APP_QUALIFIERS)}`;
      this.apps.push({
        name: unique(appNames, base),
        team: r.pick(TEAMS),
        region: r.pick(REGIONS),
        services: r.sample(SERVICE_NAMES, r.int(3, 7)),
        policies: [],
      });
    }
    const boundaryCount = counts.policies === 0 ? 0 : Math.max(1, Math.round(counts.policies / 60));
    const policyNames = new Set<string>();
    for (let i = 0; i < counts.policies; i++) {
      const boundary = i < boundaryCount;
      const app = r.pick(this.apps);
      const base = boundary
        ? `${i === 0 ? 'workload' : app.team}-permissions-boundary`
        : `${app.name}-${r.pick(app.services)}-${r.pick(['access', 'read', 'write', 'runtime', 'deploy', 'ops'])}`;
      const path = boundary ? '/boundaries/' : r.chance(0.2) ? `/${app.team}/` : '/';
      this.policies.push({ name: unique(policyNames, base), path, app, boundary });
      if (boundary) this.boundaries.push(i);
      else app.policies.push(i);
    }
    const groupTaken = new Set<string>();
    for (let i = 0; i < counts.groups; i++) {
      const base =
        i < GROUP_WORDS.length
          ? (GROUP_WORDS[i] as string)
          : `${pascal(r.pick(TEAMS))}${r.pick(GROUP_WORDS)}`;
      this.groupNames.push(unique(groupTaken, base));
    }
    for (let i = 0; i < 8; i++) this.otherAccounts.push(String(r.int(100_000_000_000, 999_999_999_999)));
  }

  // ----- users and groups

  user(): unknown {
    const r = this.r;
    const app = r.pick(this.apps);
    const human = r.chance(0.7);
    const userName = unique(
      this.userNames,
      human ? `${r.pick(FIRST_NAMES)}.${r.pick(LAST_NAMES)}` : `svc-${app.name}-${r.pick(COMPONENTS)}`,
    );
    const path = human ? r.pick(['/', '/', '/humans/']) : '/service/';
    const groups =
      this.groupNames.length > 0 && (human ? r.chance(0.95) : r.chance(0.3))
        ? r.sample(this.groupNames, r.int(1, 3))
        : [];
    const scope = this.scope(app);
    const user: Record<string, unknown> = {
      Path: path,
      UserName: userName,
      UserId: iamId(r, 'AIDA'),
      Arn: `arn:aws:iam::${this.account}:user${path}${userName}`,
      CreateDate: date2026(r, 0, 300),
      UserPolicyList: this.inlinePolicies(
        scope,
        human ? (r.chance(0.15) ? 1 : 0) : r.int(0, 2),
        `${userName}-`,
      ),
      GroupList: groups,
      AttachedManagedPolicies: this.attach(
        human ? (r.chance(0.2) ? ['IAMUserChangePassword'] : []) : [],
        app,
        human ? 0 : r.int(0, 2),
      ),
    };
    const boundary = r.chance(human ? 0.1 : 0.3) ? this.boundary() : undefined;
    if (boundary !== undefined) user.PermissionsBoundary = boundary;
    user.Tags = this.tags(app, human ? `${userName}@${DOMAIN}` : undefined);
    return user;
  }

  group(index: number): unknown {
    const r = this.r;
    const groupName = this.groupNames[index] as string;
    const app = r.pick(this.apps);
    return {
      Path: '/',
      GroupName: groupName,
      GroupId: iamId(r, 'AGPA'),
      Arn: `arn:aws:iam::${this.account}:group/${groupName}`,
      CreateDate: date2026(r, 0, 200),
      GroupPolicyList: this.inlinePolicies(this.scope(app), r.int(0, 2), `${groupName}-`),
      AttachedManagedPolicies: this.attach(r.sample(GROUP_AWS_POLICIES, r.int(1, 2)), app, r.int(0, 1)),
    };
  }

  // ----- roles

  role(index: number): unknown {
    const serviceLinked = Math.min(SERVICE_LINKED_ROLES.length, Math.floor(this.counts.roles / 20));
    if (index < serviceLinked) return this.serviceLinkedRole(index);
    const sso = Math.min(SSO_PERMISSION_SETS.length, Math.floor(this.counts.roles / 25));
    if (index < serviceLinked + sso) return this.ssoRole(index - serviceLinked);
    return this.appRole();
  }

  private serviceLinkedRole(index: number): unknown {
    const [service, roleName, policy] = SERVICE_LINKED_ROLES[index] as (typeof SERVICE_LINKED_ROLES)[number];
    const path = `/aws-service-role/${service}/`;
    this.roleNames.add(roleName.toLowerCase());
    return this.roleRecord({
      path,
      roleName,
      trust: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      },
      inline: [],
      attached: this.attach([policy], undefined, 0),
      tags: undefined,
      created: date2026(this.r, 0, 30),
    });
  }

  private ssoRole(index: number): unknown {
    const [set, policy] = SSO_PERMISSION_SETS[index] as (typeof SSO_PERMISSION_SETS)[number];
    const roleName = `AWSReservedSSO_${set}_${chars(this.r, HEX, 16)}`;
    this.roleNames.add(roleName.toLowerCase());
    return this.roleRecord({
      path: '/aws-reserved/sso.amazonaws.com/eu-west-1/',
      roleName,
      trust: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: {
              Federated: `arn:aws:iam::${this.account}:saml-provider/AWSSSO_${chars(this.r, HEX, 16)}_DO_NOT_DELETE`,
            },
            Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
            Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
          },
        ],
      },
      inline: [],
      attached: this.attach([policy], undefined, 0),
      tags: undefined,
      created: date2026(this.r, 0, 30),
    });
  }

  private appRole(): unknown {
    const r = this.r;
    const app = r.pick(this.apps);
    const env = r.pick(ENVS);
    const scope = this.scope(app, env);
    const kind = pickWeighted(r, ROLE_KINDS);
    let base: string;
    let trust: PolicyDocument;
    switch (kind) {
      case 'lambda':
      case 'ec2':
        base = `${app.name}-${r.pick(COMPONENTS)}-${kind}-${env}`;
        trust = this.serviceTrust(kind === 'lambda' ? 'lambda.amazonaws.com' : 'ec2.amazonaws.com');
        break;
      case 'ecs':
        base = `${app.name}-${r.pick(COMPONENTS)}-task-${env}`;
        trust = this.serviceTrust('ecs-tasks.amazonaws.com', {
          ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${scope.region}:${this.account}:*` },
          StringEquals: { 'aws:SourceAccount': this.account },
        });
        break;
      case 'ci':
        base = `${app.name}-github-${r.pick(['deploy', 'plan', 'release', 'publish'])}-${env}`;
        trust = this.githubTrust(app.name, env);
        break;
      case 'cross-account':
        base = `${app.name}-${r.pick(['partner', 'audit', 'observability', 'data-share', 'backup'])}-access`;
        trust = this.crossAccountTrust();
        break;
      case 'service': {
        const [principal, word] = r.pick(OTHER_SERVICE_PRINCIPALS);
        base = `${app.name}-${word}-${env}`;
        trust = this.serviceTrust(principal);
        break;
      }
    }
    const roleName = unique(this.roleNames, base);
    const path = r.chance(0.8) ? '/' : r.pick(['/service-role/', `/${app.team}/`, '/app/']);
    const total = r.pick([1, 1, 2, 2, 2, 3, 3, 4, 5, 6]);
    const awsCount = Math.min(total, kind === 'cross-account' || kind === 'ci' ? r.int(0, 1) : r.int(1, 2));
    const awsPolicies = r.sample(KIND_AWS_POLICIES[kind], awsCount);
    const attached = this.attach(awsPolicies, app, total - awsPolicies.length);
    const inline = this.inlinePolicies(scope, r.pick([0, 1, 1, 1, 2, 2, 2, 3]), '');
    const record = this.roleRecord({
      path,
      roleName,
      trust,
      inline,
      attached,
      tags: app,
      boundary: r.chance(0.2) ? this.boundary() : undefined,
      env,
      created: date2026(r, 0, 300),
      instanceProfile: kind === 'ec2',
    });
    return record;
  }

  private roleRecord(spec: {
    path: string;
    roleName: string;
    trust: PolicyDocument;
    inline: unknown[];
    attached: AttachedPolicy[];
    tags: App | undefined;
    boundary?: unknown;
    created: string;
    instanceProfile?: boolean;
    env?: string;
  }): unknown {
    const r = this.r;
    const roleId = iamId(r, 'AROA');
    const arn = `arn:aws:iam::${this.account}:role${spec.path}${spec.roleName}`;
    const role: Record<string, unknown> = {
      Path: spec.path,
      RoleName: spec.roleName,
      RoleId: roleId,
      Arn: arn,
      CreateDate: spec.created,
      AssumeRolePolicyDocument: spec.trust,
    };
    role.InstanceProfileList = spec.instanceProfile
      ? [
          {
            Path: '/',
            InstanceProfileName: spec.roleName,
            InstanceProfileId: iamId(r, 'AIPA'),
            Arn: `arn:aws:iam::${this.account}:instance-profile/${spec.roleName}`,
            CreateDate: spec.created,
            Roles: [
              {
                Path: spec.path,
                RoleName: spec.roleName,
                RoleId: roleId,
                Arn: arn,
                CreateDate: spec.created,
                AssumeRolePolicyDocument: spec.trust,
              },
            ],
          },
        ]
      : [];
    role.RolePolicyList = spec.inline;
    role.AttachedManagedPolicies = spec.attached;
    if (spec.boundary !== undefined) role.PermissionsBoundary = spec.boundary;
    if (spec.tags !== undefined) role.Tags = this.tags(spec.tags, undefined, spec.env);
    role.RoleLastUsed = r.chance(0.75)
      ? { LastUsedDate: date2026(r, 300, 325), Region: r.pick(REGIONS) }
      : {};
    return role;
  }

  private serviceTrust(service: string, condition?: Statement['Condition']): PolicyDocument {
    const statement: Statement = {
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
    };
    if (condition !== undefined) statement.Condition = condition;
    return { Version: '2012-10-17', Statement: [statement] };
  }

  private githubTrust(app: string, env: string): PolicyDocument {
    const subject =
      env === 'prod'
        ? `repo:${GITHUB_ORG}/${app}:ref:refs/heads/main`
        : this.r.chance(0.3)
          ? `repo:${GITHUB_ORG}/${app}:*`
          : `repo:${GITHUB_ORG}/${app}:environment:${env}`;
    return {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: `arn:aws:iam::${this.account}:oidc-provider/token.actions.githubusercontent.com`,
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': subject },
          },
        },
      ],
    };
  }

  private crossAccountTrust(): PolicyDocument {
    const r = this.r;
    const other = r.pick(this.otherAccounts);
    const principal = r.chance(0.6)
      ? `arn:aws:iam::${other}:root`
      : `arn:aws:iam::${other}:role/${r.pick(TEAMS)}-automation`;
    const statement: Statement = { Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' };
    if (r.chance(0.5)) statement.Condition = { StringEquals: { 'sts:ExternalId': uuid(r) } };
    else if (r.chance(0.6)) statement.Condition = { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } };
    return { Version: '2012-10-17', Statement: [statement] };
  }

  // ----- policies

  /** Attaches the named AWS managed policies and `customer` customer managed ones (mostly the app's). */
  private attach(awsNames: readonly string[], app: App | undefined, customer: number): AttachedPolicy[] {
    const out: AttachedPolicy[] = [];
    const seen = new Set<string>();
    for (const policyName of awsNames) {
      const arn = awsPolicyArn(policyName);
      if (seen.has(arn)) continue;
      seen.add(arn);
      out.push({ PolicyName: policyName, PolicyArn: arn });
    }
    const attachable = this.policies.length - this.boundaries.length;
    for (let i = 0; i < customer && attachable > 0; i++) {
      const own = app?.policies ?? [];
      const index =
        own.length > 0 && this.r.chance(0.75)
          ? this.r.pick(own)
          : this.boundaries.length + this.r.int(0, attachable - 1);
      const policy = this.policies[index] as PlannedPolicy;
      const arn = this.customerArn(policy);
      if (seen.has(arn)) continue;
      seen.add(arn);
      out.push({ PolicyName: policy.name, PolicyArn: arn });
    }
    for (const { PolicyArn } of out)
      this.attachments.set(PolicyArn, (this.attachments.get(PolicyArn) ?? 0) + 1);
    return out;
  }

  private boundary(): object | undefined {
    if (this.boundaries.length === 0) return undefined;
    const policy = this.policies[this.r.pick(this.boundaries)] as PlannedPolicy;
    const arn = this.customerArn(policy);
    this.boundaryUses.set(arn, (this.boundaryUses.get(arn) ?? 0) + 1);
    return { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn };
  }

  private customerArn(policy: PlannedPolicy): string {
    return `arn:aws:iam::${this.account}:policy${policy.path}${policy.name}`;
  }

  private inlinePolicies(scope: Scope, count: number, prefix: string): unknown[] {
    const names = new Set<string>();
    const out: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const service = this.r.pick(scope.services);
      out.push({
        PolicyName: unique(
          names,
          `${prefix}${scope.app}-${service}-${this.r.pick(['inline', 'access', 'extra', 'temp'])}`,
        ),
        PolicyDocument: this.document(scope, this.r.int(1, 5)),
      });
    }
    return out;
  }

  /** The AWS managed policies attached so far, by name, sorted. */
  attachedAwsPolicies(): string[] {
    return Object.keys(AWS_POLICIES)
      .filter((n) => this.attachments.has(awsPolicyArn(n)))
      .sort();
  }

  awsPolicy(policyName: string): unknown {
    const policy = AWS_POLICIES[policyName] as AwsPolicy;
    const arn = awsPolicyArn(policyName);
    return {
      PolicyName: policyName,
      PolicyId: `ANPA${chars(createRandom(hash(policyName)), UPPER_ALNUM, 17)}`,
      Arn: arn,
      Path: policy.path,
      DefaultVersionId: policy.version,
      AttachmentCount: this.attachments.get(arn) ?? 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: policy.created,
      UpdateDate: policy.updated,
      PolicyVersionList: [
        {
          Document: { Version: '2012-10-17', Statement: policy.statements },
          VersionId: policy.version,
          IsDefaultVersion: true,
          CreateDate: policy.updated,
        },
      ],
    };
  }

  customerPolicy(index: number): unknown {
    const r = this.r;
    const policy = this.policies[index] as PlannedPolicy;
    const arn = this.customerArn(policy);
    const scope = this.scope(policy.app);
    const statements = policy.boundary
      ? this.boundaryStatements(scope)
      : this.document(scope, r.int(3, 11)).Statement;
    const versionCount = r.pick([1, 1, 1, 2, 2, 3, 4, 5]);
    const defaultIndex = r.chance(0.85) ? versionCount - 1 : r.int(0, versionCount - 1);
    const first = r.int(0, 200);
    const dates: string[] = [];
    for (let v = 0; v < versionCount; v++) dates.push(date2026(r, first + v * 20, first + v * 20 + 19));
    const versions = [];
    for (let v = versionCount - 1; v >= 0; v--) {
      const kept = Math.max(1, Math.ceil((statements.length * (v + 1)) / versionCount));
      versions.push({
        Document: { Version: '2012-10-17', Statement: statements.slice(0, kept) },
        VersionId: `v${v + 1}`,
        IsDefaultVersion: v === defaultIndex,
        CreateDate: dates[v],
      });
    }
    return {
      PolicyName: policy.name,
      PolicyId: iamId(r, 'ANPA'),
      Arn: arn,
      Path: policy.path,
      DefaultVersionId: `v${defaultIndex + 1}`,
      AttachmentCount: this.attachments.get(arn) ?? 0,
      PermissionsBoundaryUsageCount: this.boundaryUses.get(arn) ?? 0,
      IsAttachable: true,
      CreateDate: dates[0],
      UpdateDate: dates[versionCount - 1],
      PolicyVersionList: versions,
    };
  }

  private boundaryStatements(scope: Scope): Statement[] {
    const r = this.r;
    const services = r.sample(SERVICE_NAMES, r.int(6, 12)).filter((s) => s !== 'iam');
    return [
      { Sid: 'AllowWorkloadServices', ...allow(services.sort().map((s) => `${s}:*`)) },
      {
        Sid: 'DenyIdentityChanges',
        Effect: 'Deny',
        Action: [
          'iam:CreateUser',
          'iam:CreateAccessKey',
          'iam:PutRolePolicy',
          'iam:AttachRolePolicy',
          'iam:DeleteRolePermissionsBoundary',
          'iam:PutRolePermissionsBoundary',
          'organizations:*',
          'account:*',
        ],
        Resource: '*',
      },
      {
        Sid: 'DenyOutsideRegions',
        Effect: 'Deny',
        NotAction: ['iam:*', 'sts:*', 'cloudfront:*', 'route53:*', 'support:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [scope.region, 'us-east-1'] } },
      },
    ];
  }

  // ----- statements

  private scope(app: App, env: string = this.r.pick(ENVS)): Scope {
    return { account: this.account, region: app.region, app: app.name, env, services: app.services };
  }

  private document(scope: Scope, statements: number): PolicyDocument {
    const services = scope.services;
    const out: Statement[] = [];
    for (let i = 0; i < statements; i++) out.push(this.statement(scope, this.r.pick(services)));
    return { Version: '2012-10-17', Statement: out };
  }

  private statement(scope: Scope, service: string): Statement {
    const r = this.r;
    const kit = SERVICES[service] as ServiceKit;
    const write = r.chance(0.45);
    let actions: string[];
    if (r.chance(0.15)) actions = [r.pick(kit.wildcards)];
    else {
      const pool = write ? [...kit.read, ...kit.write] : kit.read;
      actions = r.sample(pool, r.int(1, Math.min(pool.length, 6)));
    }
    const deny = r.chance(0.05);
    const resources = kit.resources(scope, r);
    const statement: Statement = { Effect: deny ? 'Deny' : 'Allow' };
    if (r.chance(0.5)) statement.Sid = `${pascal(service)}${write ? 'Write' : 'Read'}${pascal(scope.env)}`;
    statement.Action = actions.length === 1 ? (actions[0] as string) : actions;
    statement.Resource =
      resources.length === 0 || r.chance(0.08)
        ? '*'
        : resources.length === 1
          ? (resources[0] as string)
          : resources;
    if (deny || r.chance(0.25)) {
      const pool = kit.conditions !== undefined && r.chance(0.5) ? kit.conditions : GLOBAL_CONDITIONS;
      statement.Condition = r.pick(pool)(scope);
    }
    return statement;
  }

  // ----- tags

  private tags(app: App, owner: string | undefined, env?: string): Tag[] {
    const r = this.r;
    const tags: Tag[] = [
      { Key: 'app', Value: app.name },
      { Key: 'team', Value: app.team },
      { Key: 'owner', Value: owner ?? `${app.team}-leads@${DOMAIN}` },
    ];
    if (env !== undefined || r.chance(0.5)) tags.push({ Key: 'env', Value: env ?? r.pick(ENVS) });
    if (r.chance(0.3)) tags.push({ Key: 'cost-center', Value: `cc-${r.int(1000, 9999)}` });
    if (r.chance(0.2))
      tags.push({ Key: 'managed-by', Value: r.pick(['terraform', 'cdk', 'cloudformation']) });
    return tags;
  }
}

function awsPolicyArn(policyName: string): string {
  return `arn:aws:iam::aws:policy${(AWS_POLICIES[policyName] as AwsPolicy).path}${policyName}`;
}

/** The names of the AWS managed policies the generator knows, with their documents (for tests). */
export function awsManagedPolicyNames(): string[] {
  return Object.keys(AWS_POLICIES).sort();
}

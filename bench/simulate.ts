import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildRequest,
  type CompiledOrgLevel,
  type CompiledPolicy,
  compilePolicyDocument,
  type Decision,
  type EvaluationRequest,
  evaluateRequest,
  loadCatalog,
  type PolicySet,
  type RequestInput,
} from '@accessloop/core';
import { type MeasuredRun, runMeasured } from './lib/child-process.js';
import { createRandom, type Random } from './lib/random.js';
import { type BenchmarkRow, emitReport, formatCount, peakRssMb, progress } from './lib/result.js';

const seed = 0x5eed2024;
const requestCount = 100_000;
// BENCH_RUNS=N times N runs instead of 3 (for A/B comparisons on a busy machine).
const timedRuns = Number(process.env.BENCH_RUNS ?? 3);
const root = resolve(fileURLToPath(import.meta.url), '../../..');
const cliMain = join(root, 'packages/cli/dist/main.js');

// ---------------------------------------------------------------------------------------------
// The organisation

/** A statement as the generator writes it (IAM JSON wire names). */
interface StatementDoc {
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

interface PolicyDoc {
  readonly Version: '2012-10-17';
  readonly Statement: StatementDoc[];
}

interface NamedDoc {
  readonly name: string;
  readonly policy: PolicyDoc;
}

interface OrgLevelDoc {
  readonly orgIdentifier: string;
  readonly policies: NamedDoc[];
}

const orgId = 'o-a1b2c3d4e5';
const managementAccount = '999999999999';
const region = 'us-east-1';
const apps = ['orders', 'payments', 'search', 'catalog', 'billing', 'auth', 'reports', 'ingest'] as const;
const teams = ['commerce', 'platform', 'data', 'identity'] as const;
type App = (typeof apps)[number];

/** A member account and the organization levels above it, root first. */
interface AccountModel {
  readonly id: string;
  readonly scps: OrgLevelDoc[];
}

/** A kind of resource: what it is called, what can be done to it, and how policies name it. */
interface ResourceKind {
  readonly kind: string;
  readonly service: string;
  /** Actions on this kind of resource, spelled as AWS does. */
  readonly actions: readonly string[];
  /** The wildcards policies write for these actions. */
  readonly wildcards: readonly string[];
  /** The resource a request names. */
  readonly arn: (account: string, app: App, random: Random) => string;
  /** How policies name the resource: exact or per-app pattern first, then broader patterns. */
  readonly patterns: (account: string, app: App) => readonly string[];
  /** Resources sharing one resource-based policy (a bucket's objects and the bucket). */
  readonly policyGroup: string;
  /** The share of resources of this kind that have a resource-based policy. */
  readonly policyShare: number;
}

const keyId = (account: string, app: App) =>
  `${account.slice(0, 8)}-${apps.indexOf(app).toString().padStart(4, '0')}-4abc-9def-${account}`;

const kinds: readonly ResourceKind[] = [
  {
    kind: 'object',
    service: 's3',
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectTagging'],
    wildcards: ['s3:Get*', 's3:*', 's3:*Object'],
    arn: (account, app, random) => `arn:aws:s3:::${app}-${account}/data/${random.int(1, 5000)}.json`,
    patterns: (account, app) => [
      `arn:aws:s3:::${app}-${account}/*`,
      `arn:aws:s3:::${app}-*/*`,
      'arn:aws:s3:::*/*',
    ],
    policyGroup: 'bucket',
    policyShare: 0.5,
  },
  {
    kind: 'bucket',
    service: 's3',
    actions: ['s3:ListBucket', 's3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:GetBucketLocation'],
    wildcards: ['s3:Get*', 's3:*', 's3:List*'],
    arn: (account, app) => `arn:aws:s3:::${app}-${account}`,
    patterns: (account, app) => [`arn:aws:s3:::${app}-${account}`, `arn:aws:s3:::${app}-*`, 'arn:aws:s3:::*'],
    policyGroup: 'bucket',
    policyShare: 0.5,
  },
  {
    kind: 'table',
    service: 'dynamodb',
    actions: [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:DescribeTable',
    ],
    wildcards: ['dynamodb:*', 'dynamodb:Get*', 'dynamodb:Describe*', 'dynamodb:*Item'],
    arn: (account, app) => `arn:aws:dynamodb:${region}:${account}:table/${app}`,
    patterns: (account, app) => [
      `arn:aws:dynamodb:${region}:${account}:table/${app}`,
      `arn:aws:dynamodb:*:${account}:table/${app}*`,
      `arn:aws:dynamodb:${region}:${account}:table/*`,
    ],
    policyGroup: 'table',
    policyShare: 0.1,
  },
  {
    kind: 'queue',
    service: 'sqs',
    actions: [
      'sqs:SendMessage',
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:ChangeMessageVisibility',
    ],
    wildcards: ['sqs:*', 'sqs:Get*', 'sqs:*Message'],
    arn: (account, app) => `arn:aws:sqs:${region}:${account}:${app}-events`,
    patterns: (account, app) => [
      `arn:aws:sqs:${region}:${account}:${app}-events`,
      `arn:aws:sqs:*:${account}:${app}-*`,
      `arn:aws:sqs:${region}:${account}:*`,
    ],
    policyGroup: 'queue',
    policyShare: 0.4,
  },
  {
    kind: 'topic',
    service: 'sns',
    actions: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes'],
    wildcards: ['sns:*', 'sns:Get*'],
    arn: (account, app) => `arn:aws:sns:${region}:${account}:${app}-alerts`,
    patterns: (account, app) => [
      `arn:aws:sns:${region}:${account}:${app}-alerts`,
      `arn:aws:sns:*:${account}:*`,
    ],
    policyGroup: 'topic',
    policyShare: 0.4,
  },
  {
    kind: 'key',
    service: 'kms',
    actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ReEncryptFrom'],
    wildcards: ['kms:*', 'kms:Describe*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
    arn: (account, app) => `arn:aws:kms:${region}:${account}:key/${keyId(account, app)}`,
    patterns: (account, app) => [
      `arn:aws:kms:${region}:${account}:key/${keyId(account, app)}`,
      `arn:aws:kms:*:${account}:key/*`,
    ],
    policyGroup: 'key',
    policyShare: 1,
  },
  {
    kind: 'function',
    service: 'lambda',
    actions: ['lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:UpdateFunctionCode'],
    wildcards: ['lambda:*', 'lambda:Get*', 'lambda:Invoke*'],
    arn: (account, app) => `arn:aws:lambda:${region}:${account}:function:${app}-api`,
    patterns: (account, app) => [
      `arn:aws:lambda:${region}:${account}:function:${app}-*`,
      `arn:aws:lambda:*:${account}:function:*`,
    ],
    policyGroup: 'function',
    policyShare: 0.3,
  },
  {
    kind: 'secret',
    service: 'secretsmanager',
    actions: [
      'secretsmanager:GetSecretValue',
      'secretsmanager:DescribeSecret',
      'secretsmanager:PutSecretValue',
    ],
    wildcards: ['secretsmanager:*', 'secretsmanager:Get*', 'secretsmanager:Describe*'],
    arn: (account, app) => `arn:aws:secretsmanager:${region}:${account}:secret:${app}/db-a1B2c3`,
    patterns: (account, app) => [
      `arn:aws:secretsmanager:${region}:${account}:secret:${app}/*`,
      `arn:aws:secretsmanager:*:${account}:secret:*`,
    ],
    policyGroup: 'secret',
    policyShare: 0.3,
  },
  {
    kind: 'log-group',
    service: 'logs',
    actions: ['logs:PutLogEvents', 'logs:CreateLogStream', 'logs:GetLogEvents'],
    wildcards: ['logs:*', 'logs:Get*', 'logs:Create*'],
    arn: (account, app, random) =>
      `arn:aws:logs:${region}:${account}:log-group:/app/${app}:log-stream:web-${random.int(1, 20)}`,
    patterns: (account, app) => [
      `arn:aws:logs:${region}:${account}:log-group:/app/${app}:*`,
      `arn:aws:logs:*:${account}:log-group:*`,
    ],
    policyGroup: 'log-group',
    policyShare: 0,
  },
  {
    kind: 'role',
    service: 'iam',
    actions: ['iam:PassRole', 'iam:GetRole'],
    wildcards: ['iam:Get*', 'iam:*'],
    arn: (account, app) => `arn:aws:iam::${account}:role/${app}-app`,
    patterns: (account, app) => [
      `arn:aws:iam::${account}:role/${app}-app`,
      `arn:aws:iam::${account}:role/${app}-*`,
      `arn:aws:iam::${account}:role/*`,
    ],
    policyGroup: 'role',
    policyShare: 0,
  },
  {
    kind: 'trust',
    service: 'sts',
    actions: ['sts:AssumeRole', 'sts:TagSession'],
    wildcards: ['sts:*', 'sts:Assume*'],
    arn: (account, app) => `arn:aws:iam::${account}:role/${app}-app`,
    patterns: (account, app) => [`arn:aws:iam::${account}:role/${app}-app`, `arn:aws:iam::${account}:role/*`],
    policyGroup: 'trust',
    policyShare: 1,
  },
  {
    kind: 'instance',
    service: 'ec2',
    actions: ['ec2:DescribeInstances', 'ec2:DescribeVpcs', 'ec2:TerminateInstances'],
    wildcards: ['ec2:Describe*', 'ec2:*'],
    arn: (account, _app, random) =>
      `arn:aws:ec2:${region}:${account}:instance/i-0${random.int(100000, 999999)}abc`,
    patterns: (account) => [`arn:aws:ec2:${region}:${account}:instance/*`, '*'],
    policyGroup: 'instance',
    policyShare: 0,
  },
];

const doc = (...statements: StatementDoc[]): PolicyDoc => ({ Version: '2012-10-17', Statement: statements });
const fullAwsAccess: NamedDoc = {
  name: 'FullAWSAccess',
  policy: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
};

/** Root, OUs and accounts: two or three SCP levels for each member account, as most organisations have. */
function organization(): { accounts: AccountModel[]; rcps: OrgLevelDoc[] } {
  const rootScps: NamedDoc[] = [
    fullAwsAccess,
    {
      name: 'deny-unused-regions',
      policy: doc(
        {
          Effect: 'Deny',
          NotAction: ['iam:*', 'sts:*', 'organizations:*', 'support:*', 'cloudfront:*', 'route53:*'],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
        },
        { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
        { Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' },
      ),
    },
  ];
  const prodScps: NamedDoc[] = [
    fullAwsAccess,
    {
      name: 'protect-prod',
      policy: doc(
        {
          Effect: 'Deny',
          Action: ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 's3:DeleteBucket'],
          Resource: '*',
        },
        { Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey'], Resource: '*' },
        {
          Effect: 'Deny',
          Action: ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } },
        },
      ),
    },
  ];
  const paymentsScps: NamedDoc[] = [
    fullAwsAccess,
    {
      name: 'payments-mfa',
      policy: doc({
        Effect: 'Deny',
        Action: ['secretsmanager:PutSecretValue', 'dynamodb:DeleteItem', 'dynamodb:Scan'],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
    },
  ];
  const devScps: NamedDoc[] = [
    {
      name: 'dev-allow-list',
      policy: doc({
        Effect: 'Allow',
        Action: [
          's3:*',
          'dynamodb:*',
          'sqs:*',
          'sns:*',
          'lambda:*',
          'logs:*',
          'kms:*',
          'secretsmanager:*',
          'ec2:*',
          'iam:Get*',
          'iam:PassRole',
          'sts:*',
        ],
        Resource: '*',
      }),
    },
  ];
  const devAccountScps: NamedDoc[] = [
    fullAwsAccess,
    {
      name: 'no-terminate-without-mfa',
      policy: doc({
        Effect: 'Deny',
        Action: 'ec2:TerminateInstances',
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      }),
    },
  ];
  const level = (orgIdentifier: string, policies: NamedDoc[]): OrgLevelDoc => ({ orgIdentifier, policies });
  const rootLevel = level('r-a1b2', rootScps);
  const prodLevel = level('ou-a1b2-prod0001', prodScps);
  const accounts: AccountModel[] = [
    { id: '111111111111', scps: [rootLevel, prodLevel] },
    { id: '222222222222', scps: [rootLevel, prodLevel, level('ou-a1b2-paym0001', paymentsScps)] },
    {
      id: '333333333333',
      scps: [rootLevel, level('ou-a1b2-dev00001', devScps), level('333333333333', devAccountScps)],
    },
  ];
  const dataServices = ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:AssumeRole'];
  const rcps: OrgLevelDoc[] = [
    level('r-a1b2', [
      {
        name: 'enforce-tls',
        policy: doc({
          Effect: 'Deny',
          Principal: '*',
          Action: dataServices,
          Resource: '*',
          Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
        }),
      },
      {
        name: 'org-perimeter',
        policy: doc({
          Effect: 'Deny',
          Principal: '*',
          Action: dataServices,
          Resource: '*',
          Condition: {
            StringNotEqualsIfExists: { 'aws:PrincipalOrgID': orgId },
            BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
          },
        }),
      },
    ]),
  ];
  return { accounts, rcps };
}

// ---------------------------------------------------------------------------------------------
// Principals and their policies

interface PrincipalModel {
  /** The ARN a request names: a role session or a user. */
  readonly arn: string;
  readonly account: AccountModel;
  readonly isUser: boolean;
  readonly team: string;
  /** The apps whose resources the principal works with, its own first. */
  readonly apps: readonly App[];
  readonly identity: NamedDoc[];
  readonly boundary: NamedDoc | undefined;
}

/** Condition blocks of the kinds real policies carry, over keys the requests provide. */
function condition(random: Random, team: string, app: App): NonNullable<StatementDoc['Condition']> {
  const options: (() => NonNullable<StatementDoc['Condition']>)[] = [
    () => ({ StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } }),
    () => ({ Bool: { 'aws:SecureTransport': 'true' } }),
    () => ({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }),
    () => ({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }),
    () => ({ NotIpAddress: { 'aws:SourceIp': '198.51.100.0/24' } }),
    () => ({ StringEquals: { 'aws:PrincipalTag/team': team } }),
    () => ({ StringLike: { 'aws:ResourceTag/app': `${app}*` } }),
    () => ({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }),
    () => ({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env', 'team'] } }),
    () => ({ StringEquals: { 'aws:PrincipalOrgID': orgId } }),
    () => ({ DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } }),
    () => ({ StringEqualsIfExists: { 'aws:SourceAccount': '111111111111' } }),
  ];
  const block: NonNullable<StatementDoc['Condition']> = {};
  for (const make of random.sample(options, random.int(1, 2))) {
    for (const [operator, entries] of Object.entries(make()))
      block[operator] = { ...block[operator], ...entries };
  }
  return block;
}

/** A single value or an array, as policies in the wild write them. */
const oneOrMany = (values: string[]): string | string[] =>
  values.length === 1 ? (values[0] as string) : values;

/** One identity-policy statement about a resource kind of one of the principal's apps. */
function identityStatement(
  random: Random,
  principal: Omit<PrincipalModel, 'identity' | 'boundary'>,
): StatementDoc {
  const kind = random.pick(kinds);
  const app = random.chance(0.7) ? (principal.apps[0] as App) : random.pick(principal.apps);
  const account = principal.account.id;
  const statement: StatementDoc = { Effect: random.chance(0.04) ? 'Deny' : 'Allow' };
  const roll = random.next();
  if (roll < 0.03) {
    // The classic "power user": everything but IAM and Organizations.
    statement.NotAction = ['iam:*', 'organizations:*'];
  } else if (roll < 0.05) {
    statement.Action = '*';
  } else if (roll < 0.35) {
    statement.Action = oneOrMany(random.sample(kind.wildcards, random.int(1, 2)));
  } else {
    statement.Action = oneOrMany(random.sample(kind.actions, random.int(1, 4)));
  }
  const patterns = kind.patterns(account, app);
  const resourceRoll = random.next();
  if (resourceRoll < 0.15 || statement.NotAction || statement.Action === '*') statement.Resource = '*';
  else if (resourceRoll < 0.17) statement.NotResource = patterns[0] as string;
  else if (resourceRoll < 0.75) statement.Resource = patterns[0] as string;
  else statement.Resource = oneOrMany(random.sample(patterns, random.int(1, 2)));
  if (random.chance(0.3)) statement.Condition = condition(random, principal.team, app);
  return statement;
}

/** The boundary platform teams attach to delegated roles: data services yes, IAM writes no. */
function boundaryDoc(random: Random, account: string): PolicyDoc {
  const statements: StatementDoc[] = [
    {
      Effect: 'Allow',
      Action: random.sample(
        [
          's3:*',
          'dynamodb:*',
          'sqs:*',
          'sns:*',
          'kms:*',
          'lambda:*',
          'logs:*',
          'secretsmanager:*',
          'ec2:Describe*',
        ],
        random.int(5, 9),
      ),
      Resource: '*',
    },
    { Effect: 'Allow', Action: ['iam:PassRole', 'iam:GetRole'], Resource: `arn:aws:iam::${account}:role/*` },
    { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
    { Effect: 'Deny', Action: ['iam:Create*', 'iam:Attach*', 'iam:Put*', 'iam:Delete*'], Resource: '*' },
  ];
  if (random.chance(0.5)) {
    statements.push({
      Effect: 'Deny',
      Action: ['s3:PutBucketPolicy', 'kms:PutKeyPolicy'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } },
    });
  }
  return doc(...statements);
}

function principals(random: Random, accounts: readonly AccountModel[], perAccount: number): PrincipalModel[] {
  const result: PrincipalModel[] = [];
  for (const account of accounts) {
    for (let i = 0; i < perAccount; i++) {
      const isUser = random.chance(0.25);
      const home = random.pick(apps);
      const base = {
        arn: isUser
          ? `arn:aws:iam::${account.id}:user/dev-${i}`
          : `arn:aws:sts::${account.id}:assumed-role/${home}-role-${i}/session-${i}`,
        account,
        isUser,
        team: random.pick(teams),
        apps: [home, ...random.sample(apps, random.int(0, 2)).filter((a) => a !== home)],
      };
      const name = isUser ? `dev-${i}` : `${home}-role-${i}`;
      const policyCount = random.int(2, 5);
      const statementCount = random.int(10, 50);
      const sizes = Array.from({ length: policyCount }, () => 1);
      for (let s = policyCount; s < statementCount; s++) {
        const at = random.int(0, policyCount - 1);
        sizes[at] = (sizes[at] ?? 0) + 1;
      }
      const identity = sizes.map((size, p) => ({
        name: `${name}-policy-${p}`,
        policy: doc(...Array.from({ length: size }, () => identityStatement(random, base))),
      }));
      const boundary = random.chance(0.3)
        ? { name: `${account.id}-delegated-boundary-${i}`, policy: boundaryDoc(random, account.id) }
        : undefined;
      result.push({ ...base, identity, boundary });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Resource-based policies

/** The role ARN of an app's role, which resource policies name. */
const appRole = (account: string, app: App) => `arn:aws:iam::${account}:role/${app}-app`;

/** A resource-based policy for one resource of an app, of the shape the service's users write. */
function resourcePolicy(
  random: Random,
  kind: ResourceKind,
  account: string,
  app: App,
  others: string[],
): PolicyDoc {
  const other = random.pick(others);
  const own = kind.patterns(account, app)[0] as string;
  switch (kind.policyGroup) {
    case 'bucket': {
      const bucket = `arn:aws:s3:::${app}-${account}`;
      return doc(
        {
          Effect: 'Allow',
          Principal: { AWS: appRole(account, app) },
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: `${bucket}/*`,
        },
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${other}:root` },
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: [bucket, `${bucket}/*`],
        },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [bucket, `${bucket}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      );
    }
    case 'key':
      return doc(
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${account}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Principal: { AWS: [appRole(account, app), appRole(other, app)] },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          Resource: '*',
        },
      );
    case 'trust':
      return doc(
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        {
          Effect: 'Allow',
          Principal: { AWS: [`arn:aws:iam::${account}:root`, `arn:aws:iam::${other}:role/${app}-deploy`] },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          ...(random.chance(0.5) ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': orgId } } } : {}),
        },
      );
    case 'secret':
      return doc(
        {
          Effect: 'Allow',
          Principal: { AWS: appRole(account, app) },
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
        },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
          Condition: {
            ArnNotLike: {
              'aws:PrincipalArn': [appRole(account, app), `arn:aws:iam::${account}:role/admin-*`],
            },
          },
        },
      );
    default:
      return doc({
        Effect: 'Allow',
        Principal: { AWS: [`arn:aws:iam::${other}:root`, appRole(account, app)] },
        Action: random.sample(kind.actions, random.int(1, 3)),
        Resource: own,
      });
  }
}

/** Resource policies by `group/account/app`, for the resources that have one. */
function resourcePolicies(random: Random, accounts: readonly AccountModel[]): Map<string, NamedDoc> {
  const result = new Map<string, NamedDoc>();
  const ids = accounts.map((a) => a.id);
  for (const account of ids) {
    for (const app of apps) {
      for (const kind of kinds) {
        const key = `${kind.policyGroup}/${account}/${app}`;
        if (result.has(key) || !random.chance(kind.policyShare)) continue;
        const others = ids.filter((id) => id !== account);
        result.set(key, { name: key, policy: resourcePolicy(random, kind, account, app, others) });
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Requests

interface GeneratedRequest {
  readonly input: RequestInput;
  readonly principal: PrincipalModel;
  readonly resourceAccount: AccountModel;
  readonly resourcePolicy: NamedDoc | undefined;
}

function requests(
  random: Random,
  all: readonly PrincipalModel[],
  accounts: readonly AccountModel[],
  policies: ReadonlyMap<string, NamedDoc>,
  count: number,
): GeneratedRequest[] {
  const result: GeneratedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const principal = random.pick(all);
    const where = random.next();
    const resourceAccount = where < 0.85 ? principal.account : random.pick(accounts);
    const app = where < 0.65 ? random.pick(principal.apps) : random.pick(apps);
    const kind = random.pick(kinds);
    const action = random.pick(kind.actions);
    const context: Record<string, string | string[]> = {
      'aws:SourceIp': random.chance(0.8)
        ? `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`
        : random.chance(0.75)
          ? `203.0.113.${random.int(1, 254)}`
          : '198.51.100.9',
      'aws:RequestedRegion': random.chance(0.7)
        ? 'us-east-1'
        : random.chance(0.66)
          ? 'eu-west-1'
          : 'ap-southeast-2',
      'aws:SecureTransport': random.chance(0.97) ? 'true' : 'false',
      'aws:CurrentTime': '2025-06-01T12:00:00Z',
      'aws:PrincipalOrgID': orgId,
    };
    if (principal.isUser || random.chance(0.3)) {
      const mfa = random.chance(0.6);
      context['aws:MultiFactorAuthPresent'] = String(mfa);
      if (mfa) context['aws:MultiFactorAuthAge'] = String(random.int(30, 7200));
    }
    if (!principal.isUser) context['aws:PrincipalTag/team'] = principal.team;
    if (random.chance(0.7)) context['aws:ResourceTag/app'] = app;
    if (random.chance(0.2))
      context['aws:TagKeys'] = random.sample(['env', 'team', 'owner', 'cost-center'], 2);
    const resource = kind.arn(resourceAccount.id, app, random);
    const input: RequestInput = {
      principal: principal.arn,
      action,
      resource,
      // S3 ARNs carry no account: name the bucket owner.
      ...(kind.service === 's3' ? { resourceAccount: resourceAccount.id } : {}),
      context,
    };
    const resourcePolicy = policies.get(`${kind.policyGroup}/${resourceAccount.id}/${app}`);
    result.push({ input, principal, resourceAccount, resourcePolicy });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** Compiles each distinct document once, keyed by the document object. */
function compileAll(docs: readonly NamedDoc[]): Map<PolicyDoc, CompiledPolicy> {
  const compiled = new Map<PolicyDoc, CompiledPolicy>();
  for (const { name, policy } of docs) {
    if (compiled.has(policy)) continue;
    const result = compilePolicyDocument(name, policy);
    if (!result.ok) {
      throw new Error(`generated policy ${name} does not compile: ${JSON.stringify(result.diagnostics[0])}`);
    }
    compiled.set(policy, result.value);
  }
  return compiled;
}

function milliseconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `accessloop simulate --requests FILE` with stdout to `outFile`; wall time and peak RSS. */
async function runCli(file: string, outFile: string): Promise<MeasuredRun> {
  const out = openSync(outFile, 'w');
  try {
    const run = await runMeasured([cliMain, 'simulate', '--requests', file], { stdout: out });
    if (run.code !== 0) progress(run.stderr.trim());
    return run;
  } finally {
    closeSync(out);
  }
}

/** Writes the batch as JSON Lines, one simulate input per line, reusing each policy's JSON text. */
function writeBatch(file: string, batch: readonly GeneratedRequest[], rcps: readonly OrgLevelDoc[]): void {
  const principalJson = new Map<PrincipalModel, string>();
  const accountJson = new Map<AccountModel, string>();
  const rcpJson = JSON.stringify(rcps);
  const fd = openSync(file, 'w');
  let chunk = '';
  try {
    for (const { input, principal, resourcePolicy } of batch) {
      let identity = principalJson.get(principal);
      if (identity === undefined) {
        identity = `"identityPolicies":${JSON.stringify(principal.identity)},"permissionBoundaries":${JSON.stringify(principal.boundary ? [principal.boundary] : [])}`;
        principalJson.set(principal, identity);
      }
      let scps = accountJson.get(principal.account);
      if (scps === undefined) {
        scps = `"scps":${JSON.stringify(principal.account.scps)}`;
        accountJson.set(principal.account, scps);
      }
      const resource = resourcePolicy ? `,"resourcePolicy":${JSON.stringify(resourcePolicy.policy)}` : '';
      chunk += `{"request":${JSON.stringify(input)},${identity},${scps},"rcps":${rcpJson}${resource},"managementAccountId":"${managementAccount}"}\n`;
      if (chunk.length > 1 << 22) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/** The decisions of the CLI's output lines, in order; errors as `error`. */
function readDecisions(outFile: string): string[] {
  return readFileSync(outFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const parsed = JSON.parse(line) as { decision?: string };
      return parsed.decision ?? 'error';
    });
}

const percent = (n: number, total: number) => `${((100 * n) / total).toFixed(1)}%`;

async function main(): Promise<void> {
  const random = createRandom(seed);
  const org = organization();
  const everyone = principals(random, org.accounts, 100);
  const byResource = resourcePolicies(random, org.accounts);
  const batch = requests(random, everyone, org.accounts, byResource, requestCount);

  const catalog = await loadCatalog();
  for (const kind of kinds) {
    for (const action of kind.actions) {
      if (!catalog.findAction(action))
        throw new Error(`the generator uses \`${action}\`, not in the catalog`);
    }
  }

  const docs: NamedDoc[] = [
    ...everyone.flatMap((p) => [...p.identity, ...(p.boundary ? [p.boundary] : [])]),
    ...org.accounts.flatMap((a) => a.scps.flatMap((level) => level.policies)),
    ...org.rcps.flatMap((level) => level.policies),
    ...byResource.values(),
  ];
  const distinct = new Set(docs.map((d) => d.policy));
  const statementCount = [...distinct].reduce((n, d) => n + d.Statement.length, 0);
  const identityStatements = everyone.map((p) =>
    p.identity.reduce((n, d) => n + d.policy.Statement.length, 0),
  );
  progress(
    `simulate: ${everyone.length} principals (${identityStatements.reduce((a, b) => a + b, 0)} identity statements, ` +
      `${everyone.filter((p) => p.boundary).length} with a boundary), ${byResource.size} resource policies, ` +
      `${distinct.size} distinct policies, ${statementCount} statements`,
  );

  // Compile every policy once.
  const compileStart = process.hrtime.bigint();
  const compiled = compileAll(docs);
  const compileMs = milliseconds(compileStart);
  const get = (d: NamedDoc) => compiled.get(d.policy) as CompiledPolicy;
  const levels = (list: readonly OrgLevelDoc[]): CompiledOrgLevel[] =>
    list.map((level) => ({ orgIdentifier: level.orgIdentifier, policies: level.policies.map(get) }));
  const scpsByAccount = new Map(org.accounts.map((a) => [a, levels(a.scps)]));
  const rcps = levels(org.rcps);
  const sets: PolicySet[] = batch.map(({ principal, resourcePolicy }) => ({
    identity: principal.identity.map(get),
    boundaries: principal.boundary ? [get(principal.boundary)] : [],
    scps: scpsByAccount.get(principal.account) ?? [],
    rcps,
    ...(resourcePolicy ? { resource: get(resourcePolicy) } : {}),
    managementAccountId: managementAccount,
  }));

  // Build the requests once.
  const buildStart = process.hrtime.bigint();
  const built: EvaluationRequest[] = batch.map(({ input }) => {
    const result = buildRequest(input);
    if (!result.ok)
      throw new Error(`generated request does not build: ${JSON.stringify(result.diagnostics[0])}`);
    return result.value;
  });
  const buildMs = milliseconds(buildStart);
  progress(`simulate: buildRequest ${formatCount((requestCount / buildMs) * 1000)} requests/s`);

  // Evaluate: a warm-up run, then the best of three.
  const options = { supportsRcp: (service: string) => catalog.supportsRcp(service) };
  // Keeps each decision and drops the rest of the result, as a streaming consumer (the CLI) does:
  // holding 100,000 full results would measure the garbage collector, not the engine.
  const evaluateBatch = (): Decision[] => {
    const decisions = new Array<Decision>(built.length);
    for (let i = 0; i < built.length; i++) {
      decisions[i] = evaluateRequest(sets[i] as PolicySet, built[i] as EvaluationRequest, options).decision;
    }
    return decisions;
  };
  const reference = evaluateBatch();
  const runs: number[] = [];
  // CPU time too: on a shared machine, wall time also counts the time other processes had the core.
  const cpuRuns: number[] = [];
  for (let run = 0; run < timedRuns; run++) {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    const results = evaluateBatch();
    runs.push(milliseconds(start));
    const cpu = process.cpuUsage(cpuStart);
    cpuRuns.push((cpu.user + cpu.system) / 1000);
    if (results.some((decision, i) => decision !== reference[i]))
      throw new Error('decisions differ between runs');
  }
  const bestMs = Math.min(...runs);
  const inProcessRss = peakRssMb();
  const tally = new Map<Decision, number>();
  for (const decision of reference) tally.set(decision, (tally.get(decision) ?? 0) + 1);
  const mix = (['Allowed', 'ExplicitlyDenied', 'ImplicitlyDenied'] as const)
    .map((d) => `${percent(tally.get(d) ?? 0, reference.length)} ${d}`)
    .join(', ');
  progress(
    `simulate: evaluateRequest runs ${runs.map((ms) => ms.toFixed(0)).join(' / ')} ms ` +
      `(CPU ${cpuRuns.map((ms) => ms.toFixed(0)).join(' / ')} ms); ` +
      `${formatCount((requestCount / bestMs) * 1000)} decisions/s; ${mix}`,
  );

  // BENCH_QUICK=1 stops here: the in-process rate is what engine work changes.
  if (process.env.BENCH_QUICK === '1') return;

  // End to end: the same batch through `accessloop simulate --requests`.
  const rows: BenchmarkRow[] = [
    {
      benchmark: 'compilePolicyDocument, every distinct policy once',
      inputSize: `${formatCount(distinct.size)} policies, ${formatCount(statementCount)} statements`,
      wallMs: compileMs,
      rate: `${formatCount((statementCount / compileMs) * 1000)} statements/s`,
      peakRssMb: inProcessRss,
    },
    {
      benchmark: 'buildRequest',
      inputSize: `${formatCount(requestCount)} requests`,
      wallMs: buildMs,
      rate: `${formatCount((requestCount / buildMs) * 1000)} requests/s`,
      peakRssMb: inProcessRss,
    },
    {
      benchmark: `evaluateRequest, in process, one core (best of ${timedRuns})`,
      inputSize: `${formatCount(requestCount)} requests`,
      wallMs: bestMs,
      rate: `${formatCount((requestCount / bestMs) * 1000)} decisions/s`,
      peakRssMb: inProcessRss,
    },
  ];
  const notes = [
    `Policy sets per request: ${statsLine(identityStatements)} identity statements in 2–5 policies; ` +
      `${everyone.filter((p) => p.boundary).length} of ${everyone.length} principals have a permissions boundary; ` +
      `2–3 SCP levels per account and two RCPs at the root; ` +
      `${percent(batch.filter((r) => r.resourcePolicy).length, requestCount)} of requests name a resource with a resource-based policy; ` +
      `${percent(batch.filter((r) => r.resourceAccount !== r.principal.account).length, requestCount)} are cross-account.`,
    `Decisions: ${mix}.`,
    `evaluateRequest runs (ms): ${runs.map((ms) => ms.toFixed(1)).join(', ')}, after one warm-up run; ` +
      'peak memory of the in-process rows is that of the whole benchmark process (generator, catalog, compiled policies, requests).',
  ];

  if (!existsSync(cliMain)) throw new Error(`${cliMain} is missing; run \`npm run build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'accessloop-bench-'));
  try {
    const file = join(dir, 'requests.jsonl');
    const outFile = join(dir, 'results.jsonl');
    writeBatch(file, batch, org.rcps);
    const size = statSync(file).size;
    progress(
      `simulate: wrote ${formatCount(requestCount)} lines, ${(size / 2 ** 20).toFixed(0)} MB; running the CLI`,
    );
    const cli = await runCli(file, outFile);
    if (cli.code !== 0) throw new Error(`accessloop simulate exited with ${cli.code}`);
    const decisions = readDecisions(outFile);
    const errors = decisions.filter((d) => d === 'error').length;
    const mismatches = decisions.filter((d, i) => d !== 'error' && d !== reference[i]).length;
    progress(
      `simulate: CLI ${(cli.wallMs / 1000).toFixed(1)} s, peak RSS ${cli.peakRssMb.toFixed(0)} MB, ` +
        `${errors} errors, ${mismatches} decisions differing from in-process`,
    );
    rows.push({
      benchmark: '`accessloop simulate --requests` (JSONL, end to end)',
      inputSize: `${formatCount(requestCount)} lines, ${(size / 2 ** 20).toFixed(0)} MB`,
      wallMs: cli.wallMs,
      rate: `${formatCount((requestCount / cli.wallMs) * 1000)} requests/s`,
      peakRssMb: cli.peakRssMb,
    });
    notes.push(
      `The CLI's ${formatCount(decisions.length)} result lines: ${errors} errors, ${mismatches} decisions that differ from evaluateRequest's. ` +
        'Its wall time includes process start, loading the service catalog, JSON parsing, policy compilation ' +
        '(cached by policy text) and writing the results.',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  emitReport({
    name: 'simulate',
    description:
      'The IAM evaluation engine on a generated organisation (seeded, deterministic): 3 member accounts, ' +
      '300 principals, realistic identity policies, boundaries, SCPs, RCPs and resource-based policies, ' +
      'and a batch of 100,000 requests across them.',
    rows,
    notes,
  });
}

/** `min–max (mean m)` of a list of counts. */
function statsLine(values: readonly number[]): string {
  const total = values.reduce((a, b) => a + b, 0);
  return `${Math.min(...values)}–${Math.max(...values)} (mean ${(total / values.length).toFixed(1)})`;
}

await main();

#!/usr/bin/env node
/**
 * Writes the training organisation under `examples/org/`: a snapshot folder in the layout of
 * SPEC §2, for the fictional retailer Northwind, with seven accounts, an OU tree, SCPs and an RCP,
 * about ninety roles, users and groups, resource policies, and the deliberate misconfigurations
 * that `examples/README.md` turns into a practice exercise.
 *
 *   node scripts/generate-example-org.mjs           rewrite examples/org/
 *   node scripts/generate-example-org.mjs --check   exit 1 when examples/org/ differs from what this script writes
 *
 * Everything is deterministic: ids, dates and key ids come from hashes of names, never from the
 * clock or a random generator, so running the script twice gives the same bytes. To extend the
 * organisation, add a role, user or resource in one of the `build*` functions and run it again;
 * ids of existing entities do not change.
 *
 * The files follow what AWS returns:
 * - `iam.json` is `aws iam get-account-authorization-details` as the AWS CLI v2 prints it (policy
 *   documents decoded to objects, pages merged);
 * - `organization.json` gathers DescribeOrganization, ListRoots, ListOrganizationalUnitsForParent,
 *   ListAccounts (+ ListTagsForResource) and DescribePolicy (+ ListTargetsForPolicy), `Content`
 *   being the JSON string the API returns;
 * - `credential-report.csv` is the decoded `aws iam get-credential-report`.
 *
 * AWS managed policies carry their real ids, versions and documents (as published on
 * 2026-02-12 for PowerUserAccess, earlier for the others).
 *
 * @see https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'examples', 'org');

// ---------------------------------------------------------------------------------------------
// The organisation's constants
// ---------------------------------------------------------------------------------------------

const COLLECTED_AT = '2026-11-16T07:42:10Z';
const REGION = 'eu-west-1';
const ORG_ID = 'o-a1b2c3d4e5';
const ROOT_ID = 'r-a1b2';
const GITHUB_ORG = 'northwind';
const DOMAIN = 'northwind.example';

const MANAGEMENT = '999988887777';
const SECURITY = '222233334444';
const ORDERS = '111122223333';
const PAYMENTS = '444455556666';
const STAGING = '777788889999';
const SHARED = '555566667777';
const SANDBOX = '666677778888';

/** Accounts outside the organisation that policies of the snapshot name. */
const OUTSIDE = {
  /** "Lumen Analytics", the BI vendor the reporting team shares exports with. */
  biVendor: '210987654321',
  /** "Skyline Observability", the SaaS monitoring vendor. */
  observabilityVendor: '384756102938',
  /** "Brightpath Build", a former CI contractor. */
  contractor: '310987654321',
  /** "Sentinel SIEM", the security event vendor (trusted with an external id). */
  siemVendor: '109876543210',
};

const OU = {
  security: 'ou-a1b2-sec5h1dq',
  infrastructure: 'ou-a1b2-inf7r2za',
  workloads: 'ou-a1b2-wk3l9d0a',
  prod: 'ou-a1b2-pr0d7x2m',
  nonProd: 'ou-a1b2-np3v8c1k',
  sandbox: 'ou-a1b2-sbx4q8vn',
};

const TEAMS = {
  checkout: { team: 'checkout', owner: `checkout-leads@${DOMAIN}` },
  payments: { team: 'payments', owner: `payments-leads@${DOMAIN}` },
  analytics: { team: 'analytics', owner: `analytics-leads@${DOMAIN}` },
  platform: { team: 'platform', owner: `platform-leads@${DOMAIN}` },
  security: { team: 'security', owner: `security@${DOMAIN}` },
  finance: { team: 'finance', owner: `finance-ops@${DOMAIN}` },
};

/** The `app`, `team`, `owner` and classification tags of an application's roles and resources. */
function appTags(app, team, classification, extra = {}) {
  return {
    app,
    team: TEAMS[team].team,
    owner: TEAMS[team].owner,
    'data-classification': classification,
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// Deterministic ids and dates
// ---------------------------------------------------------------------------------------------

function digest(seed) {
  return createHash('sha256').update(seed).digest();
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An IAM unique id: a four-letter prefix (AIDA, AGPA, AROA, ANPA, AIPA) and 17 base-32 characters. */
function iamId(prefix, seed) {
  const bytes = digest(`iam-id:${prefix}:${seed}`);
  let id = prefix;
  for (let i = 0; i < 17; i++) id += BASE32[(bytes[i] ?? 0) % 32];
  return id;
}

function hex(seed, length) {
  return digest(seed).toString('hex').slice(0, length);
}

/** A KMS key id (a version 4 UUID). */
function keyId(seed) {
  const h = hex(`kms:${seed}`, 32);
  const variant = '89ab'[Number.parseInt(h[16] ?? '0', 16) % 4];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The six random characters Secrets Manager appends to a secret's ARN. */
function secretSuffix(seed) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = digest(`secret:${seed}`);
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return suffix;
}

const COLLECTED = COLLECTED_AT.replace('Z', '+00:00');

/**
 * A timestamp on `day` whose time of day is derived from a seed, so that entities created on one
 * day do not share a second. It is never before `notBefore` (a user's password is changed after
 * the user is created) and never after the collection time.
 */
function at(day, seed, notBefore) {
  const bytes = digest(`time:${seed}`);
  const collectionDay = day === COLLECTED.slice(0, 10);
  const hh = String(collectionDay ? (bytes[0] ?? 0) % 7 : 7 + ((bytes[0] ?? 0) % 11)).padStart(2, '0');
  const mm = String((bytes[1] ?? 0) % 60).padStart(2, '0');
  const ss = String((bytes[2] ?? 0) % 60).padStart(2, '0');
  let time = `${day}T${hh}:${mm}:${ss}+00:00`;
  if (notBefore !== undefined && time <= notBefore) {
    const later = new Date(Date.parse(notBefore) + (60 + (bytes[3] ?? 0) * 14) * 1000);
    time = later.toISOString().replace(/\.\d{3}Z$/, '+00:00');
    if (time.slice(0, 10) !== day) throw new Error(`${seed}: ${day} is before ${notBefore}`);
  }
  if (time > COLLECTED) throw new Error(`${seed}: ${time} is after the collection time ${COLLECTED}`);
  return time;
}

// ---------------------------------------------------------------------------------------------
// Policy documents
// ---------------------------------------------------------------------------------------------

const V = '2012-10-17';

/** A policy document. */
function doc(...statements) {
  return { Version: V, Statement: statements };
}

function statement(effect, sid, action, resource, condition, key = 'Action', resourceKey = 'Resource') {
  return {
    ...(sid === undefined ? {} : { Sid: sid }),
    Effect: effect,
    [key]: action,
    [resourceKey]: resource,
    ...(condition === undefined ? {} : { Condition: condition }),
  };
}

const allow = (sid, action, resource, condition) => statement('Allow', sid, action, resource, condition);
const deny = (sid, action, resource, condition) => statement('Deny', sid, action, resource, condition);

/** A statement of a resource-based policy (trust policies included). */
function grant(effect, sid, principal, action, resource, condition) {
  return {
    ...(sid === undefined ? {} : { Sid: sid }),
    Effect: effect,
    Principal: principal,
    Action: action,
    ...(resource === undefined ? {} : { Resource: resource }),
    ...(condition === undefined ? {} : { Condition: condition }),
  };
}

/** A trust policy for an AWS service. */
function serviceTrust(service, condition) {
  return doc(grant('Allow', undefined, { Service: service }, 'sts:AssumeRole', undefined, condition));
}

/** A trust policy for AWS principals (accounts, roles). */
function awsTrust(principals, condition, sid) {
  return doc(grant('Allow', sid, { AWS: principals }, 'sts:AssumeRole', undefined, condition));
}

/** A trust policy for GitHub Actions through the account's OIDC provider. */
function githubTrust(account, subject) {
  const condition = { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } };
  if (subject !== undefined) condition.StringLike = { 'token.actions.githubusercontent.com:sub': subject };
  return doc(
    grant(
      'Allow',
      'GitHubActions',
      { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` },
      'sts:AssumeRoleWithWebIdentity',
      undefined,
      condition,
    ),
  );
}

const denyInsecureTransport = (bucketArn) =>
  grant('Deny', 'DenyInsecureTransport', '*', 's3:*', [bucketArn, `${bucketArn}/*`], {
    Bool: { 'aws:SecureTransport': 'false' },
  });

// ---------------------------------------------------------------------------------------------
// AWS managed policies: real ids, versions and documents
// ---------------------------------------------------------------------------------------------

/** @type {Record<string, {id: string, path: string, created: string, version: string, updated: string, document: object}>} */
const AWS_MANAGED = {
  AdministratorAccess: {
    id: 'ANPAIWMBCKSKIEE64ZLYK',
    path: '/',
    created: '2015-02-06T18:39:46+00:00',
    version: 'v1',
    updated: '2015-02-06T18:39:46+00:00',
    document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  },
  PowerUserAccess: {
    id: 'ANPAJYRXTHIB4FOVS3ZXS',
    path: '/',
    created: '2015-02-06T18:39:47+00:00',
    version: 'v12',
    updated: '2026-02-12T17:59:14+00:00',
    document: doc(
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: [
          'account:GetAccountInformation',
          'account:GetGovCloudAccountInformation',
          'account:GetPrimaryEmail',
          'account:ListRegions',
          'iam:CreateServiceLinkedRole',
          'iam:DeleteServiceLinkedRole',
          'iam:ListRoles',
          'organizations:DescribeEffectivePolicy',
          'organizations:DescribeOrganization',
        ],
        Resource: '*',
      },
    ),
  },
  AmazonS3ReadOnlyAccess: {
    id: 'ANPAIZTJ4DXE7G6AGAE6M',
    path: '/',
    created: '2015-02-06T18:40:59+00:00',
    version: 'v3',
    updated: '2023-08-10T21:31:39+00:00',
    document: doc({
      Effect: 'Allow',
      Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
      Resource: '*',
    }),
  },
  IAMUserChangePassword: {
    id: 'ANPAJ4L4MM2A7QIEB56MS',
    path: '/',
    created: '2016-11-15T00:25:16+00:00',
    version: 'v2',
    updated: '2016-11-15T23:18:55+00:00',
    document: doc(
      { Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: ['arn:aws:iam::*:user/${aws:username}'] },
      { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: '*' },
    ),
  },
  AmazonSSMManagedInstanceCore: {
    id: 'ANPAIXSHM2BNB2D3AXXRU',
    path: '/',
    created: '2019-03-15T17:22:12+00:00',
    version: 'v2',
    updated: '2019-05-23T16:54:21+00:00',
    document: doc(
      {
        Effect: 'Allow',
        Action: [
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
        ],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
        ],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: [
          'ec2messages:AcknowledgeMessage',
          'ec2messages:DeleteMessage',
          'ec2messages:FailMessage',
          'ec2messages:GetEndpoint',
          'ec2messages:GetMessages',
          'ec2messages:SendReply',
        ],
        Resource: '*',
      },
    ),
  },
  AWSLambdaBasicExecutionRole: {
    id: 'ANPAJNCQGXC42545SKXIK',
    path: '/service-role/',
    created: '2015-04-09T15:03:43+00:00',
    version: 'v1',
    updated: '2015-04-09T15:03:43+00:00',
    document: doc({
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
    }),
  },
  AmazonECSTaskExecutionRolePolicy: {
    id: 'ANPAJG4T4G4PV56DE72PY',
    path: '/service-role/',
    created: '2017-11-16T18:48:22+00:00',
    version: 'v1',
    updated: '2017-11-16T18:48:22+00:00',
    document: doc({
      Effect: 'Allow',
      Action: [
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchGetImage',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ],
      Resource: '*',
    }),
  },
  AWSOrganizationsServiceTrustPolicy: {
    id: 'ANPAIQH6ROMVVECFVRJPK',
    path: '/aws-service-role/',
    created: '2017-10-10T23:04:07+00:00',
    version: 'v2',
    updated: '2017-11-01T06:01:18+00:00',
    document: doc(
      {
        Sid: 'AllowDeletionOfServiceLinkedRoleForOrganizations',
        Effect: 'Allow',
        Action: ['iam:DeleteRole'],
        Resource: ['arn:aws:iam::*:role/aws-service-role/organizations.amazonaws.com/*'],
      },
      {
        Sid: 'AllowCreationOfServiceLinkedRoles',
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole'],
        Resource: '*',
      },
    ),
  },
  AWSSSOServiceRolePolicy: {
    id: 'ANPAIJ52KSWOD4GI54XP2',
    path: '/aws-service-role/',
    created: '2017-12-05T18:36:15+00:00',
    version: 'v18',
    updated: '2025-02-11T18:37:06+00:00',
    document: doc(
      {
        Sid: 'IAMRoleProvisioningActions',
        Effect: 'Allow',
        Action: [
          'iam:AttachRolePolicy',
          'iam:CreateRole',
          'iam:PutRolePolicy',
          'iam:UpdateRole',
          'iam:UpdateRoleDescription',
          'iam:UpdateAssumeRolePolicy',
          'iam:PutRolePermissionsBoundary',
          'iam:DeleteRolePermissionsBoundary',
        ],
        Resource: ['arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*'],
        Condition: { StringNotEquals: { 'aws:PrincipalOrgMasterAccountId': '${aws:PrincipalAccount}' } },
      },
      {
        Sid: 'IAMRoleReadActions',
        Effect: 'Allow',
        Action: ['iam:GetRole', 'iam:ListRoles'],
        Resource: ['*'],
      },
      {
        Sid: 'IAMRoleCleanupActions',
        Effect: 'Allow',
        Action: [
          'iam:DeleteRole',
          'iam:DeleteRolePolicy',
          'iam:DetachRolePolicy',
          'iam:ListRolePolicies',
          'iam:ListAttachedRolePolicies',
        ],
        Resource: ['arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*'],
      },
      {
        Sid: 'IAMSLRCleanupActions',
        Effect: 'Allow',
        Action: [
          'iam:DeleteServiceLinkedRole',
          'iam:GetServiceLinkedRoleDeletionStatus',
          'iam:DeleteRole',
          'iam:GetRole',
        ],
        Resource: ['arn:aws:iam::*:role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO'],
      },
      {
        Sid: 'IAMSAMLProviderCreationAction',
        Effect: 'Allow',
        Action: ['iam:CreateSAMLProvider'],
        Resource: ['arn:aws:iam::*:saml-provider/AWSSSO_*'],
        Condition: { StringNotEquals: { 'aws:PrincipalOrgMasterAccountId': '${aws:PrincipalAccount}' } },
      },
      {
        Sid: 'IAMSAMLProviderUpdateAction',
        Effect: 'Allow',
        Action: ['iam:UpdateSAMLProvider'],
        Resource: ['arn:aws:iam::*:saml-provider/AWSSSO_*'],
      },
      {
        Sid: 'IAMSAMLProviderCleanupActions',
        Effect: 'Allow',
        Action: ['iam:DeleteSAMLProvider', 'iam:GetSAMLProvider'],
        Resource: ['arn:aws:iam::*:saml-provider/AWSSSO_*'],
      },
      {
        Effect: 'Allow',
        Action: [
          'organizations:DescribeAccount',
          'organizations:DescribeOrganization',
          'organizations:ListAccounts',
          'organizations:ListDelegatedAdministrators',
          'organizations:ListAWSServiceAccessForOrganization',
        ],
        Resource: ['*'],
      },
      {
        Sid: 'AllowUnauthAppForDirectory',
        Effect: 'Allow',
        Action: ['ds:UnauthorizeApplication'],
        Resource: ['*'],
      },
      {
        Sid: 'AllowDescribeForDirectory',
        Effect: 'Allow',
        Action: ['ds:DescribeDirectories', 'ds:DescribeTrusts'],
        Resource: ['*'],
      },
      {
        Sid: 'AllowDescribeAndListOperationsOnIdentitySource',
        Effect: 'Allow',
        Action: [
          'identitystore:DescribeUser',
          'identitystore:DescribeGroup',
          'identitystore:ListGroups',
          'identitystore:ListUsers',
        ],
        Resource: ['*'],
      },
      {
        Sid: 'AllowDeleteSyncProfile',
        Effect: 'Allow',
        Action: ['identity-sync:DeleteSyncProfile'],
        Resource: ['arn:aws:identity-sync:*:*:profile/*'],
      },
    ),
  },
  AWSTrustedAdvisorServiceRolePolicy: {
    id: 'ANPAJH4QJ2WMHBOB47BUE',
    path: '/aws-service-role/',
    created: '2018-02-22T21:24:25+00:00',
    version: 'v12',
    updated: '2024-01-18T16:25:15+00:00',
    document: doc({
      Sid: 'TrustedAdvisorServiceRolePermissions',
      Effect: 'Allow',
      Action: [
        'autoscaling:DescribeAccountLimits',
        'autoscaling:DescribeAutoScalingGroups',
        'autoscaling:DescribeLaunchConfigurations',
        'ce:GetReservationPurchaseRecommendation',
        'ce:GetSavingsPlansPurchaseRecommendation',
        'cloudformation:DescribeAccountLimits',
        'cloudformation:DescribeStacks',
        'cloudformation:ListStacks',
        'cloudfront:ListDistributions',
        'cloudtrail:DescribeTrails',
        'cloudtrail:GetTrailStatus',
        'cloudtrail:GetTrail',
        'cloudtrail:ListTrails',
        'cloudtrail:GetEventSelectors',
        'cloudwatch:GetMetricStatistics',
        'dynamodb:DescribeLimits',
        'dynamodb:DescribeTable',
        'dynamodb:ListTables',
        'ec2:DescribeAddresses',
        'ec2:DescribeReservedInstances',
        'ec2:DescribeInstances',
        'ec2:DescribeVpcs',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeImages',
        'ec2:DescribeVolumes',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DescribeRegions',
        'ec2:DescribeReservedInstancesOfferings',
        'ec2:DescribeSnapshots',
        'ec2:DescribeVpnConnections',
        'ec2:DescribeVpnGateways',
        'ec2:DescribeLaunchTemplateVersions',
        'ecs:DescribeTaskDefinition',
        'ecs:ListTaskDefinitions',
        'elasticloadbalancing:DescribeAccountLimits',
        'elasticloadbalancing:DescribeInstanceHealth',
        'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeLoadBalancerPolicies',
        'elasticloadbalancing:DescribeLoadBalancerPolicyTypes',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeTargetGroups',
        'iam:GenerateCredentialReport',
        'iam:GetAccountPasswordPolicy',
        'iam:GetAccountSummary',
        'iam:GetCredentialReport',
        'iam:GetServerCertificate',
        'iam:ListServerCertificates',
        'kinesis:DescribeLimits',
        'kafka:ListClustersV2',
        'kafka:ListNodes',
        'outposts:ListAssets',
        'outposts:GetOutpost',
        'outposts:ListOutposts',
        'rds:DescribeAccountAttributes',
        'rds:DescribeDBClusters',
        'rds:DescribeDBEngineVersions',
        'rds:DescribeDBInstances',
        'rds:DescribeDBParameterGroups',
        'rds:DescribeDBParameters',
        'rds:DescribeDBSecurityGroups',
        'rds:DescribeDBSnapshots',
        'rds:DescribeDBSubnetGroups',
        'rds:DescribeEngineDefaultParameters',
        'rds:DescribeEvents',
        'rds:DescribeOptionGroupOptions',
        'rds:DescribeOptionGroups',
        'rds:DescribeOrderableDBInstanceOptions',
        'rds:DescribeReservedDBInstances',
        'rds:DescribeReservedDBInstancesOfferings',
        'rds:ListTagsForResource',
        'redshift:DescribeClusters',
        'redshift:DescribeReservedNodeOfferings',
        'redshift:DescribeReservedNodes',
        'route53:GetAccountLimit',
        'route53:GetHealthCheck',
        'route53:GetHostedZone',
        'route53:ListHealthChecks',
        'route53:ListHostedZones',
        'route53:ListHostedZonesByName',
        'route53:ListResourceRecordSets',
        'route53resolver:ListResolverEndpoints',
        'route53resolver:ListResolverEndpointIpAddresses',
        's3:GetAccountPublicAccessBlock',
        's3:GetBucketAcl',
        's3:GetBucketPolicy',
        's3:GetBucketPolicyStatus',
        's3:GetBucketLocation',
        's3:GetBucketLogging',
        's3:GetBucketVersioning',
        's3:GetBucketPublicAccessBlock',
        's3:GetLifecycleConfiguration',
        's3:ListBucket',
        's3:ListAllMyBuckets',
        'ses:GetSendQuota',
        'sqs:ListQueues',
      ],
      Resource: '*',
    }),
  },
  AWSElasticLoadBalancingServiceRolePolicy: {
    id: 'ANPAIMHWGGSRHLOQUICJQ',
    path: '/aws-service-role/',
    created: '2017-09-19T22:19:04+00:00',
    version: 'v7',
    updated: '2021-08-26T19:01:48+00:00',
    document: doc({
      Effect: 'Allow',
      Action: [
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
      ],
      Resource: '*',
    }),
  },
  AmazonECSServiceRolePolicy: {
    id: 'ANPAIVUWKCAI7URU4WUEI',
    path: '/aws-service-role/',
    created: '2017-10-14T01:18:58+00:00',
    version: 'v13',
    updated: '2025-11-14T21:04:09+00:00',
    document: doc(
      {
        Sid: 'ECSTaskManagement',
        Effect: 'Allow',
        Action: [
          'ec2:AttachNetworkInterface',
          'ec2:AssociateTrunkInterface',
          'ec2:CreateNetworkInterface',
          'ec2:CreateNetworkInterfacePermission',
          'ec2:DeleteNetworkInterface',
          'ec2:DeleteNetworkInterfacePermission',
          'ec2:Describe*',
          'ec2:DetachNetworkInterface',
          'ec2:DisassociateTrunkInterface',
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
          'servicediscovery:UpdateInstanceCustomHealthStatus',
        ],
        Resource: '*',
      },
      { Sid: 'AutoScaling', Effect: 'Allow', Action: ['autoscaling:Describe*'], Resource: '*' },
      {
        Sid: 'AutoScalingManagement',
        Effect: 'Allow',
        Action: [
          'autoscaling:DeletePolicy',
          'autoscaling:PutScalingPolicy',
          'autoscaling:SetInstanceProtection',
          'autoscaling:UpdateAutoScalingGroup',
          'autoscaling:PutLifecycleHook',
          'autoscaling:DeleteLifecycleHook',
          'autoscaling:CompleteLifecycleAction',
          'autoscaling:RecordLifecycleActionHeartbeat',
        ],
        Resource: '*',
        Condition: { Null: { 'autoscaling:ResourceTag/AmazonECSManaged': 'false' } },
      },
      {
        Sid: 'AutoScalingPlanManagement',
        Effect: 'Allow',
        Action: [
          'autoscaling-plans:CreateScalingPlan',
          'autoscaling-plans:DeleteScalingPlan',
          'autoscaling-plans:DescribeScalingPlans',
          'autoscaling-plans:DescribeScalingPlanResources',
        ],
        Resource: '*',
      },
      {
        Sid: 'EventBridge',
        Effect: 'Allow',
        Action: ['events:DescribeRule', 'events:ListTargetsByRule'],
        Resource: 'arn:aws:events:*:*:rule/ecs-managed-*',
      },
      {
        Sid: 'EventBridgeRuleManagement',
        Effect: 'Allow',
        Action: ['events:PutRule', 'events:PutTargets'],
        Resource: '*',
        Condition: { StringEquals: { 'events:ManagedBy': 'ecs.amazonaws.com' } },
      },
      {
        Sid: 'CWAlarmManagement',
        Effect: 'Allow',
        Action: ['cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms', 'cloudwatch:PutMetricAlarm'],
        Resource: 'arn:aws:cloudwatch:*:*:alarm:*',
      },
      {
        Sid: 'ECSTagging',
        Effect: 'Allow',
        Action: ['ec2:CreateTags'],
        Resource: 'arn:aws:ec2:*:*:network-interface/*',
      },
      {
        Sid: 'CWLogGroupManagement',
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:DescribeLogGroups', 'logs:PutRetentionPolicy'],
        Resource: 'arn:aws:logs:*:*:log-group:/aws/ecs/*',
      },
      {
        Sid: 'CWLogStreamManagement',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Resource: 'arn:aws:logs:*:*:log-group:/aws/ecs/*:log-stream:*',
      },
      {
        Sid: 'ExecuteCommandSessionManagement',
        Effect: 'Allow',
        Action: ['ssm:DescribeSessions'],
        Resource: '*',
      },
      {
        Sid: 'ExecuteCommand',
        Effect: 'Allow',
        Action: ['ssm:StartSession'],
        Resource: ['arn:aws:ecs:*:*:task/*', 'arn:aws:ssm:*:*:document/AmazonECS-ExecuteInteractiveCommand'],
      },
      {
        Sid: 'CloudMapResourceCreation',
        Effect: 'Allow',
        Action: ['servicediscovery:CreateHttpNamespace', 'servicediscovery:CreateService'],
        Resource: '*',
        Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['AmazonECSManaged'] } },
      },
      {
        Sid: 'CloudMapResourceTagging',
        Effect: 'Allow',
        Action: 'servicediscovery:TagResource',
        Resource: '*',
        Condition: { StringLike: { 'aws:RequestTag/AmazonECSManaged': '*' } },
      },
      {
        Sid: 'CloudMapResourceDeletion',
        Effect: 'Allow',
        Action: ['servicediscovery:DeleteService'],
        Resource: '*',
        Condition: { Null: { 'aws:ResourceTag/AmazonECSManaged': 'false' } },
      },
      {
        Sid: 'CloudMapResourceDiscovery',
        Effect: 'Allow',
        Action: ['servicediscovery:DiscoverInstances', 'servicediscovery:DiscoverInstancesRevision'],
        Resource: '*',
      },
      {
        Sid: 'CloudMapResourceAttributeManagement',
        Effect: 'Allow',
        Action: ['servicediscovery:UpdateServiceAttributes'],
        Resource: '*',
        Condition: { Null: { 'aws:ResourceTag/AmazonECSManaged': 'false' } },
      },
    ),
  },
};

function awsManagedArn(name) {
  const policy = AWS_MANAGED[name];
  if (policy === undefined) throw new Error(`unknown AWS managed policy ${name}`);
  return `arn:aws:iam::aws:policy${policy.path}${name}`;
}

// ---------------------------------------------------------------------------------------------
// The account model and its rendering as get-account-authorization-details output
// ---------------------------------------------------------------------------------------------

class AccountBuilder {
  /**
   * @param {string} id
   * @param {string} name
   * @param {string} created the day the account joined the organisation
   */
  constructor(id, name, created) {
    this.id = id;
    this.name = name;
    this.created = created;
    /** When the account joined the organisation: nothing in it is older. */
    this.joined = at(created, `${id}:joined`);
    this.users = [];
    this.groups = [];
    this.roles = [];
    this.policies = [];
    this.resources = [];
    this.ssoSuffixes = new Map();
  }

  arn(kind, name, path = '/') {
    return `arn:aws:iam::${this.id}:${kind}${path}${name}`;
  }

  /** The ARN of a managed policy: an AWS managed one by name, else a customer managed one of this account. */
  policyArn(name) {
    if (name in AWS_MANAGED) return awsManagedArn(name);
    const policy = this.policies.find((p) => p.name === name);
    if (policy === undefined) throw new Error(`${this.name}: no customer managed policy ${name}`);
    return this.arn('policy', name, policy.path);
  }

  roleArn(name) {
    const role = this.roles.find((r) => r.name === name);
    if (role === undefined) throw new Error(`${this.name}: no role ${name}`);
    return this.arn('role', name, role.path);
  }

  /** A customer managed policy; `versions` lists older versions first, the last being the default unless one says `isDefault`. */
  policy({ name, path = '/', created, document, versions }) {
    const list = versions ?? [{ document, created }];
    this.policies.push({
      name,
      path,
      created: at(created, `${this.id}:policy:${name}`, this.joined),
      versions: list,
    });
    return this.arn('policy', name, path);
  }

  role({
    name,
    path = '/',
    created,
    trust,
    inline = [],
    managed = [],
    boundary,
    tags = {},
    lastUsed,
    instanceProfile = false,
  }) {
    if (this.roles.some((r) => r.name.toLowerCase() === name.toLowerCase()))
      throw new Error(`duplicate role ${name}`);
    this.roles.push({
      name,
      path,
      created,
      trust,
      inline,
      managed,
      boundary,
      tags,
      lastUsed,
      instanceProfile,
    });
    return this.arn('role', name, path);
  }

  user({
    name,
    path = '/',
    created,
    groups = [],
    inline = [],
    managed = [],
    boundary,
    tags = {},
    credentials,
  }) {
    this.users.push({ name, path, created, groups, inline, managed, boundary, tags, credentials });
    return this.arn('user', name, path);
  }

  group({ name, path = '/', created, inline = [], managed = [] }) {
    this.groups.push({ name, path, created, inline, managed });
    return this.arn('group', name, path);
  }

  resource(resource) {
    this.resources.push({ accountId: this.id, region: REGION, tags: {}, properties: {}, ...resource });
    return resource.arn;
  }

  /** The name of the role IAM Identity Center creates in this account for a permission set. */
  ssoRoleName(permissionSet) {
    return `AWSReservedSSO_${permissionSet}_${hex(`sso:${this.id}:${permissionSet}`, 16)}`;
  }

  ssoRoleArn(permissionSet) {
    return this.arn('role', this.ssoRoleName(permissionSet), SSO_PATH);
  }

  samlProviderArn() {
    return `arn:aws:iam::${this.id}:saml-provider/AWSSSO_${hex(`saml:${this.id}`, 16)}_DO_NOT_DELETE`;
  }
}

const SSO_PATH = `/aws-reserved/sso.amazonaws.com/${REGION}/`;

function tagList(tags) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

function userCreated(account, user) {
  return at(user.created, `${account.id}:user:${user.name}`, account.joined);
}

/** The account's `get-account-authorization-details` output, with attachment counts computed. */
function renderIam(account) {
  const attachments = new Map();
  const boundaries = new Map();
  const count = (map, arn) => map.set(arn, (map.get(arn) ?? 0) + 1);
  const resolveManaged = (names) =>
    names.map((name) => {
      const PolicyArn = account.policyArn(name);
      return { PolicyName: name, PolicyArn };
    });
  const boundaryOf = (name) =>
    name === undefined
      ? {}
      : {
          PermissionsBoundary: {
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
            PermissionsBoundaryArn: account.policyArn(name),
          },
        };
  const inlineList = (inline) =>
    inline.map(({ name, document }) => ({ PolicyName: name, PolicyDocument: document }));
  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

  for (const group of account.groups) {
    for (const g of group.managed) count(attachments, account.policyArn(g));
  }
  const groupNames = new Set(account.groups.map((g) => g.name));
  const UserDetailList = [...account.users].sort(byName).map((user) => {
    for (const name of user.managed) count(attachments, account.policyArn(name));
    if (user.boundary !== undefined) count(boundaries, account.policyArn(user.boundary));
    for (const g of user.groups) if (!groupNames.has(g)) throw new Error(`${account.name}: no group ${g}`);
    return {
      Path: user.path,
      UserName: user.name,
      UserId: iamId('AIDA', `${account.id}:user:${user.name}`),
      Arn: account.arn('user', user.name, user.path),
      CreateDate: userCreated(account, user),
      UserPolicyList: inlineList(user.inline),
      GroupList: [...user.groups].sort(),
      AttachedManagedPolicies: resolveManaged(user.managed),
      ...boundaryOf(user.boundary),
      ...(Object.keys(user.tags).length > 0 ? { Tags: tagList(user.tags) } : {}),
    };
  });
  const GroupDetailList = [...account.groups].sort(byName).map((group) => ({
    Path: group.path,
    GroupName: group.name,
    GroupId: iamId('AGPA', `${account.id}:group:${group.name}`),
    Arn: account.arn('group', group.name, group.path),
    CreateDate: at(group.created, `${account.id}:group:${group.name}`, account.joined),
    GroupPolicyList: inlineList(group.inline),
    AttachedManagedPolicies: resolveManaged(group.managed),
  }));
  const RoleDetailList = [...account.roles].sort(byName).map((role) => {
    for (const name of role.managed) count(attachments, account.policyArn(name));
    if (role.boundary !== undefined) count(boundaries, account.policyArn(role.boundary));
    const RoleId = iamId('AROA', `${account.id}:role:${role.name}`);
    const Arn = account.arn('role', role.name, role.path);
    const CreateDate = at(role.created, `${account.id}:role:${role.name}`, account.joined);
    const roleSummary = {
      Path: role.path,
      RoleName: role.name,
      RoleId,
      Arn,
      CreateDate,
      AssumeRolePolicyDocument: role.trust,
    };
    const profileName = role.instanceProfile === true ? role.name : role.instanceProfile;
    const InstanceProfileList = profileName
      ? [
          {
            Path: '/',
            InstanceProfileName: profileName,
            InstanceProfileId: iamId('AIPA', `${account.id}:instance-profile:${profileName}`),
            Arn: account.arn('instance-profile', profileName),
            CreateDate,
            Roles: [roleSummary],
          },
        ]
      : [];
    return {
      ...roleSummary,
      InstanceProfileList,
      RolePolicyList: inlineList(role.inline),
      AttachedManagedPolicies: resolveManaged(role.managed),
      ...boundaryOf(role.boundary),
      ...(Object.keys(role.tags).length > 0 ? { Tags: tagList(role.tags) } : {}),
      RoleLastUsed:
        role.lastUsed === undefined
          ? {}
          : {
              LastUsedDate: at(role.lastUsed, `${account.id}:role-last-used:${role.name}`, CreateDate),
              Region: REGION,
            },
    };
  });

  const customer = [...account.policies].sort(byName).map((policy) => {
    const arn = account.arn('policy', policy.name, policy.path);
    const defaultIndex = policy.versions.findIndex((v) => v.isDefault === true);
    const chosen = defaultIndex >= 0 ? defaultIndex : policy.versions.length - 1;
    const versions = policy.versions.map((v, index) => ({
      Document: v.document,
      VersionId: `v${index + 1}`,
      IsDefaultVersion: index === chosen,
      CreateDate: index === 0 ? policy.created : at(v.created, `${arn}:v${index + 1}`, policy.created),
    }));
    return {
      PolicyName: policy.name,
      PolicyId: iamId('ANPA', `${account.id}:policy:${policy.name}`),
      Arn: arn,
      Path: policy.path,
      DefaultVersionId: `v${chosen + 1}`,
      AttachmentCount: attachments.get(arn) ?? 0,
      PermissionsBoundaryUsageCount: boundaries.get(arn) ?? 0,
      IsAttachable: true,
      CreateDate: policy.created,
      UpdateDate: versions[chosen]?.CreateDate ?? policy.created,
      // Newest version first, as IAM lists them.
      PolicyVersionList: [...versions].reverse(),
    };
  });
  const used = new Set([...attachments.keys(), ...boundaries.keys()]);
  const awsManaged = Object.entries(AWS_MANAGED)
    .filter(([name]) => used.has(awsManagedArn(name)))
    .map(([name, policy]) => {
      const arn = awsManagedArn(name);
      return {
        PolicyName: name,
        PolicyId: policy.id,
        Arn: arn,
        Path: policy.path,
        DefaultVersionId: policy.version,
        AttachmentCount: attachments.get(arn) ?? 0,
        PermissionsBoundaryUsageCount: boundaries.get(arn) ?? 0,
        IsAttachable: true,
        CreateDate: policy.created,
        UpdateDate: policy.updated,
        PolicyVersionList: [
          {
            Document: policy.document,
            VersionId: policy.version,
            IsDefaultVersion: true,
            CreateDate: policy.updated,
          },
        ],
      };
    });
  const Policies = [...customer, ...awsManaged].sort((a, b) =>
    a.PolicyName < b.PolicyName ? -1 : a.PolicyName > b.PolicyName ? 1 : 0,
  );
  return { UserDetailList, GroupDetailList, RoleDetailList, Policies };
}

const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
];

/**
 * The decoded credential report: the root user first, then every user. `credentials` of a user:
 * `{password?: {lastUsed?, changed}, mfa, keys: [{rotated, lastUsed?, service?}]}`.
 */
function renderCredentialReport(account) {
  const rows = [CREDENTIAL_REPORT_COLUMNS.join(',')];
  const key = (k, seed, created) => {
    if (k === undefined) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
    const rotated = at(k.rotated, `${seed}:rotated`, created);
    return [
      k.active === false ? 'false' : 'true',
      rotated,
      k.lastUsed === undefined ? 'N/A' : at(k.lastUsed, `${seed}:used`, rotated),
      k.lastUsed === undefined ? 'N/A' : REGION,
      k.lastUsed === undefined ? 'N/A' : k.service,
    ];
  };
  rows.push(
    [
      '<root_account>',
      `arn:aws:iam::${account.id}:root`,
      account.joined,
      'not_supported',
      account.rootPasswordLastUsed === undefined
        ? 'no_information'
        : at(account.rootPasswordLastUsed, `${account.id}:root-login`, account.joined),
      'not_supported',
      'not_supported',
      'true',
      ...key(undefined),
      ...key(undefined),
      'false',
      'N/A',
      'false',
      'N/A',
    ].join(','),
  );
  for (const user of [...account.users].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const seed = `${account.id}:user:${user.name}`;
    const created = userCreated(account, user);
    const c = user.credentials ?? { mfa: false, keys: [] };
    const password = c.password;
    const changed = password === undefined ? 'N/A' : at(password.changed, `${seed}:password`, created);
    rows.push(
      [
        user.name,
        account.arn('user', user.name, user.path),
        created,
        password === undefined ? 'false' : 'true',
        password === undefined
          ? 'N/A'
          : password.lastUsed === undefined
            ? 'no_information'
            : at(password.lastUsed, `${seed}:login`, changed),
        changed,
        'N/A',
        c.mfa ? 'true' : 'false',
        ...key(c.keys[0], `${seed}:key1`, created),
        ...key(c.keys[1], `${seed}:key2`, created),
        'false',
        'N/A',
        'false',
        'N/A',
      ].join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// What every account has: Identity Center roles, service-linked roles, the security roles
// ---------------------------------------------------------------------------------------------

/** The inline policies of the Identity Center permission sets that are not just a managed policy. */
const PERMISSION_SET_POLICIES = {
  ReadOnlyOperator: doc(
    allow(
      'OperateReadOnly',
      [
        'cloudwatch:Describe*',
        'cloudwatch:Get*',
        'cloudwatch:List*',
        'logs:Describe*',
        'logs:FilterLogEvents',
        'logs:GetLogEvents',
        'logs:StartQuery',
        'logs:GetQueryResults',
        'ecs:Describe*',
        'ecs:List*',
        'lambda:GetFunctionConfiguration',
        'lambda:ListFunctions',
        'dynamodb:DescribeTable',
        'dynamodb:ListTables',
        'sqs:GetQueueAttributes',
        'sqs:ListQueues',
        'ec2:Describe*',
        'cloudformation:Describe*',
        'cloudformation:List*',
        'xray:Get*',
        'xray:BatchGetTraces',
      ],
      '*',
    ),
    allow('RunOpsRunbooks', 'sts:AssumeRole', 'arn:aws:iam::*:role/*-ops-automation'),
  ),
  SecurityEngineer: doc(
    allow(
      'SecurityReadOnly',
      [
        'access-analyzer:Get*',
        'access-analyzer:List*',
        'cloudtrail:Describe*',
        'cloudtrail:Get*',
        'cloudtrail:LookupEvents',
        'config:Describe*',
        'config:Get*',
        'config:List*',
        'guardduty:Get*',
        'guardduty:List*',
        'securityhub:Get*',
        'securityhub:List*',
        'securityhub:Describe*',
        'athena:StartQueryExecution',
        'athena:GetQueryExecution',
        'athena:GetQueryResults',
      ],
      '*',
    ),
    allow('UseSecurityHubRoles', 'sts:AssumeRole', [
      `arn:aws:iam::${SECURITY}:role/security-audit-hub`,
      `arn:aws:iam::${SECURITY}:role/security-ir-hub`,
    ]),
  ),
  BillingAdmin: doc(
    allow(
      'Billing',
      [
        'aws-portal:*',
        'budgets:*',
        'ce:*',
        'cur:*',
        'billing:*',
        'payments:*',
        'tax:*',
        'invoicing:*',
        'purchase-orders:*',
        'account:GetAccountInformation',
      ],
      '*',
    ),
  ),
};

/** What `accessloop collect` and the security team read in every account. */
const SECURITY_AUDIT_POLICY = doc(
  allow(
    'ReadAccessConfiguration',
    [
      'iam:Get*',
      'iam:List*',
      'iam:GenerateCredentialReport',
      'iam:GenerateServiceLastAccessedDetails',
      'organizations:Describe*',
      'organizations:List*',
      's3:GetBucketPolicy',
      's3:GetBucketPolicyStatus',
      's3:GetBucketPublicAccessBlock',
      's3:GetBucketTagging',
      's3:GetEncryptionConfiguration',
      's3:GetBucketLocation',
      's3:ListAllMyBuckets',
      'kms:DescribeKey',
      'kms:GetKeyPolicy',
      'kms:ListKeys',
      'kms:ListResourceTags',
      'sqs:GetQueueAttributes',
      'sqs:ListQueues',
      'sqs:ListQueueTags',
      'sns:GetTopicAttributes',
      'sns:ListTopics',
      'sns:ListTagsForResource',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetResourcePolicy',
      'secretsmanager:ListSecrets',
      'lambda:GetPolicy',
      'lambda:ListFunctions',
      'lambda:ListTags',
      'ecr:DescribeRepositories',
      'ecr:GetRepositoryPolicy',
      'ecs:DescribeTaskDefinition',
      'ecs:ListTaskDefinitions',
      'ec2:DescribeInstances',
      'cloudformation:DescribeStacks',
      'cloudformation:ListStacks',
      'codebuild:BatchGetProjects',
      'codebuild:ListProjects',
      'sagemaker:DescribeNotebookInstance',
      'sagemaker:ListNotebookInstances',
      'dynamodb:DescribeTable',
      'dynamodb:ListTables',
      'tag:GetResources',
      'cloudtrail:LookupEvents',
    ],
    '*',
  ),
);

/** The break-glass containment rights the security team uses during an incident. */
const INCIDENT_RESPONSE_POLICY = doc(
  allow(
    'ContainPrincipals',
    [
      'iam:PutRolePolicy',
      'iam:PutUserPolicy',
      'iam:UpdateAccessKey',
      'iam:DeleteLoginProfile',
      'iam:ListAccessKeys',
      'iam:GetRole',
      'iam:GetUser',
      'iam:ListRoles',
      'iam:ListUsers',
      'iam:ListRolePolicies',
      'iam:ListAttachedRolePolicies',
      'iam:GetRolePolicy',
    ],
    '*',
  ),
  allow(
    'IsolateInstances',
    [
      'ec2:Describe*',
      'ec2:CreateSecurityGroup',
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:RevokeSecurityGroupEgress',
      'ec2:RevokeSecurityGroupIngress',
      'ec2:ModifyInstanceAttribute',
      'ec2:CreateSnapshot',
      'ec2:CreateTags',
    ],
    '*',
  ),
  allow(
    'ReadEvidence',
    [
      'cloudtrail:LookupEvents',
      'logs:FilterLogEvents',
      'logs:GetLogEvents',
      'guardduty:Get*',
      'guardduty:List*',
    ],
    '*',
  ),
);

/**
 * The roles and providers every account has. `permissionSets` names the Identity Center
 * permission sets provisioned to the account (besides AdministratorAccess).
 */
function addBaseline(a, { permissionSets, incidentResponse, serviceLinked = [], organizationAccess = true }) {
  const day = a.created;
  a.role({
    name: 'AWSServiceRoleForOrganizations',
    path: '/aws-service-role/organizations.amazonaws.com/',
    created: day,
    trust: serviceTrust('organizations.amazonaws.com'),
    managed: ['AWSOrganizationsServiceTrustPolicy'],
    lastUsed: '2026-11-14',
  });
  a.role({
    name: 'AWSServiceRoleForSSO',
    path: '/aws-service-role/sso.amazonaws.com/',
    created: day,
    trust: serviceTrust('sso.amazonaws.com'),
    managed: ['AWSSSOServiceRolePolicy'],
    lastUsed: '2026-11-12',
  });
  a.role({
    name: 'AWSServiceRoleForTrustedAdvisor',
    path: '/aws-service-role/trustedadvisor.amazonaws.com/',
    created: day,
    trust: serviceTrust('trustedadvisor.amazonaws.com'),
    managed: ['AWSTrustedAdvisorServiceRolePolicy'],
    lastUsed: '2026-11-15',
  });
  if (serviceLinked.includes('ecs')) {
    a.role({
      name: 'AWSServiceRoleForECS',
      path: '/aws-service-role/ecs.amazonaws.com/',
      created: '2026-02-09',
      trust: serviceTrust('ecs.amazonaws.com'),
      managed: ['AmazonECSServiceRolePolicy'],
      lastUsed: '2026-11-15',
    });
  }
  if (serviceLinked.includes('elasticloadbalancing')) {
    a.role({
      name: 'AWSServiceRoleForElasticLoadBalancing',
      path: '/aws-service-role/elasticloadbalancing.amazonaws.com/',
      created: '2026-02-09',
      trust: serviceTrust('elasticloadbalancing.amazonaws.com'),
      managed: ['AWSElasticLoadBalancingServiceRolePolicy'],
      lastUsed: '2026-11-13',
    });
  }

  const saml = a.samlProviderArn();
  const ssoTrust = doc(
    grant('Allow', undefined, { Federated: saml }, ['sts:AssumeRoleWithSAML', 'sts:TagSession'], undefined, {
      StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' },
    }),
  );
  for (const set of ['AdministratorAccess', ...permissionSets]) {
    const managed =
      set === 'AdministratorAccess'
        ? ['AdministratorAccess']
        : set === 'DeveloperAccess'
          ? ['PowerUserAccess']
          : [];
    const policy = PERMISSION_SET_POLICIES[set];
    a.role({
      name: a.ssoRoleName(set),
      path: SSO_PATH,
      created: day,
      trust: ssoTrust,
      managed,
      inline: policy === undefined ? [] : [{ name: 'AwsSSOInlinePolicy', document: policy }],
      lastUsed: set === 'AdministratorAccess' ? '2026-11-10' : '2026-11-14',
    });
  }
  a.resource({
    arn: saml,
    type: 'AWS::IAM::SAMLProvider',
    region: '',
    properties: { Name: saml.split('/')[1] },
  });

  if (organizationAccess) {
    a.role({
      name: 'OrganizationAccountAccessRole',
      created: day,
      trust: awsTrust(`arn:aws:iam::${MANAGEMENT}:root`),
      managed: ['AdministratorAccess'],
      lastUsed: day,
    });
  }
  a.role({
    name: 'security-audit',
    created: day,
    trust: awsTrust(`arn:aws:iam::${SECURITY}:role/security-audit-hub`),
    inline: [{ name: 'security-audit-read', document: SECURITY_AUDIT_POLICY }],
    tags: { team: 'security', owner: TEAMS.security.owner, purpose: 'accessloop-collect' },
    lastUsed: '2026-11-16',
  });
  if (incidentResponse) {
    a.role({
      name: 'security-incident-response',
      created: day,
      trust: awsTrust(`arn:aws:iam::${SECURITY}:role/security-ir-hub`),
      inline: [{ name: 'incident-containment', document: INCIDENT_RESPONSE_POLICY }],
      tags: { team: 'security', owner: TEAMS.security.owner, purpose: 'break-glass' },
      lastUsed: '2026-09-03',
    });
  }
}

/** The GitHub Actions OIDC provider of an account. */
function addGithubProvider(a, created) {
  a.resource({
    arn: `arn:aws:iam::${a.id}:oidc-provider/token.actions.githubusercontent.com`,
    type: 'AWS::IAM::OIDCProvider',
    region: '',
    properties: {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
      ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      CreateDate: at(created, `${a.id}:oidc`, a.joined),
    },
  });
}

// Resource ARN helpers.
const s3Arn = (bucket) => `arn:aws:s3:::${bucket}`;
const kmsArn = (account, seed) => `arn:aws:kms:${REGION}:${account}:key/${keyId(seed)}`;
const sqsArn = (account, name) => `arn:aws:sqs:${REGION}:${account}:${name}`;
const snsArn = (account, name) => `arn:aws:sns:${REGION}:${account}:${name}`;
const secretArn = (account, name) =>
  `arn:aws:secretsmanager:${REGION}:${account}:secret:${name}-${secretSuffix(`${account}:${name}`)}`;
const lambdaArn = (account, name) => `arn:aws:lambda:${REGION}:${account}:function:${name}`;
const tableArn = (account, name) => `arn:aws:dynamodb:${REGION}:${account}:table/${name}`;
const instanceArn = (account, seed) =>
  `arn:aws:ec2:${REGION}:${account}:instance/i-0${hex(`ec2:${seed}`, 16)}`;

/** S3 bucket properties: default encryption, public access block, versioning. */
function bucketProperties(name, { kmsKey, publicAccessBlock = true, versioning = true }) {
  return {
    BucketName: name,
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        kmsKey === undefined
          ? { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }
          : {
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: kmsKey },
              BucketKeyEnabled: true,
            },
      ],
    },
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: publicAccessBlock,
      BlockPublicPolicy: publicAccessBlock,
      IgnorePublicAcls: publicAccessBlock,
      RestrictPublicBuckets: publicAccessBlock,
    },
    VersioningConfiguration: { Status: versioning ? 'Enabled' : 'Suspended' },
    OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
  };
}

/** KMS key properties. */
function keyProperties(seed, description) {
  return {
    KeyId: keyId(seed),
    Description: description,
    KeySpec: 'SYMMETRIC_DEFAULT',
    KeyUsage: 'ENCRYPT_DECRYPT',
    EnableKeyRotation: true,
    MultiRegion: false,
  };
}

/** The key policy statements every customer managed key starts with. */
function keyPolicyBase(a, adminRoleArns) {
  return [
    grant('Allow', 'EnableIamUserPermissions', { AWS: `arn:aws:iam::${a.id}:root` }, 'kms:*', '*'),
    grant(
      'Allow',
      'AllowKeyAdministration',
      { AWS: adminRoleArns },
      [
        'kms:Create*',
        'kms:Describe*',
        'kms:Enable*',
        'kms:List*',
        'kms:Put*',
        'kms:Update*',
        'kms:Revoke*',
        'kms:Disable*',
        'kms:Get*',
        'kms:Delete*',
        'kms:TagResource',
        'kms:UntagResource',
        'kms:ScheduleKeyDeletion',
        'kms:CancelKeyDeletion',
      ],
      '*',
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// 999988887777 management
// ---------------------------------------------------------------------------------------------

function buildManagement() {
  const a = new AccountBuilder(MANAGEMENT, 'management', '2026-01-05');
  addBaseline(a, { permissionSets: ['BillingAdmin'], incidentResponse: true, organizationAccess: false });

  a.policy({
    name: 'billing-read',
    created: '2026-01-07',
    document: doc(
      allow(
        'ReadBilling',
        [
          'aws-portal:View*',
          'budgets:ViewBudget',
          'ce:Get*',
          'ce:Describe*',
          'ce:List*',
          'cur:DescribeReportDefinitions',
        ],
        '*',
      ),
      allow(
        'ReadCostReports',
        ['s3:GetObject', 's3:ListBucket'],
        [s3Arn('northwind-cur-999988887777'), `${s3Arn('northwind-cur-999988887777')}/*`],
      ),
    ),
  });
  a.group({ name: 'Billing', created: '2026-01-07', managed: ['billing-read', 'IAMUserChangePassword'] });

  // MISCONFIGURATION M5: an administrator user nobody has used since the organisation was set up.
  a.user({
    name: 'bootstrap-admin',
    created: '2026-01-05',
    managed: ['AdministratorAccess'],
    tags: { purpose: 'organisation-bootstrap', owner: TEAMS.platform.owner },
    credentials: {
      password: { changed: '2026-01-05', lastUsed: '2026-01-20' },
      mfa: false,
      keys: [{ rotated: '2026-01-05' }],
    },
  });
  for (const [name, created, used] of [
    ['finance.mei', '2026-01-07', '2026-11-13'],
    ['finance.omar', '2026-03-02', '2026-11-04'],
  ]) {
    a.user({
      name,
      path: '/people/',
      created,
      groups: ['Billing'],
      tags: { team: 'finance', owner: TEAMS.finance.owner },
      credentials: { password: { changed: created, lastUsed: used }, mfa: true, keys: [] },
    });
  }

  const cur = 'northwind-cur-999988887777';
  a.resource({
    arn: s3Arn(cur),
    type: 'AWS::S3::Bucket',
    tags: { app: 'finops', team: 'finance', owner: TEAMS.finance.owner, 'data-classification': 'internal' },
    policy: doc(
      grant(
        'Allow',
        'AllowBillingReportsDelivery',
        { Service: 'billingreports.amazonaws.com' },
        ['s3:GetBucketAcl', 's3:GetBucketPolicy', 's3:PutObject'],
        [s3Arn(cur), `${s3Arn(cur)}/*`],
        {
          StringEquals: {
            'aws:SourceArn': `arn:aws:cur:us-east-1:${MANAGEMENT}:definition/*`,
            'aws:SourceAccount': MANAGEMENT,
          },
        },
      ),
      denyInsecureTransport(s3Arn(cur)),
    ),
    properties: bucketProperties(cur, {}),
  });
  a.rootPasswordLastUsed = '2026-01-05';
  return a;
}

// ---------------------------------------------------------------------------------------------
// 222233334444 security: log archive, audit and incident-response hubs
// ---------------------------------------------------------------------------------------------

function buildSecurity() {
  const a = new AccountBuilder(SECURITY, 'security', '2026-01-06');
  addBaseline(a, { permissionSets: ['SecurityEngineer'], incidentResponse: false });
  const sec = { team: 'security', owner: TEAMS.security.owner };
  const engineers = `arn:aws:iam::${SECURITY}:role${SSO_PATH}AWSReservedSSO_SecurityEngineer_*`;

  a.role({
    name: 'security-audit-hub',
    created: '2026-01-06',
    trust: awsTrust(`arn:aws:iam::${SECURITY}:root`, { ArnLike: { 'aws:PrincipalArn': engineers } }),
    inline: [
      {
        name: 'assume-audit-roles',
        document: doc(allow('AssumeAuditRoles', 'sts:AssumeRole', 'arn:aws:iam::*:role/security-audit')),
      },
    ],
    tags: sec,
    lastUsed: '2026-11-16',
  });
  a.role({
    name: 'security-ir-hub',
    created: '2026-01-06',
    trust: awsTrust(`arn:aws:iam::${SECURITY}:root`, {
      ArnLike: { 'aws:PrincipalArn': engineers },
    }),
    inline: [
      {
        name: 'assume-incident-response-roles',
        document: doc(
          allow('AssumeIncidentResponse', 'sts:AssumeRole', 'arn:aws:iam::*:role/security-incident-response'),
        ),
      },
    ],
    tags: { ...sec, purpose: 'break-glass' },
    lastUsed: '2026-09-03',
  });

  const trailBucket = 'northwind-org-cloudtrail-222233334444';
  const trailKey = kmsArn(SECURITY, 'org-cloudtrail');
  const siemQueue = sqsArn(SECURITY, 'siem-ingest');
  const alerts = snsArn(SECURITY, 'security-alerts');

  // CONTRAST: a third-party trust done right, with an external id.
  a.role({
    name: 'siem-ingest',
    created: '2026-02-16',
    trust: awsTrust(
      `arn:aws:iam::${OUTSIDE.siemVendor}:root`,
      { StringEquals: { 'sts:ExternalId': 'nw-7f3c9a2e-siem' } },
      'SentinelSiem',
    ),
    inline: [
      {
        name: 'read-security-logs',
        document: doc(
          allow(
            'ReadNotifications',
            ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
            siemQueue,
          ),
          allow('ReadTrail', 's3:GetObject', `${s3Arn(trailBucket)}/AWSLogs/*`),
          allow('DecryptTrail', 'kms:Decrypt', trailKey, {
            StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` },
          }),
        ),
      },
    ],
    tags: { ...sec, vendor: 'sentinel-siem' },
    lastUsed: '2026-11-16',
  });
  a.role({
    name: 'security-log-processor',
    created: '2026-02-16',
    trust: serviceTrust('lambda.amazonaws.com'),
    managed: ['AWSLambdaBasicExecutionRole'],
    inline: [
      {
        name: 'process-findings',
        document: doc(
          allow(
            'ReadTrail',
            ['s3:GetObject', 's3:ListBucket'],
            [s3Arn(trailBucket), `${s3Arn(trailBucket)}/*`],
          ),
          allow('DecryptTrail', 'kms:Decrypt', trailKey),
          allow('PublishAlerts', 'sns:Publish', alerts),
        ),
      },
    ],
    tags: sec,
    lastUsed: '2026-11-16',
  });

  a.group({
    name: 'log-readers',
    created: '2026-02-20',
    managed: ['IAMUserChangePassword'],
    inline: [
      {
        name: 'query-cloudtrail',
        document: doc(
          allow(
            'ReadTrail',
            ['s3:GetObject', 's3:ListBucket'],
            [s3Arn(trailBucket), `${s3Arn(trailBucket)}/*`],
          ),
          allow('DecryptTrail', 'kms:Decrypt', trailKey, {
            StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` },
          }),
          allow(
            'Athena',
            [
              'athena:StartQueryExecution',
              'athena:GetQueryExecution',
              'athena:GetQueryResults',
              'glue:GetTable',
              'glue:GetDatabase',
              'glue:GetPartitions',
            ],
            '*',
          ),
        ),
      },
    ],
  });
  for (const [name, created, used] of [
    ['soc.kai', '2026-02-20', '2026-11-15'],
    ['soc.maria', '2026-04-13', '2026-11-12'],
  ]) {
    a.user({
      name,
      path: '/people/',
      created,
      groups: ['log-readers'],
      tags: sec,
      credentials: { password: { changed: created, lastUsed: used }, mfa: true, keys: [] },
    });
  }

  a.resource({
    arn: s3Arn(trailBucket),
    type: 'AWS::S3::Bucket',
    tags: { app: 'security-logging', ...sec, 'data-classification': 'confidential' },
    policy: doc(
      grant(
        'Allow',
        'AWSCloudTrailAclCheck',
        { Service: 'cloudtrail.amazonaws.com' },
        's3:GetBucketAcl',
        s3Arn(trailBucket),
        {
          StringEquals: {
            'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/northwind-org-trail`,
          },
        },
      ),
      grant(
        'Allow',
        'AWSCloudTrailWrite',
        { Service: 'cloudtrail.amazonaws.com' },
        's3:PutObject',
        [`${s3Arn(trailBucket)}/AWSLogs/${MANAGEMENT}/*`, `${s3Arn(trailBucket)}/AWSLogs/${ORG_ID}/*`],
        {
          StringEquals: {
            's3:x-amz-acl': 'bucket-owner-full-control',
            'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/northwind-org-trail`,
          },
        },
      ),
      denyInsecureTransport(s3Arn(trailBucket)),
    ),
    properties: { ...bucketProperties(trailBucket, { kmsKey: trailKey }), ObjectLockEnabled: true },
  });
  a.resource({
    arn: trailKey,
    type: 'AWS::KMS::Key',
    tags: { app: 'security-logging', ...sec, 'data-classification': 'confidential' },
    policy: doc(
      ...keyPolicyBase(a, [a.ssoRoleArn('AdministratorAccess')]),
      grant(
        'Allow',
        'AllowCloudTrailEncrypt',
        { Service: 'cloudtrail.amazonaws.com' },
        'kms:GenerateDataKey*',
        '*',
        {
          StringEquals: {
            'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/northwind-org-trail`,
          },
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${MANAGEMENT}:trail/*`,
          },
        },
      ),
      grant(
        'Allow',
        'AllowLogReadersDecrypt',
        { AWS: `arn:aws:iam::${SECURITY}:root` },
        ['kms:Decrypt', 'kms:ReEncryptFrom'],
        '*',
        {
          StringEquals: { 'kms:CallerAccount': SECURITY },
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${MANAGEMENT}:trail/*`,
          },
        },
      ),
    ),
    properties: keyProperties('org-cloudtrail', 'Organisation CloudTrail log encryption'),
  });
  a.resource({
    arn: alerts,
    type: 'AWS::SNS::Topic',
    tags: { app: 'security-alerting', ...sec, 'data-classification': 'internal' },
    policy: doc(
      grant(
        'Allow',
        'AllowEventBridgeAndCloudWatch',
        { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] },
        'sns:Publish',
        alerts,
        {
          StringEquals: { 'aws:SourceAccount': SECURITY },
        },
      ),
      grant('Allow', 'AllowOrgAccountsToPublish', { AWS: '*' }, 'sns:Publish', alerts, {
        StringEquals: { 'aws:PrincipalOrgID': ORG_ID },
      }),
    ),
    properties: { TopicName: 'security-alerts', KmsMasterKeyId: 'alias/aws/sns' },
  });
  const trailTopic = snsArn(SECURITY, 'org-cloudtrail-notifications');
  a.resource({
    arn: trailTopic,
    type: 'AWS::SNS::Topic',
    tags: { app: 'security-logging', ...sec, 'data-classification': 'internal' },
    policy: doc(
      grant(
        'Allow',
        'AWSCloudTrailSNSPolicy',
        { Service: 'cloudtrail.amazonaws.com' },
        'sns:Publish',
        trailTopic,
        {
          StringEquals: {
            'aws:SourceArn': `arn:aws:cloudtrail:${REGION}:${MANAGEMENT}:trail/northwind-org-trail`,
          },
        },
      ),
      grant(
        'Allow',
        'AllowSiemQueueSubscription',
        { AWS: `arn:aws:iam::${SECURITY}:root` },
        'sns:Subscribe',
        trailTopic,
        {
          StringEquals: { 'sns:Protocol': 'sqs' },
        },
      ),
    ),
    properties: { TopicName: 'org-cloudtrail-notifications', KmsMasterKeyId: 'alias/aws/sns' },
  });
  a.resource({
    arn: siemQueue,
    type: 'AWS::SQS::Queue',
    tags: { app: 'security-logging', ...sec, 'data-classification': 'confidential' },
    // GetQueueAttributes returns the policy as a JSON string.
    policy: JSON.stringify(
      doc(
        grant(
          'Allow',
          'AllowTrailNotifications',
          { Service: 'sns.amazonaws.com' },
          'sqs:SendMessage',
          siemQueue,
          {
            ArnEquals: { 'aws:SourceArn': snsArn(SECURITY, 'org-cloudtrail-notifications') },
          },
        ),
      ),
    ),
    properties: { QueueName: 'siem-ingest', SqsManagedSseEnabled: true, MessageRetentionPeriod: 345600 },
  });
  a.resource({
    arn: lambdaArn(SECURITY, 'security-log-processor'),
    type: 'AWS::Lambda::Function',
    tags: { app: 'security-alerting', ...sec, 'data-classification': 'confidential' },
    properties: {
      FunctionName: 'security-log-processor',
      Role: a.roleArn('security-log-processor'),
      Runtime: 'python3.13',
      Handler: 'app.handler',
    },
  });
  a.rootPasswordLastUsed = undefined;
  return a;
}

// ---------------------------------------------------------------------------------------------
// 111122223333 orders-prod: the orders application of the checkout team
// ---------------------------------------------------------------------------------------------

function buildOrdersProd() {
  const a = new AccountBuilder(ORDERS, 'orders-prod', '2026-01-12');
  addBaseline(a, {
    permissionSets: ['ReadOnlyOperator'],
    incidentResponse: true,
    serviceLinked: ['ecs', 'elasticloadbalancing'],
  });
  addGithubProvider(a, '2026-02-03');
  const tags = appTags('orders', 'checkout', 'confidential');
  const platformTags = appTags('orders', 'platform', 'internal');

  const dataBucket = 'orders-prod-data-111122223333';
  const assetsBucket = 'orders-web-assets-111122223333';
  const key = kmsArn(ORDERS, 'orders-data');
  const table = tableArn(ORDERS, 'orders');
  const queue = sqsArn(ORDERS, 'orders-events');
  const topic = snsArn(ORDERS, 'orders-notifications');
  const dbSecret = secretArn(ORDERS, 'orders/db-credentials');
  const repo = `arn:aws:ecr:${REGION}:${ORDERS}:repository/orders-api`;
  const service = `arn:aws:ecs:${REGION}:${ORDERS}:service/orders-prod/orders-api`;
  const ecsTrust = serviceTrust('ecs-tasks.amazonaws.com', {
    ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${REGION}:${ORDERS}:*` },
    StringEquals: { 'aws:SourceAccount': ORDERS },
  });

  // Customer managed policies.
  a.policy({
    name: 'orders-deny-iam-write',
    created: '2026-03-09',
    document: doc(
      deny(
        'DenyIamWrite',
        [
          'iam:Add*',
          'iam:Attach*',
          'iam:Create*',
          'iam:Delete*',
          'iam:Detach*',
          'iam:PassRole',
          'iam:Put*',
          'iam:Remove*',
          'iam:SetDefaultPolicyVersion',
          'iam:Update*',
        ],
        '*',
      ),
    ),
  });
  a.policy({
    name: 'orders-ops-passrole',
    created: '2026-05-18',
    document: doc(
      allow('PassRolesToRunbookFunctions', ['iam:PassRole', 'iam:GetRole', 'iam:ListRoles'], '*'),
    ),
  });
  a.policy({
    name: 'orders-workload-boundary',
    created: '2026-02-10',
    document: doc(
      allow(
        'DataPlaneOnly',
        [
          'sqs:*',
          'dynamodb:*',
          's3:GetObject',
          's3:PutObject',
          's3:ListBucket',
          'kms:Decrypt',
          'kms:GenerateDataKey',
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'xray:PutTraceSegments',
          'lambda:InvokeFunction',
        ],
        '*',
      ),
    ),
  });
  a.policy({
    name: 'orders-service-user-boundary',
    path: '/boundaries/',
    created: '2026-02-10',
    document: doc(
      allow(
        'ExportsOnly',
        ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
        [s3Arn(dataBucket), `${s3Arn(dataBucket)}/exports/*`],
      ),
      allow('UseOrdersKey', ['kms:Decrypt', 'kms:GenerateDataKey'], key),
    ),
  });

  // The application.
  a.role({
    name: 'orders-api',
    created: '2026-02-09',
    trust: ecsTrust,
    inline: [
      {
        name: 'orders-api-data',
        document: doc(
          allow(
            'OrdersTable',
            [
              'dynamodb:GetItem',
              'dynamodb:PutItem',
              'dynamodb:UpdateItem',
              'dynamodb:Query',
              'dynamodb:ConditionCheckItem',
            ],
            [table, `${table}/index/*`],
          ),
          allow('OrderDocuments', ['s3:GetObject', 's3:PutObject'], `${s3Arn(dataBucket)}/orders/*`),
          allow('PublishEvents', 'sqs:SendMessage', queue),
          allow('Notify', 'sns:Publish', topic),
          allow('UseOrdersKey', ['kms:Decrypt', 'kms:GenerateDataKey'], key),
          allow('ReadDatabaseCredentials', 'secretsmanager:GetSecretValue', dbSecret),
          allow(
            'ReadPaymentProcessorKey',
            'secretsmanager:GetSecretValue',
            secretArn(PAYMENTS, 'payments/processor-publishable-key'),
          ),
          allow('DecryptPaymentProcessorKey', 'kms:Decrypt', kmsArn(PAYMENTS, 'payments-cardholder-data'), {
            StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` },
          }),
          allow('SubmitSettlements', 'sqs:SendMessage', sqsArn(PAYMENTS, 'payments-settlement-jobs')),
        ),
      },
    ],
    tags,
    lastUsed: '2026-11-16',
  });
  a.role({
    name: 'orders-api-task-execution',
    created: '2026-02-09',
    trust: ecsTrust,
    managed: ['AmazonECSTaskExecutionRolePolicy'],
    inline: [
      {
        name: 'inject-secrets',
        document: doc(
          allow('ReadDatabaseCredentials', 'secretsmanager:GetSecretValue', dbSecret),
          allow('DecryptSecrets', 'kms:Decrypt', key),
        ),
      },
    ],
    tags,
    lastUsed: '2026-11-16',
  });
  a.role({
    name: 'orders-worker',
    created: '2026-02-11',
    trust: serviceTrust('lambda.amazonaws.com'),
    managed: ['AWSLambdaBasicExecutionRole'],
    inline: [
      {
        name: 'consume-order-events',
        document: doc(
          allow(
            'ConsumeEvents',
            ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
            queue,
          ),
          allow('UpdateOrders', ['dynamodb:UpdateItem', 'dynamodb:GetItem'], table),
          allow('UseOrdersKey', ['kms:Decrypt', 'kms:GenerateDataKey'], key),
        ),
      },
    ],
    tags,
    lastUsed: '2026-11-16',
  });
  // TRAP T3 target: a harmless role (logs only).
  a.role({
    name: 'orders-lambda-basic',
    created: '2026-02-11',
    trust: serviceTrust('lambda.amazonaws.com'),
    managed: ['AWSLambdaBasicExecutionRole'],
    tags: appTags('orders', 'checkout', 'internal'),
    lastUsed: '2026-11-15',
  });
  // TRAP T3: PassRole limited to the harmless role.
  a.role({
    name: 'orders-lambda-deployer',
    created: '2026-03-02',
    trust: awsTrust(a.arn('role', 'orders-github-deploy')),
    inline: [
      {
        name: 'deploy-authorizer-function',
        document: doc(
          allow(
            'ManageAuthorizerFunction',
            [
              'lambda:CreateFunction',
              'lambda:UpdateFunctionCode',
              'lambda:UpdateFunctionConfiguration',
              'lambda:InvokeFunction',
              'lambda:GetFunction',
              'lambda:PublishVersion',
            ],
            `${lambdaArn(ORDERS, 'orders-api-authorizer')}*`,
          ),
          allow('PassOnlyTheBasicRole', 'iam:PassRole', a.arn('role', 'orders-lambda-basic'), {
            StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' },
          }),
        ),
      },
    ],
    tags: appTags('orders', 'checkout', 'internal'),
    lastUsed: '2026-11-03',
  });
  // The privileged role behind CloudFormation custom resources (target of M4 and of trap T4).
  a.role({
    name: 'orders-infra-custom-resource',
    created: '2026-02-12',
    trust: serviceTrust('lambda.amazonaws.com'),
    managed: ['AdministratorAccess'],
    tags: platformTags,
    lastUsed: '2026-10-28',
  });
  // MISCONFIGURATION M4: iam:PassRole on * (managed policy) + lambda:CreateFunction and
  // lambda:InvokeFunction (inline): pass orders-infra-custom-resource to a new function.
  a.role({
    name: 'orders-ops-automation',
    created: '2026-05-18',
    trust: awsTrust(`arn:aws:iam::${ORDERS}:root`, {
      ArnLike: {
        'aws:PrincipalArn': `arn:aws:iam::${ORDERS}:role${SSO_PATH}AWSReservedSSO_ReadOnlyOperator_*`,
      },
    }),
    managed: ['orders-ops-passrole'],
    inline: [
      {
        name: 'ops-runbooks',
        document: doc(
          allow(
            'RunbookFunctions',
            [
              'lambda:CreateFunction',
              'lambda:InvokeFunction',
              'lambda:GetFunction',
              'lambda:DeleteFunction',
              'lambda:ListFunctions',
            ],
            '*',
          ),
          allow('RestartServices', ['ecs:UpdateService', 'ecs:DescribeServices'], service),
          allow('ReadLogs', ['logs:FilterLogEvents', 'logs:GetLogEvents'], '*'),
        ),
      },
    ],
    tags: appTags('orders', 'checkout', 'internal'),
    lastUsed: '2026-11-09',
  });
  // MISCONFIGURATION M11 (second hop): trusts the whole staging account.
  a.role({
    name: 'orders-deploy',
    created: '2026-02-12',
    trust: awsTrust([`arn:aws:iam::${SHARED}:role/platform-ci-deployer`, `arn:aws:iam::${STAGING}:root`]),
    inline: [
      {
        name: 'deploy-orders-stacks',
        document: doc(
          allow(
            'ManageOrdersStacks',
            [
              'cloudformation:CreateStack',
              'cloudformation:UpdateStack',
              'cloudformation:CreateChangeSet',
              'cloudformation:ExecuteChangeSet',
              'cloudformation:DescribeStacks',
              'cloudformation:DescribeChangeSet',
              'cloudformation:DescribeStackEvents',
            ],
            `arn:aws:cloudformation:${REGION}:${ORDERS}:stack/orders-*/*`,
          ),
          allow('PassExecutionRole', 'iam:PassRole', a.arn('role', 'orders-cfn-exec'), {
            StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' },
          }),
          allow(
            'ReadArtifacts',
            ['s3:GetObject'],
            `${s3Arn('northwind-platform-artifacts-555566667777')}/orders/*`,
          ),
        ),
      },
    ],
    tags: platformTags,
    lastUsed: '2026-11-14',
  });
  a.role({
    name: 'orders-cfn-exec',
    created: '2026-02-12',
    trust: serviceTrust('cloudformation.amazonaws.com'),
    managed: ['AdministratorAccess'],
    tags: platformTags,
    lastUsed: '2026-11-14',
  });
  // MISCONFIGURATION M6: GitHub OIDC trust without a `sub` condition.
  a.role({
    name: 'orders-github-deploy',
    created: '2026-02-03',
    trust: githubTrust(ORDERS),
    inline: [
      {
        name: 'deploy-orders-api',
        document: doc(
          allow('EcrLogin', 'ecr:GetAuthorizationToken', '*'),
          allow(
            'PushImages',
            [
              'ecr:BatchCheckLayerAvailability',
              'ecr:InitiateLayerUpload',
              'ecr:UploadLayerPart',
              'ecr:CompleteLayerUpload',
              'ecr:PutImage',
            ],
            repo,
          ),
          allow('RegisterTaskDefinitions', ['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition'], '*'),
          allow('UpdateService', ['ecs:UpdateService', 'ecs:DescribeServices'], service),
          allow(
            'PassTaskRoles',
            'iam:PassRole',
            [a.arn('role', 'orders-api'), a.arn('role', 'orders-api-task-execution')],
            {
              StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
            },
          ),
          allow('ChainToLambdaDeployer', 'sts:AssumeRole', a.arn('role', 'orders-lambda-deployer')),
        ),
      },
    ],
    tags: appTags('orders', 'checkout', 'internal'),
    lastUsed: '2026-11-14',
  });
  a.role({
    name: 'orders-reporting-reader',
    created: '2026-04-06',
    trust: awsTrust(`arn:aws:iam::${SHARED}:role/reporting-etl`, {
      StringEquals: { 'aws:PrincipalOrgID': ORG_ID },
    }),
    inline: [
      {
        name: 'read-order-exports',
        document: doc(
          allow('ListExports', 's3:ListBucket', s3Arn(dataBucket), {
            StringLike: { 's3:prefix': 'exports/*' },
          }),
          allow('ReadExports', 's3:GetObject', `${s3Arn(dataBucket)}/exports/*`),
          allow('DecryptExports', 'kms:Decrypt', key, {
            StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` },
          }),
        ),
      },
    ],
    tags: appTags('reporting', 'analytics', 'confidential'),
    lastUsed: '2026-11-16',
  });
  // TRAP T1: the escalating Allow is cancelled by a Deny in another (managed) policy.
  a.role({
    name: 'orders-data-engineer',
    created: '2026-03-09',
    trust: awsTrust(`arn:aws:iam::${ORDERS}:root`, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    managed: ['orders-deny-iam-write'],
    inline: [
      {
        name: 'data-engineering',
        document: doc(
          allow(
            'Analytics',
            ['athena:*', 'glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartitions'],
            '*',
          ),
          allow(
            'ReadExports',
            ['s3:GetObject', 's3:ListBucket'],
            [s3Arn(dataBucket), `${s3Arn(dataBucket)}/exports/*`],
          ),
          allow(
            'LegacyIamMaintenance',
            [
              'iam:CreatePolicyVersion',
              'iam:SetDefaultPolicyVersion',
              'iam:AttachRolePolicy',
              'iam:PutRolePolicy',
            ],
            '*',
          ),
        ),
      },
    ],
    tags: appTags('orders', 'checkout', 'confidential'),
    lastUsed: '2026-10-30',
  });
  // TRAP T4: PassRole on the admin role, but only EC2 actions, and that role trusts only Lambda.
  a.role({
    name: 'orders-fleet-manager',
    created: '2026-04-21',
    trust: serviceTrust('ssm.amazonaws.com', { StringEquals: { 'aws:SourceAccount': ORDERS } }),
    inline: [
      {
        name: 'fleet-operations',
        document: doc(
          allow(
            'LaunchInstances',
            [
              'ec2:RunInstances',
              'ec2:CreateTags',
              'ec2:Describe*',
              'ec2:TerminateInstances',
              'iam:CreateInstanceProfile',
              'iam:AddRoleToInstanceProfile',
              'iam:GetInstanceProfile',
            ],
            '*',
          ),
          allow('PassCustomResourceRole', 'iam:PassRole', a.arn('role', 'orders-infra-custom-resource')),
        ),
      },
    ],
    tags: platformTags,
    lastUsed: '2026-11-02',
  });
  // TRAP T5: escalating permissions removed by the permissions boundary.
  a.role({
    name: 'orders-event-replayer',
    created: '2026-06-15',
    trust: serviceTrust('lambda.amazonaws.com'),
    boundary: 'orders-workload-boundary',
    managed: ['AWSLambdaBasicExecutionRole'],
    inline: [
      {
        name: 'replay-events',
        document: doc(
          allow(
            'ReplayEvents',
            ['sqs:ReceiveMessage', 'sqs:SendMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
            queue,
          ),
          allow('UseOrdersKey', ['kms:Decrypt', 'kms:GenerateDataKey'], key),
          allow(
            'SpawnReplayWorkers',
            ['lambda:CreateFunction', 'lambda:InvokeFunction', 'iam:PassRole'],
            '*',
          ),
        ),
      },
    ],
    tags,
    lastUsed: '2026-10-19',
  });
  a.role({
    name: 'orders-bastion',
    created: '2026-02-20',
    trust: serviceTrust('ec2.amazonaws.com'),
    managed: ['AmazonSSMManagedInstanceCore'],
    tags: platformTags,
    lastUsed: '2026-11-16',
    instanceProfile: true,
  });
  a.role({
    name: 'orders-batch-ec2',
    created: '2026-02-20',
    trust: serviceTrust('ec2.amazonaws.com'),
    managed: ['AmazonSSMManagedInstanceCore'],
    inline: [
      {
        name: 'nightly-batch',
        document: doc(
          allow(
            'ReadOrders',
            ['s3:GetObject', 's3:ListBucket'],
            [s3Arn(dataBucket), `${s3Arn(dataBucket)}/orders/*`],
          ),
          allow('WriteExports', 's3:PutObject', `${s3Arn(dataBucket)}/exports/*`),
          allow('UseOrdersKey', ['kms:Decrypt', 'kms:GenerateDataKey'], key),
        ),
      },
    ],
    tags,
    lastUsed: '2026-11-16',
    instanceProfile: true,
  });

  a.user({
    name: 'svc-orders-export',
    path: '/service/',
    created: '2026-02-10',
    boundary: 'orders-service-user-boundary',
    inline: [
      {
        name: 'partner-sftp-export',
        document: doc(
          allow('Exports', ['s3:GetObject', 's3:PutObject'], `${s3Arn(dataBucket)}/exports/*`),
          allow('ListExports', 's3:ListBucket', s3Arn(dataBucket)),
          allow('UseOrdersKey', ['kms:Decrypt', 'kms:GenerateDataKey'], key),
        ),
      },
    ],
    tags: { ...tags, purpose: 'partner-sftp-export' },
    credentials: { mfa: false, keys: [{ rotated: '2026-08-04', lastUsed: '2026-11-16', service: 's3' }] },
  });
  // TRAP T2: broad rights behind conditions that can no longer be met (time window over, fixed source IP).
  a.user({
    name: 'ext-pentest-2026',
    path: '/external/',
    created: '2026-03-16',
    inline: [
      {
        name: 'pentest-window',
        document: doc(
          allow('PenetrationTestWindow', '*', '*', {
            DateLessThan: { 'aws:CurrentTime': '2026-03-31T23:59:59Z' },
            IpAddress: { 'aws:SourceIp': '198.51.100.0/24' },
          }),
        ),
      },
    ],
    tags: { company: 'redline-security', ticket: 'SEC-412', owner: TEAMS.security.owner },
    credentials: {
      password: { changed: '2026-03-16', lastUsed: '2026-03-27' },
      mfa: true,
      keys: [{ rotated: '2026-03-16', lastUsed: '2026-03-30', service: 'iam' }],
    },
  });

  // Resources.
  a.resource({
    arn: key,
    type: 'AWS::KMS::Key',
    tags,
    policy: doc(
      ...keyPolicyBase(a, [a.ssoRoleArn('AdministratorAccess')]),
      grant(
        'Allow',
        'AllowUseByOrdersServices',
        {
          AWS: [
            a.arn('role', 'orders-api'),
            a.arn('role', 'orders-worker'),
            a.arn('role', 'orders-batch-ec2'),
          ],
        },
        ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        '*',
      ),
      grant(
        'Allow',
        'AllowReportingReadThroughS3',
        { AWS: a.arn('role', 'orders-reporting-reader') },
        'kms:Decrypt',
        '*',
        {
          StringEquals: { 'kms:ViaService': `s3.${REGION}.amazonaws.com` },
        },
      ),
    ),
    properties: keyProperties('orders-data', 'Orders data: S3, DynamoDB, SQS, Secrets Manager'),
  });
  a.resource({
    arn: s3Arn(dataBucket),
    type: 'AWS::S3::Bucket',
    tags,
    policy: doc(
      denyInsecureTransport(s3Arn(dataBucket)),
      grant(
        'Allow',
        'AllowReportingExportRead',
        { AWS: a.arn('role', 'orders-reporting-reader') },
        ['s3:GetObject', 's3:ListBucket'],
        [s3Arn(dataBucket), `${s3Arn(dataBucket)}/exports/*`],
      ),
    ),
    properties: bucketProperties(dataBucket, { kmsKey: key }),
  });
  // CONTRAST: CloudFront origin access control, a service principal scoped to one distribution.
  a.resource({
    arn: s3Arn(assetsBucket),
    type: 'AWS::S3::Bucket',
    tags: appTags('orders', 'checkout', 'public'),
    policy: doc(
      grant(
        'Allow',
        'AllowCloudFrontServicePrincipalReadOnly',
        { Service: 'cloudfront.amazonaws.com' },
        's3:GetObject',
        `${s3Arn(assetsBucket)}/*`,
        {
          StringEquals: { 'AWS:SourceArn': `arn:aws:cloudfront::${ORDERS}:distribution/E2QWRUHAPOMQZL` },
        },
      ),
    ),
    properties: bucketProperties(assetsBucket, { versioning: false }),
  });
  a.resource({
    arn: table,
    type: 'AWS::DynamoDB::Table',
    tags,
    properties: {
      TableName: 'orders',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: key },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    },
  });
  a.resource({
    arn: queue,
    type: 'AWS::SQS::Queue',
    tags,
    policy: JSON.stringify(
      doc(
        grant('Allow', 'AllowOrdersTopic', { Service: 'sns.amazonaws.com' }, 'sqs:SendMessage', queue, {
          ArnEquals: { 'aws:SourceArn': topic },
        }),
      ),
    ),
    properties: { QueueName: 'orders-events', KmsMasterKeyId: key, KmsDataKeyReusePeriodSeconds: 300 },
  });
  // TRAP: the default SNS topic policy, Principal "*" limited to the owner account.
  a.resource({
    arn: topic,
    type: 'AWS::SNS::Topic',
    tags,
    policy: {
      Version: '2008-10-17',
      Id: '__default_policy_ID',
      Statement: [
        {
          Sid: '__default_statement_ID',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: [
            'SNS:GetTopicAttributes',
            'SNS:SetTopicAttributes',
            'SNS:AddPermission',
            'SNS:RemovePermission',
            'SNS:DeleteTopic',
            'SNS:Subscribe',
            'SNS:ListSubscriptionsByTopic',
            'SNS:Publish',
          ],
          Resource: topic,
          Condition: { StringEquals: { 'AWS:SourceOwner': ORDERS } },
        },
        {
          Sid: 'AllowPaymentsToSubscribe',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${PAYMENTS}:root` },
          Action: 'SNS:Subscribe',
          Resource: topic,
          Condition: { StringEquals: { 'SNS:Protocol': 'sqs' } },
        },
      ],
    },
    properties: { TopicName: 'orders-notifications', KmsMasterKeyId: key },
  });
  a.resource({
    arn: dbSecret,
    type: 'AWS::SecretsManager::Secret',
    tags,
    policy: doc(
      grant('Deny', 'OnlyTheOrdersApiReadsTheSecret', '*', 'secretsmanager:GetSecretValue', '*', {
        StringNotEquals: {
          'aws:PrincipalArn': [a.arn('role', 'orders-api'), a.arn('role', 'orders-api-task-execution')],
        },
      }),
    ),
    properties: { Name: 'orders/db-credentials', KmsKeyId: key, RotationEnabled: true },
  });
  a.resource({
    arn: lambdaArn(ORDERS, 'orders-worker'),
    type: 'AWS::Lambda::Function',
    tags,
    properties: {
      FunctionName: 'orders-worker',
      Role: a.roleArn('orders-worker'),
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      KmsKeyArn: key,
    },
  });
  a.resource({
    arn: lambdaArn(ORDERS, 'orders-api-authorizer'),
    type: 'AWS::Lambda::Function',
    tags: appTags('orders', 'checkout', 'internal'),
    policy: doc(
      grant(
        'Allow',
        'AllowApiGatewayInvoke',
        { Service: 'apigateway.amazonaws.com' },
        'lambda:InvokeFunction',
        lambdaArn(ORDERS, 'orders-api-authorizer'),
        {
          ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:${REGION}:${ORDERS}:k7q2m9x4wd/authorizers/*` },
        },
      ),
    ),
    properties: {
      FunctionName: 'orders-api-authorizer',
      Role: a.roleArn('orders-lambda-basic'),
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
    },
  });
  a.resource({
    arn: lambdaArn(ORDERS, 'orders-stack-custom-resource'),
    type: 'AWS::Lambda::Function',
    tags: platformTags,
    properties: {
      FunctionName: 'orders-stack-custom-resource',
      Role: a.roleArn('orders-infra-custom-resource'),
      Runtime: 'python3.13',
      Handler: 'custom_resource.handler',
    },
  });
  a.resource({
    arn: lambdaArn(ORDERS, 'orders-event-replayer'),
    type: 'AWS::Lambda::Function',
    tags,
    properties: {
      FunctionName: 'orders-event-replayer',
      Role: a.roleArn('orders-event-replayer'),
      Runtime: 'nodejs22.x',
      Handler: 'replay.handler',
    },
  });
  a.resource({
    arn: `arn:aws:ecs:${REGION}:${ORDERS}:task-definition/orders-api:42`,
    type: 'AWS::ECS::TaskDefinition',
    tags,
    properties: {
      Family: 'orders-api',
      TaskRoleArn: a.roleArn('orders-api'),
      ExecutionRoleArn: a.roleArn('orders-api-task-execution'),
      RequiresCompatibilities: ['FARGATE'],
    },
  });
  a.resource({
    arn: service,
    type: 'AWS::ECS::Service',
    tags,
    properties: {
      ServiceName: 'orders-api',
      Cluster: `arn:aws:ecs:${REGION}:${ORDERS}:cluster/orders-prod`,
      TaskDefinition: `arn:aws:ecs:${REGION}:${ORDERS}:task-definition/orders-api:42`,
      EnableExecuteCommand: false,
    },
  });
  a.resource({
    arn: instanceArn(ORDERS, 'orders-bastion'),
    type: 'AWS::EC2::Instance',
    tags: { ...platformTags, Name: 'orders-bastion' },
    properties: {
      InstanceType: 't3.micro',
      IamInstanceProfile: a.arn('instance-profile', 'orders-bastion'),
      MetadataOptions: { HttpTokens: 'required' },
    },
  });
  a.resource({
    arn: instanceArn(ORDERS, 'orders-batch'),
    type: 'AWS::EC2::Instance',
    tags: { ...tags, Name: 'orders-batch' },
    properties: {
      InstanceType: 'm6i.large',
      IamInstanceProfile: a.arn('instance-profile', 'orders-batch-ec2'),
      MetadataOptions: { HttpTokens: 'required' },
    },
  });
  a.resource({
    arn: `arn:aws:cloudformation:${REGION}:${ORDERS}:stack/orders-platform/${keyId('stack:orders-platform')}`,
    type: 'AWS::CloudFormation::Stack',
    tags: platformTags,
    properties: { StackName: 'orders-platform', RoleARN: a.roleArn('orders-cfn-exec') },
  });
  a.resource({
    arn: repo,
    type: 'AWS::ECR::Repository',
    tags: appTags('orders', 'checkout', 'internal'),
    policy: doc(
      grant('Allow', 'AllowPlatformCiPush', { AWS: `arn:aws:iam::${SHARED}:role/platform-ci-deployer` }, [
        'ecr:BatchCheckLayerAvailability',
        'ecr:InitiateLayerUpload',
        'ecr:UploadLayerPart',
        'ecr:CompleteLayerUpload',
        'ecr:PutImage',
        'ecr:BatchGetImage',
        'ecr:GetDownloadUrlForLayer',
      ]),
    ),
    properties: {
      RepositoryName: 'orders-api',
      ImageTagMutability: 'IMMUTABLE',
      EncryptionConfiguration: { EncryptionType: 'AES256' },
    },
  });
  a.rootPasswordLastUsed = undefined;
  return a;
}

// ---------------------------------------------------------------------------------------------
// 444455556666 payments-prod: the payments application of the payments team (PCI scope)
// ---------------------------------------------------------------------------------------------

function buildPaymentsProd() {
  const a = new AccountBuilder(PAYMENTS, 'payments-prod', '2026-01-12');
  addBaseline(a, {
    permissionSets: ['ReadOnlyOperator'],
    incidentResponse: true,
    serviceLinked: ['ecs', 'elasticloadbalancing'],
  });
  addGithubProvider(a, '2026-02-05');
  const tags = appTags('payments', 'payments', 'restricted', { compliance: 'pci-dss' });
  const internal = appTags('payments', 'payments', 'internal');

  const key = kmsArn(PAYMENTS, 'payments-cardholder-data');
  const ledger = tableArn(PAYMENTS, 'payments-ledger');
  const settlementBucket = 'payments-settlement-reports-444455556666';
  const docsBucket = 'payments-internal-docs-444455556666';
  const jobs = sqsArn(PAYMENTS, 'payments-settlement-jobs');
  const alerts = snsArn(PAYMENTS, 'payments-alerts');
  const processorKey = secretArn(PAYMENTS, 'payments/processor-publishable-key');
  const webhookSecret = secretArn(PAYMENTS, 'payments/webhook-signing-secret');
  const service = `arn:aws:ecs:${REGION}:${PAYMENTS}:service/payments-prod/payments-api`;
  const ecsTrust = serviceTrust('ecs-tasks.amazonaws.com', {
    ArnLike: { 'aws:SourceArn': `arn:aws:ecs:${REGION}:${PAYMENTS}:*` },
    StringEquals: { 'aws:SourceAccount': PAYMENTS },
  });

  // MISCONFIGURATION M9: the developers' own policy, which they may rewrite (see the group below).
  a.policy({
    name: 'payments-developer-access',
    created: '2026-02-10',
    versions: [
      {
        // v1, from before the April clean-up: still stored, not the default.
        created: '2026-02-10',
        document: doc(
          allow('EverythingPayments', ['dynamodb:*', 's3:*', 'lambda:*', 'ecs:*', 'iam:PassRole'], '*'),
        ),
      },
      {
        created: '2026-04-22',
        document: doc(
          allow(
            'ObserveServices',
            [
              'ecs:Describe*',
              'ecs:List*',
              'logs:FilterLogEvents',
              'logs:GetLogEvents',
              'cloudwatch:GetMetricData',
              'lambda:GetFunctionConfiguration',
              'lambda:ListFunctions',
              'dynamodb:DescribeTable',
            ],
            '*',
          ),
          allow('QueryLedger', ['dynamodb:Query', 'dynamodb:GetItem'], ledger),
          allow('RedriveSettlements', ['sqs:StartMessageMoveTask', 'sqs:ListMessageMoveTasks'], jobs),
        ),
      },
    ],
  });
  a.policy({
    name: 'payments-service-user-boundary',
    path: '/boundaries/',
    created: '2026-02-10',
    document: doc(
      allow(
        'SettlementUploadsOnly',
        ['s3:PutObject', 's3:GetObject', 's3:ListBucket'],
        [s3Arn(settlementBucket), `${s3Arn(settlementBucket)}/*`],
      ),
    ),
  });
  a.policy({
    name: 'payments-pci-readonly',
    created: '2026-03-23',
    document: doc(
      allow(
        'PciEvidence',
        [
          'iam:GetAccountPasswordPolicy',
          'iam:GetCredentialReport',
          'iam:GenerateCredentialReport',
          'iam:ListUsers',
          'iam:ListRoles',
          'kms:DescribeKey',
          'kms:GetKeyRotationStatus',
          'kms:ListKeys',
          's3:GetEncryptionConfiguration',
          's3:GetBucketPolicy',
          's3:ListAllMyBuckets',
          'dynamodb:DescribeTable',
          'cloudtrail:DescribeTrails',
          'cloudtrail:GetTrailStatus',
          'config:DescribeComplianceByConfigRule',
        ],
        '*',
      ),
    ),
  });

  a.role({
    name: 'payments-api',
    created: '2026-02-16',
    trust: ecsTrust,
    inline: [
      {
        name: 'payments-api-data',
        document: doc(
          allow(
            'Ledger',
            ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
            [ledger, `${ledger}/index/*`],
          ),
          allow('UseCardholderKey', ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt'], key),
          allow('ReadProcessorKey', 'secretsmanager:GetSecretValue', processorKey),
          allow('QueueSettlements', 'sqs:SendMessage', jobs),
        ),
      },
    ],
    tags,
    lastUsed: '2026-11-16',
  });
  a.role({
    name: 'payments-api-task-execution',
    created: '2026-02-16',
    trust: ecsTrust,
    managed: ['AmazonECSTaskExecutionRolePolicy'],
    tags: internal,
    lastUsed: '2026-11-16',
  });
  a.role({
    name: 'payments-webhook',
    created: '2026-02-18',
    trust: serviceTrust('lambda.amazonaws.com'),
    managed: ['AWSLambdaBasicExecutionRole'],
    inline: [
      {
        name: 'receive-webhooks',
        document: doc(
          allow('ReadSigningSecret', 'secretsmanager:GetSecretValue', webhookSecret),
          allow('DecryptSecret', 'kms:Decrypt', key, {
            StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` },
          }),
          allow('QueueSettlements', 'sqs:SendMessage', jobs),
        ),
      },
    ],
    tags,
    lastUsed: '2026-11-16',
  });
  a.role({
    name: 'payments-settlement-batch',
    created: '2026-02-18',
    trust: ecsTrust,
    inline: [
      {
        name: 'settle',
        document: doc(
          allow('ConsumeJobs', ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], jobs),
          allow('Ledger', ['dynamodb:Query', 'dynamodb:UpdateItem'], ledger),
          allow('WriteReports', ['s3:PutObject', 's3:GetObject'], `${s3Arn(settlementBucket)}/*`),
          allow('UseCardholderKey', ['kms:Decrypt', 'kms:GenerateDataKey'], key),
          allow('Alert', 'sns:Publish', alerts),
        ),
      },
    ],
    tags,
    lastUsed: '2026-11-16',
  });
  // CONTRAST to M6: GitHub OIDC restricted to one repository and environment.
  a.role({
    name: 'payments-github-deploy',
    created: '2026-02-05',
    trust: githubTrust(PAYMENTS, `repo:${GITHUB_ORG}/payments-service:environment:production`),
    inline: [
      {
        name: 'deploy-payments',
        document: doc(
          allow('EcrLogin', 'ecr:GetAuthorizationToken', '*'),
          allow(
            'PushImages',
            [
              'ecr:BatchCheckLayerAvailability',
              'ecr:InitiateLayerUpload',
              'ecr:UploadLayerPart',
              'ecr:CompleteLayerUpload',
              'ecr:PutImage',
            ],
            `arn:aws:ecr:${REGION}:${PAYMENTS}:repository/payments-api`,
          ),
          allow('RegisterTaskDefinitions', ['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition'], '*'),
          allow('UpdateService', ['ecs:UpdateService', 'ecs:DescribeServices'], service),
          allow(
            'PassTaskRoles',
            'iam:PassRole',
            [a.arn('role', 'payments-api'), a.arn('role', 'payments-api-task-execution')],
            {
              StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
            },
          ),
          allow(
            'UpdateStacks',
            [
              'cloudformation:CreateChangeSet',
              'cloudformation:ExecuteChangeSet',
              'cloudformation:DescribeChangeSet',
              'cloudformation:DescribeStacks',
            ],
            `arn:aws:cloudformation:${REGION}:${PAYMENTS}:stack/payments-core/*`,
          ),
          allow('PassStackRole', 'iam:PassRole', a.arn('role', 'payments-cfn-exec'), {
            StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' },
          }),
        ),
      },
    ],
    tags: internal,
    lastUsed: '2026-11-13',
  });
  // CONTRAST to orders-cfn-exec: a stack role scoped to the application's resources.
  a.role({
    name: 'payments-cfn-exec',
    created: '2026-02-16',
    trust: serviceTrust('cloudformation.amazonaws.com'),
    inline: [
      {
        name: 'manage-payments-resources',
        document: doc(
          allow('Tables', 'dynamodb:*', `arn:aws:dynamodb:${REGION}:${PAYMENTS}:table/payments-*`),
          allow('Queues', 'sqs:*', `arn:aws:sqs:${REGION}:${PAYMENTS}:payments-*`),
          allow('Topics', 'sns:*', `arn:aws:sns:${REGION}:${PAYMENTS}:payments-*`),
          allow(
            'Alarms',
            ['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms'],
            '*',
          ),
          allow(
            'Functions',
            [
              'lambda:GetFunction',
              'lambda:UpdateFunctionCode',
              'lambda:UpdateFunctionConfiguration',
              'lambda:TagResource',
            ],
            `arn:aws:lambda:${REGION}:${PAYMENTS}:function:payments-*`,
          ),
        ),
      },
    ],
    tags: internal,
    lastUsed: '2026-11-13',
  });
  // MISCONFIGURATION M2: a vendor account outside the organisation, no external id, and s3:GetObject on *.
  a.role({
    name: 'observability-vendor-integration',
    created: '2026-03-30',
    trust: awsTrust(`arn:aws:iam::${OUTSIDE.observabilityVendor}:root`, undefined, 'SkylineObservability'),
    inline: [
      {
        name: 'vendor-read',
        document: doc(
          allow(
            'Metrics',
            [
              'cloudwatch:GetMetricData',
              'cloudwatch:ListMetrics',
              'cloudwatch:DescribeAlarms',
              'logs:DescribeLogGroups',
              'logs:FilterLogEvents',
              'logs:GetLogEvents',
            ],
            '*',
          ),
          allow(
            'Inventory',
            [
              'ec2:DescribeInstances',
              'ecs:Describe*',
              'ecs:List*',
              'tag:GetResources',
              's3:ListAllMyBuckets',
            ],
            '*',
          ),
          allow('LogArchives', ['s3:GetObject', 's3:ListBucket'], '*'),
        ),
      },
    ],
    tags: { team: 'platform', owner: TEAMS.platform.owner, vendor: 'skyline-observability' },
    lastUsed: '2026-11-16',
  });
  // TRAP T6: user take-over permissions, removed by the Prod OU's SCP.
  a.role({
    name: 'payments-helpdesk',
    created: '2026-04-08',
    trust: awsTrust(`arn:aws:iam::${PAYMENTS}:root`, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    inline: [
      {
        name: 'user-support',
        document: doc(
          allow(
            'ResetUserCredentials',
            [
              'iam:CreateLoginProfile',
              'iam:UpdateLoginProfile',
              'iam:CreateAccessKey',
              'iam:DeleteAccessKey',
              'iam:ListAccessKeys',
              'iam:GetUser',
            ],
            `arn:aws:iam::${PAYMENTS}:user/*`,
          ),
          allow('ListUsers', 'iam:ListUsers', '*'),
        ),
      },
    ],
    tags: internal,
    lastUsed: '2026-10-06',
  });
  a.role({
    name: 'payments-fraud-scoring',
    created: '2026-06-01',
    trust: serviceTrust('sagemaker.amazonaws.com'),
    managed: ['AmazonS3ReadOnlyAccess'],
    inline: [
      {
        name: 'fraud-model',
        document: doc(
          allow('Ledger', ['dynamodb:Query', 'dynamodb:GetItem'], ledger),
          allow('UseCardholderKey', 'kms:Decrypt', key),
        ),
      },
    ],
    tags,
    lastUsed: '2026-11-15',
  });

  a.group({
    name: 'payments-developers',
    created: '2026-02-10',
    managed: ['payments-developer-access', 'IAMUserChangePassword'],
    inline: [
      {
        name: 'self-service-policies',
        document: doc(
          allow(
            'MaintainTeamPolicies',
            [
              'iam:CreatePolicyVersion',
              'iam:DeletePolicyVersion',
              'iam:SetDefaultPolicyVersion',
              'iam:GetPolicy',
              'iam:GetPolicyVersion',
              'iam:ListPolicyVersions',
            ],
            `arn:aws:iam::${PAYMENTS}:policy/payments-*`,
          ),
        ),
      },
    ],
  });
  a.group({
    name: 'payments-readonly',
    created: '2026-03-23',
    managed: ['payments-pci-readonly', 'IAMUserChangePassword'],
  });
  for (const [name, created, used] of [
    ['priya.natarajan', '2026-02-10', '2026-11-14'],
    ['tom.becker', '2026-02-24', '2026-11-11'],
  ]) {
    a.user({
      name,
      path: '/people/',
      created,
      groups: ['payments-developers'],
      tags: { team: 'payments', owner: TEAMS.payments.owner },
      credentials: { password: { changed: created, lastUsed: used }, mfa: true, keys: [] },
    });
  }
  a.user({
    name: 'ext-qsa-lena',
    path: '/external/',
    created: '2026-03-23',
    groups: ['payments-readonly'],
    tags: { company: 'clearline-assessors', purpose: 'pci-dss-assessment', owner: TEAMS.payments.owner },
    credentials: { password: { changed: '2026-03-23', lastUsed: '2026-10-02' }, mfa: true, keys: [] },
  });
  a.user({
    name: 'svc-settlement-upload',
    path: '/service/',
    created: '2026-02-18',
    boundary: 'payments-service-user-boundary',
    inline: [
      {
        name: 'upload-bank-files',
        document: doc(
          allow(
            'UploadBankFiles',
            ['s3:PutObject', 's3:GetObject'],
            `${s3Arn(settlementBucket)}/bank-files/*`,
          ),
        ),
      },
    ],
    tags: { ...tags, purpose: 'bank-file-upload' },
    credentials: { mfa: false, keys: [{ rotated: '2026-08-19', lastUsed: '2026-11-15', service: 's3' }] },
  });

  a.resource({
    arn: key,
    type: 'AWS::KMS::Key',
    tags,
    policy: doc(
      ...keyPolicyBase(a, [a.ssoRoleArn('AdministratorAccess')]),
      grant(
        'Allow',
        'AllowPaymentsServices',
        {
          AWS: [
            a.arn('role', 'payments-api'),
            a.arn('role', 'payments-settlement-batch'),
            a.arn('role', 'payments-webhook'),
            a.arn('role', 'payments-fraud-scoring'),
          ],
        },
        ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        '*',
      ),
      grant(
        'Allow',
        'AllowOrdersApiThroughSecretsManager',
        { AWS: `arn:aws:iam::${ORDERS}:role/orders-api` },
        'kms:Decrypt',
        '*',
        {
          StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` },
        },
      ),
    ),
    properties: keyProperties('payments-cardholder-data', 'Cardholder data (PCI DSS scope)'),
  });
  a.resource({
    arn: ledger,
    type: 'AWS::DynamoDB::Table',
    tags,
    properties: {
      TableName: 'payments-ledger',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: key },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    },
  });
  // TRAP T7: a grant to an account outside the organisation that the Prod OU's RCP denies.
  a.resource({
    arn: s3Arn(settlementBucket),
    type: 'AWS::S3::Bucket',
    tags,
    policy: doc(
      denyInsecureTransport(s3Arn(settlementBucket)),
      grant(
        'Allow',
        'AllowLumenAnalyticsRead',
        { AWS: `arn:aws:iam::${OUTSIDE.biVendor}:root` },
        ['s3:GetObject', 's3:ListBucket'],
        [s3Arn(settlementBucket), `${s3Arn(settlementBucket)}/reports/*`],
      ),
    ),
    properties: bucketProperties(settlementBucket, {}),
  });
  // TRAP T8: Principal "*" restricted to the corporate VPC endpoint.
  a.resource({
    arn: s3Arn(docsBucket),
    type: 'AWS::S3::Bucket',
    tags: internal,
    policy: doc(
      grant(
        'Allow',
        'AllowReadThroughCorporateEndpoint',
        '*',
        ['s3:GetObject', 's3:ListBucket'],
        [s3Arn(docsBucket), `${s3Arn(docsBucket)}/*`],
        {
          StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' },
        },
      ),
      denyInsecureTransport(s3Arn(docsBucket)),
    ),
    properties: bucketProperties(docsBucket, {}),
  });
  a.resource({
    arn: jobs,
    type: 'AWS::SQS::Queue',
    tags,
    policy: JSON.stringify(
      doc(
        grant(
          'Allow',
          'AllowOrdersApi',
          { AWS: `arn:aws:iam::${ORDERS}:role/orders-api` },
          'sqs:SendMessage',
          jobs,
        ),
      ),
    ),
    properties: { QueueName: 'payments-settlement-jobs', KmsMasterKeyId: key, VisibilityTimeout: 300 },
  });
  a.resource({
    arn: alerts,
    type: 'AWS::SNS::Topic',
    tags: internal,
    policy: doc(
      grant(
        'Allow',
        'AllowCloudWatchAlarms',
        { Service: 'cloudwatch.amazonaws.com' },
        'sns:Publish',
        alerts,
        {
          StringEquals: { 'aws:SourceAccount': PAYMENTS },
        },
      ),
    ),
    properties: { TopicName: 'payments-alerts', KmsMasterKeyId: 'alias/aws/sns' },
  });
  a.resource({
    arn: processorKey,
    type: 'AWS::SecretsManager::Secret',
    tags,
    policy: doc(
      grant(
        'Allow',
        'AllowOrdersApiRead',
        { AWS: `arn:aws:iam::${ORDERS}:role/orders-api` },
        'secretsmanager:GetSecretValue',
        '*',
      ),
    ),
    properties: { Name: 'payments/processor-publishable-key', KmsKeyId: key, RotationEnabled: false },
  });
  a.resource({
    arn: webhookSecret,
    type: 'AWS::SecretsManager::Secret',
    tags,
    properties: { Name: 'payments/webhook-signing-secret', KmsKeyId: key, RotationEnabled: false },
  });
  // INTENDED EXPOSURE: a public function URL for the card processor's webhooks (the function checks an HMAC signature).
  a.resource({
    arn: lambdaArn(PAYMENTS, 'payments-webhook'),
    type: 'AWS::Lambda::Function',
    tags: { ...tags, exposure: 'public-webhook' },
    policy: doc(
      grant(
        'Allow',
        'FunctionURLAllowPublicAccess',
        '*',
        'lambda:InvokeFunctionUrl',
        lambdaArn(PAYMENTS, 'payments-webhook'),
        {
          StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' },
        },
      ),
    ),
    properties: {
      FunctionName: 'payments-webhook',
      Role: a.roleArn('payments-webhook'),
      Runtime: 'java21',
      Handler: 'com.northwind.payments.Webhook::handleRequest',
      FunctionUrlConfig: { AuthType: 'NONE' },
    },
  });
  a.resource({
    arn: `arn:aws:ecs:${REGION}:${PAYMENTS}:task-definition/payments-api:17`,
    type: 'AWS::ECS::TaskDefinition',
    tags,
    properties: {
      Family: 'payments-api',
      TaskRoleArn: a.roleArn('payments-api'),
      ExecutionRoleArn: a.roleArn('payments-api-task-execution'),
      RequiresCompatibilities: ['FARGATE'],
    },
  });
  a.resource({
    arn: `arn:aws:ecs:${REGION}:${PAYMENTS}:task-definition/payments-settlement-batch:9`,
    type: 'AWS::ECS::TaskDefinition',
    tags,
    properties: {
      Family: 'payments-settlement-batch',
      TaskRoleArn: a.roleArn('payments-settlement-batch'),
      ExecutionRoleArn: a.roleArn('payments-api-task-execution'),
      RequiresCompatibilities: ['FARGATE'],
    },
  });
  a.resource({
    arn: `arn:aws:cloudformation:${REGION}:${PAYMENTS}:stack/payments-core/${keyId('stack:payments-core')}`,
    type: 'AWS::CloudFormation::Stack',
    tags: internal,
    properties: { StackName: 'payments-core', RoleARN: a.roleArn('payments-cfn-exec') },
  });
  a.resource({
    arn: `arn:aws:sagemaker:${REGION}:${PAYMENTS}:endpoint/payments-fraud-scoring`,
    type: 'AWS::SageMaker::Endpoint',
    tags,
    properties: {
      EndpointName: 'payments-fraud-scoring',
      ExecutionRoleArn: a.roleArn('payments-fraud-scoring'),
    },
  });
  a.rootPasswordLastUsed = undefined;
  return a;
}

// ---------------------------------------------------------------------------------------------
// 777788889999 orders-staging
// ---------------------------------------------------------------------------------------------

function buildOrdersStaging() {
  const a = new AccountBuilder(STAGING, 'orders-staging', '2026-01-15');
  addBaseline(a, { permissionSets: ['DeveloperAccess'], incidentResponse: false });
  addGithubProvider(a, '2026-02-03');
  const tags = appTags('orders', 'checkout', 'internal', { environment: 'staging' });
  const bucket = 'orders-staging-data-777788889999';
  const queue = sqsArn(STAGING, 'orders-events');

  a.role({
    name: 'orders-api',
    created: '2026-02-06',
    trust: serviceTrust('ecs-tasks.amazonaws.com', { StringEquals: { 'aws:SourceAccount': STAGING } }),
    inline: [
      {
        name: 'orders-api-data',
        document: doc(
          allow(
            'OrdersTable',
            ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
            tableArn(STAGING, 'orders'),
          ),
          allow('OrderDocuments', ['s3:GetObject', 's3:PutObject'], `${s3Arn(bucket)}/orders/*`),
          allow('PublishEvents', 'sqs:SendMessage', queue),
        ),
      },
    ],
    tags,
    lastUsed: '2026-11-15',
  });
  // MISCONFIGURATION M11 (first hop): the staging pipeline may assume the production deploy role.
  a.role({
    name: 'orders-staging-ci',
    created: '2026-02-03',
    trust: githubTrust(STAGING, `repo:${GITHUB_ORG}/orders-service:environment:staging`),
    inline: [
      {
        name: 'deploy-staging',
        document: doc(
          allow('RegisterTaskDefinitions', ['ecs:RegisterTaskDefinition', 'ecs:DescribeTaskDefinition'], '*'),
          allow(
            'UpdateService',
            ['ecs:UpdateService', 'ecs:DescribeServices'],
            `arn:aws:ecs:${REGION}:${STAGING}:service/orders-staging/*`,
          ),
          allow('PassTaskRole', 'iam:PassRole', a.arn('role', 'orders-api'), {
            StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
          }),
          allow('PromoteToProduction', 'sts:AssumeRole', `arn:aws:iam::${ORDERS}:role/orders-deploy`),
        ),
      },
    ],
    tags,
    lastUsed: '2026-11-14',
  });

  a.resource({
    arn: s3Arn(bucket),
    type: 'AWS::S3::Bucket',
    tags,
    policy: doc(denyInsecureTransport(s3Arn(bucket))),
    properties: bucketProperties(bucket, { versioning: false }),
  });
  a.resource({
    arn: queue,
    type: 'AWS::SQS::Queue',
    tags,
    properties: { QueueName: 'orders-events', SqsManagedSseEnabled: true },
  });
  a.resource({
    arn: tableArn(STAGING, 'orders'),
    type: 'AWS::DynamoDB::Table',
    tags,
    properties: { TableName: 'orders', SSESpecification: { SSEEnabled: true } },
  });
  a.rootPasswordLastUsed = undefined;
  return a;
}

// ---------------------------------------------------------------------------------------------
// 555566667777 shared-services: the platform team's CI/CD, and the analytics team's reporting
// ---------------------------------------------------------------------------------------------

function buildSharedServices() {
  const a = new AccountBuilder(SHARED, 'shared-services', '2026-01-08');
  addBaseline(a, { permissionSets: ['ReadOnlyOperator'], incidentResponse: true });
  addGithubProvider(a, '2026-01-20');
  const platform = appTags('platform', 'platform', 'internal');
  const reporting = appTags('reporting', 'analytics', 'confidential');

  const artifacts = 'northwind-platform-artifacts-555566667777';
  const state = 'northwind-terraform-state-555566667777';
  const exportsBucket = 'reporting-exports-555566667777';
  const stateKey = kmsArn(SHARED, 'platform-terraform-state');
  const secretsKey = kmsArn(SHARED, 'platform-secrets');
  const warehouseKey = kmsArn(SHARED, 'reporting-warehouse');
  const npmToken = secretArn(SHARED, 'platform/npm-publish-token');
  const warehouseCredentials = secretArn(SHARED, 'reporting/warehouse-credentials');
  const lockTable = tableArn(SHARED, 'terraform-locks');
  const jobs = sqsArn(SHARED, 'reporting-jobs');
  const deployEvents = snsArn(SHARED, 'platform-deploy-events');

  a.policy({
    name: 'platform-workload-boundary',
    path: '/boundaries/',
    created: '2026-01-22',
    document: doc(
      allow(
        'WorkloadServices',
        [
          's3:*',
          'sqs:*',
          'sns:Publish',
          'kms:Decrypt',
          'kms:GenerateDataKey',
          'logs:*',
          'glue:*',
          'athena:*',
          'secretsmanager:GetSecretValue',
          'sts:AssumeRole',
          'ssm:*',
          'ssmmessages:*',
          'ec2messages:*',
          'cloudwatch:PutMetricData',
        ],
        '*',
      ),
      deny('NoIdentityChanges', ['iam:*', 'organizations:*', 'account:*'], '*'),
    ),
  });

  // MISCONFIGURATION M3: the platform pipeline can do anything to IAM, S3, EC2, ... in the account.
  a.role({
    name: 'platform-ci-deployer',
    created: '2026-01-20',
    trust: githubTrust(SHARED, `repo:${GITHUB_ORG}/platform-infra:ref:refs/heads/main`),
    inline: [
      {
        name: 'ci-deploy',
        document: doc(
          allow(
            'Deploy',
            [
              'iam:*',
              's3:*',
              'cloudformation:*',
              'ec2:*',
              'ecr:*',
              'lambda:*',
              'codebuild:*',
              'kms:*',
              'secretsmanager:*',
            ],
            '*',
          ),
          allow('DeployToWorkloads', 'sts:AssumeRole', 'arn:aws:iam::*:role/orders-deploy'),
        ),
      },
    ],
    tags: platform,
    lastUsed: '2026-11-15',
  });
  // CONTRAST: a read-only plan role for pull requests of the same repository.
  a.role({
    name: 'platform-terraform-plan',
    created: '2026-01-20',
    trust: githubTrust(SHARED, `repo:${GITHUB_ORG}/platform-infra:pull_request`),
    inline: [
      {
        name: 'terraform-plan',
        document: doc(
          allow(
            'ReadInfrastructure',
            [
              'iam:Get*',
              'iam:List*',
              'ec2:Describe*',
              's3:GetBucket*',
              's3:ListBucket',
              'ecr:Describe*',
              'lambda:Get*',
              'lambda:List*',
              'codebuild:BatchGetProjects',
            ],
            '*',
          ),
          allow('ReadState', 's3:GetObject', `${s3Arn(state)}/*`),
          allow('LockState', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], lockTable),
          allow('DecryptState', 'kms:Decrypt', stateKey),
        ),
      },
    ],
    tags: platform,
    lastUsed: '2026-11-15',
  });
  a.role({
    name: 'platform-codebuild',
    created: '2026-01-27',
    trust: serviceTrust('codebuild.amazonaws.com', { StringEquals: { 'aws:SourceAccount': SHARED } }),
    inline: [
      {
        name: 'build-base-images',
        document: doc(
          allow(
            'Logs',
            ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
            `arn:aws:logs:${REGION}:${SHARED}:log-group:/aws/codebuild/*`,
          ),
          allow('EcrLogin', 'ecr:GetAuthorizationToken', '*'),
          allow(
            'PushBaseImages',
            [
              'ecr:BatchCheckLayerAvailability',
              'ecr:InitiateLayerUpload',
              'ecr:UploadLayerPart',
              'ecr:CompleteLayerUpload',
              'ecr:PutImage',
              'ecr:BatchGetImage',
            ],
            `arn:aws:ecr:${REGION}:${SHARED}:repository/platform/*`,
          ),
          allow('Artifacts', ['s3:GetObject', 's3:PutObject'], `${s3Arn(artifacts)}/*`),
          allow('PublishEvents', 'sns:Publish', deployEvents),
        ),
      },
    ],
    tags: platform,
    lastUsed: '2026-11-15',
  });
  a.role({
    name: 'reporting-etl',
    created: '2026-04-06',
    trust: serviceTrust('glue.amazonaws.com'),
    boundary: 'platform-workload-boundary',
    inline: [
      {
        name: 'reporting-pipeline',
        document: doc(
          allow('ReadOrderExports', 'sts:AssumeRole', `arn:aws:iam::${ORDERS}:role/orders-reporting-reader`),
          allow(
            'WriteExports',
            ['s3:PutObject', 's3:GetObject', 's3:ListBucket'],
            [s3Arn(exportsBucket), `${s3Arn(exportsBucket)}/*`],
          ),
          allow('UseWarehouseKey', ['kms:Decrypt', 'kms:GenerateDataKey'], warehouseKey),
          allow('ReadWarehouseCredentials', 'secretsmanager:GetSecretValue', warehouseCredentials),
          allow('Jobs', ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], jobs),
          allow(
            'GlueCatalog',
            [
              'glue:GetDatabase',
              'glue:GetTable',
              'glue:CreateTable',
              'glue:UpdateTable',
              'glue:BatchCreatePartition',
            ],
            '*',
          ),
        ),
      },
    ],
    tags: reporting,
    lastUsed: '2026-11-16',
  });
  a.role({
    name: 'reporting-dashboard',
    created: '2026-04-10',
    trust: serviceTrust('ec2.amazonaws.com'),
    boundary: 'platform-workload-boundary',
    managed: ['AmazonSSMManagedInstanceCore'],
    inline: [
      {
        name: 'dashboard-data',
        document: doc(
          allow(
            'ReadExports',
            ['s3:GetObject', 's3:ListBucket'],
            [s3Arn(exportsBucket), `${s3Arn(exportsBucket)}/*`],
          ),
          allow('ReadWarehouseCredentials', 'secretsmanager:GetSecretValue', warehouseCredentials),
          allow('UseWarehouseKey', 'kms:Decrypt', warehouseKey),
        ),
      },
    ],
    tags: reporting,
    lastUsed: '2026-11-16',
    instanceProfile: true,
  });

  a.group({
    name: 'platform-operators',
    created: '2026-01-21',
    managed: ['PowerUserAccess', 'IAMUserChangePassword'],
  });
  a.user({
    name: 'dana.whitfield',
    path: '/people/',
    created: '2026-01-21',
    groups: ['platform-operators'],
    tags: { team: 'platform', owner: TEAMS.platform.owner },
    credentials: { password: { changed: '2026-07-01', lastUsed: '2026-11-14' }, mfa: true, keys: [] },
  });
  // MISCONFIGURATION M10: NotAction that leaves iam:AttachUserPolicy / iam:PutUserPolicy allowed,
  // on a service user whose access key was last used in June.
  a.user({
    name: 'jenkins-legacy',
    path: '/service/',
    created: '2026-01-09',
    inline: [
      {
        name: 'jenkins-everything-but-users',
        document: doc(
          statement(
            'Allow',
            'EverythingExceptManagingUsers',
            ['iam:CreateUser', 'iam:DeleteUser', 'iam:CreateLoginProfile', 'organizations:*', 'account:*'],
            '*',
            undefined,
            'NotAction',
          ),
        ),
      },
    ],
    tags: { team: 'platform', owner: TEAMS.platform.owner, purpose: 'jenkins-before-github-actions' },
    credentials: { mfa: false, keys: [{ rotated: '2026-01-09', lastUsed: '2026-06-02', service: 's3' }] },
  });

  // TRAP T8: Principal "*" limited to the organisation.
  a.resource({
    arn: s3Arn(artifacts),
    type: 'AWS::S3::Bucket',
    tags: platform,
    policy: doc(
      grant(
        'Allow',
        'AllowOrganisationRead',
        '*',
        ['s3:GetObject', 's3:ListBucket'],
        [s3Arn(artifacts), `${s3Arn(artifacts)}/*`],
        {
          StringEquals: { 'aws:PrincipalOrgID': ORG_ID },
        },
      ),
      denyInsecureTransport(s3Arn(artifacts)),
    ),
    properties: bucketProperties(artifacts, {}),
  });
  a.resource({
    arn: s3Arn(state),
    type: 'AWS::S3::Bucket',
    tags: appTags('platform', 'platform', 'confidential'),
    policy: doc(denyInsecureTransport(s3Arn(state))),
    properties: bucketProperties(state, { kmsKey: stateKey }),
  });
  // MISCONFIGURATION M1: a public bucket of confidential exports.
  a.resource({
    arn: s3Arn(exportsBucket),
    type: 'AWS::S3::Bucket',
    tags: reporting,
    policy: doc(grant('Allow', 'PartnerPortalDownload', '*', 's3:GetObject', `${s3Arn(exportsBucket)}/*`)),
    properties: bucketProperties(exportsBucket, { publicAccessBlock: false }),
  });
  a.resource({
    arn: stateKey,
    type: 'AWS::KMS::Key',
    tags: appTags('platform', 'platform', 'confidential'),
    policy: doc(
      ...keyPolicyBase(a, [a.ssoRoleArn('AdministratorAccess'), a.arn('role', 'platform-ci-deployer')]),
    ),
    properties: keyProperties('platform-terraform-state', 'Terraform state'),
  });
  a.resource({
    arn: secretsKey,
    type: 'AWS::KMS::Key',
    tags: platform,
    policy: doc(
      ...keyPolicyBase(a, [a.ssoRoleArn('AdministratorAccess'), a.arn('role', 'platform-ci-deployer')]),
      // Part of M8: without it the contractor could not decrypt the secret.
      grant(
        'Allow',
        'AllowBrightpathDecryptThroughSecretsManager',
        { AWS: `arn:aws:iam::${OUTSIDE.contractor}:root` },
        ['kms:Decrypt', 'kms:DescribeKey'],
        '*',
        {
          StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` },
        },
      ),
    ),
    properties: keyProperties('platform-secrets', 'Platform CI secrets'),
  });
  // MISCONFIGURATION M7: kms:* for an account outside the organisation.
  a.resource({
    arn: warehouseKey,
    type: 'AWS::KMS::Key',
    tags: reporting,
    policy: doc(
      ...keyPolicyBase(a, [a.ssoRoleArn('AdministratorAccess')]),
      grant(
        'Allow',
        'AllowReportingPipeline',
        { AWS: [a.arn('role', 'reporting-etl'), a.arn('role', 'reporting-dashboard')] },
        ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        '*',
      ),
      grant('Allow', 'AllowLumenAnalytics', { AWS: `arn:aws:iam::${OUTSIDE.biVendor}:root` }, 'kms:*', '*'),
    ),
    properties: keyProperties('reporting-warehouse', 'Reporting warehouse extracts'),
  });
  // MISCONFIGURATION M8: a secret readable by an account outside the organisation.
  a.resource({
    arn: npmToken,
    type: 'AWS::SecretsManager::Secret',
    tags: appTags('platform', 'platform', 'confidential'),
    policy: doc(
      grant(
        'Allow',
        'AllowBrightpathBuildAgents',
        { AWS: `arn:aws:iam::${OUTSIDE.contractor}:root` },
        ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        '*',
      ),
    ),
    properties: { Name: 'platform/npm-publish-token', KmsKeyId: secretsKey, RotationEnabled: false },
  });
  a.resource({
    arn: warehouseCredentials,
    type: 'AWS::SecretsManager::Secret',
    tags: reporting,
    properties: { Name: 'reporting/warehouse-credentials', KmsKeyId: warehouseKey, RotationEnabled: true },
  });
  a.resource({
    arn: lockTable,
    type: 'AWS::DynamoDB::Table',
    tags: platform,
    properties: { TableName: 'terraform-locks', SSESpecification: { SSEEnabled: true } },
  });
  a.resource({
    arn: jobs,
    type: 'AWS::SQS::Queue',
    tags: reporting,
    policy: JSON.stringify(
      doc(
        grant('Allow', 'AllowNightlySchedule', { Service: 'events.amazonaws.com' }, 'sqs:SendMessage', jobs, {
          ArnEquals: { 'aws:SourceArn': `arn:aws:events:${REGION}:${SHARED}:rule/reporting-nightly` },
        }),
      ),
    ),
    properties: { QueueName: 'reporting-jobs', SqsManagedSseEnabled: true },
  });
  // TRAP T8: Principal "*" limited to the organisation.
  a.resource({
    arn: deployEvents,
    type: 'AWS::SNS::Topic',
    tags: platform,
    policy: doc(
      grant('Allow', 'AllowOrganisationPublish', { AWS: '*' }, 'sns:Publish', deployEvents, {
        StringEquals: { 'aws:PrincipalOrgID': ORG_ID },
      }),
    ),
    properties: { TopicName: 'platform-deploy-events', KmsMasterKeyId: 'alias/aws/sns' },
  });
  a.resource({
    arn: `arn:aws:ecr:${REGION}:${SHARED}:repository/platform/base-images`,
    type: 'AWS::ECR::Repository',
    tags: platform,
    policy: doc(
      grant(
        'Allow',
        'AllowOrganisationPull',
        '*',
        ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
        undefined,
        {
          StringEquals: { 'aws:PrincipalOrgID': ORG_ID },
        },
      ),
    ),
    properties: {
      RepositoryName: 'platform/base-images',
      ImageTagMutability: 'IMMUTABLE',
      ImageScanningConfiguration: { ScanOnPush: true },
    },
  });
  a.resource({
    arn: `arn:aws:codebuild:${REGION}:${SHARED}:project/platform-image-build`,
    type: 'AWS::CodeBuild::Project',
    tags: platform,
    properties: { Name: 'platform-image-build', ServiceRole: a.roleArn('platform-codebuild') },
  });
  a.resource({
    arn: instanceArn(SHARED, 'reporting-dashboard'),
    type: 'AWS::EC2::Instance',
    tags: { ...reporting, Name: 'reporting-dashboard' },
    properties: {
      InstanceType: 'm6i.large',
      IamInstanceProfile: a.arn('instance-profile', 'reporting-dashboard'),
      MetadataOptions: { HttpTokens: 'required' },
    },
  });
  a.resource({
    arn: `arn:aws:glue:${REGION}:${SHARED}:job/reporting-nightly-extract`,
    type: 'AWS::Glue::Job',
    tags: reporting,
    properties: { Name: 'reporting-nightly-extract', Role: a.roleArn('reporting-etl') },
  });
  a.rootPasswordLastUsed = undefined;
  return a;
}

// ---------------------------------------------------------------------------------------------
// 666677778888 sandbox
// ---------------------------------------------------------------------------------------------

function buildSandbox() {
  const a = new AccountBuilder(SANDBOX, 'sandbox', '2026-02-02');
  addBaseline(a, { permissionSets: ['DeveloperAccess'], incidentResponse: false });
  const tags = {
    app: 'experiments',
    team: 'platform',
    owner: TEAMS.platform.owner,
    'data-classification': 'internal',
    environment: 'sandbox',
  };
  const bucket = 'sandbox-scratch-666677778888';

  a.policy({
    name: 'sandbox-developer-boundary',
    path: '/boundaries/',
    created: '2026-02-02',
    document: doc(
      statement(
        'Allow',
        'EverythingButIdentityAndBilling',
        ['iam:*', 'organizations:*', 'account:*', 'aws-portal:*', 'savingsplans:*'],
        '*',
        undefined,
        'NotAction',
      ),
      allow(
        'SelfService',
        [
          'iam:ChangePassword',
          'iam:GetAccountPasswordPolicy',
          'iam:ListRoles',
          'iam:CreateServiceLinkedRole',
        ],
        '*',
      ),
    ),
  });
  a.group({
    name: 'sandbox-developers',
    created: '2026-02-02',
    managed: ['PowerUserAccess', 'IAMUserChangePassword'],
  });
  for (const [name, created, used] of [
    ['alex.kim', '2026-02-03', '2026-11-12'],
    ['sam.okafor', '2026-05-11', '2026-10-21'],
  ]) {
    a.user({
      name,
      path: '/people/',
      created,
      groups: ['sandbox-developers'],
      boundary: 'sandbox-developer-boundary',
      tags: { team: 'platform', owner: TEAMS.platform.owner },
      credentials: {
        password: { changed: created, lastUsed: used },
        mfa: true,
        keys: [{ rotated: created, lastUsed: used, service: 'lambda' }],
      },
    });
  }
  a.role({
    name: 'sandbox-notebook',
    created: '2026-05-12',
    trust: serviceTrust('sagemaker.amazonaws.com'),
    managed: ['AmazonS3ReadOnlyAccess'],
    inline: [
      {
        name: 'scratch-write',
        document: doc(allow('Scratch', ['s3:PutObject', 's3:DeleteObject'], `${s3Arn(bucket)}/*`)),
      },
    ],
    tags,
    lastUsed: '2026-10-21',
  });
  a.role({
    name: 'sandbox-lambda-exec',
    created: '2026-02-10',
    trust: serviceTrust('lambda.amazonaws.com'),
    managed: ['AWSLambdaBasicExecutionRole'],
    tags,
  });
  a.resource({
    arn: s3Arn(bucket),
    type: 'AWS::S3::Bucket',
    tags,
    properties: bucketProperties(bucket, { versioning: false }),
  });
  a.resource({
    arn: `arn:aws:sagemaker:${REGION}:${SANDBOX}:notebook-instance/churn-experiments`,
    type: 'AWS::SageMaker::NotebookInstance',
    tags,
    properties: {
      NotebookInstanceName: 'churn-experiments',
      RoleArn: a.roleArn('sandbox-notebook'),
      DirectInternetAccess: 'Enabled',
    },
  });
  a.rootPasswordLastUsed = undefined;
  return a;
}

// ---------------------------------------------------------------------------------------------
// The organisation: OU tree, SCPs, RCPs
// ---------------------------------------------------------------------------------------------

const SECURITY_ROLES = [
  'arn:aws:iam::*:role/security-audit',
  'arn:aws:iam::*:role/security-incident-response',
  'arn:aws:iam::*:role/OrganizationAccountAccessRole',
];
const INCIDENT_RESPONDER = 'arn:aws:iam::*:role/security-incident-response';

/** @type {{id: string, name: string, description: string, type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY', awsManaged: boolean, content: object, targets: string[]}[]} */
function organisationPolicies(accounts) {
  const allTargets = [ROOT_ID, ...Object.values(OU), ...accounts.map((a) => a.id)];
  return [
    {
      id: 'p-FullAWSAccess',
      name: 'FullAWSAccess',
      description: 'Allows access to every operation',
      type: 'SERVICE_CONTROL_POLICY',
      awsManaged: true,
      content: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
      targets: allTargets,
    },
    {
      id: 'p-RCPFullAWSAccess',
      name: 'RCPFullAWSAccess',
      description: 'Allows access to every operation',
      type: 'RESOURCE_CONTROL_POLICY',
      awsManaged: true,
      content: doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }),
      targets: allTargets,
    },
    {
      id: 'p-7v2k9d4m',
      name: 'DenyLeaveOrganization',
      description: 'Member accounts cannot leave the organisation',
      type: 'SERVICE_CONTROL_POLICY',
      awsManaged: false,
      content: doc(deny('DenyLeaveOrganization', 'organizations:LeaveOrganization', '*')),
      targets: [ROOT_ID],
    },
    {
      id: 'p-3q8x1c6z',
      name: 'DenyOutsideApprovedRegions',
      description: 'Only eu-west-1 and eu-central-1, except global services',
      type: 'SERVICE_CONTROL_POLICY',
      awsManaged: false,
      content: doc({
        Sid: 'DenyAllOutsideEU',
        Effect: 'Deny',
        NotAction: [
          'account:*',
          'acm:*',
          'aws-marketplace-management:*',
          'aws-marketplace:*',
          'aws-portal:*',
          'budgets:*',
          'ce:*',
          'cloudfront:*',
          'config:*',
          'cur:*',
          'directconnect:*',
          'ec2:DescribeRegions',
          'ec2:DescribeTransitGateways',
          'ec2:DescribeVpnGateways',
          'fms:*',
          'globalaccelerator:*',
          'health:*',
          'iam:*',
          'kms:*',
          'networkmanager:*',
          'organizations:*',
          'pricing:*',
          'route53:*',
          'route53domains:*',
          's3:GetAccountPublic*',
          's3:ListAllMyBuckets',
          's3:ListMultiRegionAccessPoints',
          's3:PutAccountPublic*',
          'shield:*',
          'sts:*',
          'support:*',
          'trustedadvisor:*',
          'waf-regional:*',
          'waf:*',
          'wafv2:*',
          'wellarchitected:*',
        ],
        Resource: '*',
        Condition: {
          StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] },
          ArnNotLike: {
            'aws:PrincipalARN': ['arn:aws:iam::*:role/OrganizationAccountAccessRole', INCIDENT_RESPONDER],
          },
        },
      }),
      targets: [ROOT_ID],
    },
    {
      id: 'p-9h4t6w2r',
      name: 'ProtectSecurityBaseline',
      description: 'Nobody but incident response stops CloudTrail, GuardDuty, Config or Security Hub',
      type: 'SERVICE_CONTROL_POLICY',
      awsManaged: false,
      content: doc(
        deny(
          'ProtectSecurityServices',
          [
            'cloudtrail:DeleteTrail',
            'cloudtrail:PutEventSelectors',
            'cloudtrail:StopLogging',
            'cloudtrail:UpdateTrail',
            'guardduty:CreateFilter',
            'guardduty:DeleteDetector',
            'guardduty:DeleteMembers',
            'guardduty:DisassociateFromAdministratorAccount',
            'guardduty:DisassociateFromMasterAccount',
            'guardduty:StopMonitoringMembers',
            'guardduty:UpdateDetector',
            'config:DeleteConfigurationRecorder',
            'config:DeleteDeliveryChannel',
            'config:StopConfigurationRecorder',
            'securityhub:DisableSecurityHub',
            'securityhub:DisassociateFromAdministratorAccount',
          ],
          '*',
          { ArnNotLike: { 'aws:PrincipalARN': INCIDENT_RESPONDER } },
        ),
      ),
      targets: [ROOT_ID],
    },
    {
      id: 'p-5m1n8b3v',
      name: 'ProtectSecurityRoles',
      description:
        'The audit, incident-response and organisation access roles cannot be changed from inside an account',
      type: 'SERVICE_CONTROL_POLICY',
      awsManaged: false,
      content: doc(
        deny(
          'ProtectSecurityRoles',
          [
            'iam:AttachRolePolicy',
            'iam:DeleteRole',
            'iam:DeleteRolePermissionsBoundary',
            'iam:DeleteRolePolicy',
            'iam:DetachRolePolicy',
            'iam:PutRolePermissionsBoundary',
            'iam:PutRolePolicy',
            'iam:TagRole',
            'iam:UntagRole',
            'iam:UpdateAssumeRolePolicy',
            'iam:UpdateRole',
            'iam:UpdateRoleDescription',
          ],
          SECURITY_ROLES,
          { ArnNotLike: { 'aws:PrincipalARN': INCIDENT_RESPONDER } },
        ),
      ),
      targets: [ROOT_ID],
    },
    {
      id: 'p-2c7f5j9k',
      name: 'DenyIamUserCredentials',
      description: 'No new IAM users, passwords or access keys in production',
      type: 'SERVICE_CONTROL_POLICY',
      awsManaged: false,
      content: doc(
        deny(
          'DenyIamUserCredentials',
          ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'],
          '*',
          { ArnNotLike: { 'aws:PrincipalARN': INCIDENT_RESPONDER } },
        ),
      ),
      targets: [OU.prod],
    },
    {
      id: 'p-6r3y8u1e',
      name: 'ProtectLogArchive',
      description: 'The organisation trail bucket cannot be deleted or rewritten',
      type: 'SERVICE_CONTROL_POLICY',
      awsManaged: false,
      content: doc(
        deny(
          'ProtectLogArchive',
          [
            's3:DeleteBucket',
            's3:DeleteBucketPolicy',
            's3:DeleteObject',
            's3:DeleteObjectVersion',
            's3:PutBucketPolicy',
            's3:PutLifecycleConfiguration',
            's3:PutBucketObjectLockConfiguration',
          ],
          [
            s3Arn('northwind-org-cloudtrail-222233334444'),
            `${s3Arn('northwind-org-cloudtrail-222233334444')}/*`,
          ],
          { ArnNotLike: { 'aws:PrincipalARN': INCIDENT_RESPONDER } },
        ),
      ),
      targets: [OU.security],
    },
    {
      id: 'p-8e4a2s7d',
      name: 'SandboxGuardrails',
      description: 'Small instances only, no commitments, no IAM users',
      type: 'SERVICE_CONTROL_POLICY',
      awsManaged: false,
      content: doc(
        deny('SmallInstancesOnly', 'ec2:RunInstances', 'arn:aws:ec2:*:*:instance/*', {
          StringNotLike: { 'ec2:InstanceType': ['t3.*', 't4g.*', 'm6i.large'] },
        }),
        deny(
          'NoCommitments',
          [
            'ec2:PurchaseReservedInstancesOffering',
            'savingsplans:CreateSavingsPlan',
            'rds:PurchaseReservedDBInstancesOffering',
          ],
          '*',
        ),
        deny('NoNewIamUsers', ['iam:CreateUser', 'iam:CreateAccessKey'], '*'),
      ),
      targets: [OU.sandbox],
    },
    {
      id: 'p-4k9w3z6q',
      name: 'DataPerimeterEnforceOrgIdentities',
      description:
        'Only identities of the organisation, and AWS services, reach S3, SQS, KMS and Secrets Manager in production',
      type: 'RESOURCE_CONTROL_POLICY',
      awsManaged: false,
      content: doc({
        Sid: 'EnforceOrgIdentities',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*'],
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG_ID },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
      targets: [OU.prod],
    },
  ];
}

function renderOrganization(accounts) {
  const org = `arn:aws:organizations::${MANAGEMENT}`;
  const placement = {
    [MANAGEMENT]: ROOT_ID,
    [SECURITY]: OU.security,
    [SHARED]: OU.infrastructure,
    [ORDERS]: OU.prod,
    [PAYMENTS]: OU.prod,
    [STAGING]: OU.nonProd,
    [SANDBOX]: OU.sandbox,
  };
  const accountTags = {
    [MANAGEMENT]: { owner: TEAMS.platform.owner, environment: 'management', 'cost-center': 'CC-1000' },
    [SECURITY]: { owner: TEAMS.security.owner, environment: 'security', 'cost-center': 'CC-1100' },
    [SHARED]: { owner: TEAMS.platform.owner, environment: 'shared', 'cost-center': 'CC-1200' },
    [ORDERS]: {
      owner: TEAMS.checkout.owner,
      environment: 'production',
      app: 'orders',
      'cost-center': 'CC-2100',
    },
    [PAYMENTS]: {
      owner: TEAMS.payments.owner,
      environment: 'production',
      app: 'payments',
      compliance: 'pci-dss',
      'cost-center': 'CC-2200',
    },
    [STAGING]: {
      owner: TEAMS.checkout.owner,
      environment: 'staging',
      app: 'orders',
      'cost-center': 'CC-2100',
    },
    [SANDBOX]: { owner: TEAMS.platform.owner, environment: 'sandbox', 'cost-center': 'CC-1200' },
  };
  const ous = [
    { id: OU.security, name: 'Security', parent: ROOT_ID },
    { id: OU.infrastructure, name: 'Infrastructure', parent: ROOT_ID },
    { id: OU.workloads, name: 'Workloads', parent: ROOT_ID },
    { id: OU.prod, name: 'Prod', parent: OU.workloads },
    { id: OU.nonProd, name: 'NonProd', parent: OU.workloads },
    { id: OU.sandbox, name: 'Sandbox', parent: ROOT_ID },
  ];
  const policyArn = (p) =>
    p.awsManaged
      ? `arn:aws:organizations::aws:policy/${p.type.toLowerCase()}/${p.id}`
      : `${org}:policy/${ORG_ID}/${p.type.toLowerCase()}/${p.id}`;
  return {
    Organization: {
      Id: ORG_ID,
      Arn: `${org}:organization/${ORG_ID}`,
      FeatureSet: 'ALL',
      MasterAccountArn: `${org}:account/${ORG_ID}/${MANAGEMENT}`,
      MasterAccountId: MANAGEMENT,
      MasterAccountEmail: `aws-management@${DOMAIN}`,
    },
    Roots: [
      {
        Id: ROOT_ID,
        Arn: `${org}:root/${ORG_ID}/${ROOT_ID}`,
        Name: 'Root',
        PolicyTypes: [
          { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
          { Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' },
        ],
      },
    ],
    OrganizationalUnits: ous.map((ou) => ({
      Id: ou.id,
      Arn: `${org}:ou/${ORG_ID}/${ou.id}`,
      Name: ou.name,
      ParentId: ou.parent,
    })),
    Accounts: [...accounts]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((a) => ({
        Id: a.id,
        Arn: `${org}:account/${ORG_ID}/${a.id}`,
        Email: `aws-${a.name}@${DOMAIN}`,
        Name: a.name,
        Status: 'ACTIVE',
        JoinedMethod: a.id === MANAGEMENT ? 'INVITED' : 'CREATED',
        JoinedTimestamp: a.joined,
        ParentId: placement[a.id],
        Tags: tagList(accountTags[a.id]),
      })),
    Policies: organisationPolicies(accounts).map((p) => ({
      Id: p.id,
      Arn: policyArn(p),
      Name: p.name,
      Description: p.description,
      Type: p.type,
      AwsManaged: p.awsManaged,
      // DescribePolicy returns the document as a JSON string.
      Content: JSON.stringify(p.content),
      Targets: p.targets,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing the files
// ---------------------------------------------------------------------------------------------

function json(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every file of the snapshot, by path relative to `examples/org/`. */
// ---------------------------------------------------------------------------------------------
// Observed usage: CloudTrail log files of orders-prod, Access Advisor data of shared-services
// ---------------------------------------------------------------------------------------------

/** The week of CloudTrail logs the snapshot carries: 2026-11-09 to 2026-11-15, orders-prod only. */
const TRAIL_DAYS = [
  '2026-11-09',
  '2026-11-10',
  '2026-11-11',
  '2026-11-12',
  '2026-11-13',
  '2026-11-14',
  '2026-11-15',
];

/** A CloudTrail request or event id (a version 4 UUID), from a seed. */
function uuid(seed) {
  return keyId(`uuid:${seed}`);
}

/** A time on `day` from a seed, between the hours `from` and `to` (UTC), as CloudTrail writes it. */
function eventTime(day, seed, from = 0, to = 24) {
  const bytes = digest(`event-time:${seed}`);
  const hh = String(from + ((bytes[0] ?? 0) % (to - from))).padStart(2, '0');
  const mm = String((bytes[1] ?? 0) % 60).padStart(2, '0');
  const ss = String((bytes[2] ?? 0) % 60).padStart(2, '0');
  return `${day}T${hh}:${mm}:${ss}Z`;
}

/**
 * The `userIdentity` of a role session, as CloudTrail records it.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
function roleSessionIdentity(role, session, created, invokedBy) {
  return {
    type: 'AssumedRole',
    principalId: `${role.RoleId}:${session}`,
    arn: `arn:aws:sts::${role.Arn.split(':')[4]}:assumed-role/${role.RoleName}/${session}`,
    accountId: role.Arn.split(':')[4],
    accessKeyId: `ASIA${iamId('ASIA', `${role.Arn}:${session}`).slice(4, 20)}`,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: role.RoleId,
        arn: role.Arn,
        accountId: role.Arn.split(':')[4],
        userName: role.RoleName,
      },
      attributes: { creationDate: created, mfaAuthenticated: 'false' },
    },
    ...(invokedBy === undefined ? {} : { invokedBy }),
  };
}

const USER_AGENTS = {
  sdk: 'aws-sdk-js/3.692.0 ua/2.1 os/linux#5.10.228-219.884.amzn2.x86_64 lang/js md/nodejs#20.18.0 api/dynamodb#3.692.0',
  cli: 'aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.5.0-1025-azure md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off',
  console:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ssm: 'aws-sdk-go/1.55.5 (go1.22.7; linux; amd64) amazon-ssm-agent/3.3.1142.0',
  ecs: 'ecs.amazonaws.com',
  cloudformation: 'cloudformation.amazonaws.com',
};

/**
 * One CloudTrail record with the fields CloudTrail writes, in its order.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
function trailRecord(account, e) {
  const seed = `${account}:${e.time}:${e.source}:${e.name}:${e.seedSuffix ?? ''}`;
  const data = e.data === true;
  return {
    eventVersion: data ? '1.10' : '1.11',
    userIdentity: e.identity,
    eventTime: e.time,
    eventSource: e.source,
    eventName: e.name,
    awsRegion: e.region ?? REGION,
    sourceIPAddress: e.sourceIp ?? e.identity.invokedBy ?? '10.20.14.87',
    userAgent: e.userAgent ?? USER_AGENTS.sdk,
    ...(e.error === undefined ? {} : { errorCode: e.error.code, errorMessage: e.error.message }),
    requestParameters: e.params ?? null,
    responseElements: e.response ?? null,
    ...(e.additional === undefined ? {} : { additionalEventData: e.additional }),
    requestID:
      e.source === 's3.amazonaws.com' ? hex(`request:${seed}`, 16).toUpperCase() : uuid(`request:${seed}`),
    eventID: uuid(`event:${seed}`),
    readOnly:
      e.readOnly ??
      /^(Get|List|Describe|Head|Query|Scan|BatchGet|Filter|Decrypt|GenerateDataKey|Receive|Lookup)/.test(
        e.name,
      ),
    ...(e.resources === undefined ? {} : { resources: e.resources }),
    eventType: e.eventType ?? 'AwsApiCall',
    ...(e.apiVersion === undefined ? {} : { apiVersion: e.apiVersion }),
    managementEvent: !data,
    recipientAccountId: account,
    ...(e.sharedEventId === undefined ? {} : { sharedEventID: uuid(`shared:${seed}`) }),
    eventCategory: data ? 'Data' : 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader:
        e.host ?? `${e.source.replace('.amazonaws.com', '')}.${e.region ?? REGION}.amazonaws.com`,
    },
  };
}

/**
 * A week of orders-prod's CloudTrail, as the organisation trail delivers it to the security
 * account's bucket: `AWSLogs/<org id>/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/
 * <account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<unique>.json.gz`, one file per region and day.
 * Every recently used role of the account does what its application does (a subset of what its
 * policies allow); roles IAM records as unused in the week have no events. Data events (S3
 * objects, DynamoDB items, SQS messages) are logged as the trail's advanced selectors ask.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-find-log-files.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
 */
function buildOrdersTrail(account) {
  const iam = renderIam(account);
  const roles = new Map(iam.RoleDetailList.map((r) => [r.RoleName, r]));
  const roleNamed = (prefix) => {
    const found = iam.RoleDetailList.find(
      (r) => r.RoleName === prefix || r.RoleName.startsWith(`${prefix}_`),
    );
    if (!found) throw new Error(`no role ${prefix} in ${account.id}`);
    return found;
  };
  const resource = (type, name) => {
    const found = account.resources.find((r) => r.type === type && r.arn.includes(name));
    if (!found) throw new Error(`no ${type} ${name} in ${account.id}`);
    return found.arn;
  };
  const id = account.id;
  const table = resource('AWS::DynamoDB::Table', 'table/orders');
  const bucket = 'orders-prod-data-111122223333';
  const queueUrl = `https://sqs.${REGION}.amazonaws.com/${id}/orders-events`;
  const key = resource('AWS::KMS::Key', ':key/');
  const secret = resource('AWS::SecretsManager::Secret', 'orders/db-credentials');
  const workerFunction = resource('AWS::Lambda::Function', 'function:orders-worker');
  const stack = resource('AWS::CloudFormation::Stack', 'stack/orders-platform');
  const tableResource = [{ accountId: id, type: 'AWS::DynamoDB::Table', ARN: table }];
  const keyResource = [{ accountId: id, type: 'AWS::KMS::Key', ARN: key }];
  const objectResources = (objectKey) => [
    { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${objectKey}` },
    { accountId: id, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
  ];
  const s3Object = (name, objectKey, extra = {}) => ({
    source: 's3.amazonaws.com',
    name,
    data: true,
    host: `${bucket}.s3.${REGION}.amazonaws.com`,
    params: { bucketName: bucket, Host: `${bucket}.s3.${REGION}.amazonaws.com`, key: objectKey },
    additional: {
      SignatureVersion: 'SigV4',
      CipherSuite: 'TLS_AES_128_GCM_SHA256',
      bytesTransferredIn: name === 'PutObject' ? 48213 : 0,
      AuthenticationMethod: 'AuthHeader',
      'x-amz-id-2': Buffer.from(digest(`x-amz-id-2:${objectKey}:${name}`)).toString('base64'),
      bytesTransferredOut: name === 'GetObject' ? 48213 : 0,
    },
    resources: objectResources(objectKey),
    ...extra,
  });
  const item = (name, extra = {}) => ({
    source: 'dynamodb.amazonaws.com',
    name,
    data: true,
    params: {
      tableName: 'orders',
      ...(name === 'Query'
        ? { keyConditionExpression: 'customerId = :c', indexName: 'by-customer' }
        : { key: { orderId: 'HIDDEN_DUE_TO_SECURITY_REASONS' } }),
    },
    resources: tableResource,
    ...extra,
  });
  const kms = (name, extra = {}) => ({
    source: 'kms.amazonaws.com',
    name,
    params:
      name === 'Decrypt' ? { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' } : { keyId: key, keySpec: 'AES_256' },
    resources: keyResource,
    ...extra,
  });
  const secretRead = {
    source: 'secretsmanager.amazonaws.com',
    name: 'GetSecretValue',
    params: { secretId: secret },
  };
  const logStream = (group) => ({
    source: 'logs.amazonaws.com',
    name: 'CreateLogStream',
    params: { logGroupName: group, logStreamName: `${group.split('/').at(-1)}/${hex(group, 12)}` },
  });
  const global = (extra) => ({ region: 'us-east-1', host: `${extra.source}`, ...extra });

  /** Per role: the session it acts in and what it does each day. */
  const activity = [
    {
      role: 'orders-api',
      session: (day) => `ecs-task-${hex(`task:${day}`, 32)}`,
      hours: [0, 24],
      events: (day) => [
        item('GetItem'),
        item('GetItem', { seedSuffix: 2 }),
        item('GetItem', { seedSuffix: 3 }),
        item('PutItem', { readOnly: false }),
        item('PutItem', { readOnly: false, seedSuffix: 2 }),
        item('Query'),
        item('UpdateItem', { readOnly: false }),
        s3Object('GetObject', `orders/${day.replaceAll('-', '/')}/invoice-${hex(`inv:${day}`, 8)}.pdf`),
        s3Object('PutObject', `orders/${day.replaceAll('-', '/')}/invoice-${hex(`inv2:${day}`, 8)}.pdf`),
        {
          source: 'sqs.amazonaws.com',
          name: 'SendMessage',
          data: true,
          params: { queueUrl, messageBody: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
          response: { mD5OfMessageBody: hex(`md5:${day}`, 32), messageId: uuid(`msg:${day}`) },
        },
        kms('GenerateDataKey'),
        kms('Decrypt'),
        secretRead,
        ...(day === '2026-11-12'
          ? [
              s3Object('DeleteObject', 'orders/2026/11/01/invoice-draft.pdf', {
                error: {
                  code: 'AccessDenied',
                  message: `User: arn:aws:sts::${id}:assumed-role/orders-api/ecs-task-${hex(`task:${day}`, 32)} is not authorized to perform: s3:DeleteObject on resource: "arn:aws:s3:::${bucket}/orders/2026/11/01/invoice-draft.pdf" because no identity-based policy allows the s3:DeleteObject action`,
                },
                readOnly: false,
              }),
            ]
          : []),
        ...(day === '2026-11-13'
          ? [
              s3Object('GetObject', 'orders/2026/10/31/missing.pdf', {
                error: { code: 'NoSuchKey', message: 'The specified key does not exist.' },
                seedSuffix: 'missing',
              }),
            ]
          : []),
      ],
    },
    {
      role: 'orders-api-task-execution',
      session: (day) => `ecs-task-${hex(`task:${day}`, 32)}`,
      hours: [0, 24],
      events: () => [
        {
          source: 'ecr.amazonaws.com',
          name: 'GetAuthorizationToken',
          params: { registryIds: [id] },
          response: null,
        },
        {
          source: 'ecr.amazonaws.com',
          name: 'BatchGetImage',
          params: {
            imageIds: [{ imageTag: 'v42' }],
            acceptedMediaTypes: ['application/vnd.docker.distribution.manifest.v2+json'],
            repositoryName: 'orders-api',
            registryId: id,
          },
        },
        {
          source: 'ecr.amazonaws.com',
          name: 'GetDownloadUrlForLayer',
          params: { repositoryName: 'orders-api', registryId: id, layerDigest: `sha256:${hex('layer', 64)}` },
        },
        secretRead,
        kms('Decrypt', { invokedBy: 'secretsmanager.amazonaws.com' }),
        logStream('/ecs/orders-api'),
      ],
    },
    {
      role: 'orders-worker',
      session: () => 'orders-worker',
      hours: [0, 24],
      events: () => [
        {
          source: 'sqs.amazonaws.com',
          name: 'ReceiveMessage',
          data: true,
          params: { queueUrl, maxNumberOfMessages: 10, waitTimeSeconds: 20 },
        },
        {
          source: 'sqs.amazonaws.com',
          name: 'DeleteMessage',
          data: true,
          params: { queueUrl, receiptHandle: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
        },
        item('UpdateItem', { readOnly: false }),
        item('UpdateItem', { readOnly: false, seedSuffix: 2 }),
        item('GetItem'),
        kms('Decrypt'),
        logStream('/aws/lambda/orders-worker'),
      ],
    },
    {
      role: 'orders-batch-ec2',
      session: () => 'i-0c61ab4ab446477a7',
      hours: [1, 4],
      events: (day) => [
        s3Object('GetObject', `exports/${day}/orders.csv`),
        s3Object('PutObject', `exports/${day}/orders-enriched.csv`),
        kms('Decrypt'),
        kms('GenerateDataKey'),
        {
          source: 'ssm.amazonaws.com',
          name: 'UpdateInstanceInformation',
          userAgent: USER_AGENTS.ssm,
          params: { instanceId: 'i-0c61ab4ab446477a7', agentVersion: '3.3.1142.0', platformType: 'Linux' },
        },
      ],
    },
    {
      role: 'orders-bastion',
      session: () => 'i-08fc0a79be1f2ddd5',
      hours: [0, 4],
      events: () => [
        {
          source: 'ssm.amazonaws.com',
          name: 'UpdateInstanceInformation',
          userAgent: USER_AGENTS.ssm,
          params: { instanceId: 'i-08fc0a79be1f2ddd5', agentVersion: '3.3.1142.0', platformType: 'Linux' },
        },
      ],
    },
    {
      role: 'orders-reporting-reader',
      session: (day) => `reporting-extract-${day.replaceAll('-', '')}`,
      hours: [1, 2],
      events: (day) => [
        {
          ...s3Object('ListObjects', ''),
          name: 'ListObjectsV2',
          params: {
            bucketName: bucket,
            Host: `${bucket}.s3.${REGION}.amazonaws.com`,
            'list-type': '2',
            prefix: `exports/${day}/`,
          },
          resources: [{ accountId: id, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
        },
        s3Object('GetObject', `exports/${day}/orders-enriched.csv`),
        kms('Decrypt'),
      ],
    },
    {
      role: 'orders-lambda-basic',
      session: () => 'orders-api-authorizer',
      hours: [0, 9],
      days: ['2026-11-15'],
      events: () => [logStream('/aws/lambda/orders-api-authorizer')],
    },
    {
      role: 'orders-ops-automation',
      session: () => 'runbook-restart-orders-api',
      hours: [8, 10],
      days: ['2026-11-09'],
      events: () => [
        {
          source: 'ecs.amazonaws.com',
          name: 'DescribeServices',
          params: { cluster: 'orders-prod', services: ['orders-api'] },
        },
        {
          source: 'ecs.amazonaws.com',
          name: 'UpdateService',
          params: { cluster: 'orders-prod', service: 'orders-api', forceNewDeployment: true },
        },
        {
          source: 'logs.amazonaws.com',
          name: 'FilterLogEvents',
          params: { logGroupName: '/ecs/orders-api', startTime: 1762675200000, filterPattern: 'ERROR' },
        },
        {
          source: 'lambda.amazonaws.com',
          name: 'GetFunction20150331v2',
          params: { functionName: 'orders-worker' },
        },
      ],
    },
    {
      role: 'orders-github-deploy',
      session: () => 'GitHubActions',
      hours: [12, 14],
      days: ['2026-11-14'],
      events: () => [
        {
          source: 'ecr.amazonaws.com',
          name: 'GetAuthorizationToken',
          userAgent: USER_AGENTS.cli,
          params: null,
        },
        {
          source: 'ecr.amazonaws.com',
          name: 'BatchCheckLayerAvailability',
          params: {
            repositoryName: 'orders-api',
            registryId: id,
            layerDigests: [`sha256:${hex('layer', 64)}`],
          },
        },
        {
          source: 'ecr.amazonaws.com',
          name: 'InitiateLayerUpload',
          params: { repositoryName: 'orders-api', registryId: id },
        },
        {
          source: 'ecr.amazonaws.com',
          name: 'UploadLayerPart',
          params: {
            repositoryName: 'orders-api',
            registryId: id,
            uploadId: uuid('upload'),
            partFirstByte: 0,
            partLastByte: 31457279,
          },
        },
        {
          source: 'ecr.amazonaws.com',
          name: 'CompleteLayerUpload',
          params: { repositoryName: 'orders-api', registryId: id, uploadId: uuid('upload') },
        },
        {
          source: 'ecr.amazonaws.com',
          name: 'PutImage',
          params: {
            repositoryName: 'orders-api',
            registryId: id,
            imageTag: 'v43',
            imageManifest: 'HIDDEN_DUE_TO_SECURITY_REASONS',
          },
        },
        {
          source: 'ecs.amazonaws.com',
          name: 'RegisterTaskDefinition',
          params: { family: 'orders-api', taskRoleArn: roles.get('orders-api').Arn },
        },
        {
          source: 'ecs.amazonaws.com',
          name: 'UpdateService',
          params: {
            cluster: 'orders-prod',
            service: 'orders-api',
            taskDefinition: `arn:aws:ecs:${REGION}:${id}:task-definition/orders-api:43`,
          },
        },
        {
          source: 'ecs.amazonaws.com',
          name: 'DescribeServices',
          params: { cluster: 'orders-prod', services: ['orders-api'] },
        },
      ],
    },
    {
      role: 'orders-deploy',
      session: () => 'promote-orders-platform',
      hours: [10, 11],
      days: ['2026-11-14'],
      events: () => [
        {
          source: 'cloudformation.amazonaws.com',
          name: 'DescribeStacks',
          params: { stackName: 'orders-platform' },
        },
        {
          source: 'cloudformation.amazonaws.com',
          name: 'CreateChangeSet',
          params: {
            stackName: 'orders-platform',
            changeSetName: 'promote-2026-11-14',
            templateURL: `https://${bucket}.s3.${REGION}.amazonaws.com/templates/orders-platform.yaml`,
            capabilities: ['CAPABILITY_NAMED_IAM'],
          },
          response: { stackId: stack },
        },
        {
          source: 'cloudformation.amazonaws.com',
          name: 'DescribeChangeSet',
          params: { stackName: 'orders-platform', changeSetName: 'promote-2026-11-14' },
        },
        {
          source: 'cloudformation.amazonaws.com',
          name: 'ExecuteChangeSet',
          params: { stackName: 'orders-platform', changeSetName: 'promote-2026-11-14' },
        },
        {
          source: 'cloudformation.amazonaws.com',
          name: 'DescribeStackEvents',
          params: { stackName: 'orders-platform' },
        },
      ],
    },
    {
      role: 'orders-cfn-exec',
      session: () => 'AWSCloudFormation',
      hours: [11, 12],
      days: ['2026-11-14'],
      invokedBy: 'cloudformation.amazonaws.com',
      events: () => [
        {
          source: 'lambda.amazonaws.com',
          name: 'UpdateFunctionConfiguration20150331v2',
          userAgent: USER_AGENTS.cloudformation,
          params: { functionName: workerFunction, timeout: 60 },
        },
        {
          source: 'lambda.amazonaws.com',
          name: 'GetFunction20150331v2',
          userAgent: USER_AGENTS.cloudformation,
          params: { functionName: workerFunction },
        },
        {
          source: 'sqs.amazonaws.com',
          name: 'SetQueueAttributes',
          userAgent: USER_AGENTS.cloudformation,
          params: { queueUrl, attributes: { VisibilityTimeout: '360' } },
        },
        {
          source: 'dynamodb.amazonaws.com',
          name: 'DescribeTable',
          userAgent: USER_AGENTS.cloudformation,
          params: { tableName: 'orders' },
          resources: tableResource,
        },
      ],
    },
    {
      role: 'AWSReservedSSO_ReadOnlyOperator',
      session: () => 'lena.fischer@northwind.example',
      hours: [8, 14],
      days: ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14'],
      events: (day) => [
        {
          source: 'monitoring.amazonaws.com',
          name: 'DescribeAlarms',
          userAgent: USER_AGENTS.console,
          params: { stateValue: 'ALARM' },
        },
        {
          source: 'monitoring.amazonaws.com',
          name: 'GetMetricData',
          userAgent: USER_AGENTS.console,
          params: { startTime: `${day}T00:00:00Z`, endTime: `${day}T12:00:00Z` },
        },
        {
          source: 'logs.amazonaws.com',
          name: 'StartQuery',
          userAgent: USER_AGENTS.console,
          params: {
            logGroupName: '/ecs/orders-api',
            queryString: 'fields @message | filter level = "ERROR"',
          },
        },
        {
          source: 'logs.amazonaws.com',
          name: 'GetQueryResults',
          userAgent: USER_AGENTS.console,
          params: { queryId: uuid(`query:${day}`) },
        },
        {
          source: 'ecs.amazonaws.com',
          name: 'DescribeServices',
          userAgent: USER_AGENTS.console,
          params: { cluster: 'orders-prod', services: ['orders-api'] },
        },
        {
          source: 'dynamodb.amazonaws.com',
          name: 'DescribeTable',
          userAgent: USER_AGENTS.console,
          params: { tableName: 'orders' },
          resources: tableResource,
        },
        ...(day === '2026-11-13'
          ? [
              {
                source: 'ecs.amazonaws.com',
                name: 'UpdateService',
                userAgent: USER_AGENTS.console,
                params: { cluster: 'orders-prod', service: 'orders-api', desiredCount: 6 },
                error: {
                  code: 'AccessDeniedException',
                  message: `User: arn:aws:sts::${id}:assumed-role/${roleNamed('AWSReservedSSO_ReadOnlyOperator').RoleName}/lena.fischer@northwind.example is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:${REGION}:${id}:service/orders-prod/orders-api because no identity-based policy allows the ecs:UpdateService action`,
                },
              },
            ]
          : []),
      ],
    },
    {
      role: 'AWSReservedSSO_AdministratorAccess',
      session: () => 'sam.okafor@northwind.example',
      hours: [8, 9],
      days: ['2026-11-10'],
      events: () => [
        {
          source: 'signin.amazonaws.com',
          name: 'ConsoleLogin',
          region: 'us-east-1',
          eventType: 'AwsConsoleSignIn',
          userAgent: USER_AGENTS.console,
          sourceIp: '203.0.113.24',
          host: 'eu-west-1.signin.aws.amazon.com',
          params: null,
          response: { ConsoleLogin: 'Success' },
          additional: { MobileVersion: 'No', MFAUsed: 'No' },
        },
        global({
          source: 'iam.amazonaws.com',
          name: 'ListRoles',
          userAgent: USER_AGENTS.console,
          sourceIp: '203.0.113.24',
          params: { maxItems: 100 },
        }),
        {
          source: 'ec2.amazonaws.com',
          name: 'DescribeInstances',
          userAgent: USER_AGENTS.console,
          sourceIp: '203.0.113.24',
          params: { maxResults: 50 },
        },
        {
          source: 's3.amazonaws.com',
          name: 'ListBuckets',
          userAgent: USER_AGENTS.console,
          sourceIp: '203.0.113.24',
          host: 's3.amazonaws.com',
          params: { Host: 's3.amazonaws.com' },
        },
      ],
    },
    {
      role: 'security-audit',
      session: (day) => `audit-${day.replaceAll('-', '')}`,
      hours: [0, 1],
      events: () => [
        global({
          source: 'iam.amazonaws.com',
          name: 'GenerateCredentialReport',
          userAgent: USER_AGENTS.cli,
          params: null,
          readOnly: false,
        }),
        global({
          source: 'iam.amazonaws.com',
          name: 'GetCredentialReport',
          userAgent: USER_AGENTS.cli,
          params: null,
        }),
        global({
          source: 'iam.amazonaws.com',
          name: 'GetAccountAuthorizationDetails',
          userAgent: USER_AGENTS.cli,
          params: { filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] },
        }),
        global({
          source: 'iam.amazonaws.com',
          name: 'GenerateServiceLastAccessedDetails',
          userAgent: USER_AGENTS.cli,
          params: { arn: roles.get('orders-api').Arn, granularity: 'ACTION_LEVEL' },
          readOnly: false,
        }),
        {
          source: 's3.amazonaws.com',
          name: 'ListBuckets',
          userAgent: USER_AGENTS.cli,
          host: 's3.amazonaws.com',
          params: { Host: 's3.amazonaws.com' },
        },
        {
          source: 's3.amazonaws.com',
          name: 'GetBucketPolicy',
          userAgent: USER_AGENTS.cli,
          host: `${bucket}.s3.${REGION}.amazonaws.com`,
          params: { bucketName: bucket, Host: `${bucket}.s3.${REGION}.amazonaws.com`, policy: '' },
        },
        {
          source: 's3.amazonaws.com',
          name: 'GetBucketPublicAccessBlock',
          userAgent: USER_AGENTS.cli,
          host: `${bucket}.s3.${REGION}.amazonaws.com`,
          params: { bucketName: bucket, Host: `${bucket}.s3.${REGION}.amazonaws.com`, publicAccessBlock: '' },
        },
        {
          source: 's3.amazonaws.com',
          name: 'GetBucketEncryption',
          userAgent: USER_AGENTS.cli,
          host: `${bucket}.s3.${REGION}.amazonaws.com`,
          params: { bucketName: bucket, Host: `${bucket}.s3.${REGION}.amazonaws.com`, encryption: '' },
        },
        kms('DescribeKey', { userAgent: USER_AGENTS.cli, params: { keyId: key } }),
      ],
    },
    {
      // The partner export's IAM user, with its long-term access key.
      user: 'svc-orders-export',
      hours: [1, 2],
      events: (day) => [
        {
          ...s3Object('ListObjects', ''),
          name: 'ListObjectsV2',
          params: {
            bucketName: bucket,
            Host: `${bucket}.s3.${REGION}.amazonaws.com`,
            'list-type': '2',
            prefix: `exports/${day}/`,
          },
          resources: [{ accountId: id, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
        },
        s3Object('GetObject', `exports/${day}/orders-enriched.csv`, { seedSuffix: 'export' }),
        kms('Decrypt', { seedSuffix: 'export' }),
      ],
    },
    {
      // A service-linked role: its service calls for it (invokedBy).
      role: 'AWSServiceRoleForECS',
      session: () => 'ecs-service-scheduler',
      hours: [0, 24],
      invokedBy: 'ecs.amazonaws.com',
      events: () => [
        {
          source: 'elasticloadbalancing.amazonaws.com',
          name: 'RegisterTargets',
          userAgent: USER_AGENTS.ecs,
          params: {
            targetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${id}:targetgroup/orders-api/${hex('tg', 16)}`,
            targets: [{ id: '10.20.31.7', port: 8080 }],
          },
        },
      ],
    },
  ];

  const byFile = new Map();
  for (const day of TRAIL_DAYS) {
    const add = (region, record) => {
      const list = byFile.get(`${region}:${day}`) ?? [];
      list.push(record);
      byFile.set(`${region}:${day}`, list);
    };
    for (const actor of activity) {
      if (actor.days !== undefined && !actor.days.includes(day)) continue;
      if (actor.user !== undefined) {
        const user = iam.UserDetailList.find((u) => u.UserName === actor.user);
        if (!user) throw new Error(`no user ${actor.user} in ${account.id}`);
        const identity = {
          type: 'IAMUser',
          principalId: user.UserId,
          arn: user.Arn,
          accountId: id,
          accessKeyId: `AKIA${iamId('AKIA', `${user.Arn}:key-1`).slice(4, 20)}`,
          userName: user.UserName,
        };
        actor.events(day).forEach((event, n) => {
          const time = eventTime(
            day,
            `${user.Arn}:${day}:${n}:${event.name}`,
            actor.hours[0],
            actor.hours[1],
          );
          add(
            REGION,
            trailRecord(id, {
              ...event,
              time,
              identity,
              sourceIp: '198.51.100.77',
              userAgent: USER_AGENTS.cli,
            }),
          );
        });
        continue;
      }
      const role = roleNamed(actor.role);
      const last = role.RoleLastUsed?.LastUsedDate;
      const session = actor.session(day);
      const created = eventTime(day, `${role.Arn}:${session}:session`, actor.hours[0], actor.hours[0] + 1);
      actor.events(day).forEach((event, n) => {
        const time = eventTime(day, `${role.Arn}:${day}:${n}:${event.name}`, actor.hours[0], actor.hours[1]);
        const at = time < created ? created : time;
        // Never after IAM's own record of the role's last use, nor after collection.
        if (last === undefined || Date.parse(at) > Date.parse(last) || at > COLLECTED_AT) return;
        const identity = roleSessionIdentity(role, session, created, event.invokedBy ?? actor.invokedBy);
        add(event.region ?? REGION, trailRecord(id, { ...event, time: at, identity }));
      });
    }
    // AWS services acting on their own: ECS tasks assuming orders-api.
    add(
      REGION,
      trailRecord(id, {
        identity: { type: 'AWSService', invokedBy: 'ecs-tasks.amazonaws.com' },
        time: eventTime(day, `assume:${day}`, 0, 1),
        source: 'sts.amazonaws.com',
        name: 'AssumeRole',
        userAgent: 'ecs-tasks.amazonaws.com',
        params: {
          roleArn: roles.get('orders-api').Arn,
          roleSessionName: `ecs-task-${hex(`task:${day}`, 32)}`,
        },
        resources: [{ accountId: id, type: 'AWS::IAM::Role', ARN: roles.get('orders-api').Arn }],
        sharedEventId: true,
        readOnly: true,
      }),
    );
  }
  const files = new Map();
  for (const [regionDay, records] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [region, day] = regionDay.split(':');
    records.sort((a, b) =>
      a.eventTime < b.eventTime ? -1 : a.eventTime > b.eventTime ? 1 : a.eventID < b.eventID ? -1 : 1,
    );
    const [yyyy, mm, dd] = day.split('-');
    const unique = hex(`trail-file:${id}:${regionDay}`, 16)
      .toUpperCase()
      .replace(/[0-9]/g, (c) => 'GHJKMNPQRS'[Number(c)]);
    const stamp = `${yyyy}${mm}${dd}T2355Z`;
    files.set(
      `cloudtrail/AWSLogs/${ORG_ID}/${id}/CloudTrail/${region}/${yyyy}/${mm}/${dd}/${id}_CloudTrail_${region}_${stamp}_${unique}.json.gz`,
      { gzip: JSON.stringify({ Records: records }) },
    );
  }
  return files;
}

/**
 * IAM Access Advisor data for the platform CI role of shared-services: what
 * `aws iam get-service-last-accessed-details` returned for an `ACTION_LEVEL` job, keyed by the
 * role's ARN (docs/inputs.md). It uses five of the nine services its policy grants in full.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
 */
function buildSharedAccessAdvisor(account) {
  const role = renderIam(account).RoleDetailList.find((r) => r.RoleName === 'platform-ci-deployer');
  if (!role) throw new Error('no platform-ci-deployer');
  const used = (day, seed) => at(day, `advisor:${seed}`);
  const service = (ServiceName, ServiceNamespace, lastDay, tracked) => ({
    ServiceName,
    ...(lastDay === undefined ? {} : { LastAuthenticated: used(lastDay, ServiceNamespace) }),
    ServiceNamespace,
    ...(lastDay === undefined ? {} : { LastAuthenticatedEntity: role.Arn, LastAuthenticatedRegion: REGION }),
    TotalAuthenticatedEntities: lastDay === undefined ? 0 : 1,
    ...(tracked === undefined
      ? {}
      : {
          TrackedActionsLastAccessed: tracked.map(([ActionName, day]) =>
            day === undefined
              ? { ActionName }
              : {
                  ActionName,
                  LastAccessedEntity: role.Arn,
                  LastAccessedRegion: REGION,
                  LastAccessedTime: used(day, `${ServiceNamespace}:${ActionName}`),
                },
          ),
        }),
  });
  return {
    [role.Arn]: {
      JobStatus: 'COMPLETED',
      JobType: 'ACTION_LEVEL',
      JobCreationDate: '2026-11-16T07:31:02.118000+00:00',
      ServicesLastAccessed: [
        service('AWS CloudFormation', 'cloudformation', '2026-11-15'),
        service('AWS CodeBuild', 'codebuild', undefined),
        service('Amazon EC2', 'ec2', undefined, [
          ['DescribeImages'],
          ['DescribeInstances'],
          ['RunInstances'],
        ]),
        service('Amazon Elastic Container Registry', 'ecr', '2026-11-15'),
        service('AWS Identity and Access Management', 'iam', '2026-11-15', [
          ['AttachRolePolicy'],
          ['CreateRole', '2026-10-02'],
          ['GetRole', '2026-11-15'],
          ['PutRolePolicy', '2026-10-02'],
        ]),
        service('AWS Key Management Service', 'kms', '2026-11-15'),
        service('AWS Lambda', 'lambda', '2026-11-12', [
          ['CreateFunction', '2026-09-18'],
          ['GetFunction', '2026-11-12'],
          ['UpdateFunctionCode', '2026-11-12'],
        ]),
        service('Amazon S3', 's3', '2026-11-15', [
          ['GetObject', '2026-11-15'],
          ['ListBucket', '2026-11-15'],
          ['PutObject', '2026-11-15'],
        ]),
        service('AWS Secrets Manager', 'secretsmanager', undefined),
        service('AWS Security Token Service', 'sts', '2026-11-14'),
      ],
      JobCompletionDate: '2026-11-16T07:31:05.204000+00:00',
      IsTruncated: false,
    },
  };
}

function buildFiles() {
  const accounts = [
    buildManagement(),
    buildSecurity(),
    buildOrdersProd(),
    buildPaymentsProd(),
    buildOrdersStaging(),
    buildSharedServices(),
    buildSandbox(),
  ];
  const files = new Map();
  files.set('snapshot.json', json({ format: 'accessloop-snapshot/1', collectedAt: COLLECTED_AT }));
  files.set('organization.json', json(renderOrganization(accounts)));
  for (const account of accounts) {
    const folder = `accounts/${account.id}`;
    files.set(`${folder}/iam.json`, json(renderIam(account)));
    const resources = [...account.resources]
      .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0))
      .map((r) => ({
        arn: r.arn,
        type: r.type,
        accountId: r.accountId,
        region: r.region,
        tags: r.tags,
        ...(r.policy === undefined ? {} : { policy: r.policy }),
        properties: r.properties,
      }));
    files.set(`${folder}/resources.json`, json(resources));
    if (account.users.length > 0)
      files.set(`${folder}/credential-report.csv`, renderCredentialReport(account));
  }
  const byId = (id) => accounts.find((a) => a.id === id);
  for (const [path, content] of buildOrdersTrail(byId(ORDERS))) files.set(path, content);
  files.set(`accounts/${SHARED}/access-advisor.json`, json(buildSharedAccessAdvisor(byId(SHARED))));
  return { files, accounts };
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(relative(OUT, full).split('\\').join('/'));
  }
  return out.sort();
}

function summary(accounts) {
  const sum = (f) => accounts.reduce((n, a) => n + f(a), 0);
  return [
    `${accounts.length} accounts`,
    `${sum((a) => a.roles.length)} roles`,
    `${sum((a) => a.users.length)} users`,
    `${sum((a) => a.groups.length)} groups`,
    `${sum((a) => a.policies.length)} customer managed policies`,
    `${sum((a) => a.resources.length)} resources`,
  ].join(', ');
}

/**
 * Whether a file holds what the script writes: the text, or for `{gzip}` entries the same text
 * once gunzipped (gzip bytes may differ between zlib versions; the records may not).
 */
function sameContent(bytes, content) {
  if (typeof content === 'string') return bytes.toString('utf8') === content;
  try {
    return gunzipSync(bytes).toString('utf8') === content.gzip;
  } catch {
    return false;
  }
}

function main() {
  const check = process.argv.includes('--check');
  const { files, accounts } = buildFiles();
  if (check) {
    const stale = [];
    for (const [path, text] of files) {
      const full = join(OUT, path);
      if (!existsSync(full) || !sameContent(readFileSync(full), text)) stale.push(path);
    }
    for (const path of listFiles(OUT)) if (!files.has(path)) stale.push(`${path} (not generated)`);
    if (stale.length > 0) {
      console.error(
        `examples/org is out of date: ${stale.join(', ')}; run \`node scripts/generate-example-org.mjs\` and commit the result`,
      );
      process.exit(1);
    }
    console.log(`examples/org is up to date (${summary(accounts)})`);
    return;
  }
  rmSync(OUT, { recursive: true, force: true });
  for (const [path, text] of files) {
    const full = join(OUT, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, typeof text === 'string' ? text : gzipSync(text.gzip, { level: 9 }));
  }
  console.log(`wrote ${files.size} files to ${relative(ROOT, OUT)}: ${summary(accounts)}`);
}

main();

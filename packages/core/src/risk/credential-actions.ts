import type { FindingSeverity } from './finding.js';

/** An action whose response is a credential: a key, a password, a token that signs in somewhere. */
export interface CredentialAction {
  /** As the service catalog spells it. */
  readonly action: string;
  readonly severity: FindingSeverity;
  /** What the caller gets. */
  readonly returns: string;
  /** The API reference page that says so. */
  readonly see: string;
}

/**
 * The actions that return credentials, curated from each API's reference (checked against the
 * service catalog by a test). `sts:AssumeRole` and its kin are not here: what they return is the
 * access of the role, which the escalation analysis follows. `sts:GetSessionToken` is not either:
 * it returns a session of the caller itself.
 *
 * Version: 1 (2026-11). Add an action with its API reference page.
 */
export const CREDENTIAL_ACTIONS: readonly CredentialAction[] = [
  {
    action: 'iam:CreateAccessKey',
    severity: 'high',
    returns: 'a new long-term access key of an IAM user, secret included',
    see: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html',
  },
  {
    action: 'iam:CreateServiceSpecificCredential',
    severity: 'medium',
    returns: 'a user name and password of an IAM user for CodeCommit, Keyspaces or Bedrock',
    see: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceSpecificCredential.html',
  },
  {
    action: 'iam:ResetServiceSpecificCredential',
    severity: 'medium',
    returns: 'a new password of an existing service-specific credential',
    see: 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_ResetServiceSpecificCredential.html',
  },
  {
    action: 'sts:GetFederationToken',
    severity: 'low',
    returns: 'temporary credentials of a federated user, which outlive the revocation of role sessions',
    see: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html',
  },
  {
    action: 'ecr:GetAuthorizationToken',
    severity: 'low',
    returns: 'a 12-hour Docker registry password',
    see: 'https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetAuthorizationToken.html',
  },
  {
    action: 'ecr-public:GetAuthorizationToken',
    severity: 'low',
    returns: 'a 12-hour password of the public registry',
    see: 'https://docs.aws.amazon.com/AmazonECRPublic/latest/APIReference/API_GetAuthorizationToken.html',
  },
  {
    action: 'codeartifact:GetAuthorizationToken',
    severity: 'low',
    returns: 'a token to read and publish packages of a CodeArtifact domain',
    see: 'https://docs.aws.amazon.com/codeartifact/latest/APIReference/API_GetAuthorizationToken.html',
  },
  {
    action: 'redshift:GetClusterCredentials',
    severity: 'medium',
    returns: 'a temporary database user and password of a Redshift cluster',
    see: 'https://docs.aws.amazon.com/redshift/latest/APIReference/API_GetClusterCredentials.html',
  },
  {
    action: 'redshift:GetClusterCredentialsWithIAM',
    severity: 'medium',
    returns: "a temporary database password of a Redshift cluster, for the caller's identity",
    see: 'https://docs.aws.amazon.com/redshift/latest/APIReference/API_GetClusterCredentialsWithIAM.html',
  },
  {
    action: 'redshift-serverless:GetCredentials',
    severity: 'medium',
    returns: 'a temporary database user and password of a Redshift Serverless workgroup',
    see: 'https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_GetCredentials.html',
  },
  {
    action: 'rds-db:connect',
    severity: 'medium',
    returns:
      'the right to sign an RDS IAM authentication token (what `aws rds generate-db-auth-token` makes) for a database user',
    see: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html',
  },
  {
    action: 'ec2:GetPasswordData',
    severity: 'medium',
    returns: 'the encrypted administrator password of a Windows instance',
    see: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetPasswordData.html',
  },
  {
    action: 'lightsail:GetInstanceAccessDetails',
    severity: 'medium',
    returns: 'temporary SSH keys or an RDP password of a Lightsail instance',
    see: 'https://docs.aws.amazon.com/lightsail/2016-11-28/api-reference/API_GetInstanceAccessDetails.html',
  },
  {
    action: 'lightsail:DownloadDefaultKeyPair',
    severity: 'medium',
    returns: 'the private key of the default Lightsail key pair of a region',
    see: 'https://docs.aws.amazon.com/lightsail/2016-11-28/api-reference/API_DownloadDefaultKeyPair.html',
  },
  {
    action: 'lightsail:GetRelationalDatabaseMasterUserPassword',
    severity: 'medium',
    returns: 'the master password of a Lightsail database',
    see: 'https://docs.aws.amazon.com/lightsail/2016-11-28/api-reference/API_GetRelationalDatabaseMasterUserPassword.html',
  },
  {
    action: 'gamelift:GetInstanceAccess',
    severity: 'medium',
    returns: 'SSH or RDP credentials of a GameLift fleet instance',
    see: 'https://docs.aws.amazon.com/gamelift/latest/apireference/API_GetInstanceAccess.html',
  },
];

import type { Capability } from './capability.js';

/**
 * A curated decision for a group of actions, replacing what the generation rules give them, with
 * the reason a reviewer can check. Every action named must exist in the service catalog and be
 * named once (the capability map build reports it otherwise).
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export interface CapabilityOverride {
  /** `service:Action` names, with AWS's capitalisation. */
  readonly actions: readonly string[];
  readonly capabilities: readonly Capability[];
  /** Why, in a sentence; `docs/capabilities.md` explains the principles behind these. */
  readonly why: string;
}

const SQL = ['read-data', 'write-data', 'delete-data'] as const satisfies readonly Capability[];

/**
 * The curated overrides for the data services, where a report must be right: S3, DynamoDB, RDS
 * and the RDS Data API, Redshift, KMS, SQS, SNS, Kinesis, Secrets Manager, SSM Parameter Store,
 * EFS, Glacier, Athena, Glue, OpenSearch, ECR, Lambda, STS, IAM, CloudWatch Logs, and a few more
 * that hold or hand out data. Grouped by service; within a service, by outcome.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 */
export const CAPABILITY_OVERRIDES: readonly CapabilityOverride[] = [
  // --- Amazon S3 (and its Outposts, Object Lambda and directory-bucket variants) ---
  {
    actions: [
      's3:GetObject',
      's3:GetObjectVersion',
      's3:GetObjectTorrent',
      's3:GetObjectVersionTorrent',
      's3:GetObjectVersionForReplication',
      's3-object-lambda:GetObject',
      's3-object-lambda:GetObjectVersion',
      's3-outposts:GetObject',
      's3-outposts:GetObjectVersion',
      's3-outposts:GetObjectVersionForReplication',
    ],
    capabilities: ['read-data'],
    why: 'returns the bytes of an object (or a torrent of them): the content of the bucket',
  },
  {
    actions: [
      's3:ListBucket',
      's3:ListBucketVersions',
      's3:ListBucketMultipartUploads',
      's3-object-lambda:ListBucket',
      's3-object-lambda:ListBucketVersions',
      's3-object-lambda:ListBucketMultipartUploads',
      's3-outposts:ListBucket',
      's3-outposts:ListBucketVersions',
      's3-outposts:ListBucketMultipartUploads',
    ],
    capabilities: ['read-data'],
    why:
      'lists object keys, and keys are content: they often carry customer ids, file names and dates; ' +
      'a reviewer asking who can see what is in a bucket expects listers among them',
  },
  {
    actions: [
      's3:GetObjectAnnotation',
      's3:GetObjectVersionAnnotation',
      's3:GetObjectVersionAnnotationForReplication',
    ],
    capabilities: ['read-data'],
    why: 'annotations are application-written content attached to an object, unlike tags, which steer access',
  },
  {
    actions: [
      's3:PutObject',
      's3:RestoreObject',
      's3:ReplicateObject',
      's3:InitiateReplication',
      's3:AbortMultipartUpload',
      's3:PutObjectAnnotation',
      's3:PutObjectVersionAnnotation',
      's3:ReplicateObjectAnnotation',
      's3-object-lambda:PutObject',
      's3-object-lambda:RestoreObject',
      's3-object-lambda:AbortMultipartUpload',
      's3-object-lambda:WriteGetObjectResponse',
      's3-outposts:PutObject',
      's3-outposts:ReplicateObject',
      's3-outposts:AbortMultipartUpload',
    ],
    capabilities: ['write-data'],
    why:
      'creates or replaces object content (a multipart upload is one write: aborting it is part of ' +
      'writing), restores an archived copy, or replicates content into the bucket',
  },
  {
    actions: [
      's3:DeleteObject',
      's3:DeleteObjectVersion',
      's3:ReplicateDelete',
      's3:DeleteObjectAnnotation',
      's3:DeleteObjectVersionAnnotation',
      's3-object-lambda:DeleteObject',
      's3-object-lambda:DeleteObjectVersion',
      's3-outposts:DeleteObject',
      's3-outposts:DeleteObjectVersion',
      's3-outposts:ReplicateDelete',
    ],
    capabilities: ['delete-data'],
    why: 'deletes objects or versions (a version delete is permanent), or replicates a delete marker',
  },
  {
    actions: ['s3:DeleteBucket', 's3-outposts:DeleteBucket', 's3express:DeleteBucket'],
    capabilities: ['administer-resource'],
    why: 'S3 deletes only an empty bucket, so no content is lost; losing the bucket name is an administration matter',
  },
  {
    actions: [
      's3:PutLifecycleConfiguration',
      's3-outposts:PutLifecycleConfiguration',
      's3express:PutLifecycleConfiguration',
    ],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'an expiration rule deletes every object it matches: a lifecycle change can empty a bucket',
  },
  {
    actions: ['s3:BypassGovernanceRetention'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'its only use is to delete or overwrite objects that governance-mode Object Lock protects',
  },
  {
    actions: ['s3:SubmitMultiRegionAccessPointRoutes'],
    capabilities: ['administer-resource'],
    why: 'changes where a Multi-Region Access Point routes requests: configuration, not a job',
  },
  {
    actions: ['s3:GetDataAccess'],
    capabilities: ['use-resource'],
    why: 'S3 Access Grants hands out temporary credentials for a grant; what they reach is the grant, counted there',
  },
  {
    actions: ['s3express:CreateSession'],
    capabilities: ['read-data', 'write-data', 'delete-data', 'use-resource'],
    why:
      'a directory bucket authorises every object request through the session it creates; the ' +
      '`s3express:SessionMode` condition (ReadOnly) narrows it to reads',
  },
  // --- Amazon S3 Files and Amazon EFS: NFS clients ---
  {
    actions: ['elasticfilesystem:ClientMount', 's3files:ClientMount'],
    capabilities: ['read-data', 'use-resource'],
    why: 'mounting the file system lets the client read its files (EFS has no separate read permission)',
  },
  {
    actions: ['elasticfilesystem:ClientWrite', 's3files:ClientWrite'],
    capabilities: ['write-data', 'delete-data'],
    why: 'NFS write access creates, changes and removes files',
  },
  {
    actions: ['elasticfilesystem:ClientRootAccess', 's3files:ClientRootAccess'],
    capabilities: ['administer-resource', 'read-data', 'write-data', 'delete-data'],
    why: 'as root the client bypasses file permissions on every file and can change owners and modes',
  },
  {
    actions: ['elasticfilesystem:ReplicationRead', 'elasticfilesystem:Backup'],
    capabilities: ['read-data'],
    why: 'reads every file of the file system to copy it into a replica or a recovery point',
  },
  {
    actions: ['elasticfilesystem:ReplicationWrite'],
    capabilities: ['write-data'],
    why: 'writes replicated file content into the destination file system',
  },
  {
    actions: ['elasticfilesystem:Restore'],
    capabilities: ['administer-resource', 'write-data'],
    why: 'restores a recovery point into a file system, writing its files',
  },
  // --- Amazon S3 Glacier ---
  {
    actions: ['glacier:InitiateJob', 'glacier:GetJobOutput'],
    capabilities: ['read-data'],
    why: 'an archive retrieval is a job started with InitiateJob whose output GetJobOutput returns',
  },
  {
    actions: [
      'glacier:UploadArchive',
      'glacier:InitiateMultipartUpload',
      'glacier:UploadMultipartPart',
      'glacier:CompleteMultipartUpload',
      'glacier:AbortMultipartUpload',
    ],
    capabilities: ['write-data'],
    why: 'the steps of storing an archive in a vault',
  },
  {
    actions: ['glacier:DeleteArchive'],
    capabilities: ['delete-data'],
    why: 'an archive is the stored content itself',
  },
  {
    actions: ['glacier:DeleteVault'],
    capabilities: ['administer-resource'],
    why: 'Glacier deletes only a vault with no archives',
  },
  // --- Amazon DynamoDB and DAX ---
  {
    actions: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:Scan',
      'dynamodb:PartiQLSelect',
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dax:GetItem',
      'dax:BatchGetItem',
      'dax:Query',
      'dax:Scan',
      'dax:ConditionCheckItem',
    ],
    capabilities: ['read-data'],
    why:
      'returns items or stream records; a condition check reveals whether an item holds a value, ' +
      'which is a read',
  },
  {
    actions: [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:PartiQLInsert',
      'dynamodb:PartiQLUpdate',
      'dax:PutItem',
      'dax:UpdateItem',
      'dax:BatchWriteItem',
    ],
    capabilities: ['write-data'],
    why: 'creates or changes items (BatchWriteItem can also delete: it is granted with DeleteItem in mind too)',
  },
  {
    actions: ['dynamodb:DeleteItem', 'dynamodb:PartiQLDelete', 'dax:DeleteItem'],
    capabilities: ['delete-data'],
    why: 'deletes items',
  },
  {
    actions: ['dynamodb:DeleteTable', 'dynamodb:DeleteTableReplica', 'dynamodb:DeleteBackup'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'deletes a table, a replica or a backup together with every item it holds',
  },
  {
    actions: ['dynamodb:UpdateTimeToLive'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'time to live makes DynamoDB delete every item whose chosen attribute is in the past',
  },
  {
    actions: ['dax:DeleteCluster'],
    capabilities: ['administer-resource'],
    why: 'DAX is a cache in front of DynamoDB: deleting it loses no data',
  },
  // --- Amazon RDS, Aurora and the RDS Data API ---
  {
    actions: ['rds-db:connect'],
    capabilities: [...SQL, 'use-resource'],
    why:
      'IAM database authentication: once connected, what the session can do is decided by the ' +
      "database's own grants, which IAM cannot see; a reviewer must assume reads, writes and deletes",
  },
  {
    actions: ['rds-data:ExecuteStatement', 'rds-data:BatchExecuteStatement', 'rds-data:ExecuteSql'],
    capabilities: [...SQL],
    why: "runs any SQL statement: SELECT, INSERT, UPDATE, DELETE; the database's own grants are the only limit",
  },
  {
    actions: ['rds-data:BeginTransaction', 'rds-data:CommitTransaction', 'rds-data:RollbackTransaction'],
    capabilities: ['use-resource'],
    why: 'frames statements in a transaction; the statements themselves need ExecuteStatement',
  },
  {
    actions: ['rds:DescribeDBLogFiles'],
    capabilities: ['read-config'],
    why: 'lists log file names and sizes; the Download actions return their content',
  },
  {
    actions: ['rds:BacktrackDBCluster'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'rewinds an Aurora cluster in place, discarding every change made after the chosen time',
  },
  // --- Amazon Redshift, Redshift Serverless and the Redshift Data API ---
  {
    actions: [
      'redshift:GetClusterCredentials',
      'redshift:GetClusterCredentialsWithIAM',
      'redshift-serverless:GetCredentials',
    ],
    capabilities: [...SQL, 'use-resource'],
    why: "hands out database credentials; like rds-db:connect, the database's own grants are the only limit",
  },
  {
    actions: [
      'redshift:ExecuteQuery',
      'redshift-data:ExecuteStatement',
      'redshift-data:BatchExecuteStatement',
    ],
    capabilities: [...SQL],
    why: 'runs any SQL statement against a cluster or workgroup',
  },
  {
    actions: ['redshift:ViewQueriesFromConsole', 'redshift:FetchResults', 'redshift-data:GetStatementResult'],
    capabilities: ['read-data'],
    why: 'returns query results',
  },
  {
    actions: [
      'redshift:RestoreTableFromClusterSnapshot',
      'redshift-serverless:RestoreTableFromSnapshot',
      'redshift-serverless:RestoreTableFromRecoveryPoint',
    ],
    capabilities: ['administer-resource', 'write-data'],
    why: 'writes a table restored from a snapshot into a running database',
  },
  // --- AWS KMS ---
  {
    actions: [
      'kms:Decrypt',
      'kms:Encrypt',
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
      'kms:GenerateDataKey',
      'kms:GenerateDataKeyWithoutPlaintext',
      'kms:GenerateDataKeyPair',
      'kms:GenerateDataKeyPairWithoutPlaintext',
      'kms:GenerateMac',
      'kms:VerifyMac',
      'kms:Sign',
      'kms:Verify',
      'kms:DeriveSharedSecret',
      'kms:GenerateRandom',
    ],
    capabilities: ['use-resource'],
    why:
      'cryptographic use of a key. A key holds no content of its own: decrypting unlocks data held ' +
      'elsewhere (an object, a secret), whose read is counted on that resource, so adding read-data ' +
      'here would count it twice',
  },
  {
    actions: ['kms:ScheduleKeyDeletion', 'kms:DeleteImportedKeyMaterial'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'a deleted key (or lost key material) makes everything encrypted under it unreadable for good',
  },
  {
    actions: ['kms:CancelKeyDeletion', 'kms:ConnectCustomKeyStore'],
    capabilities: ['administer-resource'],
    why: 'key lifecycle and key store administration, not cryptographic use',
  },
  {
    actions: ['kms:GetPublicKey'],
    capabilities: ['read-config'],
    why: 'the public half of an asymmetric key is not secret',
  },
  // --- Amazon SQS and Amazon SNS ---
  {
    actions: ['sqs:ReceiveMessage'],
    capabilities: ['read-data'],
    why: 'returns messages',
  },
  {
    actions: ['sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:StartMessageMoveTask'],
    capabilities: ['write-data'],
    why:
      'puts messages on the queue, or changes when they are delivered again (visibility; moving ' +
      'messages from a dead-letter queue back to their source)',
  },
  {
    actions: ['sqs:CancelMessageMoveTask'],
    capabilities: ['write-data'],
    why: 'stops a message move part way, leaving messages where they are',
  },
  {
    actions: ['sqs:PurgeQueue', 'sqs:DeleteMessage'],
    capabilities: ['delete-data'],
    why: 'deletes messages (PurgeQueue all of them)',
  },
  {
    actions: ['sqs:DeleteQueue'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'deletes the queue together with the messages on it',
  },
  {
    actions: ['sns:Publish'],
    capabilities: ['write-data'],
    why: 'sends a message to every subscriber of the topic',
  },
  {
    actions: ['sns:Subscribe', 'sns:ConfirmSubscription'],
    capabilities: ['read-data'],
    why: 'a subscription delivers every later message of the topic to an endpoint the subscriber chooses',
  },
  // --- Amazon Kinesis Data Streams and Firehose ---
  {
    actions: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:SubscribeToShard'],
    capabilities: ['read-data'],
    why: 'reads records from a stream (a shard iterator is the first step of every read)',
  },
  {
    actions: ['kinesis:PutRecord', 'kinesis:PutRecords', 'firehose:PutRecord', 'firehose:PutRecordBatch'],
    capabilities: ['write-data'],
    why: 'writes records',
  },
  {
    actions: ['kinesis:DecreaseStreamRetentionPeriod'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'records older than the new retention period are deleted',
  },
  // --- AWS Secrets Manager ---
  {
    actions: ['secretsmanager:GetSecretValue', 'secretsmanager:BatchGetSecretValue'],
    capabilities: ['read-data'],
    why: 'returns secret values',
  },
  {
    actions: ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
    capabilities: ['write-data'],
    why: 'stores a new secret value, or moves the label (AWSCURRENT) that decides which value readers get',
  },
  {
    actions: ['secretsmanager:CreateSecret', 'secretsmanager:UpdateSecret', 'secretsmanager:RotateSecret'],
    capabilities: ['administer-resource', 'write-data'],
    why: 'sets the secret up and can set (or, by rotation, replace) its value',
  },
  {
    actions: ['secretsmanager:DeleteSecret'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'deletes the secret and every version of its value (at once with ForceDeleteWithoutRecovery)',
  },
  {
    actions: ['secretsmanager:RestoreSecret', 'secretsmanager:CancelRotateSecret'],
    capabilities: ['administer-resource'],
    why: 'cancels a scheduled deletion or rotation',
  },
  {
    actions: ['secretsmanager:ValidateResourcePolicy'],
    capabilities: ['read-config'],
    why: 'checks a policy document; changes nothing',
  },
  {
    actions: ['secretsmanager:GetRandomPassword'],
    capabilities: ['use-resource'],
    why: 'generates a random string; it reads nothing stored',
  },
  // --- AWS Systems Manager Parameter Store ---
  {
    actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:GetParameterHistory'],
    capabilities: ['read-data'],
    why: 'returns parameter values (SecureString values decrypted with WithDecryption); history includes past values',
  },
  {
    actions: ['ssm:PutParameter', 'ssm:LabelParameterVersion', 'ssm:UnlabelParameterVersion'],
    capabilities: ['write-data'],
    why: 'stores a parameter value, or moves the label that decides which version readers get',
  },
  {
    actions: ['ssm:DeleteParameter', 'ssm:DeleteParameters'],
    capabilities: ['delete-data'],
    why: 'deletes parameters and their values',
  },
  {
    actions: ['ssm:GetDocument'],
    capabilities: ['read-config'],
    why: 'an SSM document is a runbook: configuration',
  },
  // --- Amazon Athena, AWS Glue and AWS Lake Formation ---
  {
    actions: ['athena:CreatePresignedNotebookUrl'],
    capabilities: ['use-resource'],
    why: 'opens a notebook session',
  },
  {
    actions: ['glue:GetConnection', 'glue:GetConnections'],
    capabilities: ['read-config', 'read-data'],
    why: 'returns connection properties including the stored user name and password, unless HidePassword is set',
  },
  {
    actions: [
      'glue:DeleteTable',
      'glue:BatchDeleteTable',
      'glue:DeleteDatabase',
      'glue:DeletePartitionIndex',
      'glue:DeleteColumnStatisticsForTable',
    ],
    capabilities: ['administer-resource'],
    why: 'the Data Catalog holds table definitions; the data stays in S3 (or the source database)',
  },
  {
    actions: ['lakeformation:GetDataAccess'],
    capabilities: ['read-data', 'write-data', 'use-resource'],
    why:
      'vends credentials that integrated services (Athena, Glue, Redshift Spectrum) use to read and ' +
      'write Lake Formation governed data; Lake Formation permissions decide which',
  },
  {
    actions: [
      'lakeformation:GetTemporaryGlueTableCredentials',
      'lakeformation:GetTemporaryGluePartitionCredentials',
    ],
    capabilities: ['read-data', 'use-resource'],
    why: 'vends credentials to read the data of a governed table or partition',
  },
  // --- Amazon OpenSearch Service and OpenSearch Serverless ---
  {
    actions: ['es:ESHttpGet'],
    capabilities: ['read-config', 'read-data'],
    why: 'HTTP GET on a domain returns documents and searches as well as cluster settings',
  },
  {
    actions: ['es:ESCrossClusterGet'],
    capabilities: ['read-data'],
    why: 'cross-cluster search reads documents of the remote domain',
  },
  {
    actions: ['es:ESHttpHead'],
    capabilities: ['read-config'],
    why: 'HTTP HEAD only tells whether an index or document exists',
  },
  {
    actions: ['es:ESHttpPost'],
    capabilities: [...SQL],
    why: 'HTTP POST searches (_search), indexes (_bulk, _doc) and deletes (_delete_by_query) documents',
  },
  {
    actions: ['es:ESHttpPut', 'es:ESHttpPatch'],
    capabilities: ['administer-resource', 'write-data'],
    why: 'HTTP PUT and PATCH index documents and also create indexes, mappings, settings and security roles',
  },
  {
    actions: ['es:ESHttpDelete'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'HTTP DELETE removes documents and whole indexes',
  },
  {
    actions: ['aoss:APIAccessAll'],
    capabilities: [...SQL, 'use-resource'],
    why:
      'every data-plane request to a serverless collection; its data access policies decide which ' +
      'indexes and operations',
  },
  {
    actions: ['aoss:DashboardsAccessAll', 'opensearch:ApplicationAccessAll'],
    capabilities: ['read-data', 'use-resource'],
    why: 'opens OpenSearch Dashboards or an OpenSearch UI application, which show the indexed documents',
  },
  // --- Amazon ECR ---
  {
    actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
    capabilities: ['read-data'],
    why: 'pulls an image: its manifest and its layers, which carry the application and anything baked in',
  },
  {
    actions: [
      'ecr:PutImage',
      'ecr:InitiateLayerUpload',
      'ecr:UploadLayerPart',
      'ecr:CompleteLayerUpload',
      'ecr:ReplicateImage',
      'ecr:BatchImportUpstreamImage',
      'ecr-public:PutImage',
      'ecr-public:InitiateLayerUpload',
      'ecr-public:UploadLayerPart',
      'ecr-public:CompleteLayerUpload',
    ],
    capabilities: ['write-data'],
    why: 'pushes an image: layers, then the manifest (or copies one in by replication or a pull-through cache)',
  },
  {
    actions: ['ecr:BatchDeleteImage', 'ecr-public:BatchDeleteImage'],
    capabilities: ['delete-data'],
    why: 'deletes images',
  },
  {
    actions: ['ecr:PutLifecyclePolicy'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'a lifecycle policy expires (deletes) the images it matches',
  },
  {
    actions: ['ecr-public:GetRegistryCatalogData', 'ecr-public:GetRepositoryCatalogData'],
    capabilities: ['read-config'],
    why: 'catalog data is the public description of a registry or repository',
  },
  {
    actions: ['ecr-public:PutRegistryCatalogData', 'ecr-public:PutRepositoryCatalogData'],
    capabilities: ['administer-resource'],
    why: 'catalog data is the public description of a registry or repository',
  },
  // --- AWS Lambda ---
  {
    actions: ['lambda:UpdateFunctionCode'],
    capabilities: ['administer-resource'],
    why:
      "a function's code is its configuration, not data it holds; that new code runs with the " +
      "function's role is a privilege-escalation finding, not a capability",
  },
  // --- AWS STS ---
  {
    actions: ['sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext', 'sts:TagGetWebIdentityToken'],
    capabilities: ['use-resource'],
    why: 'set attributes of a session while assuming a role or getting a token: part of using it',
  },
  {
    actions: ['sts:DecodeAuthorizationMessage'],
    capabilities: ['read-config'],
    why: 'explains an access denial: it reveals policy details, not data',
  },
  // --- AWS IAM ---
  {
    actions: [
      'iam:UploadCloudFrontPublicKey',
      'iam:UploadSSHPublicKey',
      'iam:UploadServerCertificate',
      'iam:UploadSigningCertificate',
      'iam:SendDelegationToken',
    ],
    capabilities: ['administer-resource'],
    why: 'everything that changes IAM, credentials included, is administration',
  },
  {
    actions: ['iam:SimulateCustomPolicy', 'iam:SimulatePrincipalPolicy'],
    capabilities: ['read-config'],
    why: 'evaluates policies without changing them; reveals what policies allow',
  },
  // --- Amazon CloudWatch Logs ---
  {
    actions: ['logs:StartQuery', 'logs:StartLiveTail'],
    capabilities: ['read-data'],
    why: 'an Insights query or a live tail is authorised against the log groups it reads',
  },
  {
    actions: ['logs:GetLogGroupFields'],
    capabilities: ['read-config'],
    why: 'returns field names and how often they occur, not log events',
  },
  {
    actions: ['logs:PutRetentionPolicy'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'log events older than the new retention period are deleted',
  },
  // --- Databases reached with IAM authentication, and wide-column and graph data planes ---
  {
    actions: ['elasticache:Connect', 'memorydb:Connect', 'neptune-db:connect', 'dsql:DbConnect'],
    capabilities: [...SQL, 'use-resource'],
    why: "IAM authentication to the database; the database's own access rules decide what the session can do",
  },
  {
    actions: ['dsql:DbConnectAdmin'],
    capabilities: ['administer-resource', ...SQL, 'use-resource'],
    why: 'connects as the admin role, which can also create roles and grant access',
  },
  {
    actions: ['neptune-db:DeleteDataViaQuery', 'neptune-graph:DeleteDataViaQuery'],
    capabilities: ['delete-data'],
    why: 'deletes graph data',
  },
  {
    actions: ['cassandra:Modify', 'cassandra:ModifyMultiRegionResource'],
    capabilities: ['write-data', 'delete-data'],
    why: 'CQL INSERT, UPDATE and DELETE',
  },
  {
    actions: ['cassandra:Drop', 'cassandra:DropMultiRegionResource'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'drops a keyspace or table with its rows',
  },
  {
    actions: ['kafka-cluster:DeleteTopic'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'a Kafka topic holds its records; deleting it deletes them',
  },
  {
    actions: ['timestream:Unload'],
    capabilities: ['read-data'],
    why: 'exports query results to S3',
  },
  {
    actions: ['sdb:GetAttributes'],
    capabilities: ['read-data'],
    why: 'SimpleDB attributes are the items of a domain',
  },
  {
    actions: ['sdb:PutAttributes', 'sdb:BatchPutAttributes'],
    capabilities: ['write-data'],
    why: 'SimpleDB attributes are the items of a domain',
  },
  {
    actions: ['sdb:DeleteAttributes', 'sdb:BatchDeleteAttributes'],
    capabilities: ['delete-data'],
    why: 'SimpleDB attributes are the items of a domain',
  },
  {
    actions: ['qldb:PartiQLUpdate'],
    capabilities: ['write-data'],
    why: 'PartiQL UPDATE changes documents',
  },
  {
    actions: ['qldb:PartiQLDelete', 'qldb:PartiQLRedact'],
    capabilities: ['delete-data'],
    why: 'PartiQL DELETE removes documents; redaction erases a revision',
  },
  {
    actions: ['qldb:PartiQLDropTable'],
    capabilities: ['administer-resource', 'delete-data'],
    why: 'drops a table with its documents',
  },
  {
    actions: ['qldb:PartiQLHistoryFunction', 'qldb:GetBlock', 'qldb:GetRevision'],
    capabilities: ['read-data'],
    why: 'returns document revisions or journal blocks, which hold the documents',
  },
  {
    actions: ['cloudsearch:search', 'cloudsearch:suggest'],
    capabilities: ['read-data'],
    why: 'searches the indexed documents',
  },
  {
    actions: ['cloudsearch:document'],
    capabilities: ['write-data', 'delete-data'],
    why: 'a document batch adds, replaces and deletes indexed documents',
  },
  // --- Amazon Kinesis Video Streams ---
  {
    actions: [
      'kinesisvideo:GetClip',
      'kinesisvideo:GetImages',
      'kinesisvideo:GetDASHStreamingSessionURL',
      'kinesisvideo:GetHLSStreamingSessionURL',
    ],
    capabilities: ['read-data'],
    why: 'returns the video, frames of it, or a URL that plays it',
  },
  // --- Secrets returned by services that are not secret stores ---
  {
    actions: ['macie2:GetSensitiveDataOccurrences', 'geo:DescribeKey', 'bedrock-agentcore:GetResourceApiKey'],
    capabilities: ['read-data'],
    why: 'returns samples of the sensitive data a finding found, or the secret value of an API key',
  },
  // --- Amazon EC2 and EBS direct APIs ---
  {
    actions: ['ec2:GetPasswordData', 'ec2:GetConsoleOutput', 'ec2:GetConsoleScreenshot'],
    capabilities: ['read-data'],
    why: 'returns the encrypted administrator password, or what the instance printed or shows on its console',
  },
  {
    actions: ['ebs:StartSnapshot', 'ebs:PutSnapshotBlock', 'ebs:CompleteSnapshot'],
    capabilities: ['write-data'],
    why: 'the steps of writing a snapshot block by block',
  },
  // --- AWS IoT Core data plane ---
  {
    actions: ['iot:Publish', 'iot:RetainPublish', 'iot:UpdateThingShadow'],
    capabilities: ['write-data'],
    why: 'publishes device messages or writes a device shadow',
  },
  {
    actions: ['iot:Subscribe', 'iot:Receive', 'iot:GetThingShadow', 'iot:GetRetainedMessage'],
    capabilities: ['read-data'],
    why: 'receives device messages or reads a device shadow',
  },
  {
    actions: ['iot:DeleteThingShadow'],
    capabilities: ['delete-data'],
    why: 'deletes a device shadow',
  },
  {
    actions: ['iot:Connect'],
    capabilities: ['use-resource'],
    why: 'connects as a device client; publishing and subscribing are separate actions',
  },
  // --- AWS Step Functions ---
  {
    actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
    capabilities: ['read-config', 'read-data'],
    why: "returns an execution's input and output payloads and every state's data along with its status",
  },
  {
    actions: ['states:RevealSecrets'],
    capabilities: ['read-data'],
    why: 'reveals the unredacted HTTP request and response data of a test',
  },
  // --- Amazon Cognito user pools: the application's user directory ---
  {
    actions: ['cognito-idp:AdminGetUser', 'cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'],
    capabilities: ['read-data'],
    why: "returns users' attributes (email, phone number, custom attributes): the application's customer records",
  },
  {
    actions: ['cognito-idp:AdminUpdateUserAttributes'],
    capabilities: ['write-data'],
    why: "changes users' attributes",
  },
  {
    actions: ['cognito-idp:AdminDeleteUser', 'cognito-idp:AdminDeleteUserAttributes'],
    capabilities: ['delete-data'],
    why: 'deletes users or their attributes',
  },
  // --- AWS CodeCommit: source code is the repository's content ---
  {
    actions: [
      'codecommit:GitPull',
      'codecommit:GetCommit',
      'codecommit:BatchGetCommits',
      'codecommit:GetDifferences',
      'codecommit:GetMergeCommit',
      'codecommit:GetFolder',
      'codecommit:GetTree',
    ],
    capabilities: ['read-data'],
    why: 'returns source code or its history',
  },
  {
    actions: [
      'codecommit:GitPush',
      'codecommit:CreateCommit',
      'codecommit:CreateUnreferencedMergeCommit',
      'codecommit:MergeBranchesByFastForward',
      'codecommit:MergeBranchesBySquash',
      'codecommit:MergeBranchesByThreeWay',
      'codecommit:MergePullRequestByFastForward',
      'codecommit:MergePullRequestBySquash',
      'codecommit:MergePullRequestByThreeWay',
    ],
    capabilities: ['write-data'],
    why: 'writes commits to a branch',
  },
  {
    actions: ['codecommit:DeleteBranch'],
    capabilities: ['delete-data'],
    why: 'commits reachable only from the deleted branch are lost',
  },
  {
    actions: [
      'codecommit:UpdateApprovalRuleTemplateContent',
      'codecommit:UpdatePullRequestApprovalRuleContent',
    ],
    capabilities: ['administer-resource'],
    why: 'approval rules are configuration that decides who can merge',
  },
  // --- Amazon API Gateway ---
  {
    actions: ['apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH'],
    capabilities: ['administer-resource'],
    why: 'these are the methods of the API Gateway management API: they create and change APIs, stages and keys',
  },
  {
    actions: ['execute-api:ManageConnections'],
    capabilities: ['write-data', 'use-resource'],
    why: 'sends data to, inspects and disconnects the clients of a WebSocket API',
  },
  // --- Amazon Lex runtime ---
  {
    actions: ['lex:PostText', 'lex:PostContent'],
    capabilities: ['use-resource'],
    why: 'talks to a bot, as RecognizeText does: using the bot, not writing to it',
  },
  // --- AWS Backup ---
  {
    actions: ['backup:DeleteBackupVault'],
    capabilities: ['administer-resource'],
    why: 'AWS Backup deletes only a vault with no recovery points',
  },
];

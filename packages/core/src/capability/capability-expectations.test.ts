import { describe, expect, it } from 'vitest';
import type { Capability } from './capability.js';
import { capabilitiesFor } from './capability-map.js';

// What an engineer reviewing access expects the capability map to say, one row per action, with
// the reason. Data services first (SPEC §5: reports must be right for them), then a sample of the
// rest. Access levels: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
// Actions: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
type Row = readonly [action: string, capabilities: readonly Capability[], why: string];

const dataServices: readonly Row[] = [
  // S3
  ['s3:GetObject', ['read-data'], 'returns object content'],
  ['s3:GetObjectVersion', ['read-data'], 'returns the content of an older version'],
  ['s3:ListBucket', ['read-data'], 'object keys are content (customer ids, file names)'],
  ['s3:ListAllMyBuckets', ['read-config'], 'bucket names are inventory, not content'],
  ['s3:GetObjectAcl', ['read-config'], 'who may read an object is configuration'],
  ['s3:GetObjectTagging', ['read-config'], 'object tags are configuration'],
  ['s3:GetBucketPolicy', ['read-config'], 'a policy is configuration'],
  ['s3:PutObject', ['write-data'], 'writes object content'],
  ['s3:RestoreObject', ['write-data'], 'makes an archived copy readable again'],
  ['s3:DeleteObject', ['delete-data'], 'deletes an object'],
  ['s3:DeleteObjectVersion', ['delete-data'], 'permanently deletes a version'],
  ['s3:PutBucketPolicy', ['administer-resource'], 'changes who can access the bucket'],
  ['s3:PutBucketAcl', ['administer-resource'], 'changes who can access the bucket'],
  ['s3:PutObjectAcl', ['administer-resource'], 'changes who can access an object'],
  ['s3:PutBucketPublicAccessBlock', ['administer-resource'], 'can expose the bucket to the public'],
  ['s3:PutObjectTagging', ['administer-resource'], 'tags steer ABAC and lifecycle rules'],
  ['s3:DeleteBucket', ['administer-resource'], 'S3 deletes only empty buckets'],
  ['s3:PutLifecycleConfiguration', ['administer-resource', 'delete-data'], 'expiration rules delete objects'],
  ['s3:CreateBucket', ['administer-resource'], 'creates a container'],
  ['s3:TagResource', ['administer-resource'], 'Tagging access level'],
  ['s3-object-lambda:GetObject', ['read-data'], 'returns (transformed) object content'],
  [
    's3express:CreateSession',
    ['read-data', 'write-data', 'delete-data', 'use-resource'],
    'authorises all object requests to a directory bucket',
  ],
  // DynamoDB
  ['dynamodb:GetItem', ['read-data'], 'returns an item'],
  ['dynamodb:BatchGetItem', ['read-data'], 'returns items'],
  ['dynamodb:Query', ['read-data'], 'returns items'],
  ['dynamodb:Scan', ['read-data'], 'returns every item'],
  ['dynamodb:PartiQLSelect', ['read-data'], 'SELECT returns items'],
  ['dynamodb:PutItem', ['write-data'], 'writes an item'],
  ['dynamodb:UpdateItem', ['write-data'], 'changes an item'],
  ['dynamodb:BatchWriteItem', ['write-data'], 'writes items'],
  ['dynamodb:DeleteItem', ['delete-data'], 'deletes an item'],
  ['dynamodb:DeleteTable', ['administer-resource', 'delete-data'], 'deletes the table and every item in it'],
  ['dynamodb:DescribeTable', ['read-config'], 'table settings'],
  ['dynamodb:ListTables', ['read-config'], 'table names'],
  ['dynamodb:UpdateTable', ['administer-resource'], 'table settings'],
  ['dynamodb:GetRecords', ['read-data'], 'stream records carry item images'],
  ['dynamodb:ExportTableToPointInTime', ['read-data'], 'copies the whole table out to S3'],
  // RDS, Aurora and the Data API
  ['rds-data:ExecuteStatement', ['read-data', 'write-data', 'delete-data'], 'any SQL'],
  [
    'rds-db:connect',
    ['read-data', 'write-data', 'delete-data', 'use-resource'],
    'IAM database authentication; SQL grants decide',
  ],
  ['rds:DeleteDBCluster', ['administer-resource', 'delete-data'], 'the cluster holds the database'],
  ['rds:DeleteDBSnapshot', ['administer-resource', 'delete-data'], 'a snapshot holds a copy of the data'],
  ['rds:ModifyDBInstance', ['administer-resource'], 'instance settings'],
  ['rds:RebootDBInstance', ['administer-resource'], 'operating the instance itself'],
  ['rds:DescribeDBInstances', ['read-config'], 'instance settings'],
  ['rds:DownloadDBLogFilePortion', ['read-data'], 'log content can hold queries and values'],
  ['rds:StartExportTask', ['read-data'], 'exports snapshot data to S3'],
  // Redshift
  [
    'redshift:GetClusterCredentials',
    ['read-data', 'write-data', 'delete-data', 'use-resource'],
    'database credentials',
  ],
  ['redshift-data:ExecuteStatement', ['read-data', 'write-data', 'delete-data'], 'any SQL'],
  ['redshift-data:GetStatementResult', ['read-data'], 'query results'],
  ['redshift-data:ListTables', ['read-config'], 'table names'],
  ['redshift:DeleteCluster', ['administer-resource', 'delete-data'], 'the cluster holds the data'],
  // KMS
  ['kms:Decrypt', ['use-resource'], 'decrypt-as-use; the data read is counted where it lives'],
  ['kms:GenerateDataKey', ['use-resource'], 'envelope encryption is using the key'],
  ['kms:Encrypt', ['use-resource'], 'cryptographic use'],
  ['kms:ScheduleKeyDeletion', ['administer-resource', 'delete-data'], 'data under a deleted key is lost'],
  ['kms:PutKeyPolicy', ['administer-resource'], 'changes who can use the key'],
  ['kms:CreateGrant', ['administer-resource'], 'gives others use of the key'],
  ['kms:DescribeKey', ['read-config'], 'key settings'],
  ['kms:GetPublicKey', ['read-config'], 'the public half of a key is not secret'],
  // SQS and SNS
  ['sqs:ReceiveMessage', ['read-data'], 'returns messages'],
  ['sqs:SendMessage', ['write-data'], 'writes messages'],
  ['sqs:DeleteMessage', ['delete-data'], 'deletes a message'],
  ['sqs:PurgeQueue', ['delete-data'], 'deletes every message'],
  ['sqs:DeleteQueue', ['administer-resource', 'delete-data'], 'the queue holds messages'],
  ['sqs:SetQueueAttributes', ['administer-resource'], 'queue settings, including its policy'],
  ['sqs:GetQueueAttributes', ['read-config'], 'queue settings'],
  ['sns:Publish', ['write-data'], 'sends a message to subscribers'],
  ['sns:Subscribe', ['read-data'], 'delivers every later message to the subscriber'],
  ['sns:SetTopicAttributes', ['administer-resource'], 'topic settings, including its policy'],
  // Kinesis
  ['kinesis:GetRecords', ['read-data'], 'returns records'],
  ['kinesis:PutRecords', ['write-data'], 'writes records'],
  ['kinesis:DeleteStream', ['administer-resource', 'delete-data'], 'the stream holds records'],
  ['kinesis:DescribeStream', ['read-config'], 'stream settings'],
  ['firehose:PutRecordBatch', ['write-data'], 'writes records'],
  // Secrets Manager and Parameter Store
  ['secretsmanager:GetSecretValue', ['read-data'], 'returns the secret'],
  ['secretsmanager:DescribeSecret', ['read-config'], 'metadata, not the value'],
  ['secretsmanager:ListSecrets', ['read-config'], 'secret names'],
  ['secretsmanager:PutSecretValue', ['write-data'], 'stores a value'],
  ['secretsmanager:CreateSecret', ['administer-resource', 'write-data'], 'creates the secret with its value'],
  [
    'secretsmanager:DeleteSecret',
    ['administer-resource', 'delete-data'],
    'deletes every version of the value',
  ],
  ['secretsmanager:PutResourcePolicy', ['administer-resource'], 'changes who can read the secret'],
  ['ssm:GetParameter', ['read-data'], 'returns the value'],
  ['ssm:GetParametersByPath', ['read-data'], 'returns values'],
  ['ssm:DescribeParameters', ['read-config'], 'parameter names and settings'],
  ['ssm:PutParameter', ['write-data'], 'stores a value'],
  ['ssm:DeleteParameter', ['delete-data'], 'deletes a value'],
  // EFS and Glacier
  ['elasticfilesystem:ClientMount', ['read-data', 'use-resource'], 'a mounted file system can be read'],
  [
    'elasticfilesystem:ClientWrite',
    ['write-data', 'delete-data'],
    'NFS writes create, change and remove files',
  ],
  [
    'elasticfilesystem:ClientRootAccess',
    ['administer-resource', 'read-data', 'write-data', 'delete-data'],
    'root bypasses file permissions',
  ],
  ['elasticfilesystem:DeleteFileSystem', ['administer-resource', 'delete-data'], 'deletes every file'],
  ['elasticfilesystem:DescribeFileSystems', ['read-config'], 'file system settings'],
  ['glacier:InitiateJob', ['read-data'], 'starts an archive retrieval'],
  ['glacier:GetJobOutput', ['read-data'], 'returns the archive'],
  ['glacier:UploadArchive', ['write-data'], 'stores an archive'],
  ['glacier:DeleteArchive', ['delete-data'], 'deletes an archive'],
  // Athena, Glue, Lake Formation
  [
    'athena:StartQueryExecution',
    ['use-resource'],
    'runs a query in a workgroup; the data read is authorised by S3 and Glue',
  ],
  ['athena:GetQueryResults', ['read-data'], 'returns query results'],
  ['athena:GetWorkGroup', ['read-config'], 'workgroup settings'],
  ['glue:GetTable', ['read-config'], 'a catalog table is a definition, not rows'],
  ['glue:DeleteTable', ['administer-resource'], 'the rows stay in S3'],
  ['glue:GetConnection', ['read-config', 'read-data'], 'returns the stored database password'],
  ['glue:StartJobRun', ['use-resource'], 'runs a job'],
  [
    'lakeformation:GetDataAccess',
    ['read-data', 'write-data', 'use-resource'],
    'vends credentials for governed data',
  ],
  // OpenSearch
  ['es:ESHttpGet', ['read-config', 'read-data'], 'GET returns documents and settings'],
  [
    'es:ESHttpPost',
    ['read-data', 'write-data', 'delete-data'],
    'POST searches, indexes and deletes by query',
  ],
  ['es:ESHttpPut', ['administer-resource', 'write-data'], 'PUT indexes documents and creates indexes'],
  ['es:ESHttpDelete', ['administer-resource', 'delete-data'], 'DELETE removes documents and indexes'],
  ['es:DeleteDomain', ['administer-resource', 'delete-data'], 'the domain holds the indexes'],
  ['es:UpdateDomainConfig', ['administer-resource'], 'domain settings'],
  [
    'aoss:APIAccessAll',
    ['read-data', 'write-data', 'delete-data', 'use-resource'],
    'every data-plane request',
  ],
  // ECR
  ['ecr:BatchGetImage', ['read-data'], 'pulls an image manifest'],
  ['ecr:GetDownloadUrlForLayer', ['read-data'], 'pulls an image layer'],
  ['ecr:PutImage', ['write-data'], 'pushes an image'],
  ['ecr:UploadLayerPart', ['write-data'], 'pushes a layer'],
  ['ecr:BatchDeleteImage', ['delete-data'], 'deletes images'],
  ['ecr:GetAuthorizationToken', ['use-resource'], 'a registry login token'],
  ['ecr:DescribeImages', ['read-config'], 'tags and digests'],
  ['ecr:SetRepositoryPolicy', ['administer-resource'], 'changes who can pull and push'],
  // Lambda
  ['lambda:InvokeFunction', ['use-resource'], 'invokes the function'],
  [
    'lambda:UpdateFunctionCode',
    ['administer-resource'],
    'code is configuration; escalation is a risk finding',
  ],
  ['lambda:UpdateFunctionConfiguration', ['administer-resource'], 'function settings'],
  ['lambda:AddPermission', ['administer-resource'], 'changes who can invoke'],
  ['lambda:GetFunction', ['read-config'], 'function settings and code location'],
  ['lambda:DeleteFunction', ['administer-resource'], 'a function holds no data'],
  // STS and IAM
  ['sts:AssumeRole', ['use-resource'], 'uses a role'],
  ['sts:AssumeRoleWithWebIdentity', ['use-resource'], 'uses a role'],
  ['sts:GetSessionToken', ['use-resource'], "mints credentials for the caller's own identity"],
  ['sts:TagSession', ['use-resource'], 'part of assuming a role with tags'],
  ['sts:GetCallerIdentity', ['read-config'], 'who am I'],
  ['iam:PassRole', ['use-resource'], 'hands a role to a service: using it, not changing IAM'],
  ['iam:CreateAccessKey', ['administer-resource'], 'creates credentials'],
  ['iam:AttachRolePolicy', ['administer-resource'], 'changes permissions'],
  ['iam:PutRolePolicy', ['administer-resource'], 'changes permissions'],
  ['iam:UpdateAssumeRolePolicy', ['administer-resource'], 'changes who can assume a role'],
  ['iam:UploadSSHPublicKey', ['administer-resource'], 'adds a credential'],
  ['iam:TagRole', ['administer-resource'], 'tags steer ABAC'],
  ['iam:GetRole', ['read-config'], 'role settings'],
  ['iam:ListRoles', ['read-config'], 'role names'],
  ['iam:SimulatePrincipalPolicy', ['read-config'], 'evaluates policies, changes nothing'],
  // CloudWatch Logs
  ['logs:GetLogEvents', ['read-data'], 'returns log events'],
  ['logs:FilterLogEvents', ['read-data'], 'returns log events'],
  ['logs:StartQuery', ['read-data'], 'an Insights query reads the log groups'],
  ['logs:GetQueryResults', ['read-data'], 'returns query results'],
  ['logs:PutLogEvents', ['write-data'], 'writes log events'],
  ['logs:DeleteLogGroup', ['administer-resource', 'delete-data'], 'deletes every log event in the group'],
  ['logs:PutRetentionPolicy', ['administer-resource', 'delete-data'], 'a shorter retention deletes events'],
  ['logs:DescribeLogGroups', ['read-config'], 'log group settings'],
  ['logs:CreateExportTask', ['read-data'], 'exports log data to S3'],
];

const others: readonly Row[] = [
  ['ec2:RunInstances', ['administer-resource'], 'launches instances'],
  ['ec2:StopInstances', ['administer-resource'], 'operating an instance itself is administration'],
  ['ec2:TerminateInstances', ['administer-resource'], 'an instance is not a data container; its volumes are'],
  ['ec2:DeleteVolume', ['administer-resource', 'delete-data'], 'a volume holds data'],
  ['ec2:DeleteSnapshot', ['administer-resource', 'delete-data'], 'a snapshot holds data'],
  ['ec2:DeleteRouteTable', ['administer-resource'], 'a route table holds no data, unlike a database table'],
  ['ec2:DescribeInstances', ['read-config'], 'instance settings'],
  ['ec2:GetPasswordData', ['read-data'], 'returns the administrator password'],
  ['ec2:AuthorizeSecurityGroupIngress', ['administer-resource'], 'network settings'],
  ['ec2-instance-connect:SendSSHPublicKey', ['use-resource'], 'connects to an instance'],
  ['ssm:SendCommand', ['use-resource'], 'runs a command on an instance'],
  ['ssm:StartSession', ['use-resource'], 'connects to an instance'],
  ['ssm:TerminateSession', ['use-resource'], 'ends a session; deletes nothing'],
  ['ecs:RunTask', ['use-resource'], 'runs a task'],
  ['ecs:ExecuteCommand', ['use-resource'], 'runs a command in a container'],
  ['states:StartExecution', ['use-resource'], 'runs a state machine'],
  ['states:GetExecutionHistory', ['read-config', 'read-data'], 'includes input and output payloads'],
  ['codebuild:StartBuild', ['use-resource'], 'runs a build'],
  ['execute-api:Invoke', ['use-resource'], 'calls an API'],
  ['apigateway:GET', ['read-config'], 'management API reads'],
  ['apigateway:POST', ['administer-resource'], 'management API changes'],
  ['bedrock:InvokeModel', ['use-resource'], 'invokes a model'],
  ['sagemaker:InvokeEndpoint', ['use-resource'], 'invokes an endpoint'],
  ['events:PutEvents', ['write-data'], 'writes events to a bus'],
  ['iot:Publish', ['write-data'], 'publishes device messages'],
  ['iot:Subscribe', ['read-data'], 'receives device messages'],
  ['cloudtrail:LookupEvents', ['read-data'], 'returns recorded API activity'],
  ['cloudtrail:StopLogging', ['administer-resource'], 'turns off auditing'],
  ['cloudtrail:DescribeTrails', ['read-config'], 'trail settings'],
  ['config:StopConfigurationRecorder', ['administer-resource'], 'turns off recording'],
  ['cloudformation:CreateStack', ['administer-resource'], 'creates resources'],
  ['organizations:LeaveOrganization', ['administer-resource'], 'changes the organization'],
  ['organizations:DescribeOrganization', ['read-config'], 'organization settings'],
  ['acm:ExportCertificate', ['read-data'], 'returns a private key'],
  ['cognito-idp:ListUsers', ['read-data'], "the application's user records"],
  ['cognito-identity:GetCredentialsForIdentity', ['use-resource'], 'credentials for an identity'],
  [
    'elasticache:Connect',
    ['read-data', 'write-data', 'delete-data', 'use-resource'],
    'IAM authentication to the cache',
  ],
  ['kafka-cluster:ReadData', ['read-data'], 'reads topic records'],
  ['kafka-cluster:WriteData', ['write-data'], 'writes topic records'],
  ['cassandra:Select', ['read-data'], 'CQL SELECT'],
  ['cassandra:Modify', ['write-data', 'delete-data'], 'CQL INSERT, UPDATE, DELETE'],
  ['codecommit:GitPull', ['read-data'], 'source code is the content'],
  ['codecommit:GitPush', ['write-data'], 'source code is the content'],
  [
    'backup:DeleteRecoveryPoint',
    ['administer-resource', 'delete-data'],
    'a recovery point holds a copy of the data',
  ],
  ['guardduty:DeleteDetector', ['administer-resource'], 'turns off threat detection; no customer data'],
  ['comprehend:DetectSentiment', ['use-resource'], 'uses the service on caller-provided text'],
  ['personalize:CreateDatasetImportJob', ['write-data'], 'imports data into a dataset'],
];

describe('the capability map gives what a reviewer expects', () => {
  describe('data services', () => {
    it.each(dataServices)('%s → %j (%s)', (action, capabilities) => {
      expect(capabilitiesFor(action)).toEqual(capabilities);
    });
  });

  describe('a sample of other services', () => {
    it.each(others)('%s → %j (%s)', (action, capabilities) => {
      expect(capabilitiesFor(action)).toEqual(capabilities);
    });
  });

  it('lists each action once in the tables', () => {
    const actions = [...dataServices, ...others].map(([action]) => action.toLowerCase());
    expect(new Set(actions).size).toBe(actions.length);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AccessLevel } from '../catalog/catalog.js';
import type { ActionFacts } from './action-facts.js';
import type { Capability } from './capability.js';
import { deriveCapabilities, GENERATION_RULE_IDS, type GenerationRuleId } from './derive-capabilities.js';

// The generation rules, one or more cases per rule id (docs/capabilities.md describes them).
// Access levels: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
function facts(
  action: string,
  accessLevel: AccessLevel,
  more: { description?: string; category?: string; resourceTypes?: readonly string[] } = {},
): ActionFacts {
  const [service = '', name = ''] = action.split(':');
  return {
    service,
    name,
    accessLevel,
    resourceTypes: more.resourceTypes ?? [],
    description: more.description ?? 'Grants permission to do something',
    category: more.category,
  };
}

type Case = readonly [
  why: string,
  facts: ActionFacts,
  rule: GenerationRuleId,
  capabilities: readonly Capability[],
];

const cases: readonly Case[] = [
  [
    'a policy read is configuration',
    facts('x:GetResourcePolicy', 'Permissions management'),
    'permissions-read',
    ['read-config'],
  ],
  [
    'a use verb at the permissions level',
    facts('x:InvokeGateway', 'Permissions management'),
    'permissions-use',
    ['use-resource'],
  ],
  [
    'changing a policy is administration',
    facts('x:PutResourcePolicy', 'Permissions management'),
    'permissions',
    ['administer-resource'],
  ],
  [
    'listing tags is configuration',
    facts('x:ListTagsForResource', 'Tagging'),
    'tagging-read',
    ['read-config'],
  ],
  ['tags steer ABAC and lifecycle', facts('x:TagResource', 'Tagging'), 'tagging', ['administer-resource']],
  ['listing messages returns content', facts('x:ListChannelMessages', 'List'), 'list-data', ['read-data']],
  ['listing names is configuration', facts('x:ListWidgets', 'List'), 'list', ['read-config']],
  ['listing files is only names', facts('x:DescribeLogFiles', 'List'), 'list', ['read-config']],
  ['assume is use', facts('x:AssumeRole', 'Write'), 'use-verb', ['use-resource']],
  ['invoke is use', facts('x:InvokeFunction', 'Write'), 'use-verb', ['use-resource']],
  ['generate at the write level is use', facts('x:GenerateDataKey', 'Write'), 'use-verb', ['use-resource']],
  ['subscribing an endpoint is use', facts('x:Subscribe', 'Write'), 'use-verb', ['use-resource']],
  ['a connect at the read level is use', facts('x:ConnectWidget', 'Read'), 'use-verb', ['use-resource']],
  [
    'credentials are for using something',
    facts('x:GetClusterCredentials', 'Read'),
    'credentials',
    ['use-resource'],
  ],
  [
    'a token by description',
    facts('x:GetLogin', 'Read', { description: 'Grants permission to get an authorization token' }),
    'credentials',
    ['use-resource'],
  ],
  ['creating a token is use', facts('x:CreateSessionToken', 'Write'), 'credentials', ['use-resource']],
  [
    'token metadata is configuration',
    facts('x:GetAccessTokenMetadata', 'Read', { description: 'access token metadata' }),
    'read',
    ['read-config'],
  ],
  ['query reads content', facts('x:Query', 'Read'), 'read-data-verb', ['read-data']],
  ['download reads content', facts('x:DownloadLogFilePortion', 'Read'), 'read-data-verb', ['read-data']],
  [
    'subscribing to a shard streams records',
    facts('x:SubscribeToShard', 'Read'),
    'read-data-verb',
    ['read-data'],
  ],
  [
    'a read-data verb at the write level reads',
    facts('x:ReceiveWidget', 'Write'),
    'read-data-verb',
    ['read-data'],
  ],
  ['exporting data copies it out', facts('x:ExportTableToPointInTime', 'Write'), 'export', ['read-data']],
  ['an export job copies data out', facts('x:StartExportTask', 'Write'), 'export', ['read-data']],
  [
    'exporting configuration is a read of configuration',
    facts('x:ExportConfiguration', 'Read'),
    'export',
    ['read-config'],
  ],
  ['an object is content', facts('x:GetObject', 'Read'), 'read-data-noun', ['read-data']],
  ['a secret value is content', facts('x:GetSecretValue', 'Read'), 'read-data-noun', ['read-data']],
  ['log events are content', facts('x:GetLogEvents', 'Read'), 'read-data-noun', ['read-data']],
  [
    'lookup of events reads recorded activity',
    facts('x:LookupEvents', 'Read'),
    'read-data-noun',
    ['read-data'],
  ],
  ['a trailing version is ignored', facts('x:GetMetricDataV2', 'Read'), 'read-data-noun', ['read-data']],
  [
    'the object of a preposition is not what is read',
    facts('x:GetTagsForObject', 'Read'),
    'read',
    ['read-config'],
  ],
  ['putting an item writes content', facts('x:PutItem', 'Write'), 'write-data-noun', ['write-data']],
  ['a registry record is a catalog entry', facts('x:GetRegistryRecord', 'Read'), 'read', ['read-config']],
  [
    'a download by description',
    facts('x:GetReport', 'Read', { description: 'Grants permission to download a report' }),
    'read-data-description',
    ['read-data'],
  ],
  [
    'metadata is not content, whatever else the description says',
    facts('x:DescribeSecret', 'Read', {
      description: 'Grants permission to retrieve the metadata about a secret, but not the encrypted data',
    }),
    'read',
    ['read-config'],
  ],
  [
    'a public key is not secret',
    facts('x:GetPublicKey', 'Read', { description: 'Grants permission to download the public key' }),
    'read',
    ['read-config'],
  ],
  ['object tagging is configuration', facts('x:GetObjectTagging', 'Read'), 'read', ['read-config']],
  [
    'deleting an object deletes content',
    facts('x:DeleteObject', 'Write'),
    'delete-data-item',
    ['delete-data'],
  ],
  [
    'deleting messages in a batch deletes content',
    facts('x:DeleteMessageBatch', 'Write'),
    'delete-data-item',
    ['delete-data'],
  ],
  [
    'deleting data via a query deletes content',
    facts('x:DeleteDataViaQuery', 'Write'),
    'delete-data-item',
    ['delete-data'],
  ],
  [
    'a bucket holds content anywhere',
    facts('x:DeleteBucket', 'Write'),
    'delete-data-container',
    ['administer-resource', 'delete-data'],
  ],
  [
    'a volume holds content anywhere',
    facts('x:DeleteVolume', 'Write', { category: 'compute' }),
    'delete-data-container',
    ['administer-resource', 'delete-data'],
  ],
  [
    'a table holds content in a data category',
    facts('x:DeleteTable', 'Write', { category: 'databases' }),
    'delete-data-container',
    ['administer-resource', 'delete-data'],
  ],
  [
    'a database cluster holds content',
    facts('x:DeleteDBCluster', 'Write', { category: 'databases' }),
    'delete-data-container',
    ['administer-resource', 'delete-data'],
  ],
  [
    'a route table holds no content',
    facts('x:DeleteRouteTable', 'Write', { category: 'compute' }),
    'delete',
    ['administer-resource'],
  ],
  [
    'an ECS cluster holds no content',
    facts('x:DeleteCluster', 'Write', { category: 'containers' }),
    'delete',
    ['administer-resource'],
  ],
  [
    'removing a role from a cluster deletes no content',
    facts('x:RemoveRoleFromDBCluster', 'Write', { category: 'databases' }),
    'delete',
    ['administer-resource'],
  ],
  [
    'statistics for a table are not the table',
    facts('x:DeleteColumnStatisticsForTable', 'Write', { category: 'analytics' }),
    'delete',
    ['administer-resource'],
  ],
  ['a policy is configuration', facts('x:DeleteBucketPolicy', 'Write'), 'delete', ['administer-resource']],
  ['terminating a session deletes nothing', facts('x:TerminateSession', 'Write'), 'run', ['use-resource']],
  [
    'stopping an instance is administration',
    facts('x:StopInstances', 'Write'),
    'run-infrastructure',
    ['administer-resource'],
  ],
  [
    'launching instances is administration',
    facts('x:RunInstances', 'Write'),
    'run-infrastructure',
    ['administer-resource'],
  ],
  [
    'stopping logging is administration',
    facts('x:StopLogging', 'Write'),
    'run-infrastructure',
    ['administer-resource'],
  ],
  ['starting an execution is use', facts('x:StartExecution', 'Write'), 'run', ['use-resource']],
  [
    'a job on a cluster is work, not the cluster',
    facts('x:StartClusterJob', 'Write'),
    'run',
    ['use-resource'],
  ],
  [
    'reporting status is not administration',
    facts('x:ReportInstanceStatus', 'Write'),
    'run',
    ['use-resource'],
  ],
  ['sending a message writes content', facts('x:SendMessage', 'Write'), 'send-data', ['write-data']],
  ['sending events writes content', facts('x:SendEvent', 'Write'), 'send-data', ['write-data']],
  ['sending a command is use', facts('x:SendCommand', 'Write'), 'send', ['use-resource']],
  ['publishing a message writes content', facts('x:Publish', 'Write'), 'publish-data', ['write-data']],
  [
    'publishing a version is administration',
    facts('x:PublishVersion', 'Write'),
    'publish',
    ['administer-resource'],
  ],
  ['writing is writing', facts('x:WriteRecords', 'Write'), 'write-data-verb', ['write-data']],
  ['uploading is writing', facts('x:UploadPart', 'Write'), 'write-data-verb', ['write-data']],
  ['putting an object writes content', facts('x:PutObject', 'Write'), 'write-data-noun', ['write-data']],
  [
    'putting records in a batch writes content',
    facts('x:PutRecordBatch', 'Write'),
    'write-data-noun',
    ['write-data'],
  ],
  [
    'setting a password is administration',
    facts('x:SetUserPassword', 'Write'),
    'write',
    ['administer-resource'],
  ],
  ['an import job writes content', facts('x:CreateDatasetImportJob', 'Write'), 'import-data', ['write-data']],
  [
    'an import into a data store creates it with content',
    facts('x:ImportTable', 'Write', { category: 'databases' }),
    'import-data',
    ['administer-resource', 'write-data'],
  ],
  [
    'importing configuration is administration',
    facts('x:ImportNotebook', 'Write', { category: 'analytics' }),
    'write',
    ['administer-resource'],
  ],
  [
    'importing a certificate is administration',
    facts('x:ImportCertificate', 'Write', { category: 'security-identity-and-compliance' }),
    'write',
    ['administer-resource'],
  ],
  [
    'creating a container is administration',
    facts('x:CreateBucket', 'Write'),
    'write',
    ['administer-resource'],
  ],
  [
    'updating settings is administration',
    facts('x:UpdateWidgetConfiguration', 'Write'),
    'write',
    ['administer-resource'],
  ],
  ['an unknown verb changes something', facts('x:Frobnicate', 'Write'), 'write', ['administer-resource']],
  ['a plain read is configuration', facts('x:DescribeWidgets', 'Read'), 'read', ['read-config']],
  [
    'a bare verb acts on its resource type',
    facts('x:Delete', 'Write', { resourceTypes: ['Object'] }),
    'delete-data-item',
    ['delete-data'],
  ],
  ['a bare verb without a resource type', facts('x:Delete', 'Write'), 'delete', ['administer-resource']],
];

describe('the generation rules', () => {
  it.each(cases)('%s', (_why, input, rule, capabilities) => {
    expect(deriveCapabilities(input)).toEqual({ rule, capabilities });
  });

  it('has a case for every rule', () => {
    const covered = new Set(cases.map(([, , rule]) => rule));
    expect(GENERATION_RULE_IDS.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('are each documented in docs/capabilities.md', () => {
    const docs = readFileSync(new URL('../../../../docs/capabilities.md', import.meta.url), 'utf8');
    expect(GENERATION_RULE_IDS.filter((id) => !docs.includes(`| \`${id}\` |`))).toEqual([]);
  });

  it('gives at least one known capability to any name, even an odd one', () => {
    const levels: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];
    for (const name of ['', 'x', 'GET', 'connect', 'ESHttpGet', 'PartiQLSelect', 'Batch', '2024Thing']) {
      for (const level of levels) {
        expect(deriveCapabilities(facts(`x:${name}`, level)).capabilities.length).toBeGreaterThan(0);
      }
    }
  });
});

import type { ActionFacts } from './action-facts.js';
import type { Capability } from './capability.js';
import { type ActionWords, splitActionName } from './private/action-words.js';

/**
 * The capabilities the generation rules give one action, and the id of the rule that decided, so
 * every entry of the capability map can be explained (`docs/capabilities.md` lists the rules).
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export interface DerivedCapabilities {
  readonly capabilities: readonly Capability[];
  readonly rule: GenerationRuleId;
}

/**
 * The generation rules, in the order they are tried for an action's access level. The first rule
 * that matches decides. Each id is documented in `docs/capabilities.md`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 */
export const GENERATION_RULE_IDS = [
  'permissions-read',
  'permissions-use',
  'permissions',
  'tagging-read',
  'tagging',
  'list-data',
  'list',
  'use-verb',
  'credentials',
  'read-data-verb',
  'export',
  'read-data-noun',
  'read-data-description',
  'read',
  'delete-data-item',
  'delete-data-container',
  'delete',
  'run-infrastructure',
  'run',
  'send-data',
  'send',
  'publish-data',
  'publish',
  'write-data-verb',
  'write-data-noun',
  'import-data',
  'write',
] as const;

/**
 * One generation rule's id.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 */
export type GenerationRuleId = (typeof GENERATION_RULE_IDS)[number];

/** Service categories whose containers hold customer data: deleting one of their clusters deletes data. */
const DATA_CATEGORIES: ReadonlySet<string> = new Set(['storage', 'databases', 'analytics']);

/** Of {@link RUN_VERBS}, those that start, stop or restart something: of an instance or a cluster, that is administration. */
const LIFECYCLE_VERBS: ReadonlySet<string> = new Set([
  'abort',
  'cancel',
  'pause',
  'reboot',
  'rerun',
  'restart',
  'resume',
  'retry',
  'run',
  'start',
  'stop',
]);

/** Nouns of work that runs on a resource: terminating one stops the work, it deletes nothing. */
const WORK_HEADS: ReadonlySet<string> = new Set([
  'connection',
  'connections',
  'execution',
  'executions',
  'job',
  'jobs',
  'query',
  'run',
  'runs',
  'session',
  'sessions',
  'task',
  'tasks',
]);

/** Verbs that start a job; with the noun `export` the job copies data out, with `import` it writes data in. */
const JOB_VERBS: ReadonlySet<string> = new Set(['create', 'run', 'start', 'submit']);

/** Verbs that only look. */
const READ_VERBS: ReadonlySet<string> = new Set([
  'get',
  'describe',
  'list',
  'view',
  'search',
  'lookup',
  'check',
  'preview',
  'estimate',
  'show',
]);

/** Verbs that use a resource as it is configured: assume, invoke, connect, encrypt, decrypt. */
const USE_VERBS: ReadonlySet<string> = new Set([
  'access',
  'assume',
  'authenticate',
  'call',
  'chat',
  'classify',
  'connect',
  'converse',
  'decrypt',
  'detect',
  'encrypt',
  'evaluate',
  'execute',
  'infer',
  'invoke',
  'join',
  'login',
  'open',
  'pass',
  'predict',
  're',
  'recognize',
  'sign',
  'simulate',
  'synthesize',
  'test',
  'translate',
  'trigger',
  'use',
  'verify',
]);

/** Verbs that run, steer or report on work: a build, an execution, a job, a query, a session. */
const RUN_VERBS: ReadonlySet<string> = new Set([
  'abort',
  'acknowledge',
  'cancel',
  'complete',
  'continue',
  'end',
  'heartbeat',
  'initiate',
  'notify',
  'pause',
  'poll',
  'process',
  'reboot',
  'record',
  'redrive',
  'report',
  'rerun',
  'respond',
  'restart',
  'resume',
  'retry',
  'run',
  'signal',
  'start',
  'stop',
  'submit',
]);

/**
 * Nouns whose start, stop or reboot changes how a resource is provisioned or set up (an instance,
 * a cluster, logging, encryption), not a piece of work that runs on it.
 */
const INFRASTRUCTURE_HEADS: ReadonlySet<string> = new Set([
  'application',
  'broker',
  'brokers',
  'cluster',
  'clusters',
  'database',
  'databases',
  'db',
  'domain',
  'encryption',
  'environment',
  'fleet',
  'fleets',
  'gateway',
  'instance',
  'instances',
  'logging',
  'monitoring',
  'node',
  'nodes',
  'recorder',
  'replication',
  'rotation',
  'server',
  'servers',
  'service',
  'stack',
  'stream',
  'workspace',
  'workspaces',
]);

/** Verbs that delete, detach or give up something. */
const DELETE_VERBS: ReadonlySet<string> = new Set([
  'delete',
  'deprovision',
  'deregister',
  'destroy',
  'discard',
  'drop',
  'empty',
  'erase',
  'forget',
  'purge',
  'redact',
  'release',
  'remove',
  'terminate',
  'truncate',
  'unregister',
  'wipe',
]);

/** Of {@link DELETE_VERBS}, those whose object is the named resource itself, not something detached from it. */
const DESTROY_VERBS: ReadonlySet<string> = new Set([
  'delete',
  'destroy',
  'drop',
  'empty',
  'erase',
  'purge',
  'terminate',
  'truncate',
  'wipe',
]);

/** Verbs that write content whatever the noun. */
const WRITE_DATA_VERBS: ReadonlySet<string> = new Set([
  'append',
  'ingest',
  'insert',
  'log',
  'post',
  'upload',
  'write',
]);

/** Verbs that create or change something; with a data noun they write data. */
const CHANGE_VERBS: ReadonlySet<string> = new Set([
  'add',
  'create',
  'modify',
  'put',
  'replace',
  'restore',
  'save',
  'set',
  'store',
  'update',
]);

/** Verbs that read content whatever the noun. */
const READ_DATA_VERBS: ReadonlySet<string> = new Set([
  'consume',
  'download',
  'fetch',
  'filter',
  'query',
  'read',
  'receive',
  'retrieve',
  'scan',
  'select',
  'subscribe',
  'tail',
]);

/** Last nouns that name content: the object, the item, the message, the rows. */
const DATA_HEADS: ReadonlySet<string> = new Set([
  'blob',
  'blobs',
  'chunk',
  'chunks',
  'content',
  'contents',
  'data',
  'file',
  'files',
  'media',
  'message',
  'messages',
  'object',
  'objects',
  'output',
  'part',
  'parts',
  'password',
  'payload',
  'records',
  'results',
  'row',
  'rows',
  'vector',
  'vectors',
]);

/** Of {@link DATA_HEADS}, those whose change is administration: setting a password is not writing data. */
const NOT_WRITTEN_DATA_HEADS: ReadonlySet<string> = new Set(['output', 'password']);

/**
 * Last nouns that are content when put (`PutRecord`, `PutItem`) but too often name a catalog
 * entry when read (`GetRegistryRecord`, `GetOpsItem`).
 */
const PUT_DATA_HEADS: ReadonlySet<string> = new Set(['item', 'items', 'record']);

/** Noun endings that name content across words: `SecretValue`, `LogEvents`, `ShardIterator`. */
const DATA_PHRASES: readonly string[] = [
  'auditevents',
  'datapoint',
  'datapoints',
  'logevents',
  'propertyvalue',
  'propertyvalues',
  'secretvalue',
  'sharditerator',
  'snapshotblock',
];

/** Verbs with which a last noun `events` means event content (`PutEvents`, `LookupEvents`), not a service's own event log. */
const EVENT_DATA_VERBS: ReadonlySet<string> = new Set(['put', 'send', 'post', 'lookup', 'filter']);

/** Last nouns a List action returns that are content: object keys, items, rows, messages. */
const LIST_DATA_HEADS: ReadonlySet<string> = new Set([
  'blobs',
  'messages',
  'objects',
  'records',
  'rows',
  'vectors',
]);

/** Noun endings that name a resource holding content in any service: deleting it deletes what it holds. */
const CONTAINER_PHRASES: readonly string[] = [
  'archive',
  'archives',
  'backup',
  'backups',
  'bucket',
  'buckets',
  'datalake',
  'dataset',
  'datasets',
  'datastore',
  'disk',
  'disks',
  'filesystem',
  'filesystems',
  'journal',
  'ledger',
  'loggroup',
  'logstream',
  'lookuptable',
  'recoverypoint',
  'recoverypoints',
  'replica',
  'replicationgroup',
  'repository',
  'snapshot',
  'snapshots',
  'vault',
  'volume',
  'volumes',
];

/**
 * Last nouns that hold content in a data category (storage, databases, analytics) but not
 * elsewhere: a database cluster or table, a search domain or index, a data stream. (An EC2 route
 * table or an ECS cluster holds no data.)
 */
const DATA_CATEGORY_CONTAINER_HEADS: ReadonlySet<string> = new Set([
  'cache',
  'cluster',
  'clusters',
  'collection',
  'database',
  'databases',
  'db',
  'domain',
  'graph',
  'index',
  'instance',
  'instances',
  'keyspace',
  'namespace',
  'store',
  'stream',
  'streams',
  'table',
  'tables',
]);

/** Last nouns that are settings or reports about a resource: exporting one is not exporting data. */
const CONFIG_HEADS: ReadonlySet<string> = new Set([
  'attribute',
  'attributes',
  'catalog',
  'components',
  'configuration',
  'configurations',
  'definition',
  'forms',
  'lens',
  'list',
  'metadata',
  'notebook',
  'recommendations',
  'routes',
  'schema',
  'template',
  'themes',
]);

/** Last nouns that name credentials or tokens: getting one is a step of using the resource. */
const CREDENTIAL_HEADS: ReadonlySet<string> = new Set(['credentials', 'token', 'tokens']);

/** Descriptions that say the action returns content or secrets, whatever its name. */
const READ_DATA_DESCRIPTION =
  /\b(download|secret values?|plaintext|private key|query results|results of (a|an|the) (query|search|statement)|log events|data records|retrieve (the )?(objects?|items?|records?|messages?|rows?)\b)/i;

/** Descriptions that deny returning content: "the metadata about a secret, but not the encrypted data". */
const NOT_DATA_DESCRIPTION = /\bnot the (encrypted )?(data|contents?|value)\b|\bmetadata\b|\bpublic keys?\b/i;

/** Descriptions of getting credentials or tokens to use a resource. */
const CREDENTIAL_DESCRIPTION =
  /\b(temporary (security )?credentials|credentials to|authentication token|authorization token|access token|session token)\b/i;

/**
 * The capabilities the generation rules give an action, before curated overrides: by AWS's access
 * level first, then by the verb and nouns of the action name, its resource types, its description
 * and its service's category.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export function deriveCapabilities(facts: ActionFacts): DerivedCapabilities {
  const words = withResourceNoun(splitActionName(facts.name), facts.resourceTypes);
  switch (facts.accessLevel) {
    case 'Permissions management':
      if (READ_VERBS.has(words.verb)) return decide('permissions-read', 'read-config');
      if (USE_VERBS.has(words.verb)) return decide('permissions-use', 'use-resource');
      return decide('permissions', 'administer-resource');
    case 'Tagging':
      if (READ_VERBS.has(words.verb)) return decide('tagging-read', 'read-config');
      return decide('tagging', 'administer-resource');
    case 'List':
      if (LIST_DATA_HEADS.has(words.head)) return decide('list-data', 'read-data');
      return decide('list', 'read-config');
    case 'Read':
      return deriveRead(facts, words);
    case 'Write':
      // Subscribing at the Write level attaches an endpoint or a product; at the Read level it streams records.
      if (READ_VERBS.has(words.verb) || (READ_DATA_VERBS.has(words.verb) && words.verb !== 'subscribe')) {
        return deriveRead(facts, words);
      }
      return deriveWrite(facts, words);
  }
}

function deriveRead(facts: ActionFacts, words: ActionWords): DerivedCapabilities {
  if (USE_VERBS.has(words.verb)) return decide('use-verb', 'use-resource');
  if (isCredentialRead(facts, words)) return decide('credentials', 'use-resource');
  if (READ_DATA_VERBS.has(words.verb)) return decide('read-data-verb', 'read-data');
  if (words.verb === 'export') {
    return CONFIG_HEADS.has(words.head) ? decide('export', 'read-config') : decide('export', 'read-data');
  }
  if (isDataNoun(words)) return decide('read-data-noun', 'read-data');
  if (READ_DATA_DESCRIPTION.test(facts.description) && !NOT_DATA_DESCRIPTION.test(facts.description)) {
    return decide('read-data-description', 'read-data');
  }
  return decide('read', 'read-config');
}

function deriveWrite(facts: ActionFacts, words: ActionWords): DerivedCapabilities {
  const { verb } = words;
  if (USE_VERBS.has(verb) || verb === 'generate' || verb === 'subscribe')
    return decide('use-verb', 'use-resource');
  if (isCredentialRead(facts, words)) return decide('credentials', 'use-resource');
  if (verb === 'export' || (JOB_VERBS.has(verb) && words.nouns.includes('export'))) {
    return CONFIG_HEADS.has(words.head) ? decide('export', 'read-config') : decide('export', 'read-data');
  }
  if (JOB_VERBS.has(verb) && words.nouns.includes('import')) return decide('import-data', 'write-data');
  if (DELETE_VERBS.has(verb)) {
    if (verb === 'terminate' && WORK_HEADS.has(words.head)) return decide('run', 'use-resource');
    if (isDataNoun(words)) return decide('delete-data-item', 'delete-data');
    if (DESTROY_VERBS.has(verb) && holdsData(facts, words)) {
      return decide('delete-data-container', 'administer-resource', 'delete-data');
    }
    return decide('delete', 'administer-resource');
  }
  if (RUN_VERBS.has(verb)) {
    if (
      LIFECYCLE_VERBS.has(verb) &&
      !WORK_HEADS.has(words.head) &&
      words.nouns.some((n) => INFRASTRUCTURE_HEADS.has(n))
    ) {
      return decide('run-infrastructure', 'administer-resource');
    }
    return decide('run', 'use-resource');
  }
  if (verb === 'send') {
    return isDataNoun(words) || words.head === 'event' || words.head === 'events'
      ? decide('send-data', 'write-data')
      : decide('send', 'use-resource');
  }
  if (verb === 'publish') {
    return words.nouns.length === 0 || isDataNoun(words) || words.head === 'metrics'
      ? decide('publish-data', 'write-data')
      : decide('publish', 'administer-resource');
  }
  if (WRITE_DATA_VERBS.has(verb)) return decide('write-data-verb', 'write-data');
  if (CHANGE_VERBS.has(verb) && isDataNoun(words) && !NOT_WRITTEN_DATA_HEADS.has(words.head)) {
    return decide('write-data-noun', 'write-data');
  }
  if (verb === 'put' && PUT_DATA_HEADS.has(words.head)) return decide('write-data-noun', 'write-data');
  if (
    verb === 'import' &&
    !CONFIG_HEADS.has(words.head) &&
    facts.category !== undefined &&
    DATA_CATEGORIES.has(facts.category)
  ) {
    return decide('import-data', 'administer-resource', 'write-data');
  }
  return decide('write', 'administer-resource');
}

/**
 * An action named by a bare verb (`cassandra:Select`, `apigateway:DELETE`) acts on its resource
 * type: the first one the catalog lists stands in for the missing noun.
 */
function withResourceNoun(words: ActionWords, resourceTypes: readonly string[]): ActionWords {
  const type = resourceTypes[0];
  if (words.nouns.length > 0 || type === undefined) return words;
  const noun = type.toLowerCase().replace(/[^a-z0-9]/g, '');
  return { ...words, nouns: [noun], noun, head: noun };
}

/** Whether the action's nouns name content: `GetObject`, `PutItems`, `GetSecretValue`, `PutLogEvents`. */
function isDataNoun(words: ActionWords): boolean {
  if (DATA_HEADS.has(words.head)) return true;
  if (words.head === 'events' && EVENT_DATA_VERBS.has(words.verb)) return true;
  return DATA_PHRASES.some((p) => words.noun.endsWith(p));
}

/** Whether deleting the action's resource deletes content: a bucket, a table, a volume, a database cluster. */
function holdsData(facts: ActionFacts, words: ActionWords): boolean {
  if (CONTAINER_PHRASES.some((p) => words.noun.endsWith(p))) return true;
  return (
    facts.category !== undefined &&
    DATA_CATEGORIES.has(facts.category) &&
    DATA_CATEGORY_CONTAINER_HEADS.has(words.head)
  );
}

/** Whether the action hands out credentials or a token for using a resource: `GetClusterCredentials`, `CreateToken`. */
function isCredentialRead(facts: ActionFacts, words: ActionWords): boolean {
  if (words.verb === 'create') return words.head === 'token' || words.head === 'tokens';
  if (words.verb !== 'get' && words.verb !== 'generate') return false;
  if (CONFIG_HEADS.has(words.head)) return false;
  return CREDENTIAL_HEADS.has(words.head) || CREDENTIAL_DESCRIPTION.test(facts.description);
}

function decide(rule: GenerationRuleId, ...capabilities: Capability[]): DerivedCapabilities {
  return { capabilities, rule };
}

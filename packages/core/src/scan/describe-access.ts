import type { AccessCapability } from '../access/access-of.js';
import type { Capability } from '../capability/capability.js';
import type { ResourceTypeIndex } from '../catalog/resource-types.js';

/** How people name AWS services in a sentence. */
const serviceNames: Readonly<Record<string, string>> = {
  iam: 'IAM',
  sts: 'STS',
  s3: 'S3',
  dynamodb: 'DynamoDB',
  kms: 'KMS',
  sqs: 'SQS',
  sns: 'SNS',
  lambda: 'Lambda',
  secretsmanager: 'Secrets Manager',
  ssm: 'Systems Manager',
  rds: 'RDS',
  'rds-data': 'RDS Data',
  redshift: 'Redshift',
  ec2: 'EC2',
  ecr: 'ECR',
  ecs: 'ECS',
  kinesis: 'Kinesis',
  organizations: 'Organizations',
  cloudformation: 'CloudFormation',
  glue: 'Glue',
  athena: 'Athena',
  es: 'OpenSearch',
  elasticfilesystem: 'EFS',
  glacier: 'Glacier',
  sso: 'IAM Identity Center',
  logs: 'CloudWatch Logs',
};

/** A service prefix as people write it: `dynamodb` is `DynamoDB`. */
export function serviceName(service: string): string {
  return serviceNames[service] ?? service;
}

const dataVerbs: readonly [Capability, string][] = [
  ['read-data', 'read'],
  ['write-data', 'write'],
  ['delete-data', 'delete'],
];

/**
 * One sentence saying what a principal can do, in the words of SPEC §5: "role `orders-api` can
 * read and write data in 3 S3 buckets and 1 DynamoDB table, and can administer IAM in account
 * 111122223333 (critical)". Critical services are those of the scoring configuration
 * (`score.criticalServices`). Names are raw: renderers escape them.
 */
export function describeAccess(
  principal: { readonly kind: 'user' | 'role'; readonly name: string; readonly account: string },
  capabilities: readonly AccessCapability[],
  resourceTypes: ResourceTypeIndex,
  criticalServices: ReadonlySet<string>,
): string {
  const parts: string[] = [];
  const verbs = dataVerbs.filter(([c]) => capabilities.some((x) => x.capability === c)).map(([, v]) => v);
  if (verbs.length > 0) {
    const resources = new Set(
      capabilities.filter((c) => dataVerbs.some(([d]) => d === c.capability)).flatMap((c) => c.resources),
    );
    parts.push(`${joinWords(verbs)} data in ${countResources([...resources], resourceTypes)}`);
  }
  const administered = [
    ...new Set(capabilities.filter((c) => c.capability === 'administer-resource').map((c) => c.service)),
  ];
  const critical = administered.filter((s) => criticalServices.has(s)).sort();
  if (critical.length > 0) {
    parts.push(
      `administer ${joinWords(critical.map(serviceName))} in account ${principal.account} (critical)`,
    );
  }
  const other = administered.length - critical.length;
  if (other > 0) parts.push(`administer resources of ${plural(other, 'other service')}`);
  if (parts.length === 0) {
    const any = capabilities.length > 0;
    return `${principal.kind} \`${principal.name}\` ${any ? 'can only read configuration or use resources' : 'can do nothing'}`;
  }
  return `${principal.kind} \`${principal.name}\` can ${joinWords(parts.map((p, i) => (i === 0 ? p : `can ${p}`)))}`;
}

/** `3 S3 buckets, 1 DynamoDB table and objects in 2 S3 buckets`: resources counted by type, the most numerous first. */
export function countResources(arns: readonly string[], resourceTypes: ResourceTypeIndex): string {
  const counts = new Map<string, number>();
  const objectBuckets = new Set<string>();
  for (const arn of arns) {
    const slash = arn.indexOf('/');
    if (arn.startsWith('arn:aws:s3:::') && slash > 0) {
      objectBuckets.add(arn.slice(0, slash));
      continue;
    }
    const type = arn === '*' ? 'account-wide' : typeName(arn, resourceTypes);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const listed = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([type, n]) => (type === 'account-wide' ? 'any resource of its services' : plural(n, type)));
  if (objectBuckets.size > 0) listed.push(`objects in ${plural(objectBuckets.size, 'S3 bucket')}`);
  return joinWords(listed);
}

/** A resource's type as people name it, found once per ARN (every principal's sentence counts them). */
function typeName(arn: string, resourceTypes: ResourceTypeIndex): string {
  let names = typeNames.get(resourceTypes);
  if (!names) {
    names = new Map();
    typeNames.set(resourceTypes, names);
  }
  let name = names.get(arn);
  if (name === undefined) {
    const type = resourceTypes.resourceTypeOf(arn);
    name = type ? `${serviceName(type.service)} ${type.type.toLowerCase()}` : 'other resource';
    names.set(arn, name);
  }
  return name;
}

const typeNames = new WeakMap<ResourceTypeIndex, Map<string, string>>();

function plural(n: number, noun: string): string {
  if (n === 1) return `1 ${noun}`;
  return `${n} ${noun.endsWith('y') && !noun.endsWith('ey') ? `${noun.slice(0, -1)}ies` : noun.endsWith('s') ? noun : `${noun}s`}`;
}

/** `a`, `a and b`, `a, b and c`. */
function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

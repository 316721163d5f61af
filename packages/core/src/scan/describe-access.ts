import type { AccessCapability } from '../access/access-of.js';
import type { Capability } from '../capability/capability.js';
import type { ResourceTypeIndex } from '../catalog/resource-types.js';
import { memoByPair } from '../private/memo-by-pair.js';

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
    const byService = new Map<string, AccessCapability[]>();
    for (const c of capabilities) {
      if (!dataVerbs.some(([d]) => d === c.capability)) continue;
      const lines = byService.get(c.service);
      if (lines) lines.push(c);
      else byService.set(c.service, [c]);
    }
    parts.push(`${joinWords(verbs)} data in ${phrase(mergedTally(byService, resourceTypes))}`);
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
  const counted = new Tally();
  for (const arn of new Set(arns)) counted.add(arn, resourceTypes);
  return phrase(counted);
}

/** Resources by type name (`*` as `account-wide`), and the buckets whose objects are among them. */
class Tally {
  readonly counts = new Map<string, number>();
  readonly objectBuckets = new Set<string>();

  add(arn: string, resourceTypes: ResourceTypeIndex): void {
    const slash = arn.indexOf('/');
    if (arn.startsWith('arn:aws:s3:::') && slash > 0) {
      this.objectBuckets.add(arn.slice(0, slash));
      return;
    }
    const type = arn === '*' ? 'account-wide' : typeName(resourceTypes, arn);
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
  }
}

/**
 * One service's data lines tallied: its own resources (ARNs of that service), and the others
 * (`*`, an EC2 instance that `ssm:SendCommand` reaches) left to the principal's union. A
 * service's lines come from one part of a principal's access and are made once per part
 * (`summarizeAccess`), so principals that share the part share this; it is kept on the first
 * line with the lines it was made of.
 */
interface ServiceTally {
  readonly own: ReadonlySet<string>;
  readonly tally: Tally;
  readonly others: readonly string[];
}

function serviceTally(
  service: string,
  lines: readonly AccessCapability[],
  resourceTypes: ResourceTypeIndex,
): ServiceTally {
  const first = lines[0] as AccessCapability;
  const known = serviceTallies.get(first);
  if (known && known.lines.length === lines.length && known.lines.every((line, i) => line === lines[i])) {
    return known.found;
  }
  const own = new Set<string>();
  const others = new Set<string>();
  for (const line of lines)
    for (const arn of line.resources) (serviceOf(arn) === service ? own : others).add(arn);
  const tally = new Tally();
  for (const arn of own) tally.add(arn, resourceTypes);
  const found = { own, tally, others: [...others] };
  serviceTallies.set(first, { lines, found });
  return found;
}

const serviceTallies = new WeakMap<
  AccessCapability,
  { readonly lines: readonly AccessCapability[]; readonly found: ServiceTally }
>();

/** The union of the data lines' resources, tallied, from each service's tally. */
function mergedTally(
  byService: ReadonlyMap<string, readonly AccessCapability[]>,
  resourceTypes: ResourceTypeIndex,
): Tally {
  const tallies = new Map(
    [...byService].map(([service, lines]) => [service, serviceTally(service, lines, resourceTypes)]),
  );
  const merged = new Tally();
  for (const { tally } of tallies.values()) {
    for (const [type, n] of tally.counts) merged.counts.set(type, (merged.counts.get(type) ?? 0) + n);
    for (const bucket of tally.objectBuckets) merged.objectBuckets.add(bucket);
  }
  const others = new Set<string>();
  for (const { others: list } of tallies.values()) {
    for (const arn of list) if (!tallies.get(serviceOf(arn))?.own.has(arn)) others.add(arn);
  }
  for (const arn of others) merged.add(arn, resourceTypes);
  return merged;
}

/** The service of an ARN (`s3` for `arn:aws:s3:::bucket`); empty for `*`. */
function serviceOf(arn: string): string {
  const start = arn.indexOf(':', arn.indexOf(':') + 1) + 1;
  return start === 0 ? '' : arn.slice(start, arn.indexOf(':', start));
}

function phrase({ counts, objectBuckets }: Tally): string {
  const listed = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([type, n]) => (type === 'account-wide' ? 'any resource of its services' : plural(n, type)));
  if (objectBuckets.size > 0) listed.push(`objects in ${plural(objectBuckets.size, 'S3 bucket')}`);
  return joinWords(listed);
}

/** A resource's type as people name it, found once per ARN (every principal's sentence counts them). */
const typeName = memoByPair((resourceTypes: ResourceTypeIndex, arn: string): string => {
  const type = resourceTypes.resourceTypeOf(arn);
  return type ? `${serviceName(type.service)} ${type.type.toLowerCase()}` : 'other resource';
});

function plural(n: number, noun: string): string {
  if (n === 1) return `1 ${noun}`;
  return `${n} ${noun.endsWith('y') && !noun.endsWith('ey') ? `${noun.slice(0, -1)}ies` : noun.endsWith('s') ? noun : `${noun}s`}`;
}

/** `a`, `a and b`, `a, b and c`. */
function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

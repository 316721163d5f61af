import { capabilitiesFor } from '../../capability/capability-map.js';
import { parseArn } from '../../match/arn.js';
import type { Finding } from '../finding.js';
import { findingsPerPrincipal } from '../private/identity-actions.js';
import { someActions } from '../private/outsiders.js';
import type { RiskContext } from '../risk-context.js';
import type { RiskRule } from '../rule.js';

/**
 * The services whose resources hold data (SPEC §6): S3 objects, DynamoDB, RDS and Aurora, Redshift,
 * Secrets Manager, SSM parameters. Any other resource counts when its `data-classification` tag
 * says `confidential` or `restricted`.
 */
const dataServices: ReadonlySet<string> = new Set([
  's3',
  'dynamodb',
  'rds',
  'rds-data',
  'rds-db',
  'redshift',
  'redshift-serverless',
  'secretsmanager',
  'ssm',
]);
const sensitiveClassifications: ReadonlySet<string> = new Set(['confidential', 'restricted']);

/**
 * `data-exfiltration`: a principal that can read the data of many data sources (at least
 * `exfiltrationThreshold` resources: S3 buckets' objects, tables, databases, secrets, parameters, or
 * resources tagged confidential or restricted), from its effective access: every Deny, SCP, RCP,
 * boundary and condition applied.
 *
 * @see https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_permissions_least_privileges.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_access-levels.html
 */
export const dataExfiltration: RiskRule = {
  id: 'data-exfiltration',
  category: 'exfiltration',
  severity: 'high',
  title: 'a principal that can read the data of many data sources',
  why: 'A principal that reads many buckets, tables or secrets is the whole data store for whoever steals it: one leaked credential or one compromised workload exfiltrates everything at once.',
  fix: 'Grant read access to the data sources the workload uses, by ARN; replace managed policies such as `AmazonS3ReadOnlyAccess` with a generated least-privilege policy (`accessloop generate`).',
  see: 'https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_permissions_least_privileges.html',
  run(context) {
    const tags = tagsByArn(context);
    return findingsPerPrincipal(context, (principal): Finding | undefined => {
      const access = context.accessOf(principal);
      if (!access) return undefined;
      const certain = new Set<string>();
      const all = new Set<string>();
      const actions = new Set<string>();
      for (const grant of access.grants) {
        const reading = grant.actions.filter((a) => capabilitiesFor(a).includes('read-data'));
        if (reading.length === 0) continue;
        for (const resource of grant.resources) {
          if (!isDataSource(resource, tags)) continue;
          all.add(resource);
          if (!grant.conditional) certain.add(resource);
          for (const a of reading) actions.add(a);
        }
      }
      if (all.size < context.exfiltrationThreshold) return undefined;
      const conditional = certain.size < context.exfiltrationThreshold;
      const resources = [...(conditional ? all : certain)].sort();
      return {
        id: 'data-exfiltration',
        category: 'exfiltration',
        severity: 'high',
        principal,
        conditional,
        message: `\`${principal}\` can read the data of ${resources.length} data sources (${someActions(resources, 3)}) with ${someActions([...actions].sort(), 3)}`,
      };
    });
  },
};

function isDataSource(arn: string, tags: ReadonlyMap<string, string | undefined>): boolean {
  if (arn === '*') return false;
  const parsed = parseArn(arn);
  if (!parsed) return false;
  if (parsed.service === 's3') return arn.endsWith('/*');
  if (dataServices.has(parsed.service)) return true;
  const classification = tags.get(arn);
  return classification !== undefined && sensitiveClassifications.has(classification.toLowerCase());
}

function tagsByArn(context: RiskContext): Map<string, string | undefined> {
  const tags = new Map<string, string | undefined>();
  for (const account of context.snapshot.accounts)
    for (const r of account.resources) tags.set(r.arn, r.tags['data-classification']);
  return tags;
}

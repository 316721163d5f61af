import type { Capability } from '../capability/capability.js';

/**
 * How the golf score weighs access (docs/scoring.md). Every number is a whole number, so points
 * are integers and a principal's contributions add up to its score exactly.
 */
export interface ScoreWeights {
  /** Points for one (action, resource) pair, by the highest-weighted capability of the action. */
  readonly capabilities: Readonly<Record<Capability, number>>;
  /** IAM service prefixes whose actions are critical whatever the resource (lowercase, sorted). */
  readonly criticalServices: readonly string[];
  readonly criticalMultiplier: number;
  /** Service prefixes that hold data (lowercase, sorted): their read, write and delete-data actions weigh more. */
  readonly dataServices: readonly string[];
  readonly dataMultiplier: number;
  /** For a resource whose classification tag has a sensitive value. */
  readonly sensitiveMultiplier: number;
  /** Conditional access counts at this percentage of its points (100: in full), rounded per pair. */
  readonly conditionalPercent: number;
}

/** The tags that put principals in teams and applications and resources in data classes. */
export interface TagConfig {
  /** The tag on an IAM role or user naming its team (`score --by team`). */
  readonly team: string;
  /** The tag on an IAM role or user naming its application (`score --by app`). */
  readonly app: string;
}

/** Which resources hold sensitive data: those whose `tag` has one of `sensitiveValues`. */
export interface ClassificationConfig {
  readonly tag: string;
  /** Compared case-insensitively. */
  readonly sensitiveValues: readonly string[];
}

/** The whole configuration (`accessloop.yaml`, documented key by key in docs/configuration.md). */
export interface AccessloopConfig {
  readonly tags: TagConfig;
  readonly classification: ClassificationConfig;
  readonly score: ScoreWeights;
  /** Access unused for this many days counts as unused (unused-access findings). */
  readonly unusedDays: number;
}

/**
 * The configuration without a file: the documented model of docs/scoring.md.
 *
 * Capability weights rank what a compromised principal could do with a pair: change or open up
 * the resource (administer) > destroy or change its data > read its data > use it as configured >
 * look at its settings. Critical services are those whose actions give identities, credentials,
 * keys or control of the organisation.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export const DEFAULT_CONFIG: AccessloopConfig = Object.freeze({
  tags: Object.freeze({ team: 'team', app: 'app' }),
  classification: Object.freeze({
    tag: 'data-classification',
    sensitiveValues: Object.freeze(['confidential', 'restricted']),
  }),
  score: Object.freeze({
    capabilities: Object.freeze({
      'administer-resource': 10,
      'delete-data': 6,
      'write-data': 5,
      'read-data': 4,
      'use-resource': 2,
      'read-config': 1,
    }),
    criticalServices: Object.freeze([
      'account',
      'identitystore',
      'iam',
      'kms',
      'organizations',
      'sso',
      'sts',
    ]),
    criticalMultiplier: 3,
    dataServices: Object.freeze([
      'dynamodb',
      'rds',
      'rds-data',
      'rds-db',
      'redshift',
      'redshift-data',
      'redshift-serverless',
      's3',
      'secretsmanager',
      'ssm',
    ]),
    dataMultiplier: 2,
    sensitiveMultiplier: 2,
    conditionalPercent: 100,
  }),
  unusedDays: 90,
});

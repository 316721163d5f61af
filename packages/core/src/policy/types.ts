/**
 * The IAM policy language, as it is on the wire and as accessloop holds it once parsed.
 *
 * Wire types keep AWS's names (`NotAction`, `Condition`); the parsed model is camelCase and
 * normalised: every single-or-array value is an array, and the principal block is split by kind.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

/** The policy types that take part in a decision, by the names the results use. */
export type PolicyType = 'identity' | 'resource' | 'permissionBoundary' | 'scp' | 'rcp' | 'session';

/** `Allow` or `Deny`, AWS's words. */
export type Effect = 'Allow' | 'Deny';

/** The two policy language versions. 2008-10-17 treats `${...}` as literal text. */
export type PolicyVersion = '2012-10-17' | '2008-10-17';

/** A policy document as AWS stores it (after URL-decoding and JSON parsing). */
export interface PolicyDocumentWire {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: StatementWire | readonly StatementWire[];
}

/** One statement as AWS stores it. */
export interface StatementWire {
  readonly Sid?: string;
  readonly Effect: Effect;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Principal?: PrincipalWire;
  readonly NotPrincipal?: PrincipalWire;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** `"*"` or an object keyed by principal kind. */
export type PrincipalWire = '*' | Readonly<Partial<Record<PrincipalKind, string | readonly string[]>>>;

/** The kinds of principal a policy can name. */
export type PrincipalKind = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

/** A parsed `Principal` or `NotPrincipal` block. `wildcard` is `"*"` or `{"AWS": "*"}`. */
export interface PrincipalBlock {
  readonly wildcard: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
  readonly canonicalUser: readonly string[];
}

/**
 * One condition test: `"StringEquals": {"aws:SourceVpc": ["vpc-1", "vpc-2"]}` becomes
 * `{operator: 'StringEquals', key: 'aws:SourceVpc', values: ['vpc-1', 'vpc-2']}`.
 * `operator` keeps its wire spelling, including `ForAnyValue:` and `IfExists`.
 */
export interface ConditionTest {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** A parsed statement. Exactly one of `action`/`notAction` is set; resource and principal likewise at most one. */
export interface Statement {
  /** Position in the policy's `Statement` array (0 for a single statement object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalBlock;
  readonly notPrincipal?: PrincipalBlock;
  readonly conditions: readonly ConditionTest[];
}

/** A parsed policy document. */
export interface Policy {
  readonly version: PolicyVersion;
  readonly id?: string;
  readonly statements: readonly Statement[];
  /** Whether `Statement` was an array on the wire, so diagnostics can point at `Statement[0]` or `Statement`. */
  readonly statementArray: boolean;
}

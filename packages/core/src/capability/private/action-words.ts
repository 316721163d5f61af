/**
 * An action name taken apart the way the capability rules read it: `BatchGetItem` is the verb
 * `get` and the noun `item`; `PutBucketPolicy` is `put` with the nouns `bucket`, `policy`.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export interface ActionWords {
  /** The leading verb, lowercase (`get`); prefixes such as `Batch`, `Admin` and `PartiQL` are skipped. */
  readonly verb: string;
  /**
   * The words naming what the verb acts on, lowercase: the words after the verb up to a
   * preposition (`DeleteColumnStatisticsForTable` acts on `column`, `statistics`), without a
   * trailing `Batch` or version (`PutRecordBatch`, `GetMetricDataV2`).
   */
  readonly nouns: readonly string[];
  /** The nouns run together (`bucketpolicy`), for phrases that span words. */
  readonly noun: string;
  /** The last noun, or `''` when the name is a bare verb. */
  readonly head: string;
}

const PREFIXES: ReadonlySet<string> = new Set(['batch', 'admin']);

/** Words after which an action name says where or how, not what: `...ForTable`, `...FromBackup`, `...ViaQuery`. */
const PREPOSITIONS: ReadonlySet<string> = new Set(['by', 'for', 'from', 'into', 'to', 'via', 'with']);

/** Trailing words that do not change what is acted on. */
const TRAILERS = /^(batch|v|\d+)$/;

/**
 * Splits an action name into words at case changes, keeping acronyms whole (`ESHttpGet` is `ES`,
 * `Http`, `Get`; `GetDBInstance` is `Get`, `DB`, `Instance`).
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export function splitActionName(name: string): ActionWords {
  const cleaned = name.replace(/^PartiQL/, '');
  const words = (cleaned.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g) ?? [cleaned]).map((w) =>
    w.toLowerCase(),
  );
  let start = 0;
  while (start < words.length - 1 && PREFIXES.has(words[start] ?? '')) start++;
  let nouns = words.slice(start + 1);
  const preposition = nouns.findIndex((w, i) => i > 0 && PREPOSITIONS.has(w));
  if (preposition > 0) nouns = nouns.slice(0, preposition);
  while (nouns.length > 1 && TRAILERS.test(nouns[nouns.length - 1] ?? '')) nouns = nouns.slice(0, -1);
  return {
    verb: words[start] ?? '',
    nouns,
    noun: nouns.join(''),
    head: nouns[nouns.length - 1] ?? '',
  };
}

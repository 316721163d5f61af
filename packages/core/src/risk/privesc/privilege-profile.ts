import { capabilitiesFor } from '../../capability/capability-map.js';
import type { Catalog } from '../../catalog/catalog.js';
import type { Policy } from '../../policy/types.js';

/**
 * Weights of the score that compares two profiles: changing and destroying things counts more than
 * reading them, and the critical services (IAM, STS, Organizations, KMS, SPEC §6) three times.
 */
const capabilityWeights: Readonly<Record<string, number>> = {
  'administer-resource': 10,
  'write-data': 5,
  'delete-data': 5,
  'read-data': 3,
  'use-resource': 2,
  'read-config': 1,
};
const criticalServices = new Set(['iam', 'sts', 'organizations', 'kms']);
const empty: ReadonlySet<number> = new Set();

/**
 * "Has more access than the attacker", cheaply: a principal's privilege profile is the set of
 * (capability, service) pairs of every action its identity policies' Allow statements name (all
 * pairs for a `NotAction` statement), kept to the pairs its permissions boundary names too when it
 * has one. A target has more access than an attacker when its profile holds a pair the attacker's
 * lacks and its score (the pairs weighted by capability, critical services counting triple) is
 * higher: a role that can only write its own logs is not worth taking over for one that deploys
 * functions. It is an upper bound read from the documents (Denies and conditions are not
 * subtracted), used only to choose which targets to evaluate and report; administrator
 * equivalence, which decides the graph, is always decided by the engine.
 */
export class PrivilegeProfiles {
  private readonly pairIds = new Map<string, number>();
  private readonly pairWeights: number[] = [];
  private readonly scores = new Map<ReadonlySet<number>, number>();
  private readonly byPattern = new Map<string, readonly number[]>();
  private allPairs: readonly number[] | undefined;
  private readonly profiles = new Map<string, ReadonlySet<number> | undefined>();

  constructor(
    private readonly catalog: Catalog,
    private readonly parse: (document: unknown) => Policy | undefined,
    /** The identity policy documents and boundary documents of an ARN (user, role or group). */
    private readonly documentsOf: (
      arn: string,
    ) => { readonly identity: readonly unknown[]; readonly boundaries: readonly unknown[] } | undefined,
  ) {}

  /** Whether `target` holds a (capability, service) pair `attacker` does not. */
  hasMore(target: string, attacker: string): boolean {
    const mine = this.profileOf(attacker) ?? empty;
    const theirs = this.profileOf(target);
    // The score first: cached per profile, it settles most comparisons without a set walk.
    const more =
      theirs !== undefined &&
      this.scoreOf(theirs) > this.scoreOf(mine) &&
      [...theirs].some((id) => !mine.has(id));
    return more;
  }

  private scoreOf(profile: ReadonlySet<number>): number {
    let score = this.scores.get(profile);
    if (score === undefined) {
      score = 0;
      for (const id of profile) score += this.pairWeights[id] ?? 0;
      this.scores.set(profile, score);
    }
    return score;
  }

  private profileOf(arn: string): ReadonlySet<number> | undefined {
    if (this.profiles.has(arn)) return this.profiles.get(arn);
    const documents = this.documentsOf(arn);
    let profile: Set<number> | undefined;
    if (documents) {
      profile = this.pairsOf(documents.identity);
      if (documents.boundaries.length > 0) {
        const bound = this.pairsOf(documents.boundaries);
        for (const id of profile) if (!bound.has(id)) profile.delete(id);
      }
    }
    this.profiles.set(arn, profile);
    return profile;
  }

  private pairsOf(documents: readonly unknown[]): Set<number> {
    const pairs = new Set<number>();
    for (const document of documents) {
      for (const s of this.parse(document)?.statements ?? []) {
        if (s.effect !== 'Allow') continue;
        const ids = s.action ? s.action.flatMap((p) => this.idsOf(p)) : this.all();
        for (const id of ids) pairs.add(id);
      }
    }
    return pairs;
  }

  private all(): readonly number[] {
    this.allPairs ??= this.idsOf('*');
    return this.allPairs;
  }

  private idsOf(pattern: string): readonly number[] {
    let ids = this.byPattern.get(pattern);
    if (!ids) {
      const set = new Set<number>();
      for (const info of this.catalog.expandActionPattern(pattern)) {
        for (const capability of capabilitiesFor(info.action)) {
          const pair = `${capability}\u0000${info.service}`;
          let id = this.pairIds.get(pair);
          if (id === undefined) {
            id = this.pairIds.size;
            this.pairIds.set(pair, id);
            this.pairWeights.push(
              (capabilityWeights[capability] ?? 1) *
                (criticalServices.has(info.service.toLowerCase()) ? 3 : 1),
            );
          }
          set.add(id);
        }
      }
      ids = [...set];
      this.byPattern.set(pattern, ids);
    }
    return ids;
  }
}

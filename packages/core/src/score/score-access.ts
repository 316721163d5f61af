import {
  type AccessGrant,
  type PrincipalAccess,
  type ServiceAccess,
  unionOfSorted,
} from '../access/access-of.js';
import { CAPABILITIES, type Capability } from '../capability/capability.js';
import { capabilitiesFor } from '../capability/capability-map.js';
import type { ScoreWeights } from '../config/default-config.js';
import { memoByLast } from '../private/memo-by-last.js';
import { memoByPair } from '../private/memo-by-pair.js';

/**
 * What the score knows of the world besides the weights: which resources hold sensitive data.
 * Built by `scoreModelOf` from a snapshot and a configuration.
 */
export interface ScoreModel {
  readonly weights: ScoreWeights;
  /** The resources of grants (ARNs, `bucket/*`) tagged as sensitive. */
  readonly sensitive: ReadonlySet<string>;
}

/**
 * One line of a score's explanation: the pairs of one capability in one service, certain or
 * conditional. `points` is exactly
 * `(pairs - sensitivePairs) × pointsPerPair + sensitivePairs × pointsPerSensitivePair`.
 */
export interface ScoreContribution {
  readonly capability: Capability;
  readonly service: string;
  /** Sorted; `*` for actions that take no resource, `arn:aws:s3:::bucket/*` for a bucket's objects. */
  readonly resources: readonly string[];
  readonly points: number;
  /** Whether this access depends on context the snapshot cannot decide. */
  readonly conditional: boolean;
  /** Whether the service is critical (the critical multiplier applies). */
  readonly critical: boolean;
  /** Whether the service holds data and the capability touches it (the data multiplier applies). */
  readonly dataSource: boolean;
  /** The actions, sorted. */
  readonly actions: readonly string[];
  /** Allowed (action, resource) pairs. */
  readonly pairs: number;
  /** Of those, pairs on a resource tagged sensitive. */
  readonly sensitivePairs: number;
  /**
   * Points of one pair: capability weight × critical multiplier × data multiplier, and for
   * conditional access × `conditionalPercent` / 100, rounded half up.
   */
  readonly pointsPerPair: number;
  /** Points of one pair on a sensitive resource: as {@link pointsPerPair}, × the sensitive multiplier before rounding. */
  readonly pointsPerSensitivePair: number;
}

/** A score and the contributions it is the sum of. */
export interface AccessScore {
  readonly score: number;
  /** Highest points first, then by capability, service and certain before conditional. */
  readonly contributions: readonly ScoreContribution[];
}

const DATA_CAPABILITIES: ReadonlySet<Capability> = new Set(['read-data', 'write-data', 'delete-data']);

/**
 * The capability an action counts as: of the capabilities it gives, the one with the highest
 * weight (the first in {@link CAPABILITIES} order on a tie), so a pair is counted once at its
 * worst. An action the capability map does not know counts as `read-config`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 */
export function scoringCapabilityOf(action: string, weights: ScoreWeights): Capability {
  let best: Capability = 'read-config';
  let bestWeight = -1;
  for (const capability of capabilitiesFor(action)) {
    const weight = weights.capabilities[capability];
    if (weight > bestWeight || (weight === bestWeight && rank(capability) < rank(best))) {
      best = capability;
      bestWeight = weight;
    }
  }
  return best;
}

/**
 * The golf score of a principal's effective access (SPEC §6): points for every allowed (action,
 * resource) pair, weighted by the action's capability, multiplied for critical services, for data
 * actions on data services and for resources tagged sensitive; conditional access at
 * `conditionalPercent`. Summed per rectangle of `access.grants` (never per pair): linear in
 * the grants' actions plus resources.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export function scoreAccess(access: PrincipalAccess, model: ScoreModel): AccessScore {
  // By service when the access has its parts (shared between principals): each part scored once.
  const contributions = access.services
    ? access.services.flatMap((part) => partContributions(part, model))
    : contributionsOf(access.grants, model);
  contributions.sort(byPoints);
  return { score: contributions.reduce((sum, c) => sum + c.points, 0), contributions };
}

/**
 * The score of {@link scoreAccess} alone, without its contributions: each part's points computed
 * once (by its identity) and only the number kept. Points add up over parts whose grants do not
 * overlap (each contribution's points are its pairs times the points of its capability, service
 * and certainty), so `access.services` may hold more than one part of a service (a principal's
 * effective access and its score floor).
 */
export function scoreOf(access: PrincipalAccess, model: ScoreModel): number {
  if (!access.services) return contributionsOf(access.grants, model).reduce((sum, c) => sum + c.points, 0);
  let score = 0;
  for (const part of access.services) score += partPoints(part, model);
  return score;
}

const partPoints = memoByLast((part: ServiceAccess, model: ScoreModel): number =>
  pointsOf(part.grants, model),
);

/**
 * The points of {@link contributionsOf} without making them: each pair's points depend on its
 * action's class and certainty and its resource's sensitivity alone, so the sum is taken per
 * grant and action (in integers, so in any order), without the lists of actions and resources.
 */
function pointsOf(grants: readonly AccessGrant[], model: ScoreModel): number {
  const { weights } = model;
  let points = 0;
  for (const grant of grants) {
    const sensitive = countSensitive(grant.resources, model);
    const plain = grant.resources.length - sensitive;
    for (const action of grant.actions) {
      const perPair = pairPointsOf(weights, action);
      points += grant.conditional
        ? plain * perPair.conditional + sensitive * perPair.conditionalSensitive
        : plain * perPair.certain + sensitive * perPair.certainSensitive;
    }
  }
  return points;
}

/** The points of one pair of an action, by certainty and sensitivity (as {@link contributionOf} gives them). */
const pairPointsOf = memoByPair((weights: ScoreWeights, action: string) => {
  const { capability, service } = scoringClassOf(weights, action);
  const { weight } = classWeight(weights, capability, service);
  const sensitiveWeight = weight * weights.sensitiveMultiplier;
  return {
    certain: percentOf(weight, 100),
    certainSensitive: percentOf(sensitiveWeight, 100),
    conditional: percentOf(weight, weights.conditionalPercent),
    conditionalSensitive: percentOf(sensitiveWeight, weights.conditionalPercent),
  };
});

/**
 * Whether the critical and data multipliers apply to a capability of a service, and a pair's
 * weight before the conditional percentage: the capability's, times those multipliers.
 */
function classWeight(
  weights: ScoreWeights,
  capability: Capability,
  service: string,
): { readonly critical: boolean; readonly dataSource: boolean; readonly weight: number } {
  const critical = weights.criticalServices.includes(service);
  const dataSource = weights.dataServices.includes(service) && DATA_CAPABILITIES.has(capability);
  const weight =
    weights.capabilities[capability] *
    (critical ? weights.criticalMultiplier : 1) *
    (dataSource ? weights.dataMultiplier : 1);
  return { critical, dataSource, weight };
}

const partContributions = memoByLast((part: ServiceAccess, model: ScoreModel): readonly ScoreContribution[] =>
  contributionsOf(part.grants, model),
);

function contributionsOf(grants: readonly AccessGrant[], model: ScoreModel): ScoreContribution[] {
  const { weights } = model;
  const groups = new Map<string, Group>();
  for (const grant of grants) {
    const sensitive = countSensitive(grant.resources, model);
    const touched = new Set<Group>();
    for (const action of grant.actions) {
      const { capability, service, key: classKey } = scoringClassOf(weights, action);
      const key = grant.conditional ? `${classKey}\u0000c` : classKey;
      let group = groups.get(key);
      if (!group) {
        group = {
          capability,
          service,
          conditional: grant.conditional,
          ...classWeight(weights, capability, service),
          actions: new Set(),
          resources: new Set(),
          pairs: 0,
          sensitivePairs: 0,
        };
        groups.set(key, group);
      }
      group.actions.add(action);
      group.pairs += grant.resources.length;
      group.sensitivePairs += sensitive;
      touched.add(group);
    }
    for (const group of touched) group.resources.add(grant.resources);
  }
  return [...groups.values()].map((g) => contributionOf(g, weights));
}

/** An action's scoring class: its capability and service, cached per weights (they never change). */
interface ActionClass {
  readonly capability: Capability;
  readonly service: string;
  readonly key: string;
}

const scoringClassOf = memoByPair((weights: ScoreWeights, action: string): ActionClass => {
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  const capability = scoringCapabilityOf(action, weights);
  return { capability, service, key: `${capability}\u0000${service}` };
});

interface Group {
  readonly capability: Capability;
  readonly service: string;
  readonly conditional: boolean;
  readonly critical: boolean;
  readonly dataSource: boolean;
  /** Before the conditional percentage. */
  readonly weight: number;
  readonly actions: Set<string>;
  /** The grants' resource lists (shared between grants: one each). */
  readonly resources: Set<readonly string[]>;
  pairs: number;
  sensitivePairs: number;
}

function contributionOf(group: Group, weights: ScoreWeights): ScoreContribution {
  const percent = group.conditional ? weights.conditionalPercent : 100;
  const pointsPerPair = percentOf(group.weight, percent);
  const pointsPerSensitivePair = percentOf(group.weight * weights.sensitiveMultiplier, percent);
  const { capability, service, conditional, critical, dataSource, pairs, sensitivePairs } = group;
  return {
    capability,
    service,
    resources: unionOfSorted(group.resources),
    points: (pairs - sensitivePairs) * pointsPerPair + sensitivePairs * pointsPerSensitivePair,
    conditional,
    critical,
    dataSource,
    actions: [...group.actions].sort(compare),
    pairs,
    sensitivePairs,
    pointsPerPair,
    pointsPerSensitivePair,
  };
}

/** `points × percent / 100`, rounded half up, in integers. */
function percentOf(points: number, percent: number): number {
  return Math.floor((points * percent + 50) / 100);
}

/**
 * How many of a grant's resources are sensitive: none when nothing is (without reading the list:
 * a principal's own lists can hold every IAM role), else once per resource list (grants share them).
 */
function countSensitive(resources: readonly string[], model: ScoreModel): number {
  return model.sensitive.size === 0 ? 0 : countSensitiveIn(resources, model);
}

const countSensitiveIn = memoByLast((resources: readonly string[], model: ScoreModel): number => {
  let n = 0;
  for (const r of resources) if (model.sensitive.has(r)) n++;
  return n;
});

function byPoints(a: ScoreContribution, b: ScoreContribution): number {
  return (
    b.points - a.points ||
    rank(a.capability) - rank(b.capability) ||
    compare(a.service, b.service) ||
    Number(a.conditional) - Number(b.conditional)
  );
}

function rank(capability: Capability): number {
  return CAPABILITIES.indexOf(capability);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

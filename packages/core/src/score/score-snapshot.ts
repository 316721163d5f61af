import type { PrincipalAccess } from '../access/access-of.js';
import { type AccessloopConfig, DEFAULT_CONFIG } from '../config/default-config.js';
import type { Snapshot, Tags } from '../snapshot/model.js';
import type { Usage, UsedAction } from '../usage/usage.js';
import type { CompletedReview } from './reviews.js';
import { type ScoreContribution, type ScoreModel, scoreAccess, scoreOf } from './score-access.js';
import { usedAccessOf } from './used-access.js';

/** What the leaderboard groups principals by: the team tag or the app tag of the configuration. */
export type ScoreGrouping = 'team' | 'app';

/** The group of principals without the grouping tag. */
export const UNTAGGED = '(untagged)';

/** One principal's score (SPEC §3 `score --format json`). */
export interface PrincipalScore {
  readonly arn: string;
  /** The value of the grouping tag (team or app); absent when the principal has none. */
  readonly team?: string;
  readonly score: number;
  /**
   * The score of the least-privilege access covering what it used; 0 when the usage sources cover
   * it and saw nothing; absent without usage data.
   */
  readonly par?: number;
  /** `score - par`: the strokes to remove. */
  readonly overPar?: number;
  /** They add up to `score` exactly. */
  readonly contributions: readonly ScoreContribution[];
}

/** One line of the leaderboard (SPEC §3). */
export interface TeamScore {
  /** The tag value, or `(untagged)`. */
  readonly team: string;
  /** The sum of its principals' scores. */
  readonly score: number;
  /** The sum of `overPar` of its principals that have usage data; absent when none has. */
  readonly overPar?: number;
  /** How many principals. */
  readonly principals: number;
  /** Completed reviews of the team in the reviews file. */
  readonly reviewsCompleted: number;
  /** Score removed since the previous snapshot (negative when it grew); absent without one. */
  readonly improvement?: number;
}

/** Scores, par and the leaderboard of a snapshot (SPEC §3 `score --format json`). */
export interface ScoreReport {
  readonly by: ScoreGrouping;
  /** Sorted by ARN. */
  readonly principals: readonly PrincipalScore[];
  /** Lowest score first (golf), then by name. */
  readonly teams: readonly TeamScore[];
}

/** What scoring takes besides the snapshot and its effective access; every field is optional. */
export interface ScoreOptions {
  /** Weights and tags; {@link DEFAULT_CONFIG} when absent. */
  readonly config?: AccessloopConfig;
  /** Group by the team tag (default) or the app tag. */
  readonly by?: ScoreGrouping;
  /** Observed usage, for par. */
  readonly usage?: Usage;
  /** Completed reviews, counted per team. */
  readonly reviews?: readonly CompletedReview[];
  /** The report of a previous snapshot, scored with the same configuration, for improvements. */
  readonly previous?: ScoreReport;
}

/**
 * The golf scores of the principals whose effective access is given, their par where usage data
 * covers them, and the leaderboard (SPEC §6). Pure and linear in the access rectangles: the
 * effective access is an input (`effectiveAccessOf` per principal), so a caller that already has
 * it (the scan) does not compute it twice.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
 */
export function scoreSnapshot(
  snapshot: Snapshot,
  accessByPrincipal: readonly PrincipalAccess[],
  options: ScoreOptions = {},
): ScoreReport {
  return scoreReportOf(accessByPrincipal.map(principalScorer(snapshot, options)), options);
}

/**
 * Scores one principal at a time, as {@link scoreSnapshot} scores each: for a caller that computes
 * effective access principal by principal and need not keep it (the scan), then builds the report
 * with {@link scoreReportOf}.
 */
export function principalScorer(
  snapshot: Snapshot,
  options: Pick<ScoreOptions, 'config' | 'by' | 'usage'> & {
    /**
     * `false`: the score and par alone, with no contributions (as `results.json` has them);
     * nothing derived from a principal's access is kept, and its parts may include more than one
     * part of a service (see `scoreOf`).
     */
    readonly contributions?: boolean;
  } = {},
): (access: PrincipalAccess) => PrincipalScore {
  const config = options.config ?? DEFAULT_CONFIG;
  const model = scoreModelOf(snapshot, config);
  const tags = principalTags(snapshot);
  const usedBy = usageByPrincipal(options.usage);
  const tagKey = config.tags[options.by ?? 'team'];
  const withContributions = options.contributions !== false;
  return (access) =>
    scorePrincipalWith(
      model,
      access,
      tags.get(access.principal)?.[tagKey],
      usedBy(access.principal),
      withContributions,
    );
}

/**
 * The report of scored principals ({@link principalScorer}): the principals by ARN and the
 * leaderboard, with completed reviews and the improvement since `previous`.
 */
export function scoreReportOf(
  scores: readonly PrincipalScore[],
  options: Pick<ScoreOptions, 'by' | 'reviews' | 'previous'> = {},
): ScoreReport {
  const by = options.by ?? 'team';
  const principals = [...scores].sort((a, b) => compare(a.arn, b.arn));

  const teams = new Map<string, { score: number; overPar?: number; principals: number }>();
  for (const p of principals) {
    const name = p.team ?? UNTAGGED;
    const team = teams.get(name) ?? { score: 0, principals: 0 };
    team.score += p.score;
    team.principals += 1;
    if (p.overPar !== undefined) team.overPar = (team.overPar ?? 0) + p.overPar;
    teams.set(name, team);
  }
  const reviews = new Map<string, number>();
  for (const r of options.reviews ?? []) {
    const name = r[by];
    if (name !== undefined) reviews.set(name, (reviews.get(name) ?? 0) + 1);
  }
  const previous = new Map((options.previous?.teams ?? []).map((t) => [t.team, t.score]));
  const rows = [...teams.entries()]
    .map(([team, t]): TeamScore => {
      const before = previous.get(team);
      return {
        team,
        score: t.score,
        ...(t.overPar === undefined ? {} : { overPar: t.overPar }),
        principals: t.principals,
        reviewsCompleted: reviews.get(team) ?? 0,
        ...(before === undefined ? {} : { improvement: before - t.score }),
      };
    })
    .sort((a, b) => a.score - b.score || compare(a.team, b.team));
  return { by, principals, teams: rows };
}

/**
 * One principal's score, with par when `usage` has observations of it: what `score --explain`
 * shows. The same numbers as its entry in {@link scoreSnapshot}.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export function scorePrincipal(
  snapshot: Snapshot,
  access: PrincipalAccess,
  options: Pick<ScoreOptions, 'config' | 'by' | 'usage'> = {},
): PrincipalScore {
  return principalScorer(snapshot, options)(access);
}

/**
 * The score model of a snapshot: the configuration's weights, and the resources whose
 * classification tag has a sensitive value (an S3 bucket's tags count for its objects too).
 *
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 */
export function scoreModelOf(snapshot: Snapshot, config: AccessloopConfig): ScoreModel {
  const { tag, sensitiveValues } = config.classification;
  const values = new Set(sensitiveValues.map((v) => v.toLowerCase()));
  const sensitive = new Set<string>();
  for (const account of snapshot.accounts) {
    for (const r of account.resources) {
      const value = r.tags[tag];
      if (value === undefined || !values.has(value.toLowerCase())) continue;
      sensitive.add(r.arn);
      if (r.type === 'AWS::S3::Bucket') sensitive.add(`${r.arn}/*`);
    }
  }
  return { weights: config.score, sensitive };
}

function scorePrincipalWith(
  model: ScoreModel,
  access: PrincipalAccess,
  team: string | undefined,
  used: readonly UsedAction[] | undefined,
  withContributions = true,
): PrincipalScore {
  const { score, contributions } = withContributions
    ? scoreAccess(access, model)
    : { score: scoreOf(access, model), contributions: [] };
  const par = used === undefined ? undefined : scoreOf(usedAccessOf(access, used), model);
  return {
    arn: access.principal,
    ...(team === undefined ? {} : { team }),
    score,
    ...(par === undefined ? {} : { par, overPar: score - par }),
    contributions,
  };
}

function principalTags(snapshot: Snapshot): Map<string, Tags> {
  const tags = new Map<string, Tags>();
  for (const account of snapshot.accounts) {
    for (const p of [...account.users, ...account.roles]) tags.set(p.arn, p.tags);
  }
  return tags;
}

/**
 * What each principal was seen using: its observations; none (an empty list) when the sources
 * cover it (its account's CloudTrail was read, or Access Advisor reports on it) and saw nothing;
 * undefined when nothing is known of it.
 */
function usageByPrincipal(
  usage: Usage | undefined,
): (principal: string) => readonly UsedAction[] | undefined {
  const by = new Map<string, UsedAction[]>();
  for (const u of usage?.actions ?? []) {
    const list = by.get(u.principal);
    if (list) list.push(u);
    else by.set(u.principal, [u]);
  }
  const accounts = new Set(usage?.coverage?.accounts ?? []);
  const principals = new Set(usage?.coverage?.principals ?? []);
  return (principal) => {
    const seen = by.get(principal);
    if (seen) return seen;
    const covered = principals.has(principal) || accounts.has(principal.split(':')[4] ?? '');
    return covered ? [] : undefined;
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Dates for the unused-access rules: whole days between ISO 8601 times, "now" always given. */

/** What every unused-access rule is given. */
export interface UnusedRuleOptions {
  /** The time the rules count from: the snapshot's `collectedAt`, never the wall clock. */
  readonly now: string;
  /** How many days without use make access unused (90 by default in `findUnusedAccess`). */
  readonly days: number;
}

const DAY_MS = 86_400_000;

/** Whole days from `earlier` to `later` (ISO 8601 times); negative when `earlier` is later. */
export function daysBetween(earlier: string, later: string): number {
  return Math.floor((Date.parse(later) - Date.parse(earlier)) / DAY_MS);
}

/** Whether `time` is at least `options.days` days before `options.now`. */
export function isOlderThan(time: string, options: UnusedRuleOptions): boolean {
  return daysBetween(time, options.now) >= options.days;
}

/** `2026-01-20T11:34:12Z` → `2026-01-20`. */
export function dayOf(time: string): string {
  return time.slice(0, 10);
}

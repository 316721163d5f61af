import { parseDocument } from 'yaml';
import { type Diagnostic, error, fail, joinPath, ok, type Result } from '../diagnostics/diagnostic.js';

/**
 * One completed access review, as listed in the reviews file (`score --reviews FILE`): until the
 * review store exists, teams record their finished monthly reviews there by hand.
 */
export interface CompletedReview {
  /** The team reviewed (the value of the team tag), for `--by team`. */
  readonly team?: string;
  /** The application reviewed (the value of the app tag), for `--by app`. */
  readonly app?: string;
  /** When it was finished: an ISO 8601 date or date-time. */
  readonly completedAt: string;
  readonly reviewer?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads a completed-reviews file, YAML or JSON:
 * `{"reviews": [{"team": "checkout", "completedAt": "2026-11-10", "reviewer": "ana"}]}`.
 * Each entry names a `team` or an `app` (or both) and a `completedAt` date; other keys are
 * rejected so a typo does not silently drop a review. Problems are `score.invalid-reviews`
 * diagnostics with the path of the entry.
 */
export function parseReviews(text: string): Result<readonly CompletedReview[]> {
  const document = parseDocument(text, { uniqueKeys: true });
  const syntax = document.errors[0];
  if (syntax) {
    const at = syntax.linePos?.[0];
    return fail([
      invalid('', `${at ? `line ${at.line}, column ${at.col}: ` : ''}not valid YAML or JSON; fix the syntax`),
    ]);
  }
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  if (!isRecord(value) || !Array.isArray(value.reviews) || Object.keys(value).length !== 1)
    return fail([invalid('', 'expected `{"reviews": [{"team", "completedAt"}, ...]}`')]);
  const diagnostics: Diagnostic[] = [];
  const reviews: CompletedReview[] = [];
  value.reviews.forEach((entry: unknown, i: number) => {
    const path = joinPath('reviews', i);
    if (!isRecord(entry)) {
      diagnostics.push(invalid(path, 'expected a mapping with `team` or `app` and `completedAt`'));
      return;
    }
    const unknown = Object.keys(entry).find((k) => !['team', 'app', 'completedAt', 'reviewer'].includes(k));
    if (unknown !== undefined) {
      diagnostics.push(
        invalid(joinPath(path, unknown), 'unknown key; expected `team`, `app`, `completedAt`, `reviewer`'),
      );
      return;
    }
    const { team, app, completedAt, reviewer } = entry;
    for (const [key, v] of [
      ['team', team],
      ['app', app],
      ['reviewer', reviewer],
    ] as const) {
      if (v !== undefined && (typeof v !== 'string' || v === ''))
        diagnostics.push(invalid(joinPath(path, key), 'expected a non-empty string'));
    }
    if (team === undefined && app === undefined)
      diagnostics.push(invalid(path, 'name the `team` or the `app` that was reviewed'));
    if (typeof completedAt !== 'string' || !ISO_DATE.test(completedAt))
      diagnostics.push(
        invalid(joinPath(path, 'completedAt'), 'expected an ISO 8601 date such as `2026-11-10`'),
      );
    reviews.push({
      ...(typeof team === 'string' ? { team } : {}),
      ...(typeof app === 'string' ? { app } : {}),
      completedAt: String(completedAt),
      ...(typeof reviewer === 'string' ? { reviewer } : {}),
    });
  });
  return diagnostics.length > 0 ? fail(diagnostics) : ok(reviews);
}

function invalid(path: string, message: string): Diagnostic {
  return error('score.invalid-reviews', path, message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { parseDocument } from 'yaml';
import { type Diagnostic, error, fail, joinPath, ok, type Result } from '../diagnostics/diagnostic.js';
import type { Finding } from './finding.js';

/**
 * One accepted risk: findings of rule `id` (for `principal` and `resource` when given) are left out
 * of reports until `expires`, for the `reason` a reviewer wrote down.
 */
export interface Suppression {
  readonly id: string;
  readonly principal?: string;
  readonly resource?: string;
  readonly reason: string;
  /** The day the suppression stops, `YYYY-MM-DD` (or a full ISO 8601 time). */
  readonly expires: string;
}

/**
 * Reads a suppressions file: YAML 1.2 (so JSON too), either a list of entries or
 * `{suppressions: [...]}`; each entry `{id, principal?, resource?, reason, expires}`. Problems are
 * `suppressions.*` diagnostics whose path names the entry (`suppressions[2].expires`).
 *
 * ```yaml
 * suppressions:
 *   - id: public-access
 *     resource: arn:aws:lambda:eu-west-1:444455556666:function:payments-webhook
 *     reason: the card processor calls it; the function checks the HMAC signature
 *     expires: 2027-03-31
 * ```
 */
export function parseSuppressions(text: string): Result<Suppression[]> {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    return fail(
      document.errors.map((e) => {
        const at = e.linePos?.[0];
        const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        return error(
          'suppressions.invalid-yaml',
          '',
          `${at ? `line ${at.line}, column ${at.col}: ` : ''}${message}; fix the YAML`,
        );
      }),
    );
  }
  const value: unknown = document.toJS();
  if (value === null || value === undefined) return ok([]);
  const base = Array.isArray(value) ? '' : 'suppressions';
  const list = Array.isArray(value) ? value : isRecord(value) ? value.suppressions : undefined;
  if (!Array.isArray(list)) {
    return fail([
      error(
        'suppressions.invalid-entry',
        '',
        'expected a list of suppressions, or `suppressions:` with a list',
      ),
    ]);
  }
  const diagnostics: Diagnostic[] = [];
  const suppressions: Suppression[] = [];
  list.forEach((entry: unknown, i) => {
    const path = base === '' ? `[${i}]` : `${base}[${i}]`;
    if (!isRecord(entry)) {
      diagnostics.push(
        error('suppressions.invalid-entry', path, 'expected `{id, principal?, resource?, reason, expires}`'),
      );
      return;
    }
    const before = diagnostics.length;
    for (const key of Object.keys(entry)) {
      if (!['id', 'principal', 'resource', 'reason', 'expires'].includes(key))
        diagnostics.push(
          error(
            'suppressions.invalid-entry',
            joinPath(path, key),
            `unknown key \`${key}\`; use id, principal, resource, reason, expires`,
          ),
        );
    }
    const text = (key: string, required: boolean): string | undefined => {
      const v = entry[key];
      if (v === undefined && !required) return undefined;
      if (typeof v !== 'string' || v.trim() === '') {
        diagnostics.push(
          error('suppressions.invalid-entry', joinPath(path, key), `\`${key}\` must be a non-empty string`),
        );
        return undefined;
      }
      return v;
    };
    const id = text('id', true);
    const principal = text('principal', false);
    const resource = text('resource', false);
    const reason = text('reason', true);
    // YAML reads an unquoted 2027-03-31 as a string in the core schema; a Date would come from custom tags.
    const expiresValue = entry.expires instanceof Date ? entry.expires.toISOString() : entry.expires;
    let expires: string | undefined;
    if (
      typeof expiresValue !== 'string' ||
      Number.isNaN(Date.parse(expiresValue)) ||
      !/^\d{4}-\d{2}-\d{2}/.test(expiresValue)
    ) {
      diagnostics.push(
        error(
          'suppressions.invalid-entry',
          joinPath(path, 'expires'),
          '`expires` must be a date such as 2027-03-31',
        ),
      );
    } else expires = expiresValue;
    if (diagnostics.length > before || !id || !reason || !expires) return;
    suppressions.push({
      id,
      ...(principal !== undefined ? { principal } : {}),
      ...(resource !== undefined ? { resource } : {}),
      reason,
      expires,
    });
  });
  return diagnostics.length > 0 ? fail(diagnostics) : ok(suppressions);
}

/** What suppressions did to a list of findings. */
export interface SuppressionOutcome {
  /** The findings no live suppression matches, in their order. */
  readonly findings: readonly Finding[];
  /** How many findings were left out. */
  readonly suppressed: number;
  /** Suppressions past their expiry date: they suppress nothing any more, and say so. */
  readonly expired: readonly Suppression[];
}

/**
 * Leaves out the findings a live suppression matches (same `id`, and the same `principal` and
 * `resource` where the suppression gives them). A suppression expires at the end of its `expires`
 * day (UTC) when given as a date; then it suppresses nothing and is returned in `expired`.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  now: Date,
): SuppressionOutcome {
  const live: Suppression[] = [];
  const expired: Suppression[] = [];
  for (const s of suppressions) (expiresAt(s.expires) <= now.getTime() ? expired : live).push(s);
  const kept = findings.filter(
    (f) =>
      !live.some(
        (s) =>
          s.id === f.id &&
          (s.principal === undefined || s.principal === f.principal) &&
          (s.resource === undefined || s.resource === f.resource),
      ),
  );
  return { findings: kept, suppressed: findings.length - kept.length, expired };
}

/** A date alone lasts the whole day (UTC); a time is taken as it is. */
function expiresAt(expires: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(expires)
    ? Date.parse(`${expires}T00:00:00Z`) + 86_400_000
    : Date.parse(expires);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every unused-access rule (`risk/rules/unused-*.ts`) over one snapshot and its observed usage.
 */
import { effectiveAccessOf, type PrincipalAccess } from '../access/access-of.js';
import type { WhoCanTools } from '../access/who-can.js';
import { type Diagnostic, ok, type Result, warning } from '../diagnostics/diagnostic.js';
import type { Finding } from '../risk/finding.js';
import { findUnusedAccessKeys } from '../risk/rules/unused-access-key.js';
import { findUnrotatedAccessKeys } from '../risk/rules/unused-access-key-rotation.js';
import { findUnusedActions } from '../risk/rules/unused-action.js';
import { findUnusedConsolePasswords } from '../risk/rules/unused-console-password.js';
import { findUnusedRoles } from '../risk/rules/unused-role.js';
import { findUnusedServices } from '../risk/rules/unused-service.js';
import { findUnusedUsers } from '../risk/rules/unused-user.js';
import type { Snapshot } from '../snapshot/model.js';
import type { CredentialReportEntry } from './credential-report.js';
import type { UnusedRuleOptions } from './days.js';
import type { Usage, UsedAction } from './usage.js';

/** The default number of days without use that makes access unused. */
export const DEFAULT_UNUSED_DAYS = 90;

/** What the unused-access rules read. */
export interface UnusedAccessInput {
  readonly snapshot: Snapshot;
  /** Observed usage (CloudTrail, Access Advisor); without it, services and actions are not checked. */
  readonly usage?: Usage;
  /** The rows of every account's credential report; without them, users and keys are not checked. */
  readonly credentialReports?: readonly CredentialReportEntry[];
  /** The catalog and resource types, to compute effective access for `unused-service` and `unused-action`. */
  readonly tools?: WhoCanTools;
  /** Effective access already computed (by `score`, say), by principal ARN; computed here when missing. */
  readonly access?: ReadonlyMap<string, PrincipalAccess>;
}

/** Options of {@link findUnusedAccess}. */
export interface UnusedAccessOptions {
  /** Days without use that make access unused; 90 when not given. */
  readonly days?: number;
  /** The time to count from; the snapshot's `collectedAt` when not given. Never the wall clock. */
  readonly now?: string;
}

/**
 * The unused-access findings of a snapshot, sorted by principal then rule id:
 * `unused-role` (IAM's role last used), `unused-user`, `unused-access-key`,
 * `unused-access-key-rotation`, `unused-console-password` (credential report), and
 * `unused-service`, `unused-action` (effective access against observed usage, for the users and
 * roles the usage covers, service-linked roles excepted). A rule that throws becomes one
 * `rule-error` finding. Without a time to count from (`now` or `collectedAt`) the day-based rules
 * are skipped with a `usage.no-collection-time` warning.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
 */
export function findUnusedAccess(
  input: UnusedAccessInput,
  options: UnusedAccessOptions = {},
): Result<Finding[]> {
  const { snapshot, usage, credentialReports, tools } = input;
  const diagnostics: Diagnostic[] = [];
  const findings: Finding[] = [];
  const run = (id: string, principal: string, rule: () => readonly Finding[]) => {
    try {
      findings.push(...rule());
    } catch (cause) {
      findings.push({
        id: 'rule-error',
        category: 'rule-error',
        severity: 'info',
        principal,
        conditional: false,
        message: `rule \`${id}\` failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      });
    }
  };

  const now = options.now ?? snapshot.collectedAt;
  if (now === undefined) {
    diagnostics.push(
      warning(
        'usage.no-collection-time',
        '',
        'the snapshot has no `collectedAt`; add `snapshot.json` to check days since last use',
      ),
    );
  } else {
    const rule: UnusedRuleOptions = { now, days: options.days ?? DEFAULT_UNUSED_DAYS };
    run('unused-role', '*', () => findUnusedRoles(snapshot, rule));
    if (credentialReports) {
      run('unused-user', '*', () => findUnusedUsers(credentialReports, rule));
      run('unused-access-key', '*', () => findUnusedAccessKeys(credentialReports, rule));
      run('unused-access-key-rotation', '*', () => findUnrotatedAccessKeys(credentialReports, rule));
      run('unused-console-password', '*', () => findUnusedConsolePasswords(credentialReports, rule));
    }
  }

  if (usage && tools) {
    const byPrincipal = new Map<string, UsedAction[]>();
    for (const used of usage.actions) {
      const list = byPrincipal.get(used.principal) ?? [];
      list.push(used);
      byPrincipal.set(used.principal, list);
    }
    const coveredAccounts = new Set(usage.coverage?.accounts ?? []);
    const coveredPrincipals = new Set(usage.coverage?.principals ?? []);
    for (const account of snapshot.accounts) {
      const principals = [
        ...account.users.map((u) => ({ arn: u.arn, name: u.name })),
        ...account.roles.filter((r) => !r.serviceLinked).map((r) => ({ arn: r.arn, name: r.name })),
      ];
      for (const { arn, name } of principals) {
        if (!coveredAccounts.has(account.id) && !coveredPrincipals.has(arn)) continue;
        const used = byPrincipal.get(arn) ?? [];
        let access = input.access?.get(arn);
        if (access === undefined) {
          const computed = effectiveAccessOf(snapshot, tools, arn);
          if (!computed.ok) {
            diagnostics.push(...computed.diagnostics);
            continue;
          }
          access = computed.value;
        }
        const known = access;
        run('unused-service', arn, () => findUnusedServices(known, used, name));
        run('unused-action', arn, () => findUnusedActions(known, used, name));
      }
    }
  }

  findings.sort(
    (a, b) => compare(a.principal, b.principal) || compare(a.id, b.id) || compare(a.message, b.message),
  );
  return ok(findings, diagnostics);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

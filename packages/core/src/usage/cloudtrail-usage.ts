/**
 * CloudTrail records in, aggregated {@link Usage} out: one {@link UsedAction} per principal and
 * action, with the resources the events named, the count and the last use. Records are added one
 * at a time, so a reader can stream any number of log files through it in constant memory per
 * (principal, action).
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
import type { Catalog } from '../catalog/catalog.js';
import { actionsForRequest, actionsOfEvent, type EventActions } from './cloudtrail-action.js';
import { isAccessDenied, principalOfEvent, resourcesOfEvent } from './cloudtrail-event.js';
import type { Usage, UsedAction } from './usage.js';

/**
 * The most distinct resources kept per principal and action: a role reading millions of S3
 * objects keeps the first ones and `resourcesTruncated`, so memory stays bounded.
 */
export const MAX_RESOURCES_PER_ACTION = 1000;

/** The most distinct unmapped (event source, event name) pairs counted. */
const MAX_UNMAPPED = 10_000;

/** What happened to the records read. */
export interface CloudTrailStats {
  /** Every record added. */
  readonly records: number;
  /** Records that became usage. */
  readonly used: number;
  /** Refused calls (`errorCode` AccessDenied and the like): not usage. */
  readonly denied: number;
  /** Console sign-in events: authentication, not an IAM action. */
  readonly signIns: number;
  /** Events of AWS services, other accounts' callers, web identity and SAML users, Identity Center users. */
  readonly noPrincipal: number;
  /** Records without `eventSource`, `eventName` or a valid `eventTime`. */
  readonly incomplete: number;
  /** Events whose source and name give no action of the catalog, most frequent first. */
  readonly unmapped: readonly {
    readonly eventSource: string;
    readonly eventName: string;
    readonly count: number;
  }[];
}

/** Accumulates CloudTrail records into usage. */
export interface CloudTrailUsageCollector {
  /** Adds one record (a parsed element of a log file's `Records`). */
  add(record: unknown): void;
  /** The usage seen so far. */
  usage(): Usage;
  stats(): CloudTrailStats;
}

interface Entry {
  count: number;
  lastUsed: string;
  readonly resources: Set<string>;
  truncated: boolean;
}

/**
 * A collector that maps each record to its principal (role sessions to their role), its IAM
 * actions (validated against `catalog`, see `actionsOfEvent`) and its resources, and aggregates.
 * Refused calls are counted apart, never as usage. The window runs from the earliest to the latest
 * `eventTime` of any record; the covered accounts are the records' `recipientAccountId`s.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
export function createCloudTrailUsageCollector(catalog: Catalog): CloudTrailUsageCollector {
  const entries = new Map<string, Map<string, Entry>>();
  const unmapped = new Map<string, number>();
  // Events repeat: map each (source, name) to its actions once, looked up by source then name
  // (no key string built per record).
  const mappings = new Map<string, Map<string, EventActions>>();
  let mapped = 0;
  const accounts = new Set<string>();
  let lastAccount: string | undefined;
  let lastTime: string | undefined;
  let start: string | undefined;
  let end: string | undefined;
  const stats = { records: 0, used: 0, denied: 0, signIns: 0, noPrincipal: 0, incomplete: 0 };

  const actionsOf = (eventSource: string, eventName: string): EventActions => {
    let byName = mappings.get(eventSource);
    let actions = byName?.get(eventName);
    if (actions !== undefined) return actions;
    actions = actionsOfEvent(catalog, eventSource, eventName);
    if (mapped < MAX_UNMAPPED) {
      if (byName === undefined) {
        byName = new Map();
        mappings.set(eventSource, byName);
      }
      byName.set(eventName, actions);
      mapped++;
    }
    return actions;
  };

  return {
    add(record) {
      stats.records++;
      const r = (typeof record === 'object' && record !== null ? record : {}) as Record<string, unknown>;
      const { eventSource, eventName, eventTime, recipientAccountId } = r;
      if (
        typeof eventSource !== 'string' ||
        typeof eventName !== 'string' ||
        typeof eventTime !== 'string' ||
        // Consecutive records often share their second: parse each time once.
        (eventTime !== lastTime && Number.isNaN(Date.parse(eventTime)))
      ) {
        stats.incomplete++;
        return;
      }
      lastTime = eventTime;
      if (start === undefined || eventTime < start) start = eventTime;
      if (end === undefined || eventTime > end) end = eventTime;
      if (typeof recipientAccountId === 'string' && recipientAccountId !== lastAccount) {
        accounts.add(recipientAccountId);
        lastAccount = recipientAccountId;
      }
      if (r.errorCode !== undefined && isAccessDenied(r)) {
        stats.denied++;
        return;
      }
      const event = actionsOf(eventSource, eventName);
      if (event.kind === 'sign-in' || r.eventType === 'AwsConsoleSignIn') {
        stats.signIns++;
        return;
      }
      const principal = principalOfEvent(r);
      if (principal === undefined) {
        stats.noPrincipal++;
        return;
      }
      if (event.kind === 'unmapped') {
        const eventKey = `${eventSource}\n${eventName}`;
        const seen = unmapped.get(eventKey);
        if (seen !== undefined || unmapped.size < MAX_UNMAPPED) unmapped.set(eventKey, (seen ?? 0) + 1);
        return;
      }
      stats.used++;
      const resources = resourcesOfEvent(r, partitionOf(principal));
      let byAction = entries.get(principal);
      if (!byAction) {
        byAction = new Map();
        entries.set(principal, byAction);
      }
      for (const action of actionsForRequest(event.actions, r.requestParameters)) {
        let entry = byAction.get(action);
        if (!entry) {
          entry = { count: 0, lastUsed: eventTime, resources: new Set(), truncated: false };
          byAction.set(action, entry);
        }
        entry.count++;
        if (eventTime > entry.lastUsed) entry.lastUsed = eventTime;
        for (const arn of resources) {
          if (entry.resources.size < MAX_RESOURCES_PER_ACTION) entry.resources.add(arn);
          else if (!entry.truncated && !entry.resources.has(arn)) entry.truncated = true;
        }
      }
    },

    usage() {
      const actions: UsedAction[] = [];
      for (const principal of [...entries.keys()].sort()) {
        const byAction = entries.get(principal) as Map<string, Entry>;
        for (const action of [...byAction.keys()].sort()) {
          const e = byAction.get(action) as Entry;
          actions.push({
            principal,
            action,
            resources: [...e.resources].sort(),
            count: e.count,
            lastUsed: e.lastUsed,
            source: 'cloudtrail',
            ...(e.truncated ? { resourcesTruncated: true } : {}),
          });
        }
      }
      return {
        ...(start !== undefined && end !== undefined ? { window: { start, end } } : {}),
        actions,
        coverage: { accounts: [...accounts].sort(), principals: [] },
      };
    },

    stats() {
      const list = [...unmapped].map(([key, count]) => {
        const [eventSource = '', eventName = ''] = key.split('\n');
        return { eventSource, eventName, count };
      });
      list.sort(
        (a, b) =>
          b.count - a.count || compare(a.eventSource, b.eventSource) || compare(a.eventName, b.eventName),
      );
      return { ...stats, unmapped: list };
    },
  };
}

/**
 * Several usages as one: actions of the same principal, action and source are added up (counts
 * summed, latest use, resources joined), windows and coverage joined. Output sorted by principal,
 * action, then source.
 */
export function mergeUsage(usages: readonly Usage[]): Usage {
  const merged = new Map<string, UsedAction>();
  let window: { start: string; end: string } | undefined;
  const accounts = new Set<string>();
  const principals = new Set<string>();
  let covered = false;
  for (const usage of usages) {
    if (usage.window) {
      window = window
        ? {
            start: usage.window.start < window.start ? usage.window.start : window.start,
            end: usage.window.end > window.end ? usage.window.end : window.end,
          }
        : { ...usage.window };
    }
    if (usage.coverage) {
      covered = true;
      for (const a of usage.coverage.accounts) accounts.add(a);
      for (const p of usage.coverage.principals) principals.add(p);
    }
    for (const used of usage.actions) {
      const key = `${used.principal}\n${used.action}\n${used.source}`;
      const known = merged.get(key);
      if (!known) {
        merged.set(key, used);
        continue;
      }
      const resources = [...new Set([...known.resources, ...used.resources])].sort();
      const truncated =
        known.resourcesTruncated === true ||
        used.resourcesTruncated === true ||
        resources.length > MAX_RESOURCES_PER_ACTION;
      merged.set(key, {
        ...known,
        resources: resources.slice(0, MAX_RESOURCES_PER_ACTION),
        count: known.count + used.count,
        lastUsed: used.lastUsed > known.lastUsed ? used.lastUsed : known.lastUsed,
        ...(truncated ? { resourcesTruncated: true } : {}),
      });
    }
  }
  const actions = [...merged.values()].sort(
    (a, b) => compare(a.principal, b.principal) || compare(a.action, b.action) || compare(a.source, b.source),
  );
  return {
    ...(window ? { window } : {}),
    actions,
    ...(covered ? { coverage: { accounts: [...accounts].sort(), principals: [...principals].sort() } } : {}),
  };
}

/** `arn:aws-cn:iam::...` → `aws-cn`. */
function partitionOf(arn: string): string {
  if (arn.startsWith('arn:aws:')) return 'aws';
  const end = arn.indexOf(':', 4);
  return end < 0 ? 'aws' : arn.slice(4, end);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * IAM Access Advisor data (`accounts/<id>/access-advisor.json`): per principal ARN, the output of
 * `aws iam get-service-last-accessed-details --job-id ...` for a job created with
 * `aws iam generate-service-last-accessed-details --arn <principal> --granularity ACTION_LEVEL`.
 * See docs/inputs.md for the file shape.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html
 */
import type { Catalog } from '../catalog/catalog.js';
import {
  type Diagnostic,
  error,
  fail,
  joinPath,
  ok,
  type Result,
  warning,
} from '../diagnostics/diagnostic.js';
import type { Usage, UsedAction } from './usage.js';

/** One action Access Advisor tracks (action-level data exists for some services only). */
export interface TrackedActionLastAccessed {
  /** The action name without the service prefix, as IAM returns it (`GetObject`). */
  readonly actionName: string;
  /** Absent when the action was not used in the tracking period. */
  readonly lastAccessedTime?: string;
}

/**
 * One service of a principal's Access Advisor data.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_ServiceLastAccessed.html
 */
export interface ServiceLastAccessed {
  readonly serviceName: string;
  /** The IAM service prefix (`s3`). */
  readonly serviceNamespace: string;
  /** Absent when the principal did not use the service in the tracking period. */
  readonly lastAuthenticated?: string;
  readonly trackedActions: readonly TrackedActionLastAccessed[];
}

/** Access Advisor data of one principal. */
export interface PrincipalLastAccessed {
  readonly principal: string;
  /** When the report job finished: the end of the tracking period. */
  readonly jobCompletionDate: string;
  /** Sorted by namespace. */
  readonly services: readonly ServiceLastAccessed[];
}

type Json = Readonly<Record<string, unknown>>;

const PRINCIPAL_ARN = /^arn:[a-z-]+:iam::\d{12}:(?:user|role)\/./;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the parsed JSON of an `access-advisor.json`. Strict: every value the analysis reads must
 * have its type, dates must be dates, keys must be IAM user or role ARNs; a job that is not
 * `COMPLETED` is an error (it has no data), `IsTruncated: true` a warning (services are missing:
 * the collector must follow `Marker`).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
 */
export function parseAccessAdvisor(json: unknown): Result<readonly PrincipalLastAccessed[]> {
  const diagnostics: Diagnostic[] = [];
  const bad = (path: string, message: string) =>
    diagnostics.push(error('usage.invalid-access-advisor', path, message));
  if (!isObject(json)) {
    bad(
      '',
      'the file must be an object keyed by principal ARN, each value the output of `aws iam get-service-last-accessed-details`',
    );
    return fail(diagnostics);
  }
  const principals: PrincipalLastAccessed[] = [];
  for (const principal of Object.keys(json).sort()) {
    const path = `[${JSON.stringify(principal)}]`;
    const details = json[principal];
    if (!PRINCIPAL_ARN.test(principal)) {
      bad(
        path,
        `\`${principal}\` is not an IAM user or role ARN; key each report by the ARN it was generated for`,
      );
      continue;
    }
    if (!isObject(details)) {
      bad(path, 'must be the object `aws iam get-service-last-accessed-details` returns');
      continue;
    }
    if (details.JobStatus !== undefined && details.JobStatus !== 'COMPLETED') {
      bad(
        joinPath(path, 'JobStatus'),
        `the job is \`${String(details.JobStatus)}\`, not \`COMPLETED\`; collect again when it has finished`,
      );
      continue;
    }
    if (details.IsTruncated === true)
      diagnostics.push(
        warning(
          'usage.invalid-access-advisor',
          joinPath(path, 'IsTruncated'),
          'the report is truncated; collect every page (follow `Marker`)',
        ),
      );
    const completion = dateAt(details, 'JobCompletionDate', path, bad, true);
    const list = details.ServicesLastAccessed;
    if (!Array.isArray(list)) {
      bad(joinPath(path, 'ServicesLastAccessed'), 'must be an array');
      continue;
    }
    const services: ServiceLastAccessed[] = [];
    list.forEach((service, i) => {
      const at = joinPath(joinPath(path, 'ServicesLastAccessed'), i);
      if (!isObject(service)) {
        bad(at, 'must be an object');
        return;
      }
      const serviceName = stringAt(service, 'ServiceName', at, bad);
      const serviceNamespace = stringAt(service, 'ServiceNamespace', at, bad);
      const lastAuthenticated = dateAt(service, 'LastAuthenticated', at, bad, false);
      const tracked = service.TrackedActionsLastAccessed;
      const trackedActions: TrackedActionLastAccessed[] = [];
      if (tracked !== undefined && !Array.isArray(tracked))
        bad(joinPath(at, 'TrackedActionsLastAccessed'), 'must be an array');
      if (Array.isArray(tracked)) {
        tracked.forEach((action, j) => {
          const actionAt = joinPath(joinPath(at, 'TrackedActionsLastAccessed'), j);
          if (!isObject(action)) {
            bad(actionAt, 'must be an object');
            return;
          }
          const actionName = stringAt(action, 'ActionName', actionAt, bad);
          const lastAccessedTime = dateAt(action, 'LastAccessedTime', actionAt, bad, false);
          if (actionName !== undefined)
            trackedActions.push({
              actionName,
              ...(lastAccessedTime === undefined ? {} : { lastAccessedTime }),
            });
        });
      }
      if (serviceName === undefined || serviceNamespace === undefined) return;
      services.push({
        serviceName,
        serviceNamespace,
        ...(lastAuthenticated === undefined ? {} : { lastAuthenticated }),
        trackedActions,
      });
    });
    if (completion === undefined) continue;
    services.sort((a, b) =>
      a.serviceNamespace < b.serviceNamespace ? -1 : a.serviceNamespace > b.serviceNamespace ? 1 : 0,
    );
    principals.push({ principal, jobCompletionDate: completion, services });
  }
  return diagnostics.some((d) => d.severity === 'error') ? fail(diagnostics) : ok(principals, diagnostics);
}

function stringAt(
  value: Json,
  key: string,
  path: string,
  bad: (path: string, message: string) => void,
): string | undefined {
  const found = value[key];
  if (typeof found === 'string' && found !== '') return found;
  bad(joinPath(path, key), 'must be a non-empty string');
  return undefined;
}

/** An ISO 8601 date of the value, normalised to `YYYY-MM-DDTHH:MM:SSZ` like CloudTrail's `eventTime`. */
function dateAt(
  value: Json,
  key: string,
  path: string,
  bad: (path: string, message: string) => void,
  required: boolean,
): string | undefined {
  const found = value[key];
  if (found === undefined && !required) return undefined;
  const time = typeof found === 'string' ? Date.parse(found) : Number.NaN;
  if (Number.isNaN(time)) {
    bad(joinPath(path, key), `must be an ISO 8601 date and time, found \`${String(found)}\``);
    return undefined;
  }
  return toIsoSeconds(time);
}

/** A time as `2026-11-16T07:42:10Z` (whole seconds, UTC): the form CloudTrail writes. */
export function toIsoSeconds(time: number): string {
  return new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Access Advisor data as usage, with source `access-advisor`: `service:*` for every service used
 * in the tracking period (its `LastAuthenticated`), and `service:Action` for every tracked action
 * used (spelled as the catalog spells it when the catalog knows it). Counts are 0: Access Advisor
 * gives last use only. Every principal of the data is covered, used or not.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed-view-data.html
 */
export function usageFromAccessAdvisor(data: readonly PrincipalLastAccessed[], catalog?: Catalog): Usage {
  const actions: UsedAction[] = [];
  for (const { principal, services } of data) {
    const own: UsedAction[] = [];
    for (const service of services) {
      if (service.lastAuthenticated !== undefined)
        own.push(used(principal, `${service.serviceNamespace}:*`, service.lastAuthenticated));
      for (const tracked of service.trackedActions) {
        if (tracked.lastAccessedTime === undefined) continue;
        const name = `${service.serviceNamespace}:${tracked.actionName}`;
        own.push(used(principal, catalog?.findAction(name)?.action ?? name, tracked.lastAccessedTime));
      }
    }
    own.sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
    actions.push(...own);
  }
  return { actions, coverage: { accounts: [], principals: data.map((d) => d.principal) } };
}

function used(principal: string, action: string, lastUsed: string): UsedAction {
  return { principal, action, resources: [], count: 0, lastUsed, source: 'access-advisor' };
}

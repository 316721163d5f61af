/**
 * Reading what a snapshot says about observed usage: its CloudTrail log files (streamed), every
 * account's Access Advisor data, and every account's credential report.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
import { join } from 'node:path';
import {
  type Catalog,
  type CloudTrailStats,
  type CredentialReportEntry,
  createCloudTrailUsageCollector,
  type Diagnostic,
  hasErrors,
  mergeUsage,
  parseAccessAdvisor,
  parseCredentialReport,
  parseJsonText,
  type Result,
  type Snapshot,
  type Usage,
  usageFromAccessAdvisor,
} from '@accessloop/core';
import { readCloudTrailFile } from './read-cloudtrail.js';
import { readParsed } from './read-config.js';

/** What the CloudTrail files gave, beyond the usage. */
export interface CloudTrailRead extends CloudTrailStats {
  readonly files: number;
  /** Bytes of JSON read (after gunzip). */
  readonly bytes: number;
}

/** Everything observed, with how it was read. */
export interface ObservedUsage {
  /** CloudTrail and Access Advisor usage, merged. */
  readonly usage: Usage;
  readonly cloudTrail: CloudTrailRead;
  /** The rows of every account's credential report, sorted by ARN. */
  readonly credentialReports: readonly CredentialReportEntry[];
  /** Accounts that have a credential report, sorted. */
  readonly credentialReportAccounts: readonly string[];
}

/** Options of {@link readObservedUsage}. */
export interface ReadUsageOptions {
  /** Called after each CloudTrail file with how many files are done. */
  readonly onProgress?: (filesDone: number, filesTotal: number) => void;
  /** Read only the Access Advisor files and credential reports, not CloudTrail (default false). */
  readonly withoutCloudTrail?: boolean;
}

/**
 * Reads the usage files of `snapshot`, loaded from `snapshotPath` (a folder: a single
 * authorization-details file has none). CloudTrail files are streamed one at a time. Every
 * problem is a diagnostic with `file`; the result fails when any is an error, after every file
 * has been read, so one run reports every bad file.
 */
export async function readObservedUsage(
  snapshotPath: string,
  snapshot: Snapshot,
  catalog: Catalog,
  options: ReadUsageOptions = {},
): Promise<Result<ObservedUsage>> {
  const diagnostics: Diagnostic[] = [];
  const fullPath = (file: string) => join(snapshotPath, ...file.split('/'));

  const collector = createCloudTrailUsageCollector(catalog);
  let bytes = 0;
  let done = 0;
  const cloudTrailFiles = options.withoutCloudTrail ? [] : snapshot.cloudTrailFiles;
  for (const file of cloudTrailFiles) {
    const read = await readCloudTrailFile(fullPath(file), (record) => collector.add(record));
    bytes += read.bytes;
    diagnostics.push(...read.diagnostics);
    options.onProgress?.(++done, cloudTrailFiles.length);
  }

  const advisor: Usage[] = [];
  const credentialReports: CredentialReportEntry[] = [];
  const credentialReportAccounts: string[] = [];
  for (const account of snapshot.accounts) {
    if (account.accessAdvisorFile !== undefined) {
      const path = fullPath(account.accessAdvisorFile);
      const parsed = readParsed(path, (text) => {
        const json = parseJsonText(text);
        return json.ok ? parseAccessAdvisor(json.value) : json;
      });
      diagnostics.push(...parsed.diagnostics);
      if (parsed.ok) advisor.push(usageFromAccessAdvisor(parsed.value, catalog));
    }
    if (account.credentialReportFile !== undefined) {
      const parsed = readParsed(fullPath(account.credentialReportFile), parseCredentialReport);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.ok) {
        credentialReports.push(...parsed.value);
        credentialReportAccounts.push(account.id);
      }
    }
  }
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };
  credentialReports.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  const cloudTrail = collector.usage();
  return {
    ok: true,
    diagnostics,
    value: {
      usage:
        cloudTrailFiles.length === 0 && advisor.length === 0
          ? { actions: [] }
          : mergeUsage([cloudTrail, ...advisor]),
      cloudTrail: { ...collector.stats(), files: cloudTrailFiles.length, bytes },
      credentialReports,
      credentialReportAccounts,
    },
  };
}

/**
 * The observed usage of a snapshot (CloudTrail and Access Advisor, merged): what `score` needs for
 * par. See {@link readObservedUsage}.
 */
export async function readUsage(
  snapshotPath: string,
  snapshot: Snapshot,
  catalog: Catalog,
  options: ReadUsageOptions = {},
): Promise<Result<Usage>> {
  const observed = await readObservedUsage(snapshotPath, snapshot, catalog, options);
  return observed.ok
    ? { ok: true, value: observed.value.usage, diagnostics: observed.diagnostics }
    : observed;
}

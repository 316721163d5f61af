/**
 * Builds a {@link Snapshot} from the files of a snapshot folder (SPEC §2), or from a single
 * `get-account-authorization-details` file. The core never touches the disk: the caller hands in
 * a {@link SnapshotSource} that lists the files and reads one on demand, so only one file's text
 * is held in memory at a time.
 *
 * ```
 * snapshot.json                 optional {"format": "accessloop-snapshot/1", "collectedAt": "<ISO 8601>"}
 * organization.json             optional
 * accounts/<12-digit id>/iam.json
 * accounts/<12-digit id>/resources.json, credential-report.csv, access-advisor.json   optional
 * cloudtrail/**.json, cloudtrail/**.json.gz                                           optional
 * ```
 */
import { type Diagnostic, error, fail, hasErrors, ok, type Result } from '../diagnostics/diagnostic.js';
import { parseJsonText } from '../json/json-text.js';
import { parseAuthorizationDetails } from './authorization-details.js';
import type { Account, Organization, Snapshot } from './model.js';
import { parseOrganization } from './organization.js';
import {
  type Checker,
  compareStrings,
  isRecord,
  optionalString,
  reportShape,
  snapshotError,
  snapshotWarning,
} from './private/fields.js';
import { parseResources } from './resources.js';

/** The files of a snapshot, as the caller (the CLI, a test, a store) provides them. */
export interface SnapshotSource {
  /** Every file of the snapshot, relative to its root, with `/` separators: `accounts/111122223333/iam.json`. */
  readonly paths: readonly string[];
  /** The text of one file of `paths`, or the diagnostics saying why it cannot be read. */
  readText(path: string): Result<string>;
}

/** One file of a snapshot held in memory. */
export interface SnapshotFile {
  readonly path: string;
  readonly text: string;
}

/** A {@link SnapshotSource} over files already in memory. */
export function snapshotSourceFromFiles(files: readonly SnapshotFile[]): SnapshotSource {
  const byPath = new Map(files.map((f) => [f.path, f.text]));
  return {
    paths: [...byPath.keys()],
    readText: (path) => {
      const text = byPath.get(path);
      return text === undefined
        ? fail([error('input.not-found', '', `\`${path}\` is not in the snapshot`)])
        : ok(text);
    },
  };
}

/** The format `snapshot.json` must name. */
export const SNAPSHOT_FORMAT = 'accessloop-snapshot/1';

const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_FILES = {
  'iam.json': 'iam',
  'resources.json': 'resources',
  'credential-report.csv': 'credentialReport',
  'access-advisor.json': 'accessAdvisor',
} as const;
type AccountFileKind = (typeof ACCOUNT_FILES)[keyof typeof ACCOUNT_FILES];

/**
 * Reads a snapshot folder. Diagnostics carry `file`, the snapshot-relative path of the file they
 * are about. Credential reports, Access Advisor data and CloudTrail logs are only located here;
 * their readers come later. A file outside the layout is ignored with a warning.
 */
export function buildSnapshot(source: SnapshotSource): Result<Snapshot> {
  const diagnostics: Diagnostic[] = [];
  const report = (file: string, found: readonly Diagnostic[]) => {
    for (const d of found) diagnostics.push({ ...d, file });
  };
  const readJson = (file: string): unknown => {
    const text = source.readText(file);
    const json = text.ok ? parseJsonText(text.value) : text;
    report(file, json.diagnostics);
    return json.ok ? json.value : undefined;
  };

  const accountFiles = new Map<string, Partial<Record<AccountFileKind, string>>>();
  const cloudTrailFiles: string[] = [];
  let metadataFile: string | undefined;
  let organizationFile: string | undefined;
  for (const path of [...source.paths].sort(compareStrings)) {
    const parts = path.split('/');
    const [top, folder, name] = parts;
    if (path === 'snapshot.json') metadataFile = path;
    else if (path === 'organization.json') organizationFile = path;
    else if (top === 'cloudtrail' && parts.length > 1 && /\.json(\.gz)?$/.test(path))
      cloudTrailFiles.push(path);
    else if (top === 'accounts' && folder !== undefined && name !== undefined && parts.length === 3) {
      if (!ACCOUNT_ID.test(folder)) {
        if (!accountFiles.has(folder)) {
          report(`accounts/${folder}`, [
            snapshotError(
              'snapshot.invalid-account-folder',
              '',
              `\`accounts/${folder}\` is not named by a 12-digit account id; rename it to the id of the account its \`iam.json\` describes`,
            ),
          ]);
        }
        accountFiles.set(folder, {});
        continue;
      }
      if (Object.hasOwn(ACCOUNT_FILES, name)) {
        const kind: AccountFileKind = ACCOUNT_FILES[name as keyof typeof ACCOUNT_FILES];
        accountFiles.set(folder, { ...accountFiles.get(folder), [kind]: path });
      } else report(path, [unknownFile(path)]);
    } else report(path, [unknownFile(path)]);
  }

  let collectedAt: string | undefined;
  if (metadataFile !== undefined) {
    const found: Diagnostic[] = [];
    collectedAt = readMetadata(readJson(metadataFile), found);
    report(metadataFile, found);
  }

  let organization: Organization | undefined;
  if (organizationFile !== undefined) {
    const json = readJson(organizationFile);
    if (json !== undefined) {
      const parsed = parseOrganization(json);
      report(organizationFile, parsed.diagnostics);
      if (parsed.ok) organization = parsed.value;
    }
  }

  const accounts: Account[] = [];
  for (const [id, files] of [...accountFiles].sort(([a], [b]) => compareStrings(a, b))) {
    if (!ACCOUNT_ID.test(id)) continue;
    if (files.iam === undefined) {
      report(`accounts/${id}`, [
        snapshotError(
          'snapshot.missing-file',
          '',
          `the folder of account \`${id}\` has no \`iam.json\`; add the output of \`aws iam get-account-authorization-details\` for that account, or remove the folder`,
        ),
      ]);
      continue;
    }
    const account = readAccount(id, files, readJson, report);
    if (account !== undefined) accounts.push(account);
  }

  if (accountFiles.size === 0) {
    diagnostics.push(
      snapshotError(
        'snapshot.no-accounts',
        '',
        'the snapshot has no `accounts/<account id>/iam.json`; put the output of `aws iam get-account-authorization-details` there',
      ),
    );
  }
  if (organization !== undefined && organizationFile !== undefined) {
    const members = new Set(organization.accounts.map((a) => a.id));
    for (const account of accounts) {
      if (members.has(account.id)) continue;
      report(organizationFile, [
        snapshotWarning(
          'snapshot.account-not-in-organization',
          'Accounts',
          `account \`${account.id}\` has a folder but is not in \`Accounts\`, so no SCP or RCP is applied to it; collect \`organization.json\` again`,
        ),
      ]);
    }
  }

  if (hasErrors(diagnostics)) return fail(diagnostics);
  return ok(
    {
      ...(collectedAt === undefined ? {} : { collectedAt }),
      accounts,
      ...(organization === undefined ? {} : { organization }),
      cloudTrailFiles,
    },
    diagnostics,
  );
}

/**
 * A snapshot of one account from the text of a single `get-account-authorization-details` file,
 * accepted anywhere a snapshot is (SPEC §2). The account id is read from the ARNs. Diagnostics
 * carry no `file`: the caller knows the file name.
 *
 * @see https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html
 */
export function buildSingleAccountSnapshot(text: string): Result<Snapshot> {
  const json = parseJsonText(text);
  if (!json.ok) return fail(json.diagnostics);
  const iam = parseAuthorizationDetails(json.value);
  if (!iam.ok) return fail(iam.diagnostics);
  return ok({ accounts: [{ ...iam.value, resources: [] }], cloudTrailFiles: [] }, iam.diagnostics);
}

function readAccount(
  id: string,
  files: Partial<Record<AccountFileKind, string>>,
  readJson: (file: string) => unknown,
  report: (file: string, found: readonly Diagnostic[]) => void,
): Account | undefined {
  const iamFile = files.iam;
  if (iamFile === undefined) return undefined;
  const iamJson = readJson(iamFile);
  if (iamJson === undefined) return undefined;
  const iam = parseAuthorizationDetails(iamJson, { accountId: id });
  report(iamFile, iam.diagnostics);

  let resources: Account['resources'] = [];
  if (files.resources !== undefined) {
    const json = readJson(files.resources);
    if (json === undefined) return undefined;
    const parsed = parseResources(json, id);
    report(files.resources, parsed.diagnostics);
    if (!parsed.ok) return undefined;
    resources = parsed.value;
  }
  if (!iam.ok) return undefined;
  return {
    ...iam.value,
    resources,
    ...(files.credentialReport === undefined ? {} : { credentialReportFile: files.credentialReport }),
    ...(files.accessAdvisor === undefined ? {} : { accessAdvisorFile: files.accessAdvisor }),
  };
}

function readMetadata(json: unknown, diagnostics: Diagnostic[]): string | undefined {
  if (json === undefined) return undefined;
  const c: Checker = {
    diagnostics,
    fix: `\`snapshot.json\` holds {"format": "${SNAPSHOT_FORMAT}", "collectedAt": "<ISO 8601>"}`,
  };
  if (!isRecord(json)) {
    reportShape(c, '', 'expected an object');
    return undefined;
  }
  const format = optionalString(c, json, 'format', '');
  if (format !== undefined && format !== SNAPSHOT_FORMAT) {
    diagnostics.push(
      snapshotError(
        'snapshot.unsupported-format',
        'format',
        `format \`${format}\` is not \`${SNAPSHOT_FORMAT}\`; upgrade accessloop, or collect the snapshot again`,
      ),
    );
  }
  const collectedAt = optionalString(c, json, 'collectedAt', '');
  if (collectedAt !== undefined && Number.isNaN(Date.parse(collectedAt))) {
    reportShape(
      c,
      'collectedAt',
      `\`collectedAt\` must be an ISO 8601 date and time, found \`${collectedAt}\``,
    );
    return undefined;
  }
  return collectedAt;
}

function unknownFile(path: string): Diagnostic {
  return snapshotWarning(
    'snapshot.unknown-file',
    '',
    `\`${path}\` is not part of the snapshot layout and is ignored; move it out of the snapshot folder`,
  );
}

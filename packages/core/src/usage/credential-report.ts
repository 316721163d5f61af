/**
 * The IAM credential report (`accounts/<id>/credential-report.csv`): the decoded `Content` of
 * `aws iam get-credential-report`, one CSV row per user plus `<root_account>`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html#id_credentials_understanding_the_report_format
 */
import { type Diagnostic, error, fail, ok, type Result } from '../diagnostics/diagnostic.js';
import { toIsoSeconds } from './access-advisor.js';

/** One access key of a user, from the `access_key_<n>_*` columns. */
export interface CredentialReportAccessKey {
  /** 1 or 2: the report's column pair. */
  readonly index: 1 | 2;
  readonly active: boolean;
  /** When the key was created or last rotated; absent when the user has no such key (`N/A`). */
  readonly lastRotated?: string;
  /** Absent when the key was never used (`N/A`). */
  readonly lastUsedDate?: string;
  readonly lastUsedService?: string;
}

/** One row of the credential report. */
export interface CredentialReportEntry {
  /** The user name, or `<root_account>`. */
  readonly user: string;
  readonly arn: string;
  readonly isRoot: boolean;
  readonly userCreationTime: string;
  /** Whether the user has a console password (`not_supported` for the root user counts as false). */
  readonly passwordEnabled: boolean;
  /** Absent when never used (`N/A`, `no_information`: IAM has tracked it since 2014-10-20 only). */
  readonly passwordLastUsed?: string;
  readonly passwordLastChanged?: string;
  readonly mfaActive: boolean;
  /** The keys the user has (a column pair with `N/A` for `last_rotated` is no key). */
  readonly accessKeys: readonly CredentialReportAccessKey[];
}

/** The columns accessloop reads; the report has more (certificates), which are ignored. */
const REQUIRED = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_service',
] as const;

type Column = (typeof REQUIRED)[number];

/** Values the report writes where there is no date. */
const NO_DATE = new Set(['N/A', 'no_information', 'not_supported']);

/**
 * Parses the text of a credential report. Strict: the header must have the documented columns,
 * every row as many fields as the header, dates must be ISO 8601 or one of the report's
 * placeholders (`N/A`, `no_information`, `not_supported`), flags `true` or `false`. Rows are
 * sorted by ARN. Diagnostic paths are `line <n>, <column>`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html#id_credentials_understanding_the_report_format
 */
export function parseCredentialReport(text: string): Result<readonly CredentialReportEntry[]> {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const diagnostics: Diagnostic[] = [];
  const bad = (path: string, message: string) =>
    diagnostics.push(error('usage.invalid-credential-report', path, message));
  const header = rows[0];
  if (header === undefined || header.fields.length === 0 || header.fields[0] === '') {
    bad('line 1', 'the file is empty; write the decoded `Content` of `aws iam get-credential-report`');
    return fail(diagnostics);
  }
  const indexOf = new Map(header.fields.map((name, i) => [name, i]));
  const missing = REQUIRED.filter((c) => !indexOf.has(c));
  if (missing.length > 0) {
    bad(
      'line 1',
      `the header lacks ${missing.map((c) => `\`${c}\``).join(', ')}; is this the decoded credential report?`,
    );
    return fail(diagnostics);
  }
  const entries: CredentialReportEntry[] = [];
  for (const row of rows.slice(1)) {
    if (row.fields.length === 1 && row.fields[0] === '') continue;
    const at = (column: Column) => `line ${row.line}, ${column}`;
    if (row.fields.length !== header.fields.length) {
      bad(`line ${row.line}`, `has ${row.fields.length} fields, the header ${header.fields.length}`);
      continue;
    }
    const before = diagnostics.length;
    const field = (column: Column) => row.fields[indexOf.get(column) as number] as string;
    const flag = (column: Column, allowUnsupported = false): boolean => {
      const value = field(column);
      if (value === 'true') return true;
      if (value !== 'false' && !(allowUnsupported && value === 'not_supported'))
        bad(at(column), `must be \`true\` or \`false\`, found \`${value}\``);
      return false;
    };
    const date = (column: Column, required = false): string | undefined => {
      const value = field(column);
      if (!required && NO_DATE.has(value)) return undefined;
      const time = Date.parse(value);
      if (Number.isNaN(time)) {
        bad(at(column), `must be an ISO 8601 date${required ? '' : ' or `N/A`'}, found \`${value}\``);
        return undefined;
      }
      return toIsoSeconds(time);
    };
    const user = field('user');
    const arn = field('arn');
    if (!/^arn:[a-z-]+:iam::\d{12}:(?:root|user\/.+)$/.test(arn))
      bad(at('arn'), `\`${arn}\` is not an IAM user or root ARN`);
    const userCreationTime = date('user_creation_time', true);
    const passwordEnabled = flag('password_enabled', true);
    const passwordLastUsed = date('password_last_used');
    const passwordLastChanged = date('password_last_changed');
    const mfaActive = flag('mfa_active');
    const accessKeys: CredentialReportAccessKey[] = [];
    for (const index of [1, 2] as const) {
      const active = flag(`access_key_${index}_active`);
      const lastRotated = date(`access_key_${index}_last_rotated`);
      const lastUsedDate = date(`access_key_${index}_last_used_date`);
      const service = field(`access_key_${index}_last_used_service`);
      if (lastRotated === undefined && !active) continue;
      accessKeys.push({
        index,
        active,
        ...(lastRotated === undefined ? {} : { lastRotated }),
        ...(lastUsedDate === undefined ? {} : { lastUsedDate }),
        ...(NO_DATE.has(service) || service === '' ? {} : { lastUsedService: service }),
      });
    }
    if (diagnostics.length > before || userCreationTime === undefined) continue;
    entries.push({
      user,
      arn,
      isRoot: user === '<root_account>',
      userCreationTime,
      passwordEnabled,
      ...(passwordLastUsed === undefined ? {} : { passwordLastUsed }),
      ...(passwordLastChanged === undefined ? {} : { passwordLastChanged }),
      mfaActive,
      accessKeys,
    });
  }
  if (diagnostics.length > 0) return fail(diagnostics);
  entries.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  return ok(entries);
}

/** RFC 4180 CSV: fields may be quoted, with `""` for a quote; rows end with LF or CRLF. */
function parseCsv(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows;
}

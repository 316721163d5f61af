/**
 * Reads the output of `aws iam get-account-authorization-details` (GAAD) into the IAM side of an
 * account: users, groups, roles and managed policies, with every reference between them checked.
 *
 * Accepted forms, all seen in the wild:
 * - the unmodified CLI output, one object (policy documents decoded to objects);
 * - the raw API output, with policy documents as URL-encoded JSON strings;
 * - several pages concatenated into one JSON array of page objects;
 * - several pages merged into one object (lists concatenated; `IsTruncated`/`Marker` left in).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 * @see https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html
 */
import { fail, hasErrors, joinPath, ok, type Result } from '../diagnostics/diagnostic.js';
import type {
  AccountIam,
  AttachedPolicy,
  Group,
  InlinePolicy,
  InstanceProfile,
  ManagedPolicy,
  PolicyVersion,
  Role,
  RoleLastUsed,
  User,
} from './model.js';
import { readPolicyDocument } from './policy-document.js';
import {
  type Checker,
  compareStrings,
  describeType,
  isRecord,
  type JsonObject,
  optionalArray,
  optionalBoolean,
  optionalCount,
  optionalRecord,
  optionalString,
  readTagList,
  recordsOf,
  reportShape,
  requireString,
  snapshotError,
  snapshotWarning,
} from './private/fields.js';

/** Options of {@link parseAuthorizationDetails}. */
export interface AuthorizationDetailsOptions {
  /**
   * The account the file must belong to (the name of its folder in a snapshot). Without it, the
   * account id is read from the ARNs, and a file with no ARN is an error.
   */
  readonly accountId?: string;
}

const FIX = 'check that the file is the unmodified output of `aws iam get-account-authorization-details`';
const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
type ListName = (typeof LISTS)[number];
type Entry = { readonly item: JsonObject; readonly path: string };
type PrincipalKind = 'user' | 'group' | 'role';

/** A reference to a managed policy, checked once every page has been read. */
interface PolicyReference {
  readonly arn: string;
  readonly path: string;
  readonly kind: PrincipalKind;
  readonly name: string;
  readonly boundary: boolean;
}

const IAM_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}|aws):([a-z-]+)\/(.+)$/;

/**
 * The IAM side of one account from a parsed GAAD file, or the diagnostics that prevent it.
 * Warnings (an AWS managed policy left out by `--filter`, a truncated export) come with the value.
 *
 * The default version of each managed policy is the one decisions use. The other versions of a
 * customer managed policy are decoded too (`otherVersions`, for `iam-set-default-policy-version`);
 * those of AWS managed policies, often dozens each, are skipped, which keeps large files fast.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
export function parseAuthorizationDetails(
  json: unknown,
  options: AuthorizationDetailsOptions = {},
): Result<AccountIam> {
  const c: Checker = { diagnostics: [], fix: FIX };
  const lists = collectPages(c, json);
  if (lists === undefined) return fail(c.diagnostics);

  const reader = new EntryReader(c, options.accountId);
  const users = lists.UserDetailList.map((e) => reader.user(e)).filter((u) => u !== undefined);
  const groups = lists.GroupDetailList.map((e) => reader.group(e)).filter((g) => g !== undefined);
  const roles = lists.RoleDetailList.map((e) => reader.role(e)).filter((r) => r !== undefined);
  const policies = lists.Policies.map((e) => reader.policy(e)).filter((p) => p !== undefined);

  checkDuplicateNames(c, 'user', users);
  checkDuplicateNames(c, 'group', groups);
  checkDuplicateNames(c, 'role', roles);
  checkPolicyReferences(c, reader.references, reader.policyArns);

  const members = new Map<string, string[]>(groups.map(({ value }) => [value.name, []]));
  for (const { value: user, path } of users) {
    user.groups.forEach((groupName, index) => {
      const list = members.get(groupName);
      if (list) list.push(user.name);
      else {
        c.diagnostics.push(
          snapshotWarning(
            'snapshot.unknown-group',
            joinPath(joinPath(path, 'GroupList'), index),
            `user \`${user.name}\` is in group \`${groupName}\`, absent from \`GroupDetailList\`, so the group's policies are not counted; export the file again without \`--filter\``,
          ),
        );
      }
    });
  }

  const accountId = options.accountId ?? reader.accountId;
  if (accountId === undefined && !hasErrors(c.diagnostics)) {
    c.diagnostics.push(
      snapshotError(
        'snapshot.unknown-account',
        '',
        'the file has no user, group, role or customer managed policy to read the account id from; put it in a snapshot folder as `accounts/<account id>/iam.json`',
      ),
    );
  }
  if (accountId === undefined || hasErrors(c.diagnostics)) return fail(c.diagnostics);

  const byArn = <T extends { readonly arn: string }>(a: T, b: T) => compareStrings(a.arn, b.arn);
  return ok(
    {
      id: accountId,
      partition: reader.partition ?? 'aws',
      users: users.map((u) => u.value).sort(byArn),
      groups: groups
        .map(
          ({ value }): Group => ({ ...value, members: (members.get(value.name) ?? []).sort(compareStrings) }),
        )
        .sort(byArn),
      roles: roles.map((r) => r.value).sort(byArn),
      managedPolicies: policies.map((p) => p.value).sort(byArn),
    },
    c.diagnostics,
  );
}

/** The entries of every list, across pages, each with its path in the file. */
function collectPages(c: Checker, json: unknown): Record<ListName, Entry[]> | undefined {
  const isPage = (value: unknown): value is JsonObject =>
    isRecord(value) && LISTS.some((key) => key in value);
  let pages: Entry[];
  if (isPage(json)) {
    pages = [{ item: json, path: '' }];
    if (json.NextToken !== undefined && json.NextToken !== null) {
      c.diagnostics.push(
        snapshotWarning(
          'snapshot.truncated',
          'NextToken',
          'the file ends with a `NextToken`, so more pages follow; export the file again without `--max-items`',
        ),
      );
    }
  } else if (Array.isArray(json) && json.length > 0) {
    pages = [];
    json.forEach((page, index) => {
      if (isPage(page)) pages.push({ item: page, path: joinPath('', index) });
      else reportShape(c, joinPath('', index), `a page must be an object with \`${LISTS.join('`, `')}\``);
    });
    const last = json[json.length - 1];
    if (isRecord(last) && last.IsTruncated === true) {
      c.diagnostics.push(
        snapshotWarning(
          'snapshot.truncated',
          joinPath(joinPath('', json.length - 1), 'IsTruncated'),
          'the last page has `IsTruncated: true`, so more pages follow; add the missing pages to the file',
        ),
      );
    }
  } else {
    reportShape(
      c,
      '',
      `expected an object with \`${LISTS.join('`, `')}\` (or an array of such pages), found ${describeType(json)}`,
    );
    return undefined;
  }
  const lists: Record<ListName, Entry[]> = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  for (const page of pages) {
    for (const key of LISTS) {
      const path = joinPath(page.path, key);
      for (const entry of recordsOf(c, optionalArray(c, page.item, key, page.path), path, 'an entry')) {
        lists[key].push(entry);
      }
    }
  }
  return lists;
}

/** Reads entries, remembering the account and partition their ARNs name and every policy reference. */
class EntryReader {
  accountId: string | undefined;
  partition: string | undefined;
  private accountPath = '';
  private readonly mismatchedAccounts = new Set<string>();
  readonly references: PolicyReference[] = [];
  /** The ARN of every entry of `Policies`, with its path, even when the entry has other errors. */
  readonly policyArns = new Map<string, string>();

  constructor(
    private readonly c: Checker,
    private readonly expectedAccountId: string | undefined,
  ) {
    this.accountId = expectedAccountId;
  }

  user({ item, path }: Entry): { value: User; path: string } | undefined {
    const name = requireString(this.c, item, 'UserName', path);
    const arn = this.arn(item, path, 'user');
    const groups: string[] = [];
    optionalArray(this.c, item, 'GroupList', path).forEach((group, index) => {
      if (typeof group === 'string') groups.push(group);
      else
        reportShape(
          this.c,
          joinPath(joinPath(path, 'GroupList'), index),
          `a group name must be a string, found ${describeType(group)}`,
        );
    });
    const inlinePolicies = this.inlinePolicies(item, 'UserPolicyList', path);
    const attachedPolicies = this.attachedPolicies(item, path, 'user', name);
    const permissionsBoundary = this.boundary(item, path, 'user', name);
    const tags = readTagList(this.c, item, path);
    if (name === undefined || arn === undefined) return undefined;
    const user: User = {
      ...this.common(item, path, name, arn, 'UserId'),
      groups: groups.sort(compareStrings),
      inlinePolicies,
      attachedPolicies,
      ...(permissionsBoundary === undefined ? {} : { permissionsBoundary }),
      tags,
    };
    return { value: user, path };
  }

  group({ item, path }: Entry): { value: Omit<Group, 'members'>; path: string } | undefined {
    const name = requireString(this.c, item, 'GroupName', path);
    const arn = this.arn(item, path, 'group');
    const inlinePolicies = this.inlinePolicies(item, 'GroupPolicyList', path);
    const attachedPolicies = this.attachedPolicies(item, path, 'group', name);
    if (name === undefined || arn === undefined) return undefined;
    return {
      value: { ...this.common(item, path, name, arn, 'GroupId'), inlinePolicies, attachedPolicies },
      path,
    };
  }

  role({ item, path }: Entry): { value: Role; path: string } | undefined {
    const name = requireString(this.c, item, 'RoleName', path);
    const arn = this.arn(item, path, 'role');
    const trustPolicy = this.document(item, 'AssumeRolePolicyDocument', path);
    const instanceProfiles: InstanceProfile[] = [];
    const profilesPath = joinPath(path, 'InstanceProfileList');
    for (const entry of recordsOf(
      this.c,
      optionalArray(this.c, item, 'InstanceProfileList', path),
      profilesPath,
      'an instance profile',
    )) {
      const profileName = requireString(this.c, entry.item, 'InstanceProfileName', entry.path);
      const profileArn = requireString(this.c, entry.item, 'Arn', entry.path);
      if (profileName !== undefined && profileArn !== undefined) {
        instanceProfiles.push(
          this.common(entry.item, entry.path, profileName, profileArn, 'InstanceProfileId'),
        );
      }
    }
    const lastUsedRecord = optionalRecord(this.c, item, 'RoleLastUsed', path);
    let lastUsed: RoleLastUsed | undefined;
    if (lastUsedRecord !== undefined) {
      const lastUsedPath = joinPath(path, 'RoleLastUsed');
      const date = optionalString(this.c, lastUsedRecord, 'LastUsedDate', lastUsedPath);
      const region = optionalString(this.c, lastUsedRecord, 'Region', lastUsedPath);
      if (date !== undefined) lastUsed = region === undefined ? { date } : { date, region };
    }
    const inlinePolicies = this.inlinePolicies(item, 'RolePolicyList', path);
    const attachedPolicies = this.attachedPolicies(item, path, 'role', name);
    const permissionsBoundary = this.boundary(item, path, 'role', name);
    const tags = readTagList(this.c, item, path);
    if (name === undefined || arn === undefined || trustPolicy === undefined) return undefined;
    const common = this.common(item, path, name, arn, 'RoleId');
    const role: Role = {
      ...common,
      serviceLinked: common.path.startsWith('/aws-service-role/'),
      trustPolicy,
      instanceProfiles: instanceProfiles.sort((a, b) => compareStrings(a.arn, b.arn)),
      ...(lastUsed === undefined ? {} : { lastUsed }),
      inlinePolicies,
      attachedPolicies,
      ...(permissionsBoundary === undefined ? {} : { permissionsBoundary }),
      tags,
    };
    return { value: role, path };
  }

  policy({ item, path }: Entry): { value: ManagedPolicy; path: string } | undefined {
    const name = requireString(this.c, item, 'PolicyName', path);
    const arn = this.arn(item, path, 'policy');
    if (arn !== undefined) {
      const first = this.policyArns.get(arn);
      if (first === undefined) this.policyArns.set(arn, path);
      else {
        this.c.diagnostics.push(
          snapshotError(
            'snapshot.duplicate-policy',
            path,
            `managed policy \`${arn}\` appears twice (also at \`${first}\`); remove the duplicate page or entry`,
          ),
        );
      }
    }
    const defaultVersionId = optionalString(this.c, item, 'DefaultVersionId', path);
    const attachmentCount = optionalCount(this.c, item, 'AttachmentCount', path);
    const permissionsBoundaryUsageCount = optionalCount(this.c, item, 'PermissionsBoundaryUsageCount', path);
    const description = optionalString(this.c, item, 'Description', path);
    const versionsPath = joinPath(path, 'PolicyVersionList');
    const versions = recordsOf(
      this.c,
      optionalArray(this.c, item, 'PolicyVersionList', path),
      versionsPath,
      'a policy version',
    );
    const defaults = versions.filter(
      (v) => optionalBoolean(this.c, v.item, 'IsDefaultVersion', v.path) === true,
    );
    if (name === undefined || arn === undefined) return undefined;

    const [chosen, ...others] = defaults;
    if (chosen === undefined) {
      this.c.diagnostics.push(
        snapshotError(
          'snapshot.no-default-version',
          versionsPath,
          `managed policy \`${arn}\` has no version with \`IsDefaultVersion: true\`; export the file again, or mark its default version`,
        ),
      );
      return undefined;
    }
    const versionId = requireString(this.c, chosen.item, 'VersionId', chosen.path);
    if (
      others.length > 0 ||
      (defaultVersionId !== undefined && versionId !== undefined && versionId !== defaultVersionId)
    ) {
      const why =
        others.length > 0
          ? `${defaults.length} versions have \`IsDefaultVersion: true\``
          : `\`DefaultVersionId\` is \`${defaultVersionId}\` but version \`${versionId}\` has \`IsDefaultVersion: true\``;
      this.c.diagnostics.push(
        snapshotError(
          'snapshot.conflicting-default-version',
          others.length > 0 ? (others[0]?.path ?? versionsPath) : joinPath(path, 'DefaultVersionId'),
          `managed policy \`${arn}\`: ${why}; export the file again, it should name one default version`,
        ),
      );
    }
    const document = this.document(chosen.item, 'Document', chosen.path);
    const awsManaged = arn.split(':')[4] === 'aws';
    const otherVersions = awsManaged ? undefined : this.otherVersions(versions, chosen);
    if (versionId === undefined || document === undefined) return undefined;
    const policy: ManagedPolicy = {
      ...this.common(item, path, name, arn, 'PolicyId'),
      awsManaged,
      ...(description === undefined ? {} : { description }),
      defaultVersionId: versionId,
      document,
      ...(otherVersions === undefined ? {} : { otherVersions }),
      attachmentCount,
      permissionsBoundaryUsageCount,
    };
    return { value: policy, path };
  }

  /** The versions of a customer managed policy other than the default, sorted by version number. */
  private otherVersions(versions: readonly Entry[], chosen: Entry): PolicyVersion[] {
    const out: PolicyVersion[] = [];
    for (const entry of versions) {
      if (entry === chosen) continue;
      const versionId = requireString(this.c, entry.item, 'VersionId', entry.path);
      const createDate = optionalString(this.c, entry.item, 'CreateDate', entry.path);
      const document = this.document(entry.item, 'Document', entry.path);
      if (versionId === undefined || document === undefined) continue;
      out.push({ versionId, ...(createDate === undefined ? {} : { createDate }), document });
    }
    return out.sort(
      (a, b) =>
        versionNumber(a.versionId) - versionNumber(b.versionId) || compareStrings(a.versionId, b.versionId),
    );
  }

  /** Name, ARN, id, path and creation date, the fields every IAM entity shares. */
  private common(item: JsonObject, path: string, name: string, arn: string, idKey: string) {
    const id = optionalString(this.c, item, idKey, path);
    const iamPath = optionalString(this.c, item, 'Path', path) ?? '/';
    const createDate = optionalString(this.c, item, 'CreateDate', path);
    return {
      name,
      arn,
      ...(id === undefined ? {} : { id }),
      path: iamPath,
      ...(createDate === undefined ? {} : { createDate }),
    };
  }

  /** The `Arn` of an entry, checked to be an IAM ARN of the right kind and of the file's account. */
  private arn(item: JsonObject, path: string, kind: PrincipalKind | 'policy'): string | undefined {
    const arn = requireString(this.c, item, 'Arn', path);
    if (arn === undefined) return undefined;
    const arnPath = joinPath(path, 'Arn');
    const match = IAM_ARN.exec(arn);
    const account = match?.[2];
    if (match === null || match[3] !== kind || (account === 'aws' && kind !== 'policy')) {
      this.c.diagnostics.push(
        snapshotError(
          'snapshot.invalid-arn',
          arnPath,
          `\`${arn}\` is not the ARN of an IAM ${kind === 'policy' ? 'managed policy' : kind}; ${FIX}`,
        ),
      );
      return undefined;
    }
    this.partition ??= match[1];
    if (account === 'aws' || account === undefined) return arn;
    if (this.accountId === undefined) {
      this.accountId = account;
      this.accountPath = arnPath;
    } else if (account !== this.accountId && !this.mismatchedAccounts.has(account)) {
      // One error per foreign account is enough: a misplaced file would otherwise get one per entry.
      this.mismatchedAccounts.add(account);
      const where =
        this.expectedAccountId === undefined
          ? `earlier ARNs (at \`${this.accountPath}\`) are in account \`${this.accountId}\`; export each account to its own file`
          : `the file is in the folder of account \`${this.accountId}\`; move it to \`accounts/${account}/iam.json\``;
      this.c.diagnostics.push(
        snapshotError(
          'snapshot.account-mismatch',
          arnPath,
          `\`${arn}\` is in account \`${account}\`, but ${where}`,
        ),
      );
    }
    return arn;
  }

  /** A policy document property, decoded. */
  private document(
    item: JsonObject,
    key: string,
    path: string,
  ): Readonly<Record<string, unknown>> | undefined {
    const value = item[key];
    if (value === undefined || value === null) {
      reportShape(this.c, joinPath(path, key), `\`${key}\` is missing`);
      return undefined;
    }
    const result = readPolicyDocument(value, joinPath(path, key));
    if (result.ok) return result.value;
    this.c.diagnostics.push(...result.diagnostics);
    return undefined;
  }

  private inlinePolicies(item: JsonObject, key: string, path: string): InlinePolicy[] {
    const out: InlinePolicy[] = [];
    for (const entry of recordsOf(
      this.c,
      optionalArray(this.c, item, key, path),
      joinPath(path, key),
      'an inline policy',
    )) {
      const name = requireString(this.c, entry.item, 'PolicyName', entry.path);
      const document = this.document(entry.item, 'PolicyDocument', entry.path);
      if (name !== undefined && document !== undefined) out.push({ name, document });
    }
    return out.sort((a, b) => compareStrings(a.name, b.name));
  }

  private attachedPolicies(
    item: JsonObject,
    path: string,
    kind: PrincipalKind,
    owner: string | undefined,
  ): AttachedPolicy[] {
    const out: AttachedPolicy[] = [];
    const listPath = joinPath(path, 'AttachedManagedPolicies');
    for (const entry of recordsOf(
      this.c,
      optionalArray(this.c, item, 'AttachedManagedPolicies', path),
      listPath,
      'an attached policy',
    )) {
      const name = requireString(this.c, entry.item, 'PolicyName', entry.path);
      const arn = requireString(this.c, entry.item, 'PolicyArn', entry.path);
      if (name === undefined || arn === undefined) continue;
      out.push({ name, arn });
      if (owner !== undefined) {
        this.references.push({
          arn,
          path: joinPath(entry.path, 'PolicyArn'),
          kind,
          name: owner,
          boundary: false,
        });
      }
    }
    return out.sort((a, b) => compareStrings(a.arn, b.arn));
  }

  private boundary(
    item: JsonObject,
    path: string,
    kind: PrincipalKind,
    owner: string | undefined,
  ): string | undefined {
    const record = optionalRecord(this.c, item, 'PermissionsBoundary', path);
    if (record === undefined) return undefined;
    const boundaryPath = joinPath(path, 'PermissionsBoundary');
    const arn = requireString(this.c, record, 'PermissionsBoundaryArn', boundaryPath);
    if (arn !== undefined && owner !== undefined) {
      this.references.push({
        arn,
        path: joinPath(boundaryPath, 'PermissionsBoundaryArn'),
        kind,
        name: owner,
        boundary: true,
      });
    }
    return arn;
  }
}

/** IAM names are unique per account without regard to case: `Admin` and `admin` cannot both exist. */
function checkDuplicateNames(
  c: Checker,
  kind: PrincipalKind,
  entries: readonly { readonly value: { readonly name: string }; readonly path: string }[],
): void {
  const seen = new Map<string, { name: string; path: string }>();
  for (const { value, path } of entries) {
    const key = value.name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, { name: value.name, path });
      continue;
    }
    const same =
      first.name === value.name ? 'appears twice' : `clashes with \`${first.name}\` (IAM names ignore case)`;
    c.diagnostics.push(
      snapshotError(
        'snapshot.duplicate-name',
        path,
        `${kind} name \`${value.name}\` ${same}, also at \`${first.path}\`; remove the duplicate page or entry`,
      ),
    );
  }
}

function checkPolicyReferences(
  c: Checker,
  references: readonly PolicyReference[],
  policyArns: ReadonlyMap<string, string>,
): void {
  for (const ref of references) {
    if (policyArns.has(ref.arn)) continue;
    const owner = `${ref.kind} \`${ref.name}\``;
    if (ref.arn.split(':')[4] === 'aws') {
      c.diagnostics.push(
        snapshotWarning(
          'snapshot.missing-aws-managed-policy',
          ref.path,
          `the AWS managed policy \`${ref.arn}\`, ${ref.boundary ? 'the permissions boundary of' : 'attached to'} ${owner}, is absent from \`Policies\`, so its permissions are not counted; export the file again without \`--filter\``,
        ),
      );
    } else {
      c.diagnostics.push(
        snapshotError(
          'snapshot.unknown-managed-policy',
          ref.path,
          `${owner} ${ref.boundary ? 'uses' : 'has'} \`${ref.arn}\` ${ref.boundary ? 'as permissions boundary' : 'attached'}, but \`Policies\` has no such managed policy; export the file again without \`--filter\``,
        ),
      );
    }
  }
}

/** The number of a version id (`v12` → 12), for sorting; versions IAM did not name sort last. */
function versionNumber(versionId: string): number {
  const match = /^v(\d+)$/.exec(versionId);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

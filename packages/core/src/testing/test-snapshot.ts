import type { WhoCanTools } from '../access/who-can.js';
import { loadCatalog } from '../catalog/catalog.js';
import { loadResourceTypeIndex } from '../catalog/resource-types.js';
import { buildSnapshot, snapshotSourceFromFiles } from '../snapshot/build-snapshot.js';
import type { Snapshot } from '../snapshot/model.js';

/** A policy document as a test writes it. */
export interface Doc {
  readonly Version?: string;
  readonly Statement: readonly Record<string, unknown>[];
}

/** A user, group or role of a test account. */
export interface Entity {
  readonly name: string;
  /** Inline policies: name -> document. */
  readonly inline?: Readonly<Record<string, Doc>>;
  /** Managed policy names (customer managed of the account) or full ARNs (AWS managed). */
  readonly managed?: readonly string[];
  /** Name of a customer managed policy used as permissions boundary. */
  readonly boundary?: string;
}

/** A role of a test account; `instanceProfile` gives it one named like the role. */
export interface RoleSpec extends Entity {
  readonly trust?: Doc;
  readonly instanceProfile?: boolean;
}

/** A user of a test account. */
export interface UserSpec extends Entity {
  readonly groups?: readonly string[];
}

/** One test account. */
export interface AccountSpec {
  readonly roles?: readonly RoleSpec[];
  readonly users?: readonly UserSpec[];
  readonly groups?: readonly Entity[];
  /** Customer managed policies: name -> document. */
  readonly policies?: Readonly<Record<string, Doc>>;
  /** resources.json entries (`arn`, `type`, `properties`...); region eu-west-1 by default. */
  readonly resources?: readonly Record<string, unknown>[];
}

/** The AWS managed policies a test may attach, with their real documents. */
const awsManaged: Readonly<Record<string, Doc>> = {
  AdministratorAccess: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

const date = '2026-01-01T00:00:00+00:00';

/** organization.json, minimal: one root holding every account, `FullAWSAccess`, and the given SCPs and RCPs at the root. */
export interface OrganizationSpec {
  readonly id: string;
  readonly managementAccountId: string;
  readonly scps?: readonly Doc[];
  readonly rcps?: readonly Doc[];
}

/**
 * A snapshot for tests, built by the real loader from files in the real formats
 * (`get-account-authorization-details` output, resources.json, organization.json). A role
 * without `trust` trusts `defaultTrust`.
 */
export function testSnapshot(
  accounts: Readonly<Record<string, AccountSpec>>,
  organization: OrganizationSpec | undefined,
  defaultTrust: Doc,
): Snapshot {
  const files: { path: string; text: string }[] = [
    {
      path: 'snapshot.json',
      text: JSON.stringify({ format: 'accessloop-snapshot/1', collectedAt: '2026-11-16T07:42:10Z' }),
    },
  ];
  const doc = (d: Doc) => ({ Version: '2012-10-17', ...d });
  for (const [id, account] of Object.entries(accounts)) {
    const arnOf = (name: string) => (name.startsWith('arn:') ? name : `arn:aws:iam::${id}:policy/${name}`);
    const attached = (names: readonly string[] = []) =>
      names.map((n) => ({ PolicyName: arnOf(n).slice(arnOf(n).lastIndexOf('/') + 1), PolicyArn: arnOf(n) }));
    const inline = (e: Entity) =>
      Object.entries(e.inline ?? {}).map(([name, d]) => ({ PolicyName: name, PolicyDocument: doc(d) }));
    const boundary = (e: Entity) =>
      e.boundary
        ? {
            PermissionsBoundary: {
              PermissionsBoundaryType: 'Policy',
              PermissionsBoundaryArn: arnOf(e.boundary),
            },
          }
        : {};
    const everyEntity: Entity[] = [
      ...(account.roles ?? []),
      ...(account.users ?? []),
      ...(account.groups ?? []),
    ];
    const usedAws = new Set(
      everyEntity.flatMap((e) => e.managed ?? []).filter((n) => n.startsWith('arn:aws:iam::aws:policy/')),
    );
    const policy = (name: string, d: Doc, arn: string, i: number) => ({
      PolicyName: name,
      PolicyId: `ANPA${id}${i}`,
      Arn: arn,
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 1,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: date,
      UpdateDate: date,
      PolicyVersionList: [{ Document: doc(d), VersionId: 'v1', IsDefaultVersion: true, CreateDate: date }],
    });
    const gaad = {
      UserDetailList: (account.users ?? []).map((u, i) => ({
        Path: '/',
        UserName: u.name,
        UserId: `AIDA${id}${i}`,
        Arn: `arn:aws:iam::${id}:user/${u.name}`,
        CreateDate: date,
        UserPolicyList: inline(u),
        GroupList: u.groups ?? [],
        AttachedManagedPolicies: attached(u.managed),
        ...boundary(u),
        Tags: [],
      })),
      GroupDetailList: (account.groups ?? []).map((g, i) => ({
        Path: '/',
        GroupName: g.name,
        GroupId: `AGPA${id}${i}`,
        Arn: `arn:aws:iam::${id}:group/${g.name}`,
        CreateDate: date,
        GroupPolicyList: inline(g),
        AttachedManagedPolicies: attached(g.managed),
      })),
      RoleDetailList: (account.roles ?? []).map((r, i) => ({
        Path: '/',
        RoleName: r.name,
        RoleId: `AROA${id}${i}`,
        Arn: `arn:aws:iam::${id}:role/${r.name}`,
        CreateDate: date,
        AssumeRolePolicyDocument: doc(r.trust ?? defaultTrust),
        InstanceProfileList: r.instanceProfile
          ? [
              {
                Path: '/',
                InstanceProfileName: r.name,
                InstanceProfileId: `AIPA${id}${i}`,
                Arn: `arn:aws:iam::${id}:instance-profile/${r.name}`,
                CreateDate: date,
                Roles: [],
              },
            ]
          : [],
        RolePolicyList: inline(r),
        AttachedManagedPolicies: attached(r.managed),
        ...boundary(r),
        Tags: [],
        RoleLastUsed: {},
      })),
      Policies: [
        ...Object.entries(account.policies ?? {}).map(([name, d], i) => policy(name, d, arnOf(name), i)),
        ...[...usedAws].map((arn, i) => {
          const name = arn.slice(arn.lastIndexOf('/') + 1);
          return policy(name, awsManaged[name] ?? { Statement: [] }, arn, 1000 + i);
        }),
      ],
    };
    files.push({ path: `accounts/${id}/iam.json`, text: JSON.stringify(gaad) });
    if (account.resources) {
      files.push({
        path: `accounts/${id}/resources.json`,
        text: JSON.stringify(
          account.resources.map((r) => ({
            accountId: id,
            region: 'eu-west-1',
            tags: {},
            properties: {},
            ...r,
          })),
        ),
      });
    }
  }
  if (organization) {
    const ids = Object.keys(accounts);
    const orgPolicies = [
      ...(organization.scps ?? []).map((d, i) => ({ type: 'SERVICE_CONTROL_POLICY', name: `scp${i}`, d })),
      ...(organization.rcps ?? []).map((d, i) => ({ type: 'RESOURCE_CONTROL_POLICY', name: `rcp${i}`, d })),
    ];
    const file = {
      Organization: { Id: organization.id, MasterAccountId: organization.managementAccountId },
      Roots: [{ Id: 'r-root', Name: 'Root' }],
      OrganizationalUnits: [],
      Accounts: ids.map((id) => ({ Id: id, Name: id, Status: 'ACTIVE', ParentId: 'r-root' })),
      Policies: [
        {
          Id: 'p-FullAWSAccess',
          Name: 'FullAWSAccess',
          Type: 'SERVICE_CONTROL_POLICY',
          AwsManaged: true,
          Content: doc({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
          Targets: ['r-root', ...ids],
        },
        ...orgPolicies.map((p, i) => ({
          Id: `p-test${i}`,
          Name: p.name,
          Type: p.type,
          AwsManaged: false,
          Content: doc(p.d),
          Targets: ['r-root'],
        })),
      ],
    };
    files.push({ path: 'organization.json', text: JSON.stringify(file) });
  }
  const built = buildSnapshot(snapshotSourceFromFiles(files));
  if (!built.ok)
    throw new Error(`test snapshot does not load: ${JSON.stringify(built.diagnostics.slice(0, 3))}`);
  return built.value;
}

let tools: Promise<WhoCanTools> | undefined;

/** The service catalog and resource type index, loaded once per test file. */
export function loadTools(): Promise<WhoCanTools> {
  tools ??= (async () => {
    const catalog = await loadCatalog();
    return { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
  })();
  return tools;
}

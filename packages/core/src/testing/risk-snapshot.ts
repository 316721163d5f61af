import type { WhoCanTools } from '../access/who-can.js';
import { loadCatalog } from '../catalog/catalog.js';
import { loadResourceTypeIndex } from '../catalog/resource-types.js';
import { buildSnapshot, snapshotSourceFromFiles } from '../snapshot/build-snapshot.js';
import type { Snapshot } from '../snapshot/model.js';

/** A policy document as a test writes it. */
export type TestPolicy = { Version?: string; Statement: readonly Record<string, unknown>[] };

/** A role of a test account: its name, trust policy, inline policies, managed policy ARNs, boundary. */
export interface TestRole {
  readonly name: string;
  readonly trust?: TestPolicy;
  readonly inline?: Readonly<Record<string, TestPolicy>>;
  readonly managed?: readonly string[];
  readonly boundary?: string;
}

/** A user of a test account. */
export interface TestUser {
  readonly name: string;
  readonly inline?: Readonly<Record<string, TestPolicy>>;
  readonly managed?: readonly string[];
}

/** One account of a test snapshot, written as the AWS CLI and resources.json write it. */
export interface TestAccount {
  readonly roles?: readonly TestRole[];
  readonly users?: readonly TestUser[];
  /** Customer managed policies: name -> document. */
  readonly policies?: Readonly<Record<string, TestPolicy>>;
  /** resources.json entries. */
  readonly resources?: readonly Record<string, unknown>[];
}

/** Organization shape of organization.json, minimal: one root with every account and the given SCPs/RCPs. */
export interface TestOrganization {
  readonly id?: string;
  readonly scps?: readonly TestPolicy[];
  readonly rcps?: readonly TestPolicy[];
}

const date = '2026-01-01T00:00:00+00:00';

/**
 * A snapshot built by the real loader from files in the real formats
 * (`get-account-authorization-details` output, resources.json, organization.json), for rule tests.
 */
export function riskSnapshot(
  accounts: Readonly<Record<string, TestAccount>>,
  organization?: TestOrganization,
): Snapshot {
  const files: { path: string; text: string }[] = [
    {
      path: 'snapshot.json',
      text: JSON.stringify({ format: 'accessloop-snapshot/1', collectedAt: '2026-11-16T07:42:10Z' }),
    },
  ];
  for (const [id, account] of Object.entries(accounts)) {
    const policy = (p: TestPolicy) => ({ Version: '2012-10-17', ...p });
    const attached = (arns: readonly string[] = []) =>
      arns.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }));
    const gaad = {
      UserDetailList: (account.users ?? []).map((u, i) => ({
        Path: '/',
        UserName: u.name,
        UserId: `AIDA${id}${i}`,
        Arn: `arn:aws:iam::${id}:user/${u.name}`,
        CreateDate: date,
        UserPolicyList: Object.entries(u.inline ?? {}).map(([name, doc]) => ({
          PolicyName: name,
          PolicyDocument: policy(doc),
        })),
        GroupList: [],
        AttachedManagedPolicies: attached(u.managed),
        Tags: [],
      })),
      GroupDetailList: [],
      RoleDetailList: (account.roles ?? []).map((r, i) => ({
        Path: '/',
        RoleName: r.name,
        RoleId: `AROA${id}${i}`,
        Arn: `arn:aws:iam::${id}:role/${r.name}`,
        CreateDate: date,
        AssumeRolePolicyDocument: policy(
          r.trust ?? {
            Statement: [
              { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
            ],
          },
        ),
        InstanceProfileList: [],
        RolePolicyList: Object.entries(r.inline ?? {}).map(([name, doc]) => ({
          PolicyName: name,
          PolicyDocument: policy(doc),
        })),
        AttachedManagedPolicies: attached(r.managed),
        ...(r.boundary
          ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: r.boundary } }
          : {}),
        Tags: [],
        RoleLastUsed: {},
      })),
      Policies: Object.entries(account.policies ?? {}).map(([name, doc], i) => ({
        PolicyName: name,
        PolicyId: `ANPA${id}${i}`,
        Arn: `arn:aws:iam::${id}:policy/${name}`,
        Path: '/',
        DefaultVersionId: 'v1',
        AttachmentCount: 1,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        CreateDate: date,
        UpdateDate: date,
        PolicyVersionList: [
          { Document: policy(doc), VersionId: 'v1', IsDefaultVersion: true, CreateDate: date },
        ],
      })),
    };
    files.push({ path: `accounts/${id}/iam.json`, text: JSON.stringify(gaad) });
    if (account.resources)
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
  if (organization) {
    const ids = Object.keys(accounts);
    const policies = [
      ...(organization.scps ?? []).map((doc, i) => ({
        type: 'SERVICE_CONTROL_POLICY',
        name: `scp${i}`,
        doc,
      })),
      ...(organization.rcps ?? []).map((doc, i) => ({
        type: 'RESOURCE_CONTROL_POLICY',
        name: `rcp${i}`,
        doc,
      })),
    ];
    const full = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    };
    files.push({
      path: 'organization.json',
      text: JSON.stringify({
        Organization: { Id: organization.id ?? 'o-test123456', MasterAccountId: '999999999999' },
        Roots: [{ Id: 'r-root', Name: 'Root' }],
        OrganizationalUnits: [],
        Accounts: ids.map((id) => ({ Id: id, Name: `account-${id}`, Status: 'ACTIVE', ParentId: 'r-root' })),
        Policies: [
          {
            Id: 'p-FullAWSAccess',
            Name: 'FullAWSAccess',
            Type: 'SERVICE_CONTROL_POLICY',
            AwsManaged: true,
            Content: full,
            Targets: ['r-root'],
          },
          ...policies.map((p, i) => ({
            Id: `p-test${i}`,
            Name: p.name,
            Type: p.type,
            AwsManaged: false,
            Content: { Version: '2012-10-17', ...p.doc },
            Targets: ['r-root'],
          })),
        ],
      }),
    });
  }
  const built = buildSnapshot(snapshotSourceFromFiles(files));
  if (!built.ok)
    throw new Error(`test snapshot does not load: ${JSON.stringify(built.diagnostics.slice(0, 3))}`);
  return built.value;
}

let tools: Promise<WhoCanTools> | undefined;

/** The full catalog and resource-type index, loaded once per test file. */
export function loadTools(): Promise<WhoCanTools> {
  tools ??= loadCatalog().then(async (catalog) => ({
    catalog,
    resourceTypes: await loadResourceTypeIndex(catalog),
  }));
  return tools;
}

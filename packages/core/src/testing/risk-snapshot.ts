import type { Snapshot } from '../snapshot/model.js';
import { type AccountSpec, type Doc, type RoleSpec, testSnapshot, type UserSpec } from './test-snapshot.js';

export { loadTools } from './test-snapshot.js';

/** A policy document as a test writes it. */
export type TestPolicy = Doc;
/** A role of a test account: its name, trust policy, inline policies, managed policy ARNs, boundary. */
export type TestRole = RoleSpec;
/** A user of a test account. */
export type TestUser = UserSpec;
/** One account of a test snapshot. */
export type TestAccount = AccountSpec;

/** organization.json of a rule test: every account under the root, with these SCPs and RCPs. */
export interface TestOrganization {
  readonly id?: string;
  readonly scps?: readonly TestPolicy[];
  readonly rcps?: readonly TestPolicy[];
}

/** Roles of rule tests trust EC2 unless they say otherwise. */
const ec2Trust: Doc = {
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** A snapshot for rule tests (see {@link testSnapshot}). */
export function riskSnapshot(
  accounts: Readonly<Record<string, TestAccount>>,
  organization?: TestOrganization,
): Snapshot {
  return testSnapshot(
    accounts,
    organization && {
      ...organization,
      id: organization.id ?? 'o-test123456',
      managementAccountId: '999999999999',
    },
    ec2Trust,
  );
}

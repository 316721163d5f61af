/**
 * Every diagnostic code that loading a snapshot can report, with what it means. Codes are stable:
 * scripts and CI configurations match on them, so a code is never renamed or reused.
 *
 * @see https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html
 */
export const snapshotCodes = {
  'snapshot.invalid-shape': 'a value is missing or has the wrong type for its place in the file',
  'snapshot.unsupported-format': '`snapshot.json` names a format this version of accessloop does not read',
  'snapshot.invalid-policy-document':
    'a policy document is JSON but not an object (a string that is not JSON at all is `policy.invalid-json`)',
  'snapshot.unknown-managed-policy':
    'an attachment or permissions boundary names a customer managed policy absent from `Policies`',
  'snapshot.missing-aws-managed-policy':
    'an attachment or permissions boundary names an AWS managed policy absent from `Policies` (warning)',
  'snapshot.unknown-group': 'a user is in a group absent from `GroupDetailList` (warning)',
  'snapshot.no-default-version': 'a managed policy has no version marked `IsDefaultVersion`',
  'snapshot.conflicting-default-version':
    'a managed policy has several default versions, or `DefaultVersionId` names another version',
  'snapshot.duplicate-name': 'two users, groups or roles of one account share a name (IAM names ignore case)',
  'snapshot.duplicate-policy': 'a managed policy ARN appears twice in `Policies`',
  'snapshot.duplicate-resource': 'a resource ARN appears twice in `resources.json`',
  'snapshot.duplicate-id': 'a root, OU, account or policy id appears twice in `organization.json`',
  'snapshot.invalid-arn': 'an `Arn` is not the IAM ARN its entry needs',
  'snapshot.account-mismatch': 'an ARN or account id belongs to another account than the file or folder',
  'snapshot.unknown-account': 'a single authorization-details file has no ARN to read the account id from',
  'snapshot.invalid-account-folder': 'a folder under `accounts/` is not named by a 12-digit account id',
  'snapshot.missing-file': 'an account folder has no `iam.json`',
  'snapshot.no-accounts': 'a snapshot folder has no `accounts/<id>/iam.json` at all',
  'snapshot.unknown-file': 'a file is not part of the snapshot layout and is ignored (warning)',
  'snapshot.unknown-parent': 'an OU or account in `organization.json` names a parent that does not exist',
  'snapshot.parent-cycle': 'the OU tree in `organization.json` has a cycle',
  'snapshot.unknown-target':
    'an SCP or RCP targets a root, OU or account absent from `organization.json` (warning)',
  'snapshot.account-not-in-organization':
    'an account folder is missing from the `Accounts` of `organization.json`; no SCP or RCP is applied to it (warning)',
  'snapshot.truncated': 'the authorization details say more pages follow; the file is incomplete (warning)',
} as const;

/** A diagnostic code of the snapshot loader. */
export type SnapshotCode = keyof typeof snapshotCodes;

/**
 * Every diagnostic code that reading observed usage (CloudTrail log files, IAM Access Advisor
 * data, credential reports) can report, with what it means. Codes are stable: scripts and CI
 * configurations match on them, so a code is never renamed or reused.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
export const usageCodes = {
  'usage.invalid-cloudtrail-file':
    'a CloudTrail log file is not the `{"Records": [...]}` JSON CloudTrail delivers, or ends early',
  'usage.invalid-cloudtrail-record': 'one record of a CloudTrail log file is not valid JSON or not an object',
  'usage.invalid-access-advisor':
    'an `access-advisor.json` value is missing or has the wrong type for its place',
  'usage.invalid-credential-report':
    'a `credential-report.csv` is not the CSV `aws iam get-credential-report` returns',
  'usage.no-collection-time':
    'the snapshot has no `collectedAt`, so findings that count days since last use are skipped (warning)',
} as const;

/** A diagnostic code of the usage readers. */
export type UsageCode = keyof typeof usageCodes;

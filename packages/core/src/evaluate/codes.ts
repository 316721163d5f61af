/**
 * Diagnostic codes of a simulate request. Stable: tools and users match on them.
 */
export const requestCodes = {
  'request.invalid': 'a simulate input is missing a field or has one of the wrong type',
  'request.malformed-arn':
    'the principal or resource of a request is not an ARN (or another form AWS accepts)',
  'request.unknown-action': 'the action of a request is not in the AWS service catalog',
} as const;

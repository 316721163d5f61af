/**
 * Diagnostic codes of a simulate request. Stable: tools and users match on them.
 */
export const requestCodes = {
  'request.invalid': 'a simulate input is missing a field or has one of the wrong type',
  'request.malformed-arn':
    'the principal or resource of a request is not an ARN (or another form AWS accepts)',
  'request.unknown-action': 'the action of a request is not in the AWS service catalog',
} as const;

/**
 * Diagnostic codes of reading input files and command lines, shared by every command.
 */
export const inputCodes = {
  'input.unreadable': 'a file does not exist or cannot be read',
  'input.empty': 'a file is empty',
  'input.invalid-json':
    'a file (or a line of a JSON Lines file) is not valid JSON; the message gives line and column',
  'cli.usage': 'the command line is incomplete or contradictory',
  internal: 'an unexpected failure inside accessloop; rerun with --debug and report it',
} as const;

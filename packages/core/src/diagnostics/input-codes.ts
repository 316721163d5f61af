/**
 * Diagnostic codes of reading input files and command lines, shared by every command.
 * Stable: tools and users match on them.
 */
export const inputCodes = {
  'input.not-found': 'a file or folder named on the command line, or one a snapshot needs, does not exist',
  'input.unreadable':
    'a file or folder exists but cannot be read (permissions, a folder where a file belongs)',
  'input.too-large': 'a file is larger than accessloop can hold in memory; the message says what to do',
  'input.empty': 'a file is empty or holds only whitespace',
  'input.invalid-json':
    'a file (or a line of a JSON Lines file) is not valid JSON; the message gives line and column',
  'cli.usage': 'the command line is incomplete or contradictory',
  internal: 'an unexpected failure inside accessloop; rerun with --debug and report it',
} as const;

/**
 * Diagnostic codes of the configuration file (`accessloop.yaml`). Stable: tools and users match on them.
 */
export const configCodes = {
  'config.invalid-yaml': 'the configuration file is not valid YAML; the message gives line and column',
  'config.unknown-key': 'the configuration file has a key accessloop does not know; check its spelling',
  'config.invalid-value':
    'a value of the configuration file has the wrong type or range; the message says what is expected',
} as const;

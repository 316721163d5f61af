import { type Diagnostic, error, fail, ok, type Result } from '../diagnostics/diagnostic.js';

/**
 * Reads known accounts as given on a command line: each value one id or a comma-separated list
 * (`--known-accounts 111122223333,444455556666`). Every id must be 12 digits.
 *
 * @see https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html
 */
export function parseKnownAccounts(values: readonly string[]): Result<string[]> {
  const diagnostics: Diagnostic[] = [];
  const ids = new Set<string>();
  for (const value of values) {
    for (const part of value.split(',')) {
      const id = part.trim();
      if (id === '') continue;
      if (/^\d{12}$/.test(id)) ids.add(id);
      else
        diagnostics.push(
          error(
            'risks.invalid-account-id',
            'known-accounts',
            `\`${id}\` is not an account id; give 12 digits`,
          ),
        );
    }
  }
  return diagnostics.length > 0 ? fail(diagnostics) : ok([...ids].sort());
}

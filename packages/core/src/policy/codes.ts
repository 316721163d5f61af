/**
 * Diagnostic codes of the policy parser. Stable: tools and users match on them.
 */
export const policyCodes = {
  'policy.invalid-json': 'a policy document is not valid JSON, also after URL-decoding',
  'policy.invalid': 'a policy document does not follow the IAM policy grammar',
  'policy.unknown-element': 'a statement has an element the IAM policy grammar does not define',
} as const;

/** A diagnostic code of the policy parser. */
export type PolicyCode = keyof typeof policyCodes;

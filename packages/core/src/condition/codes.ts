/**
 * Diagnostic codes of condition compilation. Stable: tools and users match on them.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export const conditionCodes = {
  'condition.unknown-operator': 'a condition uses an operator IAM does not define',
  'condition.invalid-value':
    'a condition value can never be valid for its operator: not a number, date, IP address or range, base64, or true/false',
  'condition.invalid-variable':
    'a condition value holds a `${...}` that is not a policy variable, so the value never matches',
  'condition.ignored-set-operator':
    'a `ForAllValues:` or `ForAnyValue:` prefix on `Null`, where it has no effect',
} as const;

/** A diagnostic code of condition compilation. */
export type ConditionCode = keyof typeof conditionCodes;

/**
 * The `Null` condition operator: checks whether a key is absent from the request context.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
 */
import { parseBool } from './bool.js';
import { type CompileInput, reportInvalidValue } from './operator.js';

/** A compiled `Null` test: whether it holds when the key is absent, and when it is present. */
export interface NullTest {
  readonly whenAbsent: boolean;
  readonly whenPresent: boolean;
}

/**
 * Compiles the values of `Null`: "use either `true` (the key doesn't exist — it is null) or
 * `false` (the key exists and its value is not null)". Several values are OR'ed, so
 * `["true", "false"]` always holds. A key present with no values counts as absent (its value is
 * null). `Null` takes neither `IfExists` nor policy variables.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null
 */
export function compileNull(input: CompileInput): NullTest {
  let whenAbsent = false;
  let whenPresent = false;
  input.values.forEach((value, index) => {
    const bool = parseBool(value);
    if (bool === undefined) {
      reportInvalidValue(
        input,
        index,
        `\`${value}\` is not a boolean; \`Null\` takes \`true\` (the key is absent) or \`false\` (the key is present)`,
      );
    } else if (bool) whenAbsent = true;
    else whenPresent = true;
  });
  return { whenAbsent, whenPresent };
}

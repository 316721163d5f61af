/**
 * The binary condition operator: `BinaryEquals`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
 */
import {
  type CompiledValues,
  type CompileInput,
  type OperatorDefinition,
  reportInvalidValue,
} from './operator.js';

/** Standard base64 with padding: groups of four characters of `A-Z a-z 0-9 + /`. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard base64 to a string of bytes (one character per byte), or returns undefined.
 * Strict: no whitespace, no missing padding, no URL-safe alphabet.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
 */
export function decodeBase64(text: string): string | undefined {
  return BASE64.test(text) ? atob(text) : undefined;
}

/**
 * `BinaryEquals`: "compares the value of the specified key byte for byte against a base-64
 * encoded representation of the binary value in the policy". The context value is base64 too;
 * both sides are decoded, so two encodings of the same bytes are equal. Policy variables cannot
 * be used.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
 */
export const binaryOperators: readonly OperatorDefinition[] = [
  { name: 'BinaryEquals', negated: false, compile: compileBinary },
];

function compileBinary(input: CompileInput): CompiledValues {
  const bytes = new Set<string>();
  input.values.forEach((value, index) => {
    const decoded = decodeBase64(value);
    if (decoded === undefined) {
      reportInvalidValue(
        input,
        index,
        `\`${value}\` is not base64; \`BinaryEquals\` compares with the base64 encoding of the bytes, such as \`QmluYXJ5VmFsdWU=\``,
      );
    } else bytes.add(decoded);
  });
  return {
    keys: [],
    test: (value) => {
      const decoded = decodeBase64(value);
      return decoded !== undefined && bytes.has(decoded);
    },
  };
}

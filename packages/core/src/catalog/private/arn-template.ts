/**
 * An ARN template of the Service Authorization Reference (`arn:${Partition}:s3:::${BucketName}`),
 * compiled once into a matcher that runs in one pass over the ARN, with no regular expression.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export interface ArnTemplate {
  /** The template text as the data writes it. */
  readonly template: string;
  /** The literal service segment of the template (`s3`, `execute-api`, `logs`). */
  readonly arnService: string;
  /**
   * The literal start of the resource part (after the fifth `:`) up to its first `/` or `:`
   * (`instance` for `instance/${InstanceId}`), which every matching ARN's resource part starts
   * with; undefined when the literal start has no such delimiter (`${QueueName}`).
   */
  readonly resourceToken: string | undefined;
  /** How many literal characters the template has: more is more specific. */
  readonly specificity: number;
  /** Whether `arn` is an ARN of this template. */
  matches(arn: string): boolean;
}

/**
 * Compiles one template. A variable (`${Name}`, or a bare `*`, which AWS also writes for "any")
 * matches one or more characters. A variable that ends the template takes the rest of the ARN,
 * `/` and `:` included (S3 object keys, IAM paths, SSM parameter names). Any other variable
 * runs up to the first `:` or the first character of the literal after it, whichever comes
 * first, so `${BucketName}/` stops at the first `/` while `log-group:${LogGroupName}:log-stream:`
 * keeps the slashes of `/aws/lambda/x`. That makes the match deterministic and linear: no
 * variable ever needs to be tried at two lengths. Adjacent variables act as one.
 *
 * Returns undefined for a template whose service segment is itself a variable (AWS Backup's
 * `arn:${Partition}:${Vendor}:...` recovery point), which could claim any service's ARN.
 */
export function compileArnTemplate(template: string): ArnTemplate | undefined {
  const arnService = template.split(':')[2];
  if (arnService === undefined || arnService === '' || /[$*]/.test(arnService)) return undefined;
  // literals[i] follows variable i - 1; literals[0] is the prefix. Length = variables + 1.
  const literals: string[] = [];
  let current = '';
  let previousWasVariable = false;
  for (let i = 0; i < template.length; ) {
    const close = template.startsWith('${', i) ? template.indexOf('}', i) : -1;
    if (close > 0 || template[i] === '*') {
      if (!previousWasVariable) literals.push(current);
      current = '';
      previousWasVariable = true;
      i = close > 0 ? close + 1 : i + 1;
    } else {
      current += template[i];
      previousWasVariable = false;
      i++;
    }
  }
  literals.push(current);
  const prefix = literals[0] ?? '';
  const rest = literals.slice(1);
  const specificity = literals.reduce((sum, literal) => sum + literal.length, 0);
  return {
    template,
    arnService,
    resourceToken: resourceTokenOf(template),
    specificity,
    matches(arn) {
      if (!arn.startsWith(prefix)) return false;
      let pos = prefix.length;
      for (const literal of rest) {
        if (literal === '') return arn.length > pos; // a trailing variable takes the rest
        const stop = literal.charCodeAt(0);
        let end = pos;
        while (end < arn.length) {
          const c = arn.charCodeAt(end);
          if (c === stop || c === COLON) break;
          end++;
        }
        if (end === pos || !arn.startsWith(literal, end)) return false;
        pos = end + literal.length;
      }
      return pos === arn.length;
    },
  };
}

const COLON = 58;
const SLASH = 47;

function resourceTokenOf(template: string): string | undefined {
  const start = nthColon(template, 5);
  if (start < 0) return undefined;
  for (let i = start + 1; i < template.length; i++) {
    const c = template.charCodeAt(i);
    if (c === COLON || c === SLASH) return template.slice(start + 1, i);
    if (template[i] === '*' || template.startsWith('${', i)) return undefined;
  }
  return undefined;
}

/**
 * The token {@link ArnTemplate.resourceToken} would be for this ARN: its resource part up to the
 * first `/` or `:` (the whole resource part when it has neither).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export function resourceTokenOfArn(arn: string): string {
  const start = nthColon(arn, 5);
  if (start < 0) return '';
  for (let i = start + 1; i < arn.length; i++) {
    const c = arn.charCodeAt(i);
    if (c === COLON || c === SLASH) return arn.slice(start + 1, i);
  }
  return arn.slice(start + 1);
}

/** The index of the `n`th `:` (1-based), or -1. */
function nthColon(text: string, n: number): number {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = text.indexOf(':', at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/**
 * The data joins alternative templates of one type with `, ` (`bot/${BotId}, arn:...:bot:${BotName}`).
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonlexv2.html#amazonlexv2-resources-for-iam-policies
 */
export function splitArnTemplates(text: string): string[] {
  return text
    .split(/,\s*(?=arn:)/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

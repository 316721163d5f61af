/**
 * Amazon Resource Names, split into their six parts.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon; may itself contain colons and slashes. */
  readonly resource: string;
}

/** Splits an ARN into its parts, or returns undefined when the text is not an ARN. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts = splitArn(text);
  if (!parts) return undefined;
  const [, partition, service, region, account, resource] = parts;
  if (!partition || !service || resource === undefined || resource === '') return undefined;
  return { partition, service, region: region ?? '', account: account ?? '', resource };
}

/**
 * Splits text at its first five colons into six pieces (the last keeps any further colons), or
 * returns undefined when it has fewer than five colons.
 */
export function splitArn(text: string): [string, string, string, string, string, string] | undefined {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) return undefined;
    pieces.push(text.slice(start, colon));
    start = colon + 1;
  }
  pieces.push(text.slice(start));
  return pieces as [string, string, string, string, string, string];
}

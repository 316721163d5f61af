/**
 * The request context: the condition keys and their values for one request.
 *
 * Condition key names are case-insensitive, so the context is keyed by the lowercased name.
 * Values are always string arrays: a single-valued key holds one string.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
export type RequestContext = ReadonlyMap<string, readonly string[]>;

/** Builds a {@link RequestContext} from the JSON form `{"aws:SourceIp": "203.0.113.7"}`. */
export function buildContext(entries: Readonly<Record<string, string | readonly string[]>>): RequestContext {
  const context = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(entries)) {
    context.set(key.toLowerCase(), typeof value === 'string' ? [value] : [...value]);
  }
  return context;
}

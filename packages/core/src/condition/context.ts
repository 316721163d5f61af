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

/**
 * The context of one request as a list indexed by {@link contextKeyId}, beside the map: a
 * decision looks each condition key up with one array load instead of a hash lookup in the
 * map. Keys the list does not reach are absent. Built by `buildRequest` from the same entries as
 * the map; undefined when some key of the request has no id (the id table is full).
 */
export type ContextSlots = readonly (readonly string[] | undefined)[];

/** Dense ids of lowercased context keys, shared by compiled conditions and built requests. */
const keyIds = new Map<string, number>();

/** Ids are never reused: past this many distinct keys, none are given (lookups use the map). */
const keyIdLimit = 10_000;

/** The id of a lowercased context key, or -1 when the table is full. */
export function contextKeyId(lower: string): number {
  let id = keyIds.get(lower);
  if (id === undefined) {
    if (keyIds.size >= keyIdLimit) return -1;
    id = keyIds.size;
    keyIds.set(lower, id);
  }
  return id;
}

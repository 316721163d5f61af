/**
 * What an action lets a principal do to a resource, in words an application engineer uses in a
 * review: change it, look at its settings, read what it holds, write to it, destroy what it holds,
 * or use it for its purpose.
 *
 * - `administer-resource`: create, configure, delete or change the access to a resource
 *   (policies, grants, tags, lifecycle, encryption and network settings).
 * - `read-config`: see that a resource exists and how it is configured, without its contents.
 * - `read-data`: read what the resource holds or carries: objects, items, rows, messages, secrets,
 *   log events, query results.
 * - `write-data`: create or change what the resource holds: put objects, write items, send messages.
 * - `delete-data`: destroy what the resource holds: delete objects or items, purge a queue, delete a
 *   table or a bucket together with its contents.
 * - `use-resource`: use the resource for its purpose as it is configured: assume or pass a role,
 *   invoke a function, connect to a database or an instance, encrypt or decrypt with a key, start
 *   an execution.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 */
export type Capability =
  | 'administer-resource'
  | 'read-config'
  | 'read-data'
  | 'write-data'
  | 'delete-data'
  | 'use-resource';

/**
 * Every capability, in the order reports list them and the capability map stores them.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 */
export const CAPABILITIES: readonly Capability[] = Object.freeze([
  'administer-resource',
  'read-config',
  'read-data',
  'write-data',
  'delete-data',
  'use-resource',
]);

/**
 * Whether a string names a capability (exactly, lowercase), e.g. a `--capability` argument.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 */
export function isCapability(value: string): value is Capability {
  return (CAPABILITIES as readonly string[]).includes(value);
}

/**
 * The capabilities given, without repeats, in the order of {@link CAPABILITIES}: the one form the
 * capability map and every report use, so the same set always reads and diffs the same.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 */
export function sortCapabilities(capabilities: Iterable<Capability>): readonly Capability[] {
  const wanted = new Set(capabilities);
  return CAPABILITIES.filter((c) => wanted.has(c));
}

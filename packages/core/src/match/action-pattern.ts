import { compileGlob } from '../condition/glob.js';

/**
 * Compiles the values of an `Action` or `NotAction` element into one test on a lowercased
 * `service:action` string. Actions are case-insensitive; `*` and `?` are wildcards, and the
 * service prefix and the action name are matched separately, so a wildcard never crosses the
 * colon.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export function compileActionPatterns(patterns: readonly string[]): (actionLower: string) => boolean {
  const exact = new Set<string>();
  const wild: ((service: string, name: string) => boolean)[] = [];
  for (const raw of patterns) {
    const pattern = raw.toLowerCase();
    if (pattern === '*') return () => true;
    const colon = pattern.indexOf(':');
    const service = pattern.slice(0, colon);
    const name = pattern.slice(colon + 1);
    if (!/[*?]/.test(pattern)) {
      exact.add(pattern);
      continue;
    }
    const serviceTest = /[*?]/.test(service) ? compileGlob(service) : (s: string) => s === service;
    const nameTest = compileGlob(name);
    wild.push((s, n) => serviceTest(s) && nameTest(n));
  }
  return (actionLower) => {
    if (exact.has(actionLower)) return true;
    if (wild.length === 0) return false;
    const colon = actionLower.indexOf(':');
    const service = actionLower.slice(0, colon);
    const name = actionLower.slice(colon + 1);
    // A loop rather than `some` with a closure, which would be allocated on every call.
    for (let i = 0; i < wild.length; i++)
      if ((wild[i] as (s: string, n: string) => boolean)(service, name)) return true;
    return false;
  };
}

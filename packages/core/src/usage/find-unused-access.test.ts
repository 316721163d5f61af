import { beforeAll, describe, expect, it } from 'vitest';
import type { WhoCanTools } from '../access/who-can.js';
import { loadCatalog } from '../catalog/catalog.js';
import { loadResourceTypeIndex } from '../catalog/resource-types.js';
import type { Snapshot } from '../snapshot/model.js';
import { userEntry } from '../testing/credential-report-entry.js';
import { loadExampleOrg } from '../testing/example-org.js';
import { findUnusedAccess } from './find-unused-access.js';
import type { Usage } from './usage.js';

let tools: WhoCanTools;
let org: Snapshot;
beforeAll(async () => {
  const catalog = await loadCatalog();
  tools = { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
  org = loadExampleOrg();
});

const WORKER = 'arn:aws:iam::111122223333:role/orders-worker';

describe('findUnusedAccess', () => {
  it('counts days from collectedAt, never the wall clock; without it, warns and skips the day-based rules', () => {
    const stale = [userEntry({ passwordEnabled: true, passwordLastUsed: '2026-01-01T00:00:00Z' })];
    const { collectedAt: _, ...undated } = org;
    const skipped = findUnusedAccess({ snapshot: undated, credentialReports: stale });
    expect(skipped).toMatchObject({
      ok: true,
      value: [],
      diagnostics: [{ code: 'usage.no-collection-time', severity: 'warning' }],
    });
    const found = findUnusedAccess({ snapshot: org, credentialReports: stale });
    expect(
      found.ok &&
        found.value.filter((f) => f.principal === 'arn:aws:iam::111122223333:user/alice').map((f) => f.id),
    ).toEqual(['unused-console-password', 'unused-user']);
    const later = findUnusedAccess(
      { snapshot: org, credentialReports: stale },
      { now: '2026-02-01T00:00:00Z' },
    );
    expect(later.ok && later.value.some((f) => f.principal === 'arn:aws:iam::111122223333:user/alice')).toBe(
      false,
    );
  });

  it('checks services and actions only for principals the usage covers', () => {
    const usage = (coverage: Usage['coverage']): Usage => ({
      actions: [
        {
          principal: WORKER,
          action: 'sqs:ReceiveMessage',
          resources: [],
          count: 1,
          lastUsed: '2026-11-15T00:00:00Z',
          source: 'cloudtrail',
        },
      ],
      ...(coverage ? { coverage } : {}),
    });
    const ids = (u: Usage) => {
      const result = findUnusedAccess({ snapshot: org, usage: u, tools });
      return result.ok ? result.value.filter((f) => f.principal === WORKER).map((f) => f.id) : [];
    };
    expect(ids(usage(undefined))).toEqual([]);
    expect(ids(usage({ accounts: ['444455556666'], principals: [] }))).toEqual([]);
    expect(ids(usage({ accounts: [], principals: [WORKER] }))).toEqual(['unused-action', 'unused-service']);
  }, 60_000);

  it('turns a rule that throws into one rule-error finding, and the others still run', () => {
    const broken = [
      userEntry({
        accessKeys: null as never,
        passwordEnabled: true,
        passwordLastUsed: '2026-01-01T00:00:00Z',
      }),
    ];
    const result = findUnusedAccess({ snapshot: org, credentialReports: broken });
    expect(result.ok && result.value.filter((f) => f.id === 'rule-error').map((f) => f.message)).toEqual([
      expect.stringMatching(/^rule `unused-access-key-rotation` failed: /),
      expect.stringMatching(/^rule `unused-access-key` failed: /),
      expect.stringMatching(/^rule `unused-user` failed: /),
    ]);
    expect(result.ok && result.value.some((f) => f.id === 'unused-console-password')).toBe(true);
  });
});

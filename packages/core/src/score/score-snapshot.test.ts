import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveAccessOf, type PrincipalAccess } from '../access/access-of.js';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { loadResourceTypeIndex, type ResourceTypeIndex } from '../catalog/resource-types.js';
import { DEFAULT_CONFIG } from '../config/default-config.js';
import type { Snapshot } from '../snapshot/model.js';
import { loadExampleOrg } from '../testing/example-org.js';
import type { Usage } from '../usage/usage.js';
import { principalScorer, scorePrincipal, scoreReportOf, scoreSnapshot } from './score-snapshot.js';
import { scoringAccessOf } from './uninventoried-access.js';

let snapshot: Snapshot;
let tools: { catalog: Catalog; resourceTypes: ResourceTypeIndex };
let access: PrincipalAccess[];
beforeAll(async () => {
  snapshot = loadExampleOrg();
  const catalog = await loadCatalog();
  tools = { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
  access = snapshot.accounts
    .flatMap((a) => [...a.users, ...a.roles])
    .map((p) => {
      const result = effectiveAccessOf(snapshot, tools, p.arn);
      if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
      return result.value;
    });
}, 60_000);

const ordersApi = 'arn:aws:iam::111122223333:role/orders-api';
const ordersTable = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders';

describe('scoreSnapshot on the training organisation', () => {
  it('explains every point: for every principal the contributions add up to the score, each by its formula', () => {
    const report = scoreSnapshot(snapshot, access);
    expect(report.principals).toHaveLength(access.length);
    const { capabilities, sensitiveMultiplier } = DEFAULT_CONFIG.score;
    for (const p of report.principals) {
      expect(
        p.contributions.reduce((sum, c) => sum + c.points, 0),
        p.arn,
      ).toBe(p.score);
      for (const c of p.contributions) {
        expect(Number.isInteger(c.points)).toBe(true);
        expect(c.points).toBe(
          (c.pairs - c.sensitivePairs) * c.pointsPerPair + c.sensitivePairs * c.pointsPerSensitivePair,
        );
        // Without conditional discount, the weights multiply: no rounding.
        expect(c.pointsPerPair % capabilities[c.capability]).toBe(0);
        expect(c.pointsPerSensitivePair).toBe(c.pointsPerPair * sensitiveMultiplier);
      }
    }
    expect(report.principals.map((p) => p.arn)).toEqual(report.principals.map((p) => p.arn).sort());
  });

  it('gives the same report when principals are scored one at a time, in any order (as the scan does)', () => {
    const scorer = principalScorer(snapshot);
    const oneByOne = scoreReportOf([...access].reverse().map(scorer));
    expect(oneByOne).toEqual(scoreSnapshot(snapshot, access));
  });

  it('scores without contributions the same, from the parts of effective access and floor side by side', () => {
    const scored = principalScorer(snapshot, { contributions: false });
    const full = principalScorer(snapshot);
    let twice = 0;
    for (const a of access) {
      const combined = scoringAccessOf(snapshot, tools, a.principal, a);
      const sideBySide = scoringAccessOf(snapshot, tools, a.principal, a, { combine: false });
      if (!combined.ok || !sideBySide.ok) throw new Error(a.principal);
      const services = sideBySide.value.services?.map((p) => p.service) ?? [];
      if (new Set(services).size < services.length) twice++;
      expect(scored(sideBySide.value), a.principal).toEqual({ ...full(combined.value), contributions: [] });
    }
    // Some principals have an effective part and a floor of the same service.
    expect(twice).toBeGreaterThan(0);
  });

  it('ranks the teams, lowest score first, principals without the tag in (untagged)', () => {
    const report = scoreSnapshot(snapshot, access);
    expect(report.teams.map((t) => t.score)).toEqual(report.teams.map((t) => t.score).sort((a, b) => a - b));
    expect(report.teams.reduce((n, t) => n + t.principals, 0)).toBe(access.length);
    expect(report.teams).toMatchInlineSnapshot(`
      [
        {
          "principals": 2,
          "reviewsCompleted": 0,
          "score": 96,
          "team": "finance",
        },
        {
          "principals": 3,
          "reviewsCompleted": 0,
          "score": 449,
          "team": "analytics",
        },
        {
          "principals": 13,
          "reviewsCompleted": 0,
          "score": 1476,
          "team": "checkout",
        },
        {
          "principals": 11,
          "reviewsCompleted": 0,
          "score": 3474,
          "team": "payments",
        },
        {
          "principals": 17,
          "reviewsCompleted": 0,
          "score": 10587,
          "team": "security",
        },
        {
          "principals": 15,
          "reviewsCompleted": 0,
          "score": 282656,
          "team": "platform",
        },
        {
          "principals": 48,
          "reviewsCompleted": 0,
          "score": 688923,
          "team": "(untagged)",
        },
      ]
    `);
  });

  it('groups by the app tag with --by app', () => {
    const report = scoreSnapshot(snapshot, access, { by: 'app' });
    expect(report.by).toBe('app');
    expect(report.teams.map((t) => t.team)).toContain('orders');
    const ordersApiScore = report.principals.find((p) => p.arn === ordersApi);
    expect(ordersApiScore?.team).toBe('orders');
  });

  it('scores sensitive data higher: the classification tag is configurable', () => {
    const sensitiveNone = {
      ...DEFAULT_CONFIG,
      classification: { tag: 'data-classification', sensitiveValues: [] },
    };
    const withTags = scoreSnapshot(snapshot, access).principals;
    const without = scoreSnapshot(snapshot, access, { config: sensitiveNone }).principals;
    const raised = withTags.filter((p, i) => p.score > (without[i]?.score ?? 0));
    expect(raised.length).toBeGreaterThan(0);
    expect(withTags.every((p, i) => p.score >= (without[i]?.score ?? 0))).toBe(true);
  });

  it('gives par and over-par for principals with usage data only', () => {
    const usage: Usage = {
      window: { start: '2026-10-17T00:00:00Z', end: '2026-11-16T00:00:00Z' },
      actions: [
        {
          principal: ordersApi,
          action: 'dynamodb:GetItem',
          resources: [ordersTable],
          count: 120,
          lastUsed: '2026-11-15T09:00:00Z',
          source: 'cloudtrail',
        },
      ],
    };
    const report = scoreSnapshot(snapshot, access, { usage });
    const orders = report.principals.find((p) => p.arn === ordersApi);
    // dynamodb:GetItem is read-data (4) on a data source (×2) on a confidential table (×2).
    expect(orders).toMatchObject({ par: 16 });
    expect(orders?.overPar).toBe((orders?.score ?? 0) - 16);
    expect(report.principals.filter((p) => p.par !== undefined).map((p) => p.arn)).toEqual([ordersApi]);
    const team = report.teams.find((t) => t.team === orders?.team);
    expect(team?.overPar).toBe(orders?.overPar);
    expect(report.teams.filter((t) => t.overPar !== undefined)).toHaveLength(1);
    expect(
      scorePrincipal(snapshot, access.find((a) => a.principal === ordersApi) as PrincipalAccess, { usage }),
    ).toEqual(orders);
  });

  it('gives par 0 to principals the usage sources cover and saw nothing, and none to the others', () => {
    const usage: Usage = {
      actions: [],
      coverage: { accounts: ['444455556666'], principals: [ordersApi] },
    };
    const report = scoreSnapshot(snapshot, access, { usage });
    const withPar = report.principals.filter((p) => p.par !== undefined);
    expect(withPar.length).toBeGreaterThan(2);
    for (const p of withPar) {
      expect(p.arn === ordersApi || p.arn.startsWith('arn:aws:iam::444455556666:'), p.arn).toBe(true);
      expect(p).toMatchObject({ par: 0, overPar: p.score });
    }
    expect(report.principals.filter((p) => p.arn.includes('::444455556666:')).every((p) => p.par === 0)).toBe(
      true,
    );
  });

  it('counts completed reviews per team and improvements since the previous report', () => {
    const previous = scoreSnapshot(snapshot, access);
    const checkout = previous.teams.find((t) => t.team === 'checkout');
    const lessAccess = access.map((a) =>
      a.principal === ordersApi ? { principal: a.principal, grants: [] } : a,
    );
    const report = scoreSnapshot(snapshot, lessAccess, {
      previous,
      reviews: [
        { team: 'checkout', completedAt: '2026-11-10' },
        { team: 'checkout', completedAt: '2026-10-12' },
        { app: 'orders', completedAt: '2026-11-10' },
      ],
    });
    const now = report.teams.find((t) => t.team === 'checkout');
    const removed = previous.principals.find((p) => p.arn === ordersApi)?.score ?? 0;
    expect(removed).toBeGreaterThan(0);
    expect(now).toMatchObject({
      reviewsCompleted: 2,
      improvement: removed,
      score: (checkout?.score ?? 0) - removed,
    });
    expect(report.teams.filter((t) => t.team !== 'checkout').every((t) => t.improvement === 0)).toBe(true);
    expect(scoreSnapshot(snapshot, access).teams.every((t) => t.improvement === undefined)).toBe(true);
  });
});

/**
 * Benchmark of the golf score (issue 4): what `accessloop score` computes for every IAM user and
 * role of a generated account. `scoringAccessOf` per principal (effective access, then the floor
 * for resource types the inventory lacks) and `scoreSnapshot` over all of them.
 *
 * For each size, a child process generates the account with `bench/lib/gaad-generator.ts` (seeded),
 * loads it with the snapshot loader and times the two phases separately on one fresh snapshot
 * object. The generated account has no resource inventory, so every action with a resource type
 * is scored through the floor: the heaviest case for it. Peak memory is the child's, generation
 * and loading included.
 *
 * Run with `npm run bench`, or alone: `npx tsc -p bench/tsconfig.json && node bench/dist/score.js`.
 */
import { fileURLToPath } from 'node:url';
import {
  buildSingleAccountSnapshot,
  loadCatalog,
  loadResourceTypeIndex,
  type PrincipalAccess,
  scoreSnapshot,
  scoringAccessOf,
} from '@accessloop/core';
import { measureEachSize } from './lib/child-process.js';
import { generateGaad } from './lib/gaad-generator.js';
import { type BenchmarkRow, emitReport, formatCount, peakRssMb, progress } from './lib/result.js';

const sizes = [250, 1_000];

interface SizeResult {
  readonly roles: number;
  readonly principals: number;
  readonly accessMs: number;
  readonly scoreMs: number;
  readonly actionEntries: number;
  readonly total: number;
  readonly peakRssMb: number;
}

async function measure(roles: number): Promise<SizeResult> {
  const built = buildSingleAccountSnapshot(generateGaad({ roles }));
  if (!built.ok) throw new Error(`generated account does not load: ${JSON.stringify(built.diagnostics[0])}`);
  const snapshot = built.value;
  const catalog = await loadCatalog();
  const tools = { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
  const arns = snapshot.accounts.flatMap((a) => [...a.users, ...a.roles]).map((p) => p.arn);
  const started = performance.now();
  const access: PrincipalAccess[] = [];
  for (const [i, arn] of arns.entries()) {
    const result = scoringAccessOf(snapshot, tools, arn);
    if (!result.ok) throw new Error(`${arn}: ${JSON.stringify(result.diagnostics[0])}`);
    access.push(result.value);
    if ((i + 1) % 500 === 0) progress(`  ${formatCount(i + 1)} of ${formatCount(arns.length)} principals`);
  }
  const accessMs = performance.now() - started;
  const scoring = performance.now();
  const report = scoreSnapshot(snapshot, access);
  const scoreMs = performance.now() - scoring;
  return {
    roles,
    principals: arns.length,
    accessMs,
    scoreMs,
    actionEntries: access.reduce((n, a) => n + a.grants.reduce((m, g) => m + g.actions.length, 0), 0),
    total: report.teams.reduce((n, t) => n + t.score, 0),
    peakRssMb: peakRssMb(),
  };
}

async function main(): Promise<void> {
  const results = await measureEachSize(fileURLToPath(import.meta.url), 'score', sizes, measure);
  if (!results) return;
  const rows: BenchmarkRow[] = [];
  const notes: string[] = [];
  for (const r of results) {
    const size = `${formatCount(r.roles)} roles, ${formatCount(r.principals)} users and roles`;
    rows.push({
      benchmark: 'scoringAccessOf, every principal',
      inputSize: size,
      wallMs: r.accessMs,
      rate: `${formatCount((r.principals / r.accessMs) * 1000)} principals/s`,
      peakRssMb: r.peakRssMb,
    });
    rows.push({
      benchmark: 'scoreSnapshot',
      inputSize: `${size}, ${formatCount(r.actionEntries)} action entries`,
      wallMs: r.scoreMs,
      rate: `${formatCount((r.actionEntries / r.scoreMs) * 1000)} action entries/s`,
      peakRssMb: r.peakRssMb,
    });
    notes.push(`${formatCount(r.roles)} roles: total score ${formatCount(r.total)}.`);
  }
  emitReport({
    name: 'score',
    description:
      'The golf score of every user and role of a generated account without resource inventory (the floor decides every action with a resource type): effective access and floor per principal, then scoring.',
    rows,
    notes,
  });
}

await main();

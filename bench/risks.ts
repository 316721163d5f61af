/**
 * Benchmark of the risk rules (issue 5) other than privilege escalation, which has its own
 * (`escalation.ts`): `analyzeRisks` with `escalation: false` on a generated account, every rule
 * deciding with the engine (exposure on each resource and trust policy, effective access and the
 * any-resource checks per principal).
 *
 * For each size, a child process generates the account with `bench/lib/gaad-generator.ts` (seeded),
 * loads it with the snapshot loader, and times `analyzeRisks` alone: the best of two runs after a
 * warm-up, on a fresh snapshot object each time. Peak memory is the child's, generation and loading
 * included.
 *
 * Run with `npm run bench`, or alone: `npx tsc -p bench/tsconfig.json && node bench/dist/risks.js`.
 */
import { fileURLToPath } from 'node:url';
import {
  analyzeRisks,
  buildSingleAccountSnapshot,
  loadCatalog,
  loadResourceTypeIndex,
  type Snapshot,
} from '@accessloop/core';
import { measureEachSize } from './lib/child-process.js';
import { generateGaad, resolveCounts } from './lib/gaad-generator.js';
import { type BenchmarkRow, emitReport, formatCount, peakRssMb, progress } from './lib/result.js';

const sizes = [500, 2_000];
const timedRuns = 2;

interface SizeResult {
  readonly roles: number;
  readonly principals: number;
  readonly wallMs: number;
  readonly peakRssMb: number;
  readonly findings: number;
  readonly byRule: Readonly<Record<string, number>>;
}

async function measure(roles: number): Promise<SizeResult> {
  const counts = resolveCounts({ roles });
  const text = generateGaad({ roles });
  const load = (): Snapshot => {
    const built = buildSingleAccountSnapshot(text);
    if (!built.ok)
      throw new Error(`generated account does not load: ${JSON.stringify(built.diagnostics[0])}`);
    return built.value;
  };
  const catalog = await loadCatalog();
  const tools = { catalog, resourceTypes: await loadResourceTypeIndex(catalog) };
  let best = Number.POSITIVE_INFINITY;
  let last: SizeResult | undefined;
  for (let run = 0; run <= timedRuns; run++) {
    const snapshot = load();
    const started = performance.now();
    const findings = analyzeRisks(snapshot, tools, { escalation: false });
    const ms = performance.now() - started;
    if (run > 0) best = Math.min(best, ms);
    const account = snapshot.accounts[0];
    const byRule: Record<string, number> = {};
    for (const f of findings) byRule[f.id] = (byRule[f.id] ?? 0) + 1;
    last = {
      roles,
      principals: (account?.users.length ?? 0) + (account?.roles.length ?? 0),
      wallMs: best,
      peakRssMb: 0,
      findings: findings.length,
      byRule,
    };
    progress(
      `  ${formatCount(roles)} roles, ${formatCount(counts.users)} users: run ${run} ${ms.toFixed(0)} ms`,
    );
  }
  return { ...(last as SizeResult), wallMs: best, peakRssMb: peakRssMb() };
}

async function main(): Promise<void> {
  const results = await measureEachSize(fileURLToPath(import.meta.url), 'risks', sizes, measure);
  if (!results) return;
  const rows: BenchmarkRow[] = [];
  const notes: string[] = [];
  for (const r of results) {
    rows.push({
      benchmark: 'analyzeRisks (without escalation)',
      inputSize: `${formatCount(r.roles)} roles, ${formatCount(r.principals)} users and roles`,
      wallMs: r.wallMs,
      rate: `${formatCount((r.principals / r.wallMs) * 1000)} principals/s`,
      peakRssMb: r.peakRssMb,
    });
    const rules = Object.entries(r.byRule)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, n]) => `${id} ${formatCount(n)}`)
      .join(', ');
    notes.push(`${formatCount(r.roles)} roles: ${formatCount(r.findings)} findings (${rules || 'none'}).`);
  }
  emitReport({
    name: 'risks',
    description:
      'The risk rules other than privilege escalation (`analyzeRisks` with `escalation: false`: exposure, exfiltration, credentials, wildcards) on one generated account (`bench/lib/gaad-generator.ts`, seed 42) loaded with the snapshot loader; best of two runs after a warm-up. Peak memory includes generating and loading the account.',
    rows,
    notes,
  });
}

await main();

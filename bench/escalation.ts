/**
 * Benchmark of the privilege-escalation analysis (issue 5): the escalation graph of a generated
 * account, built by `findEscalations` with every method of the reference decided by the engine.
 *
 * For each size (1,000, 5,000 and 20,000 roles), a child process generates the account with
 * `bench/lib/gaad-generator.ts` (the output of `aws iam get-account-authorization-details`, seeded),
 * loads it with the snapshot loader, and times `findEscalations` alone: one run after a warm-up
 * run, each on a fresh snapshot object (so no per-snapshot cache carries over). Peak memory is
 * the child's, generation and loading included. The target is 10 seconds or less for 5,000 roles.
 *
 * Run with `npm run bench`, or alone: `npx tsc -p bench/tsconfig.json && node bench/dist/escalation.js`.
 */
import { fileURLToPath } from 'node:url';
import {
  buildSingleAccountSnapshot,
  findEscalations,
  loadCatalog,
  loadResourceTypeIndex,
  type Snapshot,
} from '@accessloop/core';
import { measureEachSize } from './lib/child-process.js';
import { generateGaad, resolveCounts } from './lib/gaad-generator.js';
import { type BenchmarkRow, emitReport, formatCount, peakRssMb, progress } from './lib/result.js';

const sizes = [1_000, 5_000, 20_000];
const timedRuns = 1;

/** What one child process measures for one size. */
interface SizeResult {
  readonly roles: number;
  readonly principals: number;
  readonly wallMs: number;
  /** CPU time of the timed run (user and system, all threads): wall time on a busy machine misleads. */
  readonly cpuMs: number;
  readonly peakRssMb: number;
  readonly edges: number;
  readonly findings: number;
  readonly adminEquivalent: number;
  readonly paths: number;
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
    const cpu = process.cpuUsage();
    const result = findEscalations(snapshot, tools);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (!result.ok) throw new Error(`analysis failed: ${JSON.stringify(result.diagnostics[0])}`);
    if (run > 0) best = Math.min(best, ms);
    const account = snapshot.accounts[0];
    last = {
      roles,
      principals: (account?.users.length ?? 0) + (account?.roles.length ?? 0),
      wallMs: best,
      cpuMs: (used.user + used.system) / 1000,
      peakRssMb: 0,
      edges: result.value.edges.length,
      findings: result.value.findings.length,
      adminEquivalent: result.value.adminEquivalent.length,
      paths: result.value.paths.length,
    };
    progress(
      `  ${formatCount(roles)} roles, ${formatCount(counts.users)} users: run ${run} ${ms.toFixed(0)} ms`,
    );
  }
  return { ...(last as SizeResult), wallMs: best, peakRssMb: peakRssMb() };
}

async function main(): Promise<void> {
  const results = await measureEachSize(fileURLToPath(import.meta.url), 'escalation', sizes, measure);
  if (!results) return;
  const rows: BenchmarkRow[] = [];
  const notes: string[] = [];
  for (const r of results) {
    rows.push({
      benchmark: 'findEscalations',
      inputSize: `${formatCount(r.roles)} roles, ${formatCount(r.principals)} users and roles`,
      wallMs: r.wallMs,
      rate: `${formatCount((r.principals / r.wallMs) * 1000)} principals/s`,
      peakRssMb: r.peakRssMb,
    });
    notes.push(
      `${formatCount(r.roles)} roles: CPU time ${formatCount(r.cpuMs)} ms; ${formatCount(r.edges)} edges, ${formatCount(r.findings)} findings, ${formatCount(r.adminEquivalent)} administrator-equivalent principals, ${formatCount(r.paths)} multi-hop paths.`,
    );
  }
  emitReport({
    name: 'escalation',
    description:
      'The privilege-escalation graph (`findEscalations`: every method of the reference, decided by the engine, and the paths to administrator) of one generated account (`bench/lib/gaad-generator.ts`, seed 42) loaded with the snapshot loader; one run after a warm-up. Peak memory includes generating and loading the account.',
    rows,
    notes,
  });
}

await main();

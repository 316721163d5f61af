/**
 * Benchmark of the main job, `accessloop scan`, on generated accounts of growing size (issue 3,
 * SPEC §7): 100, 1,000, 5,000 and 20,000 roles (with the generator's default users, groups and
 * customer managed policies), each a single `get-account-authorization-details` file written by
 * `bench/lib/gaad-generator.ts` with a fixed seed.
 *
 * Each row is one run of the real command in its own process, `accessloop scan FILE --out DIR
 * --no-risks`: loading and validating the file, every principal's effective access (set-wise,
 * exact), the per-resource and per-team views, and writing `index.html`, `report.md` and
 * `results.json`. Wall time and peak memory (GNU time, or the child's own report) are the
 * process's. The risk analysis has its own benchmark (`bench/escalation.ts`).
 *
 * `BENCH_SCAN_SIZES=100,1000` limits the sizes. Run with `npm run bench`.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { runMeasured } from './lib/child-process.js';
import { generateGaadChunks, resolveCounts } from './lib/gaad-generator.js';
import { type BenchmarkRow, emitReport, formatCount, progress } from './lib/result.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const cliMain = join(root, 'packages/cli/dist/main.js');
const sizes = (process.env.BENCH_SCAN_SIZES ?? '100,1000,5000,20000').split(',').map(Number);
/** A run longer than this is stopped and reported as such (`BENCH_SCAN_LIMIT_S`, default 900). */
const limitMs = Number(process.env.BENCH_SCAN_LIMIT_S ?? '900') * 1000;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'accessloop-bench-scan-'));
  const rows: BenchmarkRow[] = [];
  const notes: string[] = [];
  try {
    for (const roles of sizes) {
      const file = join(work, `gaad-${roles}.json`);
      const counts = resolveCounts({ roles });
      await pipeline(Readable.from(generateGaadChunks({ roles })), createWriteStream(file));
      const megabytes = statSync(file).size / 1e6;
      progress(`scan: ${formatCount(roles)} roles, ${megabytes.toFixed(1)} MB`);
      const out = join(work, `out-${roles}`);
      const run = await runMeasured([cliMain, 'scan', file, '--out', out, '--no-risks'], { limitMs });
      if (run.code !== 0) {
        progress(run.stderr.trim());
        notes.push(
          run.stopped
            ? `${formatCount(roles)} roles: stopped after ${limitMs / 1000} s without finishing (peak memory by then unknown).`
            : `${formatCount(roles)} roles: the scan failed (exit ${run.code}).`,
        );
        continue;
      }
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
        principals: unknown[];
      };
      const principals = results.principals.length;
      rows.push({
        benchmark: '`accessloop scan FILE --out DIR --no-risks`',
        inputSize: `${formatCount(roles)} roles, ${formatCount(counts.users)} users, ${formatCount(counts.groups)} groups, ${formatCount(counts.policies)} policies (${megabytes.toFixed(1)} MB)`,
        wallMs: run.wallMs,
        rate: `${formatCount(principals / (run.wallMs / 1000))} principals/s`,
        peakRssMb: run.peakRssMb,
      });
      rmSync(file);
      rmSync(out, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  notes.push(
    'Target (issue 3): the 5,000-role account (about 27 MB) in 5 s or less, under 1 GB, cost growing no worse than linearly.',
  );
  emitReport({
    name: 'scan',
    description:
      "The main job on generated accounts of growing size: every user's and role's effective access over every action of the catalog and every resource (the account's IAM users, roles, groups and policies), decided exactly, then the reports written.",
    rows,
    notes,
  });
}

await main();

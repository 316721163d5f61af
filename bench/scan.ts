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
 * The same accounts at 1,000 and 5,000 roles are scanned again as snapshot folders with a resource
 * inventory (`bench/lib/resources-generator.ts`: every resource a policy names by ARN, with the
 * resource-based policies such resources usually have), as real accounts are: who can reach each
 * resource is half of the report.
 *
 * `BENCH_SCAN_SIZES=100,1000` and `BENCH_SCAN_RESOURCE_SIZES=1000` limit the sizes. Run with
 * `npm run bench`.
 */
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { runMeasured } from './lib/child-process.js';
import { generateGaadChunks, resolveCounts } from './lib/gaad-generator.js';
import { generateResources } from './lib/resources-generator.js';
import { type BenchmarkRow, emitReport, formatCount, progress } from './lib/result.js';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const cliMain = join(root, 'packages/cli/dist/main.js');
const sizes = (process.env.BENCH_SCAN_SIZES ?? '100,1000,5000,20000').split(',').map(Number);
const resourceSizes = (process.env.BENCH_SCAN_RESOURCE_SIZES ?? '1000,5000').split(',').map(Number);
/** A run longer than this is stopped and reported as such (`BENCH_SCAN_LIMIT_S`, default 900). */
const limitMs = Number(process.env.BENCH_SCAN_LIMIT_S ?? '900') * 1000;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'accessloop-bench-scan-'));
  const rows: BenchmarkRow[] = [];
  const notes: string[] = [];
  try {
    const runs = [
      ...sizes.map((roles) => ({ roles, resources: false })),
      ...resourceSizes.map((roles) => ({ roles, resources: true })),
    ];
    for (const { roles, resources } of runs) {
      // With resources: a snapshot folder, the account's details beside its inventory.
      const folder = join(work, `snapshot-${roles}`);
      const account = join(folder, 'accounts', '111122223333');
      const file = resources ? join(account, 'iam.json') : join(work, `gaad-${roles}.json`);
      mkdirSync(dirname(file), { recursive: true });
      const counts = resolveCounts({ roles });
      await pipeline(Readable.from(generateGaadChunks({ roles })), createWriteStream(file));
      const megabytes = statSync(file).size / 1e6;
      let inventory = '';
      if (resources) {
        const generated = generateResources(JSON.parse(readFileSync(file, 'utf8')));
        writeFileSync(join(account, 'resources.json'), JSON.stringify(generated, null, 2));
        const withPolicy = generated.filter((r) => r.policy !== undefined).length;
        inventory = `, ${formatCount(generated.length)} resources (${formatCount(withPolicy)} with a policy)`;
      }
      const input = resources ? folder : file;
      progress(`scan: ${formatCount(roles)} roles${inventory}, ${megabytes.toFixed(1)} MB`);
      const out = join(work, `out-${roles}`);
      const run = await runMeasured([cliMain, 'scan', input, '--out', out, '--no-risks'], { limitMs });
      const what = `${formatCount(roles)} roles${inventory}`;
      if (run.code !== 0) {
        progress(run.stderr.trim());
        notes.push(
          run.stopped
            ? `${what}: stopped after ${limitMs / 1000} s without finishing (peak memory by then unknown).`
            : `${what}: the scan failed (exit ${run.code}).`,
        );
        continue;
      }
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
        principals: unknown[];
      };
      const principals = results.principals.length;
      rows.push({
        benchmark: '`accessloop scan SNAPSHOT --out DIR --no-risks`',
        inputSize: `${formatCount(roles)} roles, ${formatCount(counts.users)} users, ${formatCount(counts.groups)} groups, ${formatCount(counts.policies)} policies (${megabytes.toFixed(1)} MB)${inventory}`,
        wallMs: run.wallMs,
        rate: `${formatCount(principals / (run.wallMs / 1000))} principals/s`,
        peakRssMb: run.peakRssMb,
      });
      rmSync(input, { recursive: true, force: true });
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
      "The main job on generated accounts of growing size: every user's and role's effective access over every action of the catalog and every resource (the account's IAM users, roles, groups and policies, and in the rows with an inventory its buckets, tables, queues, topics, keys, secrets, functions, state machines, streams and event buses), decided exactly, who can reach each resource, then the reports written.",
    rows,
    notes,
  });
}

await main();

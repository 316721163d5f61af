/**
 * Runs every benchmark under bench/ and rewrites docs/benchmarks.md with what they measured
 * (SPEC §7): each benchmark script runs in its own process, so the peak memory of one does not
 * leak into the next, and hands back its report as the last line of its output.
 *
 * Run with `npm run bench`, which builds the packages and the benchmarks first.
 */
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchmarkReport, progress, readReport } from './lib/result.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const output = join(root, 'docs/benchmarks.md');

/** The benchmark scripts: every compiled module next to this one but this one. */
function benchmarkScripts(): string[] {
  const self = fileURLToPath(import.meta.url);
  return readdirSync(here)
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(here, f))
    .filter((f) => f !== self)
    .sort();
}

/** Runs one benchmark script in a child process; its progress goes straight to our stderr. */
function runScript(script: string): Promise<{ code: number; stdout: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout }));
  });
}

function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(0)} ms`;
}

function formatMb(mb: number): string {
  return Number.isFinite(mb) ? `${mb.toFixed(0)} MB` : 'n/a';
}

/** The markdown of docs/benchmarks.md. */
function render(reports: readonly BenchmarkReport[], date: Date, load: readonly number[]): string {
  const cpu = cpus();
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (`bench/run.ts`); do not edit by hand. Each benchmark under `bench/` is a',
    'script with a seeded, deterministic input generator, so runs compare like for like; rerun after',
    'changing the engine and commit this file with the change, so cost growth shows in the history.',
    '',
    `- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${platform()} ${release()}`,
    `- Node.js ${process.version}`,
    `- Date: ${date.toISOString().slice(0, 10)}`,
    `- Load average when the run started (1, 5, 15 min): ${load.map((l) => l.toFixed(2)).join(', ')}; other work on the machine slows the numbers down`,
    '',
    '| benchmark | input size | wall time | rate | peak memory |',
    '|---|---|---|---|---|',
  ];
  for (const report of reports) {
    for (const row of report.rows) {
      lines.push(
        `| ${report.name}: ${row.benchmark} | ${row.inputSize} | ${formatMs(row.wallMs)} | ${row.rate} | ${formatMb(row.peakRssMb)} |`,
      );
    }
  }
  for (const report of reports) {
    lines.push('', `## ${report.name}`, '', report.description, '');
    for (const note of report.notes) lines.push(`- ${note}`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  const load = loadavg();
  const reports: BenchmarkReport[] = [];
  for (const script of benchmarkScripts()) {
    progress(`bench: running ${script.slice(root.length + 1)}`);
    const { code, stdout } = await runScript(script);
    const report = readReport(stdout);
    if (code !== 0 || !report) {
      progress(`bench: ${script} failed (exit code ${code}); docs/benchmarks.md is left as it was`);
      return 1;
    }
    reports.push(report);
  }
  writeFileSync(output, render(reports, new Date(), load));
  progress(`bench: wrote ${output.slice(root.length + 1)}`);
  return 0;
}

process.exitCode = await main();

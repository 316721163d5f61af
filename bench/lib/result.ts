/**
 * What a benchmark reports, and how it hands the report to `bench/run.ts`: a benchmark is a
 * script that writes its progress to stderr and, last, its report as one JSON line to stdout.
 */

/** One line of the table in docs/benchmarks.md. */
export interface BenchmarkRow {
  readonly benchmark: string;
  /** What was measured on, in words: `100,000 requests`. */
  readonly inputSize: string;
  readonly wallMs: number;
  /** Throughput with its unit: `412,000 decisions/s`. */
  readonly rate: string;
  readonly peakRssMb: number;
}

/** What one benchmark script measured. */
export interface BenchmarkReport {
  /** The script's name, e.g. `simulate`. */
  readonly name: string;
  /** What the benchmark measures and on what input, in a sentence or two. */
  readonly description: string;
  readonly rows: readonly BenchmarkRow[];
  /** Facts a reader needs to trust the numbers (decision mix, checks that passed). */
  readonly notes: readonly string[];
}

/** Writes the report for `bench/run.ts` as the last line of stdout. */
export function emitReport(report: BenchmarkReport): void {
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Reads the report a benchmark wrote; undefined when its output has none. */
export function readReport(stdout: string): BenchmarkReport | undefined {
  const last = stdout.trim().split('\n').at(-1);
  if (!last) return undefined;
  try {
    const parsed = JSON.parse(last) as Partial<BenchmarkReport>;
    return typeof parsed.name === 'string' && Array.isArray(parsed.rows)
      ? (parsed as BenchmarkReport)
      : undefined;
  } catch {
    return undefined;
  }
}

/** This process's peak resident set size so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** `1234567` as `1,234,567`. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Writes a progress line to stderr. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * Running work in a child process, so that the peak memory of one measurement does not leak into
 * the next: a benchmark script re-running itself for one input size, or a command measured with
 * its wall time and peak memory.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatCount, progress } from './result.js';

/**
 * The results of a benchmark that measures each size in a fresh process. Run as `script --roles
 * N`, it measures that one size, prints the result as its last line and returns undefined; run
 * plainly, it runs itself once per size ({@link runScriptForSize}) and returns the results in order.
 */
export async function measureEachSize<T>(
  script: string,
  name: string,
  sizes: readonly number[],
  measure: (roles: number) => Promise<T>,
): Promise<T[] | undefined> {
  const { values } = parseArgs({ options: { roles: { type: 'string' } }, strict: true });
  if (values.roles !== undefined) {
    process.stdout.write(`${JSON.stringify(await measure(Number(values.roles)))}\n`);
    return undefined;
  }
  const results: T[] = [];
  for (const roles of sizes) {
    progress(`${name}: ${formatCount(roles)} roles`);
    results.push(await runScriptForSize<T>(script, roles));
  }
  return results;
}

/**
 * Runs `script --roles N` in a child process and returns what it printed last, as JSON: how a
 * benchmark measures each size in a fresh process. The child's progress goes to our stderr.
 */
export function runScriptForSize<T>(script: string, roles: number): Promise<T> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, '--roles', String(roles)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').at(-1);
      if (code !== 0 || !line) fail(new Error(`${script} for ${roles} roles exited with ${code}`));
      else done(JSON.parse(line) as T);
    });
  });
}

/** What {@link runMeasured} measured. */
export interface MeasuredRun {
  readonly wallMs: number;
  /** Peak resident set size in MB; NaN when it could not be read. */
  readonly peakRssMb: number;
  readonly code: number;
  readonly stderr: string;
  /** Whether the time limit stopped it. */
  readonly stopped: boolean;
}

/**
 * Runs `node <args>` with its wall time and peak memory (GNU time when the machine has it, else
 * the child's own report on exit). `stdout` is a file descriptor or `'ignore'`. With `limitMs`, a
 * run that takes longer is stopped: the child has its own process group, so `time` and the
 * command it runs stop together.
 */
export async function runMeasured(
  args: readonly string[],
  options: { readonly stdout?: number | 'ignore'; readonly limitMs?: number } = {},
): Promise<MeasuredRun> {
  const timeAvailable = existsSync('/usr/bin/time');
  const reportRss =
    'data:text/javascript,process.on("exit",()=>process.stderr.write("maxRSS="+process.resourceUsage().maxRSS+"\\n"))';
  const [command, commandArgs] = timeAvailable
    ? ['/usr/bin/time', ['-v', process.execPath, ...args]]
    : [process.execPath, ['--import', reportRss, ...args]];
  const start = process.hrtime.bigint();
  let stopped = false;
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((done, fail) => {
    const child = spawn(command, commandArgs, {
      stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
      detached: options.limitMs !== undefined,
    });
    const timer =
      options.limitMs === undefined
        ? undefined
        : setTimeout(() => {
            stopped = true;
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          }, options.limitMs);
    let text = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
    });
    child.on('error', fail);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      done({ code: exitCode ?? -1, stderr: text });
    });
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const kb = timeAvailable
    ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]
    : /maxRSS=(\d+)/.exec(stderr)?.[1];
  return { wallMs, peakRssMb: kb ? Number(kb) / 1024 : Number.NaN, code, stderr, stopped };
}

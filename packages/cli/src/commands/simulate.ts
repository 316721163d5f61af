import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import {
  type Catalog,
  createSimulator,
  type Diagnostic,
  type EvaluationError,
  type EvaluationResult,
  explainDecision,
  loadCatalog,
  parseJsonText,
  type RequestInput,
} from '@accessloop/core';
import { fileError, readJsonFile } from '../io/read-json-file.js';
import type { Io } from '../io-streams.js';
import { exitCodes, printDiagnostics } from '../output.js';

/** Options of `accessloop simulate`. */
export interface SimulateOptions {
  readonly request?: string;
  readonly requests?: string;
  readonly format: 'json' | 'text';
}

/**
 * `accessloop simulate --request FILE` evaluates one request; `--requests FILE.jsonl` evaluates
 * one request per line and writes one result line per request line, in order. A line that
 * cannot be evaluated gets an `{"error": ...}` line and the batch goes on.
 */
export async function runSimulate(options: SimulateOptions, io: Io): Promise<number> {
  if ((options.request === undefined) === (options.requests === undefined)) {
    printDiagnostics(io.stderr, [usage('give exactly one of `--request FILE` or `--requests FILE.jsonl`')]);
    return exitCodes.badInput;
  }
  if (options.request !== undefined) return simulateOne(options.request, options.format, io);
  return simulateBatch(options.requests as string, options.format, io);
}

async function simulateOne(file: string, format: SimulateOptions['format'], io: Io): Promise<number> {
  const input = readJsonFile(file);
  if (!input.ok) {
    printDiagnostics(io.stderr, input.diagnostics);
    return exitCodes.badInput;
  }
  const catalog = await loadCatalog();
  const result = createSimulator(catalog).simulate(input.value);
  if ('error' in result) {
    printDiagnostics(io.stderr, [{ ...result.error, severity: 'error', file }]);
    return exitCodes.badInput;
  }
  io.stdout.write(`${render(input.value, result, format)}\n`);
  return exitCodes.ok;
}

async function simulateBatch(file: string, format: SimulateOptions['format'], io: Io): Promise<number> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const opened = await new Promise<Error | undefined>((resolve) => {
    stream.once('open', () => resolve(undefined));
    stream.once('error', (e) => resolve(e));
  });
  if (opened) {
    printDiagnostics(io.stderr, [fileError(file, opened)]);
    return exitCodes.badInput;
  }
  const catalog: Catalog = await loadCatalog();
  const simulator = createSimulator(catalog);
  const progress = io.stderr.isTTY ? (n: number) => io.stderr.write(`\r${n} requests evaluated`) : undefined;
  let lineNumber = 0;
  let out = '';
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const parsed = parseJsonText(line);
    const input = parsed.ok ? parsed.value : undefined;
    const result: EvaluationResult | EvaluationError = parsed.ok
      ? simulator.simulate(input)
      : toError(parsed.diagnostics);
    out += `${'error' in result || format === 'json' ? JSON.stringify(withLine(result, lineNumber)) : render(input, result, format)}\n`;
    if (out.length > 1 << 16) {
      if (!io.stdout.write(out) && io.stdout.once)
        await new Promise((resolve) => io.stdout.once?.('drain', () => resolve(undefined)));
      out = '';
    }
    if (progress && lineNumber % 10_000 === 0) progress(lineNumber);
  }
  io.stdout.write(out);
  if (progress && lineNumber >= 10_000) io.stderr.write(`\r${lineNumber} requests evaluated\n`);
  return exitCodes.ok;
}

function withLine(result: EvaluationResult | EvaluationError, line: number): unknown {
  return 'error' in result ? { line, ...result } : result;
}

function render(input: unknown, result: EvaluationResult, format: SimulateOptions['format']): string {
  if (format === 'json') return JSON.stringify(result);
  return explainDecision((input as { request: RequestInput }).request, result);
}

function toError(diagnostics: readonly Diagnostic[]): EvaluationError {
  const [first] = diagnostics;
  return {
    error: {
      code: first?.code ?? 'input.invalid-json',
      path: first?.path ?? '',
      message: first?.message ?? '',
    },
  };
}

function usage(message: string): Diagnostic {
  return { code: 'cli.usage', severity: 'error', path: '', message };
}

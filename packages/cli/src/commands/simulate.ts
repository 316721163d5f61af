import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import {
  type Catalog,
  createSimulator,
  type Diagnostic,
  type EvaluationError,
  type EvaluationResult,
  explainDecision,
  loadCatalog,
  locateJsonSyntaxError,
  type RequestInput,
} from '@accessloop/core';
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
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    printDiagnostics(io.stderr, [fileError(file, e)]);
    return exitCodes.badInput;
  }
  const input = parseJson(text, file, '');
  if ('diagnostic' in input) {
    printDiagnostics(io.stderr, [input.diagnostic]);
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
    const parsed = parseJson(line, file, `line ${lineNumber}`);
    const input = 'diagnostic' in parsed ? undefined : parsed.value;
    const result: EvaluationResult | EvaluationError =
      'diagnostic' in parsed
        ? {
            error: {
              code: parsed.diagnostic.code,
              path: parsed.diagnostic.path,
              message: parsed.diagnostic.message,
            },
          }
        : simulator.simulate(input);
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

function parseJson(
  text: string,
  file: string,
  path: string,
): { value: unknown } | { diagnostic: Diagnostic } {
  if (text.trim() === '') {
    return {
      diagnostic: {
        code: 'input.empty',
        severity: 'error',
        path,
        file,
        message: 'file is empty; give a JSON object',
      },
    };
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    const where = locateJsonSyntaxError(text);
    const detail = where ? ` at line ${where.line}, column ${where.column}: ${where.problem}` : '';
    return {
      diagnostic: {
        code: 'input.invalid-json',
        severity: 'error',
        path,
        file,
        message: `not valid JSON${detail}; fix the syntax`,
      },
    };
  }
}

function fileError(file: string, e: unknown): Diagnostic {
  const code = (e as NodeJS.ErrnoException).code;
  const message =
    code === 'ENOENT'
      ? 'file not found; check the path'
      : code === 'EISDIR'
        ? 'is a folder; give a JSON file'
        : `cannot read the file (${code ?? String(e)})`;
  return { code: 'input.unreadable', severity: 'error', path: '', file, message };
}

function usage(message: string): Diagnostic {
  return { code: 'cli.usage', severity: 'error', path: '', message };
}

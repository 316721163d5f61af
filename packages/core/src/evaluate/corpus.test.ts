import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../catalog/catalog.js';
import { evaluateRequest } from './evaluate-request.js';
import { createSimulator, type Simulator } from './simulate.js';
import type { EvaluationResult, MissingAllow, Reason, RequestInput } from './types.js';

/** One case of the evaluation corpus; see fixtures/README.md. */
interface CorpusCase {
  readonly name: string;
  readonly source: string;
  readonly note?: string;
  readonly request: RequestInput;
  readonly policies?: Record<string, unknown>;
  readonly expected:
    | {
        readonly decision: EvaluationResult['decision'];
        readonly reasons?: readonly Partial<Reason>[];
        readonly missingAllows?: readonly MissingAllow[];
        readonly missingContextKeys?: readonly string[];
      }
    | { readonly error: { readonly code: string } };
}

const fixturesDir = new URL('./fixtures/', import.meta.url);
const files = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** Reads and type-checks a fixture file, so a malformed case fails loudly rather than passing. */
function loadCases(file: string): CorpusCase[] {
  const cases = JSON.parse(readFileSync(new URL(file, fixturesDir), 'utf8')) as unknown;
  if (!Array.isArray(cases)) throw new Error(`${file}: must be an array of cases`);
  for (const [i, c] of cases.entries()) {
    const ok =
      typeof c?.name === 'string' &&
      typeof c?.source === 'string' &&
      c.source.startsWith('https://docs.aws.amazon.com/') &&
      typeof c?.request === 'object' &&
      typeof c?.expected === 'object' &&
      ('decision' in c.expected || 'error' in c.expected);
    if (!ok) throw new Error(`${file}[${i}]: a case needs name, an AWS docs source, request and expected`);
  }
  return cases as CorpusCase[];
}

let simulator: Simulator;
let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
  simulator = createSimulator(catalog);
});

describe.each(files)('%s', (file) => {
  const cases = loadCases(file);
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = simulator.simulate({ request: c.request, ...(c.policies ?? {}) });
    if ('error' in c.expected) {
      expect(result).toMatchObject({ error: { code: c.expected.error.code } });
      return;
    }
    expect(result, JSON.stringify(result)).not.toHaveProperty('error');
    const actual = result as EvaluationResult;
    expect(actual.decision, `source: ${c.source}`).toBe(c.expected.decision);
    for (const reason of c.expected.reasons ?? []) {
      expect(actual.reasons).toContainEqual(expect.objectContaining(reason));
    }
    for (const gap of c.expected.missingAllows ?? []) {
      expect(actual.missingAllows).toContainEqual(expect.objectContaining(gap));
    }
    if (c.expected.missingContextKeys) {
      expect(actual.missingContextKeys.map((k) => k.toLowerCase())).toEqual(
        c.expected.missingContextKeys.map((k) => k.toLowerCase()).sort(),
      );
    }
  });
});

describe('the corpus', () => {
  it('has at least 300 cases, each citing the AWS documentation', () => {
    const total = files.reduce((n, file) => n + loadCases(file).length, 0);
    expect(total).toBeGreaterThanOrEqual(300);
  });

  // The evaluator reads condition keys from the request's context slots, or from the map when a
  // request has none (more distinct keys than ids): both paths give the same results.
  it('gives the same results when a request has no context slots', () => {
    const options = { supportsRcp: (service: string) => catalog.supportsRcp(service) };
    let compared = 0;
    for (const file of files) {
      for (const c of loadCases(file)) {
        const prepared = simulator.prepare({ request: c.request, ...(c.policies ?? {}) });
        if ('error' in prepared) continue;
        const withoutSlots = { ...prepared.request, contextSlots: undefined };
        expect(evaluateRequest(prepared.policies, withoutSlots, options), c.name).toEqual(
          evaluateRequest(prepared.policies, prepared.request, options),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(300);
  });

  it('has unique case names within each file', () => {
    for (const file of files) {
      const names = loadCases(file).map((c) => c.name);
      expect(new Set(names).size, file).toBe(names.length);
    }
  });
});

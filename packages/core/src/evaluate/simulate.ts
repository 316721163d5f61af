import type { Catalog } from '../catalog/catalog.js';
import { type Diagnostic, error, joinPath, ok, type Result } from '../diagnostics/diagnostic.js';
import { type CompiledPolicy, compilePolicyDocument } from './compile-policy.js';
import { type CompiledOrgLevel, evaluateRequest, type PolicySet } from './evaluate-request.js';
import { buildRequest, type EvaluationRequest } from './request.js';
import type { EvaluationError, EvaluationResult, PolicyType, RequestInput } from './types.js';

/** Evaluates `simulate` inputs; policies seen before are not parsed or compiled again. */
export interface Simulator {
  /** Evaluates one simulate input (SPEC §3): a decision, or an error that says what is wrong and where. */
  simulate(input: unknown): EvaluationResult | EvaluationError;
  /** Checks and compiles one simulate input without deciding it, for other ways of evaluating. */
  prepare(input: unknown): PreparedRequest | EvaluationError;
}

/** A simulate input, checked and compiled. */
export interface PreparedRequest {
  readonly policies: PolicySet;
  readonly request: EvaluationRequest;
}

const cacheLimit = 10_000;

/**
 * Creates a simulator over a service catalog. The catalog validates the request's action and
 * says which services RCPs apply to. Compiled policies are cached by their text, so a batch
 * whose requests share policies compiles each policy once.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function createSimulator(catalog: Catalog): Simulator {
  // Keyed by type and name, then by text, so that the long text is hashed as it is, without
  // first being copied into one key string. Keyed without the path: the same policy at another
  // place in the input compiles to the same policy. Only policies that compile are cached; the
  // diagnostics of one that does not name the path where it was found.
  const cache = new Map<string, Map<string, CompiledPolicy>>();
  let cached = 0;
  const compile: Compile = (type, name, document, path) => {
    const text = typeof document === 'string' ? document : JSON.stringify(document);
    const named = `${type}\u0000${name}`;
    const hit = cache.get(named)?.get(text);
    if (hit) return ok(hit);
    const compiled = compilePolicyDocument(name, document, path, type);
    if (compiled.ok) {
      if (cached >= cacheLimit) {
        cache.clear();
        cached = 0;
      }
      let texts = cache.get(named);
      if (!texts) {
        texts = new Map();
        cache.set(named, texts);
      }
      texts.set(text, compiled.value);
      cached++;
    }
    return compiled;
  };
  const options = { supportsRcp: (service: string) => catalog.supportsRcp(service) };

  const prepare = (input: unknown): PreparedRequest | EvaluationError => {
    const problems: Diagnostic[] = [];
    const set = readInput(input, compile, problems);
    if (!set || problems.length > 0) return toError(problems);
    const request = buildRequest(set.request);
    if (!request.ok) return toError(request.diagnostics);
    if (!catalog.findAction(set.request.action)) {
      return toError([
        error(
          'request.unknown-action',
          'request.action',
          `\`${set.request.action}\` is not an action of the AWS service catalog; check the spelling`,
        ),
      ]);
    }
    return { policies: set.policies, request: request.value };
  };

  return {
    prepare,
    simulate(input) {
      const prepared = prepare(input);
      if ('error' in prepared) return prepared;
      return evaluateRequest(prepared.policies, prepared.request, options);
    },
  };
}

type Compile = (type: PolicyType, name: string, document: unknown, path: string) => Result<CompiledPolicy>;

function readInput(
  input: unknown,
  compile: Compile,
  problems: Diagnostic[],
): { request: RequestInput; policies: PolicySet } | undefined {
  if (!isRecord(input)) {
    problems.push(error('request.invalid', '', 'input must be a JSON object with a `request`'));
    return undefined;
  }
  const request = readRequest(input.request, problems);
  const policy = (
    type: PolicyType,
    name: string,
    document: unknown,
    path: string,
  ): CompiledPolicy | undefined => {
    const result = compile(type, name, document, path);
    if (!result.ok) {
      problems.push(...result.diagnostics.filter((d) => d.severity === 'error'));
      return undefined;
    }
    return result.value;
  };
  const named = (type: PolicyType, value: unknown, path: string): CompiledPolicy[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push(error('request.invalid', path, 'must be an array of `{"name", "policy"}` objects'));
      return [];
    }
    const result: CompiledPolicy[] = [];
    value.forEach((entry, i) => {
      const at = joinPath(path, i);
      if (!isRecord(entry) || typeof entry.name !== 'string' || entry.policy === undefined) {
        problems.push(error('request.invalid', at, 'must be an object with a string `name` and a `policy`'));
        return;
      }
      const compiled = policy(type, entry.name, entry.policy, joinPath(at, 'policy'));
      if (compiled) result.push(compiled);
    });
    return result;
  };
  const levels = (type: 'scp' | 'rcp', value: unknown, path: string): CompiledOrgLevel[] | undefined => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      problems.push(
        error('request.invalid', path, 'must be an array of `{"orgIdentifier", "policies"}` levels'),
      );
      return undefined;
    }
    return value.map((level, i) => {
      const at = joinPath(path, i);
      if (!isRecord(level) || typeof level.orgIdentifier !== 'string') {
        problems.push(
          error('request.invalid', at, 'must be an object with a string `orgIdentifier` and `policies`'),
        );
        return { orgIdentifier: '', policies: [] };
      }
      return {
        orgIdentifier: level.orgIdentifier,
        policies: named(type, level.policies, joinPath(at, 'policies')),
      };
    });
  };
  const single = (type: PolicyType, value: unknown, path: string): CompiledPolicy | undefined =>
    value === undefined || value === null || (isRecord(value) && Object.keys(value).length === 0)
      ? undefined
      : policy(type, path, value, path);

  const scps = levels('scp', input.scps, 'scps');
  const rcps = levels('rcp', input.rcps, 'rcps');
  const resource = single('resource', input.resourcePolicy, 'resourcePolicy');
  const session = single('session', input.sessionPolicy, 'sessionPolicy');
  const management = input.managementAccountId;
  if (management !== undefined && (typeof management !== 'string' || !/^\d{12}$/.test(management))) {
    problems.push(error('request.invalid', 'managementAccountId', 'must be a 12-digit account id'));
  }
  const policies: PolicySet = {
    identity: named('identity', input.identityPolicies, 'identityPolicies'),
    boundaries: named('permissionBoundary', input.permissionBoundaries, 'permissionBoundaries'),
    ...(session ? { session } : {}),
    ...(resource ? { resource } : {}),
    ...(scps ? { scps } : {}),
    ...(rcps ? { rcps } : {}),
    ...(typeof management === 'string' ? { managementAccountId: management } : {}),
  };
  return request ? { request, policies } : undefined;
}

function readRequest(value: unknown, problems: Diagnostic[]): RequestInput | undefined {
  if (!isRecord(value)) {
    problems.push(
      error('request.invalid', 'request', 'missing `request` object with `principal`, `action`, `resource`'),
    );
    return undefined;
  }
  const before = problems.length;
  for (const field of ['principal', 'action', 'resource'] as const) {
    if (typeof value[field] !== 'string') {
      problems.push(error('request.invalid', `request.${field}`, `\`${field}\` must be a string`));
    }
  }
  if (value.resourceAccount !== undefined && typeof value.resourceAccount !== 'string') {
    problems.push(error('request.invalid', 'request.resourceAccount', '`resourceAccount` must be a string'));
  }
  const context = value.context;
  if (context !== undefined) {
    if (!isRecord(context)) {
      problems.push(
        error('request.invalid', 'request.context', '`context` must be an object of keys to values'),
      );
    } else {
      for (const [key, entry] of Object.entries(context)) {
        const valid =
          typeof entry === 'string' || (Array.isArray(entry) && entry.every((v) => typeof v === 'string'));
        if (!valid) {
          problems.push(
            error(
              'request.invalid',
              joinPath('request.context', key),
              'context values must be strings or arrays of strings',
            ),
          );
        }
      }
    }
  }
  return problems.length === before ? (value as unknown as RequestInput) : undefined;
}

function toError(diagnostics: readonly Diagnostic[]): EvaluationError {
  const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
  if (!first)
    return { error: { code: 'request.invalid', path: '', message: 'input could not be evaluated' } };
  return { error: { code: first.code, path: first.path, message: first.message } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

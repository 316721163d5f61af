import {
  type Diagnostic,
  error,
  fail,
  hasErrors,
  joinPath,
  ok,
  type Result,
} from '../diagnostics/diagnostic.js';
import { decodePolicyDocument } from './decode-policy.js';
import type { ConditionTest, Effect, Policy, PolicyVersion, PrincipalBlock, Statement } from './types.js';

const statementElements = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const principalKinds = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

/**
 * Parses and validates a policy document (object, JSON string or URL-encoded JSON string) into
 * the normalised {@link Policy} model. `path` is where the document sits in its file, so every
 * diagnostic points at the offending element.
 *
 * A document without `Version` is version 2008-10-17, as AWS documents it, which means policy
 * variables in it are literal text.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
 */
export function parsePolicy(input: unknown, path = ''): Result<Policy> {
  // A snapshot's documents are objects read once and never changed, parsed by the index, the
  // compiler and the risk rules alike: each is parsed once (its diagnostics say where it is only
  // through `path`, so only the documents parsed without one are kept).
  if (path !== '' || typeof input !== 'object' || input === null) return parseDocument(input, path);
  let parsed = parsedDocuments.get(input);
  if (!parsed) {
    parsed = parseDocument(input, path);
    parsedDocuments.set(input, parsed);
  }
  return parsed;
}

const parsedDocuments = new WeakMap<object, Result<Policy>>();

/** {@link parsePolicy} itself. */
function parseDocument(input: unknown, path: string): Result<Policy> {
  const decoded = decodePolicyDocument(input, path);
  if (!decoded.ok) return decoded;
  const doc = decoded.value;
  if (!isRecord(doc)) {
    return fail([error('policy.invalid', path, 'policy document must be a JSON object with a `Statement`')]);
  }
  const diagnostics: Diagnostic[] = [];
  const version = parseVersion(doc.Version, joinPath(path, 'Version'), diagnostics);
  for (const key of Object.keys(doc)) {
    if (key !== 'Version' && key !== 'Id' && key !== 'Statement') {
      diagnostics.push(
        error('policy.unknown-element', joinPath(path, key), `unknown policy element \`${key}\`; remove it`),
      );
    }
  }
  const statementsPath = joinPath(path, 'Statement');
  const raw = doc.Statement;
  const statements: Statement[] = [];
  if (raw === undefined) {
    diagnostics.push(error('policy.invalid', statementsPath, 'policy document has no `Statement`; add one'));
  } else if (Array.isArray(raw)) {
    raw.forEach((entry, index) => {
      const statement = parseStatement(entry, index, joinPath(statementsPath, index), diagnostics);
      if (statement) statements.push(statement);
    });
  } else {
    const statement = parseStatement(raw, 0, statementsPath, diagnostics);
    if (statement) statements.push(statement);
  }
  if (hasErrors(diagnostics)) return fail(diagnostics);
  const statementArray = Array.isArray(raw);
  const policy: Policy =
    typeof doc.Id === 'string'
      ? { version, id: doc.Id, statements, statementArray }
      : { version, statements, statementArray };
  return ok(policy, diagnostics);
}

function parseVersion(value: unknown, path: string, diagnostics: Diagnostic[]): PolicyVersion {
  if (value === undefined) return '2008-10-17';
  if (value === '2012-10-17' || value === '2008-10-17') return value;
  diagnostics.push(
    error('policy.invalid', path, `unknown policy version \`${String(value)}\`; use \`2012-10-17\``),
  );
  return '2012-10-17';
}

function parseStatement(
  raw: unknown,
  index: number,
  path: string,
  diagnostics: Diagnostic[],
): Statement | undefined {
  if (!isRecord(raw)) {
    diagnostics.push(error('policy.invalid', path, 'statement must be a JSON object'));
    return undefined;
  }
  const before = diagnostics.length;
  for (const key of Object.keys(raw)) {
    if (!statementElements.has(key)) {
      diagnostics.push(
        error(
          'policy.unknown-element',
          joinPath(path, key),
          `unknown statement element \`${key}\`; remove it`,
        ),
      );
    }
  }
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    diagnostics.push(error('policy.invalid', joinPath(path, 'Effect'), '`Effect` must be `Allow` or `Deny`'));
  }
  const sid = raw.Sid;
  if (sid !== undefined && typeof sid !== 'string') {
    diagnostics.push(error('policy.invalid', joinPath(path, 'Sid'), '`Sid` must be a string'));
  }
  const action = pair(raw, 'Action', 'NotAction', path, diagnostics, true);
  const resource = pair(raw, 'Resource', 'NotResource', path, diagnostics, false);
  for (const [key, values] of [action.positive, action.negative].entries()) {
    values?.forEach((value, i) => {
      if (value !== '*' && !/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(value)) {
        const element = key === 0 ? 'Action' : 'NotAction';
        diagnostics.push(
          error(
            'policy.invalid',
            joinPath(joinPath(path, element), i),
            `action \`${value}\` is not of the form \`service:ActionName\``,
          ),
        );
      }
    });
  }
  if (raw.Principal !== undefined && raw.NotPrincipal !== undefined) {
    diagnostics.push(
      error('policy.invalid', path, 'a statement cannot have both `Principal` and `NotPrincipal`'),
    );
  }
  const principal =
    raw.Principal === undefined
      ? undefined
      : parsePrincipal(raw.Principal, joinPath(path, 'Principal'), diagnostics);
  const notPrincipal =
    raw.NotPrincipal === undefined
      ? undefined
      : parsePrincipal(raw.NotPrincipal, joinPath(path, 'NotPrincipal'), diagnostics);
  const conditions = parseConditions(raw.Condition, joinPath(path, 'Condition'), diagnostics);
  if (diagnostics.length > before && hasErrors(diagnostics.slice(before))) return undefined;
  return {
    index,
    ...(typeof sid === 'string' ? { sid } : {}),
    effect: effect as Effect,
    ...(action.positive ? { action: action.positive } : {}),
    ...(action.negative ? { notAction: action.negative } : {}),
    ...(resource.positive ? { resource: resource.positive } : {}),
    ...(resource.negative ? { notResource: resource.negative } : {}),
    ...(principal ? { principal } : {}),
    ...(notPrincipal ? { notPrincipal } : {}),
    conditions,
  };
}

/** Reads an element and its `Not` twin: at most one may be present; `required` means exactly one. */
function pair(
  raw: Record<string, unknown>,
  positiveKey: string,
  negativeKey: string,
  path: string,
  diagnostics: Diagnostic[],
  required: boolean,
): { positive?: readonly string[]; negative?: readonly string[] } {
  const hasPositive = raw[positiveKey] !== undefined;
  const hasNegative = raw[negativeKey] !== undefined;
  if (hasPositive && hasNegative) {
    diagnostics.push(
      error('policy.invalid', path, `a statement cannot have both \`${positiveKey}\` and \`${negativeKey}\``),
    );
    return {};
  }
  if (required && !hasPositive && !hasNegative) {
    diagnostics.push(
      error('policy.invalid', path, `statement has neither \`${positiveKey}\` nor \`${negativeKey}\``),
    );
    return {};
  }
  const result: { positive?: readonly string[]; negative?: readonly string[] } = {};
  if (hasPositive) {
    const values = stringList(raw[positiveKey], joinPath(path, positiveKey), diagnostics);
    if (values) result.positive = values;
  }
  if (hasNegative) {
    const values = stringList(raw[negativeKey], joinPath(path, negativeKey), diagnostics);
    if (values) result.negative = values;
  }
  return result;
}

function stringList(value: unknown, path: string, diagnostics: Diagnostic[]): readonly string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
    return value as string[];
  diagnostics.push(error('policy.invalid', path, 'must be a string or a non-empty array of strings'));
  return undefined;
}

function parsePrincipal(value: unknown, path: string, diagnostics: Diagnostic[]): PrincipalBlock | undefined {
  if (value === '*') return { wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] };
  if (!isRecord(value)) {
    diagnostics.push(
      error('policy.invalid', path, 'principal must be `"*"` or an object such as `{"AWS": "..."}`'),
    );
    return undefined;
  }
  const lists: Record<string, readonly string[]> = {};
  for (const [kind, entry] of Object.entries(value)) {
    if (!principalKinds.has(kind)) {
      diagnostics.push(
        error(
          'policy.invalid',
          joinPath(path, kind),
          `unknown principal type \`${kind}\`; use \`AWS\`, \`Service\`, \`Federated\` or \`CanonicalUser\``,
        ),
      );
      continue;
    }
    const values = stringList(entry, joinPath(path, kind), diagnostics);
    if (values) lists[kind] = values;
  }
  const aws = lists.AWS ?? [];
  return {
    wildcard: aws.includes('*'),
    aws: aws.filter((a) => a !== '*'),
    service: lists.Service ?? [],
    federated: lists.Federated ?? [],
    canonicalUser: lists.CanonicalUser ?? [],
  };
}

function parseConditions(value: unknown, path: string, diagnostics: Diagnostic[]): readonly ConditionTest[] {
  if (value === undefined) return [];
  if (!isRecord(value)) {
    diagnostics.push(error('policy.invalid', path, '`Condition` must be an object of operators'));
    return [];
  }
  const tests: ConditionTest[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const operatorPath = joinPath(path, operator);
    if (!isRecord(block)) {
      diagnostics.push(
        error('policy.invalid', operatorPath, `condition \`${operator}\` must be an object of keys`),
      );
      continue;
    }
    for (const [key, raw] of Object.entries(block)) {
      const values = conditionValues(raw);
      if (values === undefined) {
        diagnostics.push(
          error(
            'policy.invalid',
            joinPath(operatorPath, key),
            'condition values must be strings, numbers or booleans, or an array of them',
          ),
        );
        continue;
      }
      tests.push({ operator, key, values });
    }
  }
  return tests;
}

function conditionValues(raw: unknown): readonly string[] | undefined {
  const list = Array.isArray(raw) ? raw : [raw];
  const values: string[] = [];
  for (const v of list) {
    if (typeof v === 'string') values.push(v);
    else if (typeof v === 'number' || typeof v === 'boolean') values.push(String(v));
    else return undefined;
  }
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

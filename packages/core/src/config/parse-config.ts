import { parseDocument } from 'yaml';
import { CAPABILITIES } from '../capability/capability.js';
import { type Diagnostic, error, fail, joinPath, ok, type Result } from '../diagnostics/diagnostic.js';
import { type AccessloopConfig, DEFAULT_CONFIG } from './default-config.js';

/** A mutable reading of one section; each section parser fills its part from the file's value. */
type SectionParser = (value: unknown, path: string, config: Draft, diagnostics: Diagnostic[]) => void;

type Draft = { -readonly [K in keyof AccessloopConfig]: AccessloopConfig[K] };

/**
 * The sections of `accessloop.yaml`, by top-level key. A new section (say `risks:`) is one more
 * entry here and one more field of {@link AccessloopConfig}.
 */
const sections: Readonly<Record<string, SectionParser>> = {
  tags: (value, path, config, diagnostics) => {
    config.tags = readRecord(value, path, DEFAULT_CONFIG.tags, diagnostics, {
      team: readTagKey,
      app: readTagKey,
    });
  },
  classification: (value, path, config, diagnostics) => {
    config.classification = readRecord(value, path, DEFAULT_CONFIG.classification, diagnostics, {
      tag: readTagKey,
      sensitiveValues: readStringList,
    });
  },
  score: (value, path, config, diagnostics) => {
    const score = readRecord(value, path, DEFAULT_CONFIG.score, diagnostics, {
      capabilities: readCapabilityWeights,
      criticalServices: readServiceList,
      criticalMultiplier: readWholeNumber,
      dataServices: readServiceList,
      dataMultiplier: readWholeNumber,
      sensitiveMultiplier: readWholeNumber,
      conditionalPercent: (v, p, d) => readWholeNumber(v, p, d, 100),
    });
    config.score = score;
  },
  unused: (value, path, config, diagnostics) => {
    const unused = readRecord(value, path, { days: DEFAULT_CONFIG.unusedDays }, diagnostics, {
      days: readWholeNumber,
    });
    config.unusedDays = unused.days;
  },
};

/**
 * Reads the text of an `accessloop.yaml` configuration file (YAML 1.2, so JSON too). Keys left out
 * keep their defaults ({@link DEFAULT_CONFIG}); an empty file is the default configuration.
 * Problems are diagnostics whose path names the key (`score.capabilities.read-data`):
 * `config.invalid-yaml`, `config.unknown-key`, `config.invalid-value`.
 */
export function parseConfig(text: string): Result<AccessloopConfig> {
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    return fail(
      document.errors.map((e) => {
        const at = e.linePos?.[0];
        const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        return error(
          'config.invalid-yaml',
          '',
          `${at ? `line ${at.line}, column ${at.col}: ` : ''}${lowerFirst(message)}; fix the YAML syntax`,
        );
      }),
    );
  }
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  const diagnostics: Diagnostic[] = [];
  const config: Draft = { ...DEFAULT_CONFIG };
  if (value !== null && value !== undefined) {
    if (!isRecord(value))
      return fail([invalid('', 'the file must be a mapping of sections such as `score:`')]);
    for (const [key, section] of Object.entries(value)) {
      const parse = sections[key];
      if (parse) parse(section, key, config, diagnostics);
      else diagnostics.push(unknownKey(key, Object.keys(sections)));
    }
  }
  return diagnostics.length > 0 ? fail(diagnostics) : ok(config);
}

type FieldReader = (value: unknown, path: string, diagnostics: Diagnostic[]) => unknown;

/** Reads a mapping whose keys each have a reader; absent keys keep their defaults. */
function readRecord<T extends object>(
  value: unknown,
  path: string,
  defaults: T,
  diagnostics: Diagnostic[],
  fields: Readonly<Record<string, FieldReader>>,
): T {
  const result = { ...defaults } as Record<string, unknown>;
  if (value === null) return result as T;
  if (!isRecord(value)) {
    diagnostics.push(invalid(path, `expected a mapping of ${Object.keys(fields).map(quote).join(', ')}`));
    return result as T;
  }
  for (const [key, field] of Object.entries(value)) {
    const read = fields[key];
    const fieldPath = joinPath(path, key);
    if (!read) {
      diagnostics.push(unknownKey(fieldPath, Object.keys(fields)));
      continue;
    }
    const parsed = read(field, fieldPath, diagnostics);
    if (parsed !== undefined) result[key] = parsed;
  }
  return result as T;
}

function readCapabilityWeights(value: unknown, path: string, diagnostics: Diagnostic[]): unknown {
  const weights = readRecord(
    value,
    path,
    DEFAULT_CONFIG.score.capabilities,
    diagnostics,
    Object.fromEntries(CAPABILITIES.map((c) => [c, readWholeNumber])),
  );
  return weights;
}

function readWholeNumber(value: unknown, path: string, diagnostics: Diagnostic[], max?: number): unknown {
  if (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value >= 0 &&
    (max === undefined || value <= max)
  )
    return value;
  diagnostics.push(
    invalid(
      path,
      `expected a whole number from 0${max === undefined ? '' : ` to ${max}`}, got ${describe(value)}`,
    ),
  );
  return undefined;
}

function readTagKey(value: unknown, path: string, diagnostics: Diagnostic[]): unknown {
  if (typeof value === 'string' && value.length > 0 && value.length <= 128) return value;
  diagnostics.push(invalid(path, `expected a tag key (1 to 128 characters), got ${describe(value)}`));
  return undefined;
}

function readStringList(value: unknown, path: string, diagnostics: Diagnostic[]): unknown {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [...value].sort();
  diagnostics.push(invalid(path, `expected a list of strings, got ${describe(value)}`));
  return undefined;
}

function readServiceList(value: unknown, path: string, diagnostics: Diagnostic[]): unknown {
  const list = readStringList(value, path, diagnostics) as string[] | undefined;
  if (list === undefined) return undefined;
  const bad = list.find((s) => !/^[a-z0-9-]+$/.test(s));
  if (bad === undefined) return list;
  diagnostics.push(
    invalid(path, `\`${bad}\` is not an IAM service prefix; write it as in actions, lowercase, e.g. \`iam\``),
  );
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: string, message: string): Diagnostic {
  return error('config.invalid-value', path, message);
}

function unknownKey(path: string, known: readonly string[]): Diagnostic {
  return error('config.unknown-key', path, `unknown key; expected one of ${known.map(quote).join(', ')}`);
}

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `\`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  if (typeof value === 'object') return 'a mapping';
  return `\`${String(value)}\``;
}

function quote(text: string): string {
  return `\`${text}\``;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

import { existsSync } from 'node:fs';
import { type AccessloopConfig, DEFAULT_CONFIG, ok, parseConfig, type Result } from '@accessloop/core';
import { readTextFile } from './read-json-file.js';

/** The configuration file read when `--config` is not given, from the working directory. */
export const DEFAULT_CONFIG_FILE = 'accessloop.yaml';

/** `--config FILE`, else `accessloop.yaml` in the working directory if there is one, else the defaults. */
export function readConfig(path: string | undefined): Result<AccessloopConfig> {
  if (path !== undefined) return readParsed(path, parseConfig);
  return existsSync(DEFAULT_CONFIG_FILE) ? readParsed(DEFAULT_CONFIG_FILE, parseConfig) : ok(DEFAULT_CONFIG);
}

/** Reads a text file and parses it; diagnostics carry `file`. */
export function readParsed<T>(path: string, parse: (text: string) => Result<T>): Result<T> {
  const text = readTextFile(path);
  if (!text.ok) return { ok: false, diagnostics: text.diagnostics };
  const parsed = parse(text.value);
  const diagnostics = parsed.diagnostics.map((d) => ({ ...d, file: path }));
  return parsed.ok ? { ...parsed, diagnostics } : { ok: false, diagnostics };
}

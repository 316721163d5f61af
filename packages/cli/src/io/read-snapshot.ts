/**
 * Loading a snapshot from disk: a snapshot folder (SPEC §2), or a single
 * `aws iam get-account-authorization-details` file, which is accepted anywhere a snapshot is.
 *
 * @see https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSingleAccountSnapshot,
  buildSnapshot,
  type Diagnostic,
  type Result,
  type Snapshot,
  type SnapshotSource,
} from '@accessloop/core';
import { fileError, readTextFile } from './read-json-file.js';

/**
 * The snapshot at `path`, a folder or a single GAAD file. Every diagnostic carries `file`: the
 * file it is about, as `path` joined with its place in the folder. Files are read one at a time,
 * so a folder of many large accounts needs memory for the model, not for all the texts at once.
 */
export function readSnapshot(path: string): Result<Snapshot> {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (cause) {
    return { ok: false, diagnostics: [fileError(path, cause)] };
  }
  if (!isFolder) {
    const text = readTextFile(path);
    if (!text.ok) return text;
    return inFile(buildSingleAccountSnapshot(text.value), () => path);
  }
  const listed = listFiles(path);
  const source: SnapshotSource = {
    paths: listed.paths,
    readText: (file) => readTextFile(join(path, ...file.split('/'))),
  };
  const result = buildSnapshot(source);
  const located = inFile(result, (file) => (file === undefined ? path : join(path, ...file.split('/'))));
  if (listed.diagnostics.length === 0) return located;
  const diagnostics = [...listed.diagnostics, ...located.diagnostics];
  return located.ok && !listed.diagnostics.some((d) => d.severity === 'error')
    ? { ...located, diagnostics }
    : { ok: false, diagnostics };
}

/** Sets `file` on every diagnostic, from the snapshot-relative one the core gave (if any). */
function inFile<T>(result: Result<T>, locate: (file: string | undefined) => string): Result<T> {
  const diagnostics = result.diagnostics.map((d) => ({ ...d, file: locate(d.file) }));
  return { ...result, diagnostics };
}

/**
 * Every file under `root`, relative to it with `/` separators. Names starting with `.` (`.git`,
 * `.DS_Store`) are skipped; symbolic links are followed, each real folder visited once.
 */
function listFiles(root: string): { paths: string[]; diagnostics: Diagnostic[] } {
  const paths: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const visited = new Set<string>();
  const walk = (folder: string, prefix: string): void => {
    let entries: string[];
    try {
      const real = realpathSync(folder);
      if (visited.has(real)) return;
      visited.add(real);
      entries = readdirSync(folder);
    } catch (cause) {
      diagnostics.push(fileError(folder, cause));
      return;
    }
    for (const name of entries) {
      if (name.startsWith('.')) continue;
      const full = join(folder, name);
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      let isFolder: boolean;
      try {
        isFolder = statSync(full).isDirectory();
      } catch (cause) {
        diagnostics.push(fileError(full, cause));
        continue;
      }
      if (isFolder) walk(full, relative);
      else paths.push(relative);
    }
  };
  walk(root, '');
  return { paths, diagnostics };
}

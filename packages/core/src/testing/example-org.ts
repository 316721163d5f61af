import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSnapshot, snapshotSourceFromFiles } from '../snapshot/build-snapshot.js';
import type { Snapshot } from '../snapshot/model.js';

const orgDir = new URL('../../../../examples/org/', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The bundled training organisation (examples/org), loaded with the real loader. */
export function loadExampleOrg(): Snapshot {
  const built = buildSnapshot(
    snapshotSourceFromFiles(
      files(orgDir).map((path) => ({ path: relative(orgDir, path), text: readFileSync(path, 'utf8') })),
    ),
  );
  if (!built.ok)
    throw new Error(`examples/org does not load: ${JSON.stringify(built.diagnostics.slice(0, 3))}`);
  return built.value;
}

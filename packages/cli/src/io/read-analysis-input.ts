import {
  type Catalog,
  hasErrors,
  loadCatalog,
  loadResourceTypeIndex,
  type ResourceTypeIndex,
  type Snapshot,
} from '@accessloop/core';
import type { Io } from '../io-streams.js';
import { printDiagnostics } from '../output.js';
import { readSnapshot } from './read-snapshot.js';

/** What the analysis commands (`who-can`, `access`) work on. */
export interface AnalysisInput {
  readonly snapshot: Snapshot;
  readonly tools: { readonly catalog: Catalog; readonly resourceTypes: ResourceTypeIndex };
}

/**
 * Reads a snapshot and loads the service catalog and the resource types. Prints every diagnostic
 * (warnings too) and returns undefined when the snapshot has errors: the command then exits 2.
 */
export async function readAnalysisInput(snapshotPath: string, io: Io): Promise<AnalysisInput | undefined> {
  const snapshot = readSnapshot(snapshotPath);
  printDiagnostics(io.stderr, snapshot.diagnostics);
  if (!snapshot.ok || hasErrors(snapshot.diagnostics)) return undefined;
  const catalog = await loadCatalog();
  return {
    snapshot: snapshot.value,
    tools: { catalog, resourceTypes: await loadResourceTypeIndex(catalog) },
  };
}

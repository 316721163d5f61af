/**
 * What the disk side of snapshot loading uses from the core, in one place.
 *
 * TODO(wiring): the snapshot loader is not exported from `@accessloop/core` yet, so it is
 * imported from the core's sources here; once `packages/core/src/index.ts` exports these names,
 * this file becomes a plain re-export from `@accessloop/core` (or goes away).
 */
export type { Diagnostic, Result } from '@accessloop/core';
export {
  buildSingleAccountSnapshot,
  buildSnapshot,
  type SnapshotSource,
} from '../../../core/src/snapshot/build-snapshot.js';
export { parseJsonText } from '../../../core/src/snapshot/json-text.js';
export type { Snapshot } from '../../../core/src/snapshot/model.js';

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readSnapshot } from './read-snapshot.js';

const root = new URL('../../../../', import.meta.url).pathname;

/** The bundled training organisation (examples/org) is what the README and the exercises run on. */
describe('the training organisation', () => {
  it('loads without a single error or warning', () => {
    const snapshot = readSnapshot(`${root}examples/org`);
    expect(snapshot.diagnostics).toEqual([]);
    expect(snapshot.ok && snapshot.value.accounts.length).toBeGreaterThanOrEqual(3);
  });

  it('is exactly what its generator writes', () => {
    // Exits non-zero, and so throws, when examples/org differs from the generator's output.
    expect(() =>
      execFileSync(process.execPath, [`${root}scripts/generate-example-org.mjs`, '--check'], {
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snapshotCodes } from './codes.js';

describe('snapshotCodes', () => {
  it('pins the list of codes: codes are stable, never renamed or reused', () => {
    expect(Object.keys(snapshotCodes).sort()).toMatchInlineSnapshot(`
      [
        "snapshot.account-mismatch",
        "snapshot.account-not-in-organization",
        "snapshot.conflicting-default-version",
        "snapshot.duplicate-id",
        "snapshot.duplicate-name",
        "snapshot.duplicate-policy",
        "snapshot.duplicate-resource",
        "snapshot.invalid-account-folder",
        "snapshot.invalid-arn",
        "snapshot.invalid-policy-document",
        "snapshot.invalid-shape",
        "snapshot.missing-aws-managed-policy",
        "snapshot.missing-file",
        "snapshot.no-accounts",
        "snapshot.no-default-version",
        "snapshot.parent-cycle",
        "snapshot.truncated",
        "snapshot.unknown-account",
        "snapshot.unknown-file",
        "snapshot.unknown-group",
        "snapshot.unknown-managed-policy",
        "snapshot.unknown-parent",
        "snapshot.unknown-target",
        "snapshot.unsupported-format",
      ]
    `);
  });

  it('describes every code in one line', () => {
    for (const description of Object.values(snapshotCodes)) {
      expect(description).toMatch(/^[a-z`][^\n]*[^.]$/);
    }
  });

  it('lists only codes that the snapshot readers use', () => {
    // The CLI's disk side reports the codes about reading files (`input.unreadable`, ...).
    const folders = [new URL('./', import.meta.url), new URL('../../../cli/src/io/', import.meta.url)];
    const sources = folders
      .flatMap((folder) =>
        readdirSync(folder, { recursive: true, encoding: 'utf8' })
          .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'codes.ts')
          .map((file) => readFileSync(new URL(file, folder), 'utf8')),
      )
      .join('\n');
    const unused = Object.keys(snapshotCodes).filter((code) => !sources.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from './codes.js';

const packagesDir = new URL('../../../', import.meta.url).pathname;

/** Every non-test TypeScript source file of every package. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('diagnostic codes', () => {
  it('are pinned: adding one is a deliberate change to this list, renaming one breaks users', () => {
    expect(Object.keys(diagnosticCodes).sort()).toMatchInlineSnapshot(`
      [
        "access.missing-policy",
        "access.unknown-principal",
        "cli.usage",
        "condition.ignored-set-operator",
        "condition.invalid-value",
        "condition.invalid-variable",
        "condition.unknown-operator",
        "config.invalid-value",
        "config.invalid-yaml",
        "config.unknown-key",
        "input.empty",
        "input.invalid-json",
        "input.not-found",
        "input.too-large",
        "input.unreadable",
        "internal",
        "policy.invalid",
        "policy.invalid-json",
        "policy.unknown-element",
        "request.invalid",
        "request.malformed-arn",
        "request.unknown-action",
        "risks.invalid-account-id",
        "score.invalid-reviews",
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
        "suppressions.expired",
        "suppressions.invalid-entry",
        "suppressions.invalid-yaml",
        "usage.invalid-access-advisor",
        "usage.invalid-cloudtrail-file",
        "usage.invalid-cloudtrail-record",
        "usage.invalid-credential-report",
        "usage.no-collection-time",
      ]
    `);
  });

  it('each have a one-line description: lowercase start, no final period', () => {
    for (const [code, description] of Object.entries(diagnosticCodes)) {
      expect(description, code).toMatch(/^[a-z`][^\n]{9,}[^.]$/);
    }
  });

  const sources = sourceFiles(packagesDir)
    .filter((file) => !file.endsWith('codes.ts'))
    .map((file) => readFileSync(file, 'utf8'));

  it('cover every code the source reports', () => {
    const used = new Set<string>();
    const pattern = /(?:[Ee]rror|[Ww]arning)\(\s*'([a-z]+\.[a-z-]+)'|code: '([a-z]+\.[a-z-]+)'/g;
    for (const text of sources) {
      for (const match of text.matchAll(pattern)) used.add((match[1] ?? match[2]) as string);
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((code) => !(code in diagnosticCodes)).sort()).toEqual([]);
  });

  it('are each reported somewhere: no code is listed that nothing uses', () => {
    const all = sources.join('\n');
    expect(Object.keys(diagnosticCodes).filter((code) => !all.includes(`'${code}'`))).toEqual([]);
  });
});

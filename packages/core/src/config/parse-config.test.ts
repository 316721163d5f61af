import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './default-config.js';
import { parseConfig } from './parse-config.js';

describe('parseConfig', () => {
  it.each([[''], ['# only a comment\n'], ['{}']])('reads %j as the default configuration', (text) => {
    expect(parseConfig(text)).toEqual({ ok: true, value: DEFAULT_CONFIG, diagnostics: [] });
  });

  it('overrides only the keys given', () => {
    const result = parseConfig(`
tags:
  team: owner-team
classification:
  sensitiveValues: [secret, pci]
score:
  capabilities:
    read-data: 7
  criticalServices: [iam, sts]
  conditionalPercent: 50
unused:
  days: 30
`);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.value.tags).toEqual({ team: 'owner-team', app: 'app' });
    expect(result.value.classification).toEqual({
      tag: 'data-classification',
      sensitiveValues: ['pci', 'secret'],
    });
    expect(result.value.score.capabilities).toEqual({ ...DEFAULT_CONFIG.score.capabilities, 'read-data': 7 });
    expect(result.value.score.criticalServices).toEqual(['iam', 'sts']);
    expect(result.value.score.dataServices).toEqual(DEFAULT_CONFIG.score.dataServices);
    expect(result.value.score.conditionalPercent).toBe(50);
    expect(result.value.unusedDays).toBe(30);
  });

  it('accepts JSON, which is YAML', () => {
    const result = parseConfig('{"score": {"dataMultiplier": 3}}');
    expect(result.ok && result.value.score.dataMultiplier).toBe(3);
  });

  it.each([
    ['scores:\n  x: 1\n', 'config.unknown-key', 'scores'],
    ['score:\n  capabilities:\n    read-dta: 1\n', 'config.unknown-key', 'score.capabilities["read-dta"]'],
    ['score:\n  criticalMultiplier: 1.5\n', 'config.invalid-value', 'score.criticalMultiplier'],
    ['score:\n  dataMultiplier: -1\n', 'config.invalid-value', 'score.dataMultiplier'],
    ['score:\n  conditionalPercent: 150\n', 'config.invalid-value', 'score.conditionalPercent'],
    ['score:\n  criticalServices: [IAM]\n', 'config.invalid-value', 'score.criticalServices'],
    ['score:\n  criticalServices: iam\n', 'config.invalid-value', 'score.criticalServices'],
    ['tags:\n  team: ""\n', 'config.invalid-value', 'tags.team'],
    ['tags: [team]\n', 'config.invalid-value', 'tags'],
    ['- a\n- b\n', 'config.invalid-value', ''],
    ['unused:\n  days: "90"\n', 'config.invalid-value', 'unused.days'],
  ])('rejects %j with %s at %s', (text, code, path) => {
    const result = parseConfig(text);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([[code, path]]);
    for (const d of result.diagnostics) expect(d.message).toMatch(/^[a-z`][^\n]*[^.]$/);
  });

  it('reports YAML syntax errors with line and column, one line each', () => {
    const result = parseConfig('score:\n  dataMultiplier: 2\n  dataMultiplier: 3\n');
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.code).toBe('config.invalid-yaml');
    expect(result.diagnostics[0]?.message).toMatch(
      /^line 3, column 3: map keys must be unique; fix the YAML syntax$/,
    );
  });

  it('reports every problem at once', () => {
    const result = parseConfig('score:\n  dataMultiplier: x\n  sensitiveMultiplier: y\nrisks: {}\n');
    expect(result.diagnostics.map((d) => d.path)).toEqual([
      'score.dataMultiplier',
      'score.sensitiveMultiplier',
      'risks',
    ]);
  });
});

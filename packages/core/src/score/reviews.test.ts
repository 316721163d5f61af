import { describe, expect, it } from 'vitest';
import { parseReviews } from './reviews.js';

describe('parseReviews', () => {
  it('reads YAML and JSON', () => {
    const yaml = parseReviews(
      'reviews:\n  - team: checkout\n    completedAt: 2026-11-10\n    reviewer: ana\n  - app: orders\n    completedAt: 2026-11-12T09:30:00Z\n',
    );
    expect(yaml).toEqual({
      ok: true,
      value: [
        { team: 'checkout', completedAt: '2026-11-10', reviewer: 'ana' },
        { app: 'orders', completedAt: '2026-11-12T09:30:00Z' },
      ],
      diagnostics: [],
    });
    expect(parseReviews('{"reviews": []}')).toEqual({ ok: true, value: [], diagnostics: [] });
  });

  it.each([
    ['reviews: [\n', ''],
    ['[]', ''],
    ['{"reviews": [], "other": 1}', ''],
    ['reviews:\n  - completedAt: 2026-11-10\n', 'reviews[0]'],
    ['reviews:\n  - team: checkout\n    completedAt: last week\n', 'reviews[0].completedAt'],
    ['reviews:\n  - team: checkout\n    completedAt: 2026-11-10\n    teem: x\n', 'reviews[0].teem'],
    ['reviews:\n  - team: 7\n    completedAt: 2026-11-10\n', 'reviews[0].team'],
    ['reviews:\n  - checkout\n', 'reviews[0]'],
  ])('rejects %j at %j', (text, path) => {
    const result = parseReviews(text);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['score.invalid-reviews', path]]);
  });
});

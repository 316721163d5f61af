import { describe, expect, it } from 'vitest';
import { renderScore, renderScoreExplanation } from './render-score.js';
import type { PrincipalScore, ScoreReport } from './score-snapshot.js';

const hostile = '<script>alert(1)</script> | `x` \u001b[31mred\n# heading';
const hostileArn = `arn:aws:iam::111122223333:role/${hostile}`;

const principal: PrincipalScore = {
  arn: hostileArn,
  team: hostile,
  score: 36,
  par: 16,
  overPar: 20,
  contributions: [
    {
      capability: 'read-data',
      service: 'dynamodb',
      resources: [
        'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
        `arn:aws:dynamodb:eu-west-1:111122223333:table/${hostile}`,
      ],
      points: 24,
      conditional: false,
      critical: false,
      dataSource: true,
      actions: ['dynamodb:GetItem'],
      pairs: 2,
      sensitivePairs: 1,
      pointsPerPair: 8,
      pointsPerSensitivePair: 16,
    },
    {
      capability: 'use-resource',
      service: 'iam',
      resources: ['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::111122223333:role/b'],
      points: 12,
      conditional: true,
      critical: true,
      dataSource: false,
      actions: ['iam:PassRole'],
      pairs: 2,
      sensitivePairs: 0,
      pointsPerPair: 6,
      pointsPerSensitivePair: 12,
    },
  ],
};
const report: ScoreReport = {
  by: 'team',
  principals: [principal, { arn: 'arn:aws:iam::111122223333:role/quiet', score: 0, contributions: [] }],
  teams: [
    { team: '(untagged)', score: 0, principals: 1, reviewsCompleted: 0 },
    { team: hostile, score: 36, overPar: 20, principals: 1, reviewsCompleted: 2, improvement: 5 },
  ],
};

describe('renderScore', () => {
  it('prints the leaderboard, both rankings and the highest scores as text', () => {
    expect(renderScore(report, 'text')).toMatchInlineSnapshot(`
      "Leaderboard by team: lowest score wins

      rank  team                                                        score  over par  principals  reviews  improvement
      1     \`(untagged)\`                                                    0         -           1        0  -
      2     \`<script>alert(1)</script> | \`x\` \\u001b[31mred\\n# heading\`     36        20           1        2  +5

      By over-par strokes: lowest wins

      rank  team                                                        over par  score
      1     \`<script>alert(1)</script> | \`x\` \\u001b[31mred\\n# heading\`        20  36

      Highest scores (2 of 2 principals)

      principal                                                                                  team                                                        score            par  over par
      \`arn:aws:iam::111122223333:role/<script>alert(1)</script> | \`x\` \\u001b[31mred\\n# heading\`  \`<script>alert(1)</script> | \`x\` \\u001b[31mred\\n# heading\`     36             16  20
      \`arn:aws:iam::111122223333:role/quiet\`                                                     -                                                               0  no usage data  -
      "
    `);
  });

  it('says when there is no usage data for par', () => {
    const noPar: ScoreReport = { ...report, teams: report.teams.map(({ overPar: _, ...t }) => t) };
    expect(renderScore(noPar, 'text')).toContain(
      'no usage data: par needs CloudTrail or Access Advisor data',
    );
  });

  it.each(['text', 'markdown', 'html'] as const)('escapes a hostile tag value and ARN in %s', (format) => {
    const outputs = [renderScore(report, format), renderScoreExplanation(principal, format)];
    for (const out of outputs) {
      expect(out).not.toContain('\u001b');
      // Markdown and text show it literally inside code spans; HTML must not contain the tag.
      if (format === 'html') expect(out).not.toContain('<script>');
      expect(out).not.toContain('\n# heading');
    }
    if (format === 'markdown') {
      // A pipe in a tag value must not add a column: every row of a table has the header's cells.
      for (const table of outputs[0]?.split('\n\n').filter((s) => s.startsWith('|')) ?? []) {
        const rows = table.split('\n').filter((row) => row !== '');
        expect(new Set(rows.map((row) => row.split(/(?<!\\)\|/).length)).size, table).toBe(1);
      }
    }
  });
});

describe('renderScoreExplanation', () => {
  it('lists every contribution with its arithmetic, and the total', () => {
    expect(renderScoreExplanation(principal, 'markdown')).toMatchInlineSnapshot(`
      "## Score of \`\`arn:aws:iam::111122223333:role/<script>alert(1)</script> \\| \`x\` \\u001b[31mred # heading\`\`: 36 points

      \`\`<script>alert(1)</script> \\| \`x\` \\u001b[31mred # heading\`\`, par 16, 20 over par

      | points | capability | service | how | resources |
      | ---: | --- | --- | --- | --- |
      | 24 | read-data | \`dynamodb\` (data) | 1 action × 2 resources: 1 pair × 8 + 1 sensitive pair × 16 | \`arn:aws:dynamodb:eu-west-1:111122223333:table/orders\`, \`\`arn:aws:dynamodb:eu-west-1:111122223333:table/<script>alert(1)</script> \\| \`x\` \\u001b[31mred # heading\`\` |
      | 12 | use-resource | \`iam\` (critical, conditional) | 1 action × 2 resources: 2 pairs × 6 | \`arn:aws:iam::111122223333:role/a\`, \`arn:aws:iam::111122223333:role/b\` |

      total: 36 points
      "
    `);
  });

  it('says when there is no par', () => {
    const { par: _p, overPar: _o, ...noPar } = principal;
    expect(renderScoreExplanation(noPar, 'text')).toContain('no par: no usage data');
  });
});

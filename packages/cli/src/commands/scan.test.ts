import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressBar } from '../progress.js';
import { runCliForTest } from '../testing/run-cli.js';
import { tempDir } from '../testing/temp-dir.js';

const exampleOrg = new URL('../../../../examples/org', import.meta.url).pathname;

describe('accessloop scan', () => {
  it('writes index.html, report.md and results.json and prints a summary', async () => {
    const out = tempDir('accessloop-scan-');
    const run = await runCliForTest('scan', exampleOrg, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('109 principals and 68 resources in 7 accounts');
    expect(run.stdout).toMatch(/\d+ risk findings: \d+ critical/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.format).toBe('accessloop-scan/1');
    expect(results.findings.length).toBeGreaterThan(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    // One self-contained page: nothing fetched, no script.
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain('Risks, worst first');
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).toContain('## team `analytics`');
    // Scores, par from the snapshot's CloudTrail, and the leaderboard (issue 4).
    expect(markdown).toContain('## Leaderboard by team, lowest score wins');
    expect(results.scores.teams.length).toBeGreaterThan(3);
    const ordersApi = results.scores.principals.find(
      (p: { arn: string }) => p.arn === 'arn:aws:iam::111122223333:role/orders-api',
    );
    expect(ordersApi.par).toBeLessThan(ordersApi.score);
    expect(markdown).toMatch(
      /role `orders-api` can read and write data in .*; score [\d,]+ \(par [\d,]+, [\d,]+ over par\)/,
    );
  }, 300_000);

  it('prints the whole report in the format asked for', async () => {
    const run = await runCliForTest(
      'scan',
      exampleOrg,
      '--no-risks',
      '--group-by',
      'app',
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    const scan = JSON.parse(run.stdout);
    expect(scan.groupBy).toBe('app');
    expect(scan.findings).toBeUndefined();
  }, 300_000);

  it('scores with the configuration file it is given, and refuses a bad one', async () => {
    const dir = tempDir('accessloop-scan-');
    const config = join(dir, 'accessloop.yaml');
    writeFileSync(config, 'scoring:\n  weights:\n    no-such-capability: 3\n');
    const bad = await runCliForTest('scan', exampleOrg, '--no-risks', '--config', config);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('accessloop.yaml');
  });

  it('refuses a bad snapshot with one line and exit 2, and leaves the previous reports alone', async () => {
    const out = tempDir('accessloop-scan-');
    writeFileSync(join(out, 'report.md'), 'last month');
    const bad = join(tempDir('accessloop-scan-'), 'iam.json');
    writeFileSync(bad, '{"UserDetailList": [');
    const run = await runCliForTest('scan', bad, '--out', out);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('input.invalid-json');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe('last month');
  });
});

describe('progressBar', () => {
  it('draws on a terminal and clears itself', () => {
    let text = '';
    let time = 0;
    const bar = progressBar(
      {
        isTTY: true,
        write: (t: string) => {
          text += t;
          return true;
        },
      },
      'principals',
      () => {
        time += 200;
        return time;
      },
    );
    bar.update(1, 4);
    bar.update(4, 4);
    bar.done();
    expect(text).toContain('1/4 principals');
    expect(text).toContain('[==============================] 4/4 principals');
    expect(text.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('stays silent when output is not a terminal', () => {
    let text = '';
    const bar = progressBar(
      {
        write: (t: string) => {
          text += t;
          return true;
        },
      },
      'principals',
    );
    bar.update(1, 2);
    bar.done();
    expect(text).toBe('');
  });
});

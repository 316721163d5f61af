import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliForTest as run } from './testing/run-cli.js';
import { tempDir } from './testing/temp-dir.js';

const examples = new URL('../../../examples/simulate/', import.meta.url);
const example = (name: string) => new URL(name, examples).pathname;

function tempFile(name: string, text: string): string {
  const dir = tempDir('accessloop-cli-');
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('accessloop simulate', () => {
  it('decides the bundled example and explains it in JSON', async () => {
    const { code, stdout, stderr } = await run('simulate', '--request', example('cross-account-read.json'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.decision).toBe('Allowed');
    expect(result.reasons).toContainEqual(
      expect.objectContaining({ policyType: 'resource', sid: 'OrdersApiReads', effect: 'Allow' }),
    );
    expect(result.reasons).toContainEqual(
      expect.objectContaining({ policyType: 'identity', policy: 'orders-api-data' }),
    );
  });

  it('explains the decision in plain words with --format text', async () => {
    const { code, stdout } = await run(
      'simulate',
      '--request',
      example('cross-account-read.json'),
      '--format',
      'text',
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Allowed: `arn:aws:sts::111122223333:assumed-role/orders-api/i-0abc123` can call `s3:GetObject`',
    );
    expect(stdout).toContain('statement 0 (Sid `OrdersApiReads`) of resource-based policy `resourcePolicy`');
  });

  it('evaluates a batch line by line, and a bad line does not stop it', async () => {
    const { code, stdout } = await run('simulate', '--requests', example('batch.jsonl'));
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(7);
    expect(lines.map((l) => l.decision ?? l.error.code)).toEqual([
      'Allowed',
      'ExplicitlyDenied',
      'ExplicitlyDenied',
      'ImplicitlyDenied',
      'ExplicitlyDenied',
      'input.invalid-json',
      'request.unknown-action',
    ]);
    expect(lines[5]).toMatchObject({ line: 6 });
  });

  it('names the file, line and column of invalid JSON and exits 2', async () => {
    const file = tempFile('bad.json', '{\n  "request": {\n    "principal": oops\n  }\n}\n');
    const { code, stderr } = await run('simulate', '--request', file);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/line 3, column \d+/);
  });

  it('reports a missing file in one line and exits 2', async () => {
    const { code, stderr } = await run('simulate', '--request', '/nonexistent/request.json');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: /nonexistent/request.json: `/nonexistent/request.json` does not exist; check the path [input.not-found]\n',
    );
  });

  it('reports an invalid policy with its JSON path and exits 2', async () => {
    const input = JSON.parse(readFileSync(example('cross-account-read.json'), 'utf8'));
    input.identityPolicies[0].policy.Statement[0].Condition = { StringEqualz: { 'aws:SourceVpc': 'x' } };
    const file = tempFile('req.json', JSON.stringify(input));
    const { code, stderr } = await run('simulate', '--request', file);
    expect(code).toBe(2);
    expect(stderr).toContain('identityPolicies[0].policy.Statement[0].Condition.StringEqualz');
    expect(stderr).toContain('[condition.unknown-operator]');
  });

  it('needs exactly one of --request and --requests', async () => {
    expect((await run('simulate')).code).toBe(2);
    expect((await run('simulate', '--request', 'a', '--requests', 'b')).code).toBe(2);
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await run('simulat')).code).toBe(2);
    expect((await run('simulate', '--format', 'yaml', '--request', 'x')).code).toBe(2);
  });

  it('escapes terminal control characters from policy names in text output', async () => {
    const input = JSON.parse(readFileSync(example('cross-account-read.json'), 'utf8'));
    input.identityPolicies[0].name = 'evil\u001b[2J\u001b[31mname';
    const file = tempFile('req.json', JSON.stringify(input));
    const { stdout } = await run('simulate', '--request', file, '--format', 'text');
    expect(stdout).not.toContain('\u001b');
    expect(stdout).toContain('evil\\u001b[2J');
  });
});

/**
 * Writes a generated account authorization details file (the output of
 * `aws iam get-account-authorization-details`) for the scan benchmarks:
 *
 * ```
 * node bench/dist/tools/generate-gaad.js --roles 5000 [--users 500] [--groups 100] [--policies 1250]
 *   [--seed 42] [--account 111122223333] --out FILE
 * ```
 *
 * Users, groups and policies default to roles / 10, users / 5 and roles / 4. The file is
 * streamed, one IAM entity at a time, so a 20,000-role account is never held in memory as text.
 * Size and time go to stderr. It lives in `bench/tools/` so that `bench/run.ts`, which runs every
 * script next to it, does not take it for a benchmark.
 */
import { createWriteStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { type GaadOptions, generateGaadChunks, resolveCounts } from '../lib/gaad-generator.js';

const USAGE =
  'usage: generate-gaad --roles N [--users N] [--groups N] [--policies N] [--seed S] [--account ID] --out FILE';

/** Parses a count or a seed; undefined when the option is absent. */
function readNumber(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`\`--${option}\` must be a whole number, not \`${value}\``);
  return Number(value);
}

class UsageError extends Error {}

async function main(): Promise<number> {
  let options: GaadOptions;
  let out: string;
  try {
    const { values } = parseArgs({
      options: {
        roles: { type: 'string' },
        users: { type: 'string' },
        groups: { type: 'string' },
        policies: { type: 'string' },
        seed: { type: 'string' },
        account: { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    const roles = readNumber(values.roles, 'roles');
    if (roles === undefined || values.out === undefined)
      throw new UsageError('`--roles` and `--out` are required');
    if (values.account !== undefined && !/^\d{12}$/.test(values.account)) {
      throw new UsageError(`\`--account\` must be a 12-digit account id, not \`${values.account}\``);
    }
    const optional = {
      users: readNumber(values.users, 'users'),
      groups: readNumber(values.groups, 'groups'),
      policies: readNumber(values.policies, 'policies'),
      seed: readNumber(values.seed, 'seed'),
      accountId: values.account,
    };
    options = {
      roles,
      ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    };
    out = values.out;
  } catch (error) {
    process.stderr.write(
      `generate-gaad: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`,
    );
    return 2;
  }

  const counts = resolveCounts(options);
  const started = performance.now();
  await pipeline(Readable.from(generateGaadChunks(options)), createWriteStream(out));
  const seconds = (performance.now() - started) / 1000;
  const megabytes = statSync(out).size / 1e6;
  process.stderr.write(
    `generate-gaad: wrote ${out}: ${counts.roles} roles, ${counts.users} users, ${counts.groups} groups, ` +
      `${counts.policies} customer managed policies, ${megabytes.toFixed(1)} MB in ${seconds.toFixed(2)} s\n`,
  );
  return 0;
}

process.exitCode = await main();

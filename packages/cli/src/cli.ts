import { Command, CommanderError, Option } from 'commander';
import { runAccess } from './commands/access.js';
import { runCan } from './commands/can.js';
import { runGameday } from './commands/gameday.js';
import { runRisks } from './commands/risks.js';
import { runScan } from './commands/scan.js';
import { runScore } from './commands/score.js';
import { runSimulate } from './commands/simulate.js';
import { runUsage } from './commands/usage.js';
import { runWhoCan } from './commands/who-can.js';
import type { Io } from './io-streams.js';
import { exitCodes, formatDiagnostic } from './output.js';

/**
 * Runs the `accessloop` command line with `argv` (without `node` and the script) and returns the
 * exit code: 0 ok, 1 findings at or above `--fail-on`, 2 bad input or usage. Every failure
 * becomes one readable line on stderr; `--debug` adds the stack of an unexpected one.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = new Command()
    .name('accessloop')
    .description('AWS access control for the engineers who own the application')
    .version('0.1.0')
    .option('--debug', 'show stack traces of unexpected failures')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run `accessloop --help` for usage)')
    .exitOverride();

  program
    .command('simulate')
    .description(
      'evaluate one request (--request FILE) or a batch, one JSON request per line (--requests FILE.jsonl)',
    )
    .option('--request <file>', 'a JSON file with one simulate input: request, identityPolicies, scps, ...')
    .option(
      '--requests <file>',
      'a JSON Lines file, one simulate input per line; writes one result line per line',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('json'))
    .action(async (options) => {
      exitCode = await runSimulate(options, io);
    });

  program
    .command('can')
    .description(
      'decide whether a principal of the snapshot can call an action on a resource, with every policy applied',
    )
    .argument('<snapshot>', 'a snapshot folder, or one `aws iam get-account-authorization-details` JSON file')
    .requiredOption('--principal <arn>', 'a user, role or role session of the snapshot')
    .requiredOption('--action <action>', 'one action, such as s3:GetObject')
    .requiredOption('--resource <arn>', 'the resource ARN, or * for actions without a resource')
    .option('--context <key=value>', 'a request context value; repeat for more keys or values', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('text'))
    .action(async (snapshot, options) => {
      exitCode = await runCan(snapshot, options, io);
    });

  program
    .command('who-can')
    .description('list the principals that can reach a resource, with the statements that grant it')
    .argument('<snapshot>', 'a snapshot folder, or one `aws iam get-account-authorization-details` JSON file')
    .requiredOption('--resource <arn>', 'the resource ARN')
    .option('--action <action>', 'only this action')
    .option('--capability <capability>', 'only actions with this capability, such as read-data')
    .addOption(reportFormat())
    .action(async (snapshot, options) => {
      exitCode = await runWhoCan(snapshot, options, io);
    });

  program
    .command('access')
    .description('what a principal of the snapshot can do, by capability and service, in plain language')
    .argument('<snapshot>', 'a snapshot folder, or one `aws iam get-account-authorization-details` JSON file')
    .requiredOption('--principal <arn>', 'a user, role or role session of the snapshot')
    .addOption(reportFormat())
    .action(async (snapshot, options) => {
      exitCode = await runAccess(snapshot, options, io);
    });

  program
    .command('usage')
    .description('what each principal was seen doing, and the access it left unused')
    .argument('<snapshot>', 'a snapshot folder with CloudTrail logs, Access Advisor data, credential reports')
    .option('--days <n>', 'days without use that make access unused', '90')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (snapshot, options) => {
      exitCode = await runUsage(snapshot, options, io);
    });

  program
    .command('score')
    .description(
      'golf scores of every user and role (lowest wins), par from observed usage, and the leaderboard',
    )
    .argument('<snapshot>', 'a snapshot folder, or one `aws iam get-account-authorization-details` JSON file')
    .addOption(
      new Option('--by <tag>', 'rank teams (the team tag) or applications (the app tag)')
        .choices(['team', 'app'])
        .default('team'),
    )
    .option('--explain <arn>', 'list the contributions of one principal’s score and their total')
    .option('--previous <snapshot>', 'an older snapshot: improvements are the score removed since')
    .option('--reviews <file>', 'a YAML or JSON file of completed reviews (docs/scoring.md)')
    .option(
      '--config <file>',
      'the configuration file (default: accessloop.yaml in the working directory, if any)',
    )
    .addOption(reportFormat())
    .action(async (snapshot, options) => {
      exitCode = await runScore(snapshot, options, io);
    });

  program
    .command('risks')
    .description('privilege escalation, exposure, exfiltration and the other risk findings, worst first')
    .argument('<snapshot>', 'a snapshot folder, or one `aws iam get-account-authorization-details` JSON file')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'markdown', 'html', 'json', 'sarif'])
        .default('text'),
    )
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([
        'critical',
        'high',
        'medium',
        'low',
        'info',
      ]),
    )
    .option(
      '--suppressions <file>',
      'a YAML or JSON file of accepted findings: {id, principal?, resource?, reason, expires}',
    )
    .option(
      '--known-accounts <ids>',
      'account ids outside the organisation that are trusted (comma-separated; repeat for more)',
      collect,
      [],
    )
    .action(async (snapshot, options) => {
      exitCode = await runRisks(snapshot, options, io);
    });

  program
    .command('gameday')
    .description('the attack playbook a compromised principal enables, for a practice environment only')
    .argument('<snapshot>', 'a snapshot folder, or one `aws iam get-account-authorization-details` JSON file')
    .requiredOption('--principal <arn>', 'a user or role of the snapshot')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['markdown', 'text', 'html'])
        .default('markdown'),
    )
    .action(async (snapshot, options) => {
      exitCode = await runGameday(snapshot, options, io);
    });

  program
    .command('scan')
    .description(
      "the main job: every principal's access, who can reach each resource, risks; writes index.html, report.md, results.json",
    )
    .argument('<snapshot>', 'a snapshot folder, or one `aws iam get-account-authorization-details` JSON file')
    .option('--out <dir>', 'write index.html, report.md and results.json to this folder')
    .option('--group-by <tag>', "the tag that names a resource's or principal's team or application", 'team')
    .option('--no-risks', 'skip the risk analysis')
    .option('--config <file>', 'scoring weights and tags (default: accessloop.yaml if present)')
    .addOption(
      new Option('--format <format>', 'what to print: a summary (text) or the whole report')
        .choices(['text', 'markdown', 'html', 'json'])
        .default('text'),
    )
    .action(async (snapshot, options) => {
      exitCode = await runScan(snapshot, options, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? exitCodes.ok : exitCodes.badInput;
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(
      `${formatDiagnostic({ code: 'internal', severity: 'error', path: '', message: `unexpected failure: ${message}; rerun with --debug and report it` })}\n`,
    );
    if (argv.includes('--debug') && e instanceof Error) io.stderr.write(`${e.stack}\n`);
    return exitCodes.badInput;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--format` of the commands that print a report. */
function reportFormat(): Option {
  return new Option('--format <format>', 'output format')
    .choices(['text', 'markdown', 'html', 'json'])
    .default('text');
}

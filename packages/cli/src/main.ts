#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { runSimulate } from './commands/simulate.js';
import { exitCodes, formatDiagnostic } from './output.js';

const program = new Command()
  .name('accessloop')
  .description('AWS access control for the engineers who own the application')
  .version('0.1.0')
  .option('--debug', 'show stack traces of unexpected failures')
  .showHelpAfterError('(run `accessloop --help` for usage)')
  .exitOverride();

program
  .command('simulate')
  .description('evaluate one request (--request FILE) or a batch, one JSON request per line (--requests FILE.jsonl)')
  .option('--request <file>', 'a JSON file with one simulate input: request, identityPolicies, scps, ...')
  .option('--requests <file>', 'a JSON Lines file, one simulate input per line; writes one result line per line')
  .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('json'))
  .action(async (options) => {
    process.exitCode = await runSimulate(options);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? exitCodes.ok : exitCodes.badInput;
  } else {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(
      `${formatDiagnostic({ code: 'internal', severity: 'error', path: '', message: `unexpected failure: ${message}; rerun with --debug and report it` })}\n`,
    );
    if (program.opts().debug && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = exitCodes.badInput;
  }
}

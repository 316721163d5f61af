import { runCli } from '../cli.js';

/** What a command wrote and returned, run in-process. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the `accessloop` command line in-process, capturing standard output and error. */
export async function runCliForTest(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const capture = (append: (text: string) => void) => ({
    write: (text: string) => {
      append(text);
      return true;
    },
  });
  const code = await runCli(argv, {
    stdout: capture((text) => {
      stdout += text;
    }),
    stderr: capture((text) => {
      stderr += text;
    }),
  });
  return { code, stdout, stderr };
}

import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { reportFailure } from './output.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';

/** Runs the command line and returns the exit code of cli.md (0 done, 1 needs action, 2 failure). */
export async function runCli(argv: readonly string[]): Promise<number> {
  const run = buildProgram(argv);
  try {
    await run.program.parseAsync([...argv], { from: 'user' });
    return run.exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, successfully; commander already printed its message.
      return error.exitCode === 0 ? EXIT_OK : EXIT_FAILURE;
    }
    return reportFailure(error, run.json());
  }
}

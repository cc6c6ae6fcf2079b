// Entry point of the `skillmeat` command (bin/skillmeat.js loads the compiled form of this file).
import { runCli } from './run-cli.js';

const argv = process.argv.slice(2);

if (argv[0] === 'merge-file') {
  // git merge-file's drop-in: its own parser (git's rules), loaded without the rest of the command line.
  const { runMergeFile } = await import('./merge-file/run-merge-file.js');
  process.exitCode = await runMergeFile(argv.slice(1));
} else {
  process.exitCode = await runCli(argv);
}

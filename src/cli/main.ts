// Entry point of the `skillmeat` command (bin/skillmeat.js loads the compiled form of this file).
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2));

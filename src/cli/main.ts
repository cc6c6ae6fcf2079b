// Entry point of the `skillmeat` command (bin/skillmeat.js loads its bundled form, dist/bundle/skillmeat.js).
// Only what every command needs is imported statically; the command line itself is loaded on demand,
// so `--version` answers without parsing anything else (bench/startup-bench.js). No top-level await:
// the bundle is CommonJS, which starts without Node's ES-module loader (docs/decisions.md).
import { writeSync } from 'node:fs';
import { SKILLMEAT_VERSION } from '../core/version.js';

// When nothing is left to do, Node exits after an orderly teardown of its heap, which costs a short
// command about a fifth of what it adds to `node -e 0`, and a large merge-file several milliseconds
// (bench/startup-bench.js). 'beforeExit' comes exactly then — the event loop empty, every request,
// child and stream done — so exiting there skips only the teardown.
process.once('beforeExit', () => process.exit());

void main(process.argv.slice(2));

async function main(argv: readonly string[]): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    writeSync(1, `${SKILLMEAT_VERSION}\n`);
  } else if (argv[0] === 'merge-file') {
    // git merge-file's drop-in: its own parser (git's rules), loaded without the rest of the command line.
    const { runMergeFile } = await import('./merge-file/run-merge-file.js');
    process.exitCode = await runMergeFile(argv.slice(1));
  } else {
    const { runCli } = await import('./run-cli.js');
    process.exitCode = await runCli(argv);
  }
}

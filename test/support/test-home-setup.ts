// vitest's global setup: the whole run (and every worker it forks) gets a temporary HOME, checked
// afterwards; see scripts/test-home.js. Under `npm test` the run is already in one, checked there.
import { enterTestHome, VITEST_ALLOWED } from '../../scripts/test-home.js';

export default function setup(): () => void {
  const { finish } = enterTestHome('vitest', VITEST_ALLOWED);
  return () => {
    const report = finish();
    if (report === '') return;
    // vitest does not fail a run on an error thrown here: set the exit code instead.
    console.error(`\n${report}\n`);
    process.exitCode = 1;
  };
}

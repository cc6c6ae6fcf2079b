// `npm test`: every suite, in order — vitest (unit, core, contract, crash harness, web mode, CLI),
// then the end-to-end suite: Playwright driving Chromium against web mode over a real temporary
// home. Arguments go to vitest (CI passes its reporters). Exits non-zero if any suite failed.
//
// Each suite runs with HOME pointing at a fresh temporary folder (scripts/test-home.js); whatever
// a suite leaves there outside the folders its tools may write fails the run, and is written to
// test-results/home-check.json for CI to count (one check per suite).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestHome, E2E_ALLOWED, strayPaths, strayReport, testHomeEnv, VITEST_ALLOWED } from './test-home.js';

// The same default as e2e/fixtures/chromium.ts.
const CHROMIUM_PATH = process.env.SKILLMEAT_CHROMIUM ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args, env = process.env) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

const HOME_CHECK_REPORT = join(root, 'test-results', 'home-check.json');
/** One entry per suite run: `{ suite, strays }`. */
const homeChecks = [];

/** Runs a suite in a fresh temporary home; records (and prints) what it left there. Returns its exit status. */
function runSuite(suite, allowed, command, args) {
  const home = createTestHome();
  try {
    const status = run(command, args, testHomeEnv(home));
    const strays = strayPaths(home, allowed);
    homeChecks.push({ suite, strays });
    if (strays.length > 0) console.error(`\n${strayReport(suite, strays)}\n`);
    return status;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

rmSync(HOME_CHECK_REPORT, { force: true });
const unit = runSuite('vitest', VITEST_ALLOWED, bin('vitest'), ['run', ...process.argv.slice(2)]);

let e2e;
if (!existsSync(CHROMIUM_PATH)) {
  console.error(`\nThe end-to-end suite needs Chromium at ${CHROMIUM_PATH} (Debian: apt-get install chromium); not run.`);
  e2e = 1;
} else {
  // The suite serves the built renderer: build it fresh so it never tests a stale bundle.
  e2e = run(bin('electron-vite'), ['build']) || runSuite('end-to-end', E2E_ALLOWED, bin('playwright'), ['test']);
}

mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(HOME_CHECK_REPORT, `${JSON.stringify({ checks: homeChecks }, null, 2)}\n`);
const homeClean = homeChecks.every((check) => check.strays.length === 0);
process.exit(unit !== 0 || e2e !== 0 || !homeClean ? 1 : 0);

// `npm test`: every suite, in order — vitest (unit, core, contract, crash harness, web mode, CLI),
// then the end-to-end suite: Playwright driving Chromium against web mode over a real temporary
// home. Arguments go to vitest (CI passes its reporters). Ends with one line, `N passed, N failed`,
// summing every suite; exits non-zero if any suite failed.
//
// Each suite runs with HOME pointing at a fresh temporary folder (scripts/test-home.js); whatever
// a suite leaves there outside the folders its tools may write fails the run, and is written to
// test-results/home-check.json for CI to count (one check per suite).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestHome, E2E_ALLOWED, strayPaths, strayReport, testHomeEnv, VITEST_ALLOWED } from './test-home.js';

// The same default as e2e/fixtures/chromium.ts.
const CHROMIUM_PATH = process.env.SKILLMEAT_CHROMIUM ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args, env = process.env) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

const HOME_CHECK_REPORT = join(root, 'test-results', 'home-check.json');
// Where playwright.config.ts writes its JSON report.
const E2E_REPORT = join(root, 'test-results', 'e2e-results.json');
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
rmSync(E2E_REPORT, { force: true });
// vitest's own JSON report, for the closing line: where the caller asked for one (CI does), else ours.
const vitestArgs = process.argv.slice(2);
const askedReport = vitestArgs.find((arg) => arg.startsWith('--outputFile.json='))?.slice('--outputFile.json='.length);
const vitestReport = askedReport ?? join(root, 'test-results', 'vitest-results.json');
if (askedReport === undefined) vitestArgs.push('--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`);
rmSync(vitestReport, { force: true });
const unit = runSuite('vitest', VITEST_ALLOWED, bin('vitest'), ['run', ...vitestArgs]);

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
console.log(closingLine());
process.exit(unit !== 0 || e2e !== 0 || !homeClean ? 1 : 0);

/**
 * One line summing every suite: vitest's tests, Playwright's, and one check per suite whose temporary
 * HOME stayed clean. A suite that wrote no report (it crashed, or never ran) counts as one failure.
 */
function closingLine() {
  let passed = 0;
  let failed = 0;
  const vitest = readReport(vitestReport);
  if (vitest === undefined) failed++;
  else {
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests + (vitest.numRuntimeErrors ?? 0) + (vitest.success === false && vitest.numFailedTests === 0 ? 1 : 0);
  }
  const playwright = readReport(E2E_REPORT);
  if (playwright === undefined) failed++;
  else {
    passed += playwright.stats.expected + playwright.stats.flaky;
    failed += playwright.stats.unexpected + (playwright.errors?.length ?? 0);
  }
  for (const check of homeChecks) {
    if (check.strays.length === 0) passed++;
    else failed++;
  }
  return `${passed} passed, ${failed} failed`;
}

function readReport(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

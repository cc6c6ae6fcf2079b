// `npm test`: every suite, in order — vitest (unit, core, contract, crash harness, web mode, CLI),
// then the end-to-end suite: Playwright driving Chromium against web mode over a real temporary
// home. Arguments go to vitest (CI passes its reporters). Exits non-zero if any suite failed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The same default as e2e/fixtures/chromium.ts.
const CHROMIUM_PATH = process.env.SKILLMEAT_CHROMIUM ?? '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const unit = run(bin('vitest'), ['run', ...process.argv.slice(2)]);

let e2e;
if (!existsSync(CHROMIUM_PATH)) {
  console.error(`\nThe end-to-end suite needs Chromium at ${CHROMIUM_PATH} (Debian: apt-get install chromium); not run.`);
  e2e = 1;
} else {
  // The suite serves the built renderer: build it fresh so it never tests a stale bundle.
  e2e = run(bin('electron-vite'), ['build']) || run(bin('playwright'), ['test']);
}
process.exit(unit !== 0 || e2e !== 0 ? 1 : 0);

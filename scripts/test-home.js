// The temporary home every test suite runs in. Suites run with HOME (and the XDG folders) pointing at
// a fresh empty folder; afterwards anything that appeared there outside the few folders a tool may
// legitimately write is a stray: a test that wrote to "the user's home" instead of its own temporary
// one. Used by scripts/test.js (one home per suite) and by the vitest and Playwright global setups
// (so `npx vitest run` and `npx playwright test` are guarded too). Plain ESM: scripts/test.js runs
// without a TypeScript step.
import { lstatSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set to the temporary home's path while a suite runs in one, so that nested guards leave it to the outer one. */
export const TEST_HOME_MARKER = 'SKILLMEAT_TEST_HOME';

/** What the unit, core, contract and CLI suites may write in the home: nothing. */
export const VITEST_ALLOWED = Object.freeze([]);

/**
 * What the end-to-end suite may write in the home: the browsers' own per-user files. (Chromium's
 * profile is already a temporary --user-data-dir; these are written beside it.)
 */
export const E2E_ALLOWED = Object.freeze([
  '.config/chromium', // Chromium's crash-report settings
  '.cache/dconf', // GLib's settings cache, opened by Chromium
  '.pki', // the NSS certificate store Chromium creates on Linux
  '.cache/fontconfig', // the font cache
  '.config/skillmeat-desktop', // Electron's app data (the smoke suite, where an Electron binary exists)
]);

/** SkillMeat's default home: never allowed, whatever a suite's list says. */
const SKILLMEAT_DEFAULT_HOME = '.skillmeat';

/** Creates an empty temporary home and returns its real path. */
export function createTestHome(prefix = 'skillmeat-test-home-') {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

/**
 * The environment a suite runs in: `base` with HOME, USERPROFILE and the XDG folders inside `home`
 * (a user's own XDG folders would otherwise escape the check), SKILLMEAT_HOME unset (so a test that
 * forgets `--home` lands in `home/.skillmeat`, where the check sees it), and the marker set.
 */
export function testHomeEnv(home, base = process.env) {
  const env = {
    ...base,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    [TEST_HOME_MARKER]: home,
  };
  delete env.SKILLMEAT_HOME;
  return env;
}

/**
 * What appeared in `home` outside the `allowed` folders (POSIX paths relative to `home`), sorted:
 * files, links and empty folders (these end in "/"). Links are listed, never followed.
 * Anything under `.skillmeat` is a stray even if `allowed` names it.
 */
export function strayPaths(home, allowed = []) {
  const isAllowed = (rel) => rel !== SKILLMEAT_DEFAULT_HOME && !rel.startsWith(`${SKILLMEAT_DEFAULT_HOME}/`) && allowed.some((root) => rel === root || rel.startsWith(`${root}/`));
  const strays = [];
  const walk = (dir, prefix) => {
    for (const name of readdirSync(dir)) {
      const rel = prefix === '' ? name : `${prefix}/${name}`;
      if (isAllowed(rel)) continue;
      const path = join(dir, name);
      if (!lstatSync(path).isDirectory()) {
        strays.push(rel);
        continue;
      }
      // A folder holding only allowed entries is just their parent (".config" of ".config/chromium").
      if (readdirSync(path).length === 0) strays.push(`${rel}/`);
      else walk(path, rel);
    }
  };
  walk(home, '');
  return strays.sort();
}

/** How many strays a report names before it says "and N more". */
const LISTED = 20;

/** A message for the people running the suite: what `suite` wrote into its temporary home, and what to do. */
export function strayReport(suite, strays) {
  const listed = strays.slice(0, LISTED).map((rel) => `  ~/${rel}`);
  if (strays.length > LISTED) listed.push(`  … and ${strays.length - LISTED} more`);
  return [
    `The ${suite} suite wrote into the user's home (HOME pointed at a temporary folder, which caught it):`,
    ...listed,
    'Tests must write only inside their own temporary folders: give SkillMeat a home (`--home`, `new SkillMeat({ home })`, SKILLMEAT_HOME for a child process).',
  ].join('\n');
}

/**
 * For a global setup: runs the current process (and the workers it starts) in a fresh temporary home,
 * unless it already runs in one (scripts/test.js set it up, and checks it itself). Returns `finish`,
 * which restores the environment, removes the home and returns a stray report ('' when clean).
 */
export function enterTestHome(suite, allowed) {
  if (process.env[TEST_HOME_MARKER] !== undefined && process.env[TEST_HOME_MARKER] === process.env.HOME) return { home: process.env.HOME, finish: () => '' };
  const home = createTestHome();
  const saved = { ...process.env };
  const env = testHomeEnv(home);
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  return {
    home,
    finish: () => {
      const strays = strayPaths(home, allowed);
      rmSync(home, { recursive: true, force: true });
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      return strays.length === 0 ? '' : strayReport(suite, strays);
    },
  };
}

// The temporary-home guard of every suite (scripts/test-home.js): what it lets a suite write, what it
// catches, and that a test forgetting `--home` really is caught, by the CLI and by a vitest run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { E2E_ALLOWED, strayPaths, strayReport, TEST_HOME_MARKER, testHomeEnv } from '../../scripts/test-home.js';
import { readTree, tempDir, writeTree } from '../support/temp-files.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(REPO_ROOT, 'bin', 'skillmeat.js');

describe('strayPaths', () => {
  it('finds nothing in a home nobody wrote to', async () => {
    expect(strayPaths(await tempDir())).toEqual([]);
  });

  it("names every file a suite left in the home, SkillMeat's cache included", async () => {
    const home = await tempDir();
    await writeTree(home, { '.skillmeat/cache/cache.db': 'sqlite', 'notes.txt': 'x' });
    expect(strayPaths(home)).toEqual(['.skillmeat/cache/cache.db', 'notes.txt']);
  });

  it('lets a suite write inside its allowed folders, and only there', async () => {
    const home = await tempDir();
    await writeTree(home, { '.config/chromium/Crash Reports/settings.dat': 'x', '.config/other/settings': 'x', '.cache/dconf/user': 'x' });
    expect(strayPaths(home, E2E_ALLOWED)).toEqual(['.config/other/settings']);
  });

  it('never allows .skillmeat, even when a list names it', async () => {
    const home = await tempDir();
    await writeTree(home, { '.skillmeat/config.toml': 'x' });
    expect(strayPaths(home, ['.skillmeat'])).toEqual(['.skillmeat/config.toml']);
  });

  it('names an empty folder, and a link without following it', async () => {
    const home = await tempDir();
    const elsewhere = await tempDir();
    await writeTree(elsewhere, { 'inside.txt': 'x' });
    await mkdir(join(home, '.skillmeat'));
    await symlink(elsewhere, join(home, 'link'));
    expect(strayPaths(home)).toEqual(['.skillmeat/', 'link']);
  });
});

describe('strayReport', () => {
  it('says which suite wrote what, and lists at most 20 paths', () => {
    const strays = Array.from({ length: 25 }, (_, i) => `.skillmeat/file-${String(i).padStart(2, '0')}`);
    const report = strayReport('vitest', strays);
    expect(report).toContain('The vitest suite wrote into the user\'s home');
    expect(report).toContain('~/.skillmeat/file-19');
    expect(report).not.toContain('file-20');
    expect(report).toContain('… and 5 more');
  });
});

describe('testHomeEnv', () => {
  it('points HOME and the XDG folders into the temporary home and unsets SKILLMEAT_HOME', () => {
    const base = { PATH: '/usr/bin', HOME: '/home/someone', XDG_CONFIG_HOME: '/home/someone/.config', SKILLMEAT_HOME: '/home/someone/.skillmeat' };
    const env = testHomeEnv('/tmp/test-home', base);
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/tmp/test-home',
      USERPROFILE: '/tmp/test-home',
      XDG_CONFIG_HOME: '/tmp/test-home/.config',
      XDG_CACHE_HOME: '/tmp/test-home/.cache',
      XDG_DATA_HOME: '/tmp/test-home/.local/share',
      XDG_STATE_HOME: '/tmp/test-home/.local/state',
      [TEST_HOME_MARKER]: '/tmp/test-home',
    });
    expect(base.SKILLMEAT_HOME).toBe('/home/someone/.skillmeat');
  });

  it('catches a CLI run that forgets --home, even where the user has SKILLMEAT_HOME set', async () => {
    const home = await tempDir();
    const usersOwn = await tempDir();
    const run = spawnSync(process.execPath, [CLI, 'init'], { env: testHomeEnv(home, { ...process.env, SKILLMEAT_HOME: usersOwn }), encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(strayPaths(home)).toContain('.skillmeat/collections/default/collection.toml');
    expect(await readTree(usersOwn)).toEqual({});
  });
});

describe('the vitest global setup', () => {
  it('fails a run whose test writes into the home, which is a temporary one', async () => {
    const project = await tempDir();
    const outerHome = await tempDir();
    await writeFile(
      join(project, 'vitest.config.mjs'),
      `export default { test: { include: ['*.test.mjs'], globals: true, globalSetup: [${JSON.stringify(join(REPO_ROOT, 'test/support/test-home-setup.ts'))}] } };\n`,
    );
    await writeFile(
      join(project, 'stray.test.mjs'),
      "import { mkdirSync, writeFileSync } from 'node:fs';\nimport { homedir } from 'node:os';\nimport { join } from 'node:path';\n" +
        "it('writes the cache where a home-less SkillMeat would', () => {\n  mkdirSync(join(homedir(), '.skillmeat', 'cache'), { recursive: true });\n  writeFileSync(join(homedir(), '.skillmeat', 'cache', 'cache.db'), '');\n});\n",
    );
    // Outside any temporary home (as `npx vitest run` starts), with HOME somewhere we can look at.
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: outerHome };
    delete env[TEST_HOME_MARKER];
    const run = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'vitest'), ['run', '--root', project, '--config', join(project, 'vitest.config.mjs')], { cwd: project, env, encoding: 'utf8' });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The vitest suite wrote into the user\'s home');
    expect(run.stderr).toContain('~/.skillmeat/cache/cache.db');
    expect(existsSync(join(outerHome, '.skillmeat'))).toBe(false);
  }, 120_000); // a whole vitest start-up: slow on a busy machine
});

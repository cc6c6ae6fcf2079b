// The bundled CLI starts from V8 code caches the build wrote (bin/code-cache.js): the caches must be
// there for what `list` loads, change nothing a command prints, and a cache V8 cannot use (another
// Node, a damaged file) must cost only the ordinary compile.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/fixtures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'skillmeat.js');
const BUNDLE = join(ROOT, 'dist', 'bundle');

/** A home with one skill; `list` there hashes it and prints it. */
async function homeWithASkill(): Promise<string> {
  const root = await tempDir('skillmeat-code-cache-');
  const home = join(root, 'home');
  const skill = join(root, 'canvas');
  await mkdir(skill);
  await writeFile(join(skill, 'SKILL.md'), '---\nname: canvas\ndescription: Draws\n---\n# Canvas\n');
  for (const args of [['init'], ['add', skill]]) expect(spawnSync(process.execPath, [BIN, '--home', home, ...args]).status).toBe(0);
  return home;
}

function run(script: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, script, { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status, stdout, stderr };
}

describe('the CLI code caches', () => {
  it('are written by the build for every chunk `list` loads', async () => {
    const caches = await readdir(join(BUNDLE, 'code-cache'));
    const chunks = (await readdir(BUNDLE)).filter((name) => /^(skillmeat|common-.*|base-.*|version-.*)\.js$/.test(name));
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const chunk of chunks) expect(caches).toContain(`${chunk}.bin`);
  });

  it('change nothing a command prints', async () => {
    const home = await homeWithASkill();
    const cached = run([BIN, '--home', home, 'list', '--json']);
    const fromSource = run([BIN, '--home', home, 'list', '--json'], { SKILLMEAT_CODE_CACHE: 'off' });
    expect(cached.status).toBe(0);
    expect(cached).toEqual(fromSource);
    expect(cached.stdout).toContain('"canvas"');
  });

  it('that V8 cannot use (a damaged file) only cost the ordinary compile', async () => {
    const home = await homeWithASkill();
    // A copy of the bundle whose caches are garbage, loaded through the same hook.
    const copy = join(await tempDir('skillmeat-code-cache-bundle-'), 'bundle');
    await cp(BUNDLE, copy, { recursive: true });
    for (const cache of await readdir(join(copy, 'code-cache'))) await writeFile(join(copy, 'code-cache', cache), Buffer.alloc(4096, 0x5a));
    const launcher = join(copy, '..', 'launch.js');
    await writeFile(
      launcher,
      `require(${JSON.stringify(join(ROOT, 'bin', 'code-cache.js'))}).useCodeCache(${JSON.stringify(copy)}, ${JSON.stringify(join(copy, 'code-cache'))});\n` +
        `require(${JSON.stringify(join(copy, 'skillmeat.js'))});\n`,
    );
    const damaged = run([launcher, '--home', home, 'list', '--json']);
    const normal = run([BIN, '--home', home, 'list', '--json']);
    expect({ status: damaged.status, stdout: damaged.stdout }).toEqual({ status: 0, stdout: normal.stdout });
  });
});

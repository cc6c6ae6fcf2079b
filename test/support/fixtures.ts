import { mkdtemp, mkdir, readdir, readFile, rm, writeFile, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { SkillMeat } from '../../src/core/skillmeat.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh temporary folder, removed after the test. */
export async function tempDir(prefix = 'skillmeat-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Files of a tree, by POSIX path relative to its root. */
export type Tree = Readonly<Record<string, string>>;

/** Writes `tree` under `root`, creating folders as needed. */
export async function writeTree(root: string, tree: Tree): Promise<void> {
  for (const [rel, content] of Object.entries(tree)) {
    const path = join(root, ...rel.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}

/** Reads every regular file under `root` (recursively) as a Tree; links are reported as `-> link`. */
export async function readTree(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  async function walk(dir: string, prefix: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path, rel);
      else if (entry.isSymbolicLink()) result[rel] = '-> link';
      else result[rel] = await readFile(path, 'utf8');
    }
  }
  if (await lstat(root).then(() => true, () => false)) await walk(root, '');
  return result;
}

/** A clock that starts at a fixed instant and moves one minute on every reading. */
export function steppingClock(start = '2026-01-01T00:00:00Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 60_000;
    return now;
  };
}

/** A core over a fresh temporary home, closed after the test; `home` is its folder. */
export async function tempCore(): Promise<{ core: SkillMeat; home: string }> {
  const home = await tempDir('skillmeat-home-');
  const core = new SkillMeat({ home, now: steppingClock() });
  cleanups.push(() => core.close());
  return { core, home };
}

/** A sample skill folder ready to add: `<dir>/<name>/SKILL.md` and one script. */
export async function sampleSkill(dir: string, name: string, body = '# Skill\n'): Promise<string> {
  const root = join(dir, name);
  await writeTree(root, { 'SKILL.md': body, 'scripts/run.sh': 'echo hi\n' });
  return root;
}

/** Runs `work` and returns the SkillmeatError-like error it throws (fails the test if none). */
export async function errorOf(work: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected an error, but the operation succeeded');
}

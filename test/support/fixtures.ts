import { join } from 'node:path';
import { SkillMeat } from '../../src/core/skillmeat.js';
import { afterThisTest, tempDir, writeTree } from './temp-files.js';

export { afterThisTest, readTree, tempDir, workDir, writeTree, writeTreeSync, type Tree } from './temp-files.js';

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
  afterThisTest(() => core.close());
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

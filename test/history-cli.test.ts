import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleSkill, tempDir } from './support/fixtures.js';

const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));

/** Runs the built `skillmeat` command (npm test builds it first) with a home of its own. */
function skillmeat(home: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, '--home', home, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('skillmeat history --graph', () => {
  it('draws the version DAG with a lane per place: a merge in the project joins the collection lane', async () => {
    const home = await tempDir();
    skillmeat(home, 'init');
    const skill = await sampleSkill(await tempDir(), 'canvas', 'a\nb\nc\nd\ne\n');
    skillmeat(home, 'add', skill);
    const project = await tempDir('skillmeat-project-');
    skillmeat(home, 'deploy', 'canvas', '--project', project);
    // The project edits one line and the collection another: the sync merges them into a project version with two parents.
    const inProject = join(project, '.claude/skills/canvas/SKILL.md');
    const inCollection = join(home, 'collections/default/skills/canvas/SKILL.md');
    await writeFile(inProject, 'a, in the project\nb\nc\nd\ne\n');
    await writeFile(inCollection, 'a\nb\nc\nd\ne, from the collection\n');
    const sync = skillmeat(home, 'sync', project);
    expect(sync.code, sync.stderr + sync.stdout).toBe(0);
    expect(await readFile(inProject, 'utf8')).toBe('a, in the project\nb\nc\nd\ne, from the collection\n');

    const run = skillmeat(home, 'history', 'canvas', '--graph');
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^skill "canvas" \(\d+ versions, newest first; a lane per place: collection default, project /);
    expect(lines[1]).toMatch(/^ {2}M {2}[0-9a-f]{12} merge project /);
    expect(lines).toContain(' /|');
    expect(lines.at(-1)).toMatch(/^\* +[0-9a-f]{12} add collection default /);

    // And what the merge changed since the content as added, as git diff prints it.
    const { versions } = JSON.parse(skillmeat(home, 'history', 'canvas', '--json').stdout) as { versions: { id: string; merge_strategy: string }[] };
    const added = versions.find((v) => v.merge_strategy === 'add')!.id;
    const merged = versions.find((v) => v.merge_strategy === 'merge')!.id;
    const diff = skillmeat(home, 'diff', 'versions', added, merged);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout.split('\n')).toEqual([
      `diff ${added} ${merged} -- SKILL.md`,
      '--- a/SKILL.md',
      '+++ b/SKILL.md',
      '@@ -1,5 +1,5 @@',
      '-a',
      '+a, in the project',
      ' b',
      ' c',
      ' d',
      '-e',
      '+e, from the collection',
      '',
    ]);
    expect(skillmeat(home, 'diff', 'versions', added, 'av_nothing-skill_000000000000').code).toBe(2);
  });
});

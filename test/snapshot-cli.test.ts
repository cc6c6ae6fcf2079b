import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleSkill, tempDir } from './support/fixtures.js';

const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));

/** Runs the built `skillmeat` command (npm test builds it first) with a home of its own. */
function skillmeat(home: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, '--home', home, ...args], { encoding: 'utf8', input: '' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A home with a collection holding the skill canvas and one manual snapshot; returns the snapshot id. */
async function homeWithSnapshot(): Promise<{ home: string; id: string }> {
  const home = await tempDir();
  skillmeat(home, 'init');
  skillmeat(home, 'add', await sampleSkill(await tempDir(), 'canvas'));
  const id = skillmeat(home, 'snapshot', 'first').stdout.trim();
  return { home, id };
}

describe('skillmeat snapshots diff, pin and unpin', () => {
  it('prints what changed since a snapshot: + added, ~ modified, - removed, files indented; exit 0', async () => {
    const { home, id } = await homeWithSnapshot();
    await writeFile(join(home, 'collections/default/skills/canvas/SKILL.md'), '# Changed\n');
    skillmeat(home, 'add', await sampleSkill(await tempDir(), 'brush'));
    const run = skillmeat(home, 'snapshots', 'diff', id);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual(
      expect.arrayContaining([`From ${id} to the collection now:`, '~ skill canvas', '    ~ skills/canvas/SKILL.md', '+ skill brush', '    + skills/brush/SKILL.md', 'Other files:', '    ~ collection.toml']),
    );
  });

  it('diffs two snapshots as the contract shape with --json, and says when nothing differs', async () => {
    const { home, id } = await homeWithSnapshot();
    const second = skillmeat(home, 'snapshot', 'second').stdout.trim();
    const run = skillmeat(home, 'snapshots', 'diff', id, second, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ collection: 'default', from: id, to: second, artifacts: [], other_files: [] });
    expect(skillmeat(home, 'snapshots', 'diff', id, second)).toMatchObject({ code: 0, stdout: `No differences from ${id} to ${second}.\n` });
  });

  it('exits 2 naming the snapshot when it does not exist', async () => {
    const { home } = await homeWithSnapshot();
    const run = skillmeat(home, 'snapshots', 'diff', '20200101_000000_abc');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('20200101_000000_abc');
  });

  it('pins and unpins; the listing shows the kind, the pin and the retention word', async () => {
    const { home, id } = await homeWithSnapshot();
    expect(skillmeat(home, 'snapshots', 'pin', id)).toMatchObject({ code: 0, stdout: expect.stringContaining(`Pinned snapshot ${id}`) });
    expect(skillmeat(home, 'snapshots').stdout).toMatch(new RegExp(`${id}\\s+manual\\s+\\* pinned\\s`));
    const unpinned = skillmeat(home, 'snapshots', 'unpin', id, '--json');
    expect(unpinned.code).toBe(0);
    expect(JSON.parse(unpinned.stdout)).toMatchObject({ id, pinned: false, kind: 'manual', retention: 'manual' });
    skillmeat(home, 'remove', 'canvas');
    expect(skillmeat(home, 'snapshots').stdout).toMatch(/safety \(remove\)\s+recent\s/);
    expect(skillmeat(home, 'snapshots', 'pin', 'nope').code).toBe(2);
  });
});

describe('skillmeat rollback --dry-run', () => {
  it('prints the plan, changes nothing, and the run then does it (exit 0; the plan as JSON with --json)', async () => {
    const { home, id } = await homeWithSnapshot();
    const skill = join(home, 'collections/default/skills/canvas/SKILL.md');
    skillmeat(home, 'add', await sampleSkill(await tempDir(), 'brush'));
    const plan = skillmeat(home, 'rollback', id, '--preserve-changes', '--dry-run');
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('Plan (dry run, nothing written)');
    expect(plan.stdout).toMatch(/restore\s+skill\s+brush\s+removed/);
    expect(skillmeat(home, 'list', '--json').stdout).toContain('"brush"');
    expect(JSON.parse(skillmeat(home, 'snapshots', '--json').stdout).snapshots).toHaveLength(1);

    const json = JSON.parse(skillmeat(home, 'rollback', id, '--preserve-changes', '--dry-run', '--json').stdout);
    expect(json).toMatchObject({ dry_run: true, status: 'ok', artifacts: expect.arrayContaining([expect.objectContaining({ name: 'brush', action: 'restore', change: 'removed' })]) });

    const run = skillmeat(home, 'rollback', id, '--preserve-changes', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).artifacts).toEqual(json.artifacts);
    expect(skillmeat(home, 'list', '--json').stdout).not.toContain('"brush"');

    await writeFile(skill, '# Edited by hand\n');
    const nothing = skillmeat(home, 'rollback', id, '--preserve-changes');
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain('Nothing rolled back: Nothing to undo');
  });
});

// The upstream workflow end to end through the built `skillmeat` (npm test builds it first): a
// skill added from a git repository, deployed, edited in the project, then moved upstream.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './support/fixtures.js';
import { ISOLATED_GIT_ENV, Upstream } from './support/git-upstream.js';

const BIN = fileURLToPath(new URL('../bin/skillmeat.js', import.meta.url));

function skillmeat(home: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, '--home', home, ...args], { encoding: 'utf8', input: '', env: { ...process.env, ...ISOLATED_GIT_ENV } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function skillText(changes: Record<number, string> = {}): string {
  return `# Canvas\n${[1, 2, 3, 4, 5].map((n) => changes[n] ?? `line ${n}`).join('\n')}\n`;
}

describe('skillmeat add SOURCE, update --check, update', () => {
  it('brings an upstream change into the collection, and sync merges it with the project\'s own line', async () => {
    const home = await tempDir();
    const project = await tempDir();
    const up = Upstream.create();
    const old = up.commit({ 'skills/canvas/SKILL.md': skillText(), 'README.md': 'skills\n' }, 'first');

    expect(skillmeat(home, 'init').code).toBe(0);
    const added = skillmeat(home, 'add', up.source('skills/canvas', 'main'));
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining(`Added skill "canvas"`) });
    expect(added.stdout).toContain(`at ${old.slice(0, 12)}`);
    expect(skillmeat(home, 'deploy', 'canvas', '--project', project).code).toBe(0);
    const inProject = join(project, '.claude/skills/canvas/SKILL.md');
    await writeFile(inProject, skillText({ 4: 'line 4, my own' }));

    expect(skillmeat(home, 'update', '--check')).toMatchObject({ code: 0, stdout: expect.stringContaining('up to date') });
    const next = up.commit({ 'skills/canvas/SKILL.md': skillText({ 2: 'line 2, from upstream' }) }, 'second');

    const check = skillmeat(home, 'update', '--check');
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/update available\s+skill\s+canvas/);
    expect(check.stdout).toContain('canvas/SKILL.md: modified');
    const checkJson = JSON.parse(skillmeat(home, 'update', '--check', '--json').stdout) as { updates_available: number; artifacts: { name: string; upstream_sha: string }[] };
    expect(checkJson).toMatchObject({ updates_available: 1, artifacts: [{ name: 'canvas', upstream_sha: next }] });

    const dry = skillmeat(home, 'update', '--dry-run');
    expect(dry).toMatchObject({ code: 0, stdout: expect.stringContaining('dry run') });
    expect(skillmeat(home, 'update', '--check').code).toBe(1);

    const update = skillmeat(home, 'update', 'canvas');
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(/updated\s+skill\s+canvas/);
    expect(update.stdout).toContain('Safety snapshot:');
    expect(skillmeat(home, 'update', '--check').code).toBe(0);

    const drift = skillmeat(home, 'drift', project, '--json');
    expect(drift.code).toBe(1);
    expect(JSON.parse(drift.stdout)).toMatchObject({ drift: [{ name: 'canvas', drift_type: 'conflict' }] });
    expect(skillmeat(home, 'sync', project).code).toBe(0);
    expect(await readFile(inProject, 'utf8')).toBe(skillText({ 2: 'line 2, from upstream', 4: 'line 4, my own' }));
    expect(skillmeat(home, 'drift', project).code).toBe(0);

    // The chain: upstream's first content (add) → upstream's next (update) → the project's merge of it with its own line.
    const history = JSON.parse(skillmeat(home, 'history', 'canvas', '--json').stdout) as { versions: { id: string; merge_strategy: string; parents: string[]; scope: string }[] };
    const byOrigin = (origin: string) => history.versions.find((v) => v.merge_strategy === origin)!;
    expect(byOrigin('update').parents).toEqual([byOrigin('add').id]);
    expect(byOrigin('merge')).toMatchObject({ scope: expect.stringContaining('project:'), parents: expect.arrayContaining([byOrigin('update').id]) });
    expect(skillmeat(home, 'history', 'canvas').stdout).toMatch(/update/);
  });

  it('leaves a conflicting update waiting in the collection, and resolve --in-collection settles it', async () => {
    const home = await tempDir();
    const up = Upstream.create();
    up.commit({ 'skills/canvas/SKILL.md': skillText() });
    skillmeat(home, 'init');
    expect(skillmeat(home, 'add', up.source('skills/canvas')).code).toBe(0);
    const inCollection = join(home, 'collections/default/skills/canvas/SKILL.md');
    await writeFile(inCollection, skillText({ 2: 'line 2, the collection\'s' }));
    const next = up.commit({ 'skills/canvas/SKILL.md': skillText({ 2: 'line 2, upstream\'s' }) });

    const update = skillmeat(home, 'update');
    expect(update.code).toBe(1);
    expect(update.stdout).toMatch(/CONFLICT\s+skill\s+canvas/);
    expect(update.stdout).toContain('resolve --in-collection');
    expect(await readFile(inCollection, 'utf8')).toBe(skillText({ 2: 'line 2, the collection\'s' }));

    expect(skillmeat(home, 'resolve', '--in-collection', 'canvas', 'SKILL.md', '--take', 'project').code).toBe(2);
    const resolved = skillmeat(home, 'resolve', '--in-collection', 'canvas', 'SKILL.md', '--take', 'upstream');
    expect(resolved.code).toBe(0);
    expect(await readFile(inCollection, 'utf8')).toBe(skillText({ 2: 'line 2, upstream\'s' }));
    expect(JSON.parse(skillmeat(home, 'list', '--json').stdout)).toMatchObject({ artifacts: [{ name: 'canvas', upstream: { resolved_sha: next } }] });
    expect(skillmeat(home, 'update', '--check').code).toBe(0);
  });

  it('exits 2 with a clear message for a source that is not one, and for a path that is not in the repository', async () => {
    const home = await tempDir();
    const up = Upstream.create();
    up.commit({ 'skills/canvas/SKILL.md': skillText() });
    skillmeat(home, 'init');
    const bad = skillmeat(home, 'add', 'git+file:///x.git#../up');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a usable source/);
    const missing = skillmeat(home, 'add', up.source('skills/nothing'), '--json');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({ error: expect.objectContaining({ code: 'not_found' }) });
    expect(skillmeat(home, 'update', '--check').stdout).toMatch(/No artifact .* comes from a git source/);
  });
});

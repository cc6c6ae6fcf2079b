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

function json<T = Record<string, unknown>>(run: { stdout: string }): T {
  return JSON.parse(run.stdout) as T;
}

describe('skillmeat CLI', () => {
  it('walks the tour: init, add, list, deploy, drift (exit 1 on drift), undeploy', async () => {
    const home = await tempDir();
    const project = await tempDir();
    const skill = await sampleSkill(await tempDir(), 'canvas');

    expect(skillmeat(home, 'init').code).toBe(0);
    expect(skillmeat(home, 'add', skill)).toMatchObject({ code: 0, stdout: expect.stringContaining('Added skill "canvas"') });
    const list = skillmeat(home, 'list', '--json');
    expect(json<{ artifacts: { name: string; content_hash: string }[] }>(list).artifacts).toEqual([expect.objectContaining({ name: 'canvas' })]);

    expect(skillmeat(home, 'deploy', 'canvas', '--project', project).code).toBe(0);
    const clean = skillmeat(home, 'drift', project, '--json');
    expect(clean.code).toBe(0);
    expect(json(clean)).toMatchObject({ drift: [], in_sync: [{ name: 'canvas', drift_type: null }], added: [] });

    await writeFile(join(project, '.claude/skills/canvas/SKILL.md'), '# Mine\n');
    const drifted = skillmeat(home, 'drift', project);
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toMatch(/modified\s+skill\s+canvas/);

    expect(skillmeat(home, 'undeploy', 'canvas', '--project', project).code).toBe(2);
    expect(skillmeat(home, 'undeploy', 'canvas', '--project', project, '--force').code).toBe(0);
  });

  it('prints exactly one JSON document on stdout with --json', async () => {
    const home = await tempDir();
    const run = skillmeat(home, '--json', 'init', 'work');
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ collection: 'work', created: true });
    expect(json<{ collections: unknown[] }>(skillmeat(home, 'collection', 'list', '--json')).collections).toEqual([expect.objectContaining({ name: 'work', active: true })]);
  });

  it('exits 2 with a message naming the thing on bad input, and a JSON error envelope with --json', async () => {
    const home = await tempDir();
    skillmeat(home, 'init');
    const run = skillmeat(home, 'add', '/nonexistent/skill', '--json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/nonexistent/skill');
    expect(json(run)).toEqual({ error: expect.objectContaining({ code: 'not_found' }) });
  });

  it('exits 2 on a usage error', async () => {
    const home = await tempDir();
    expect(skillmeat(home, 'deploy', 'x').code).toBe(2); // --project missing
    expect(skillmeat(home, 'add', 'x', '--type', 'widget').code).toBe(2);
    expect(skillmeat(home, 'no-such-command').code).toBe(2);
  });

  it('registers projects and checks them all with `drift` and no folder', async () => {
    const home = await tempDir();
    const project = await tempDir();
    skillmeat(home, 'init');
    skillmeat(home, 'add', await sampleSkill(await tempDir(), 'canvas'));
    skillmeat(home, 'deploy', 'canvas', '-p', project);
    expect(skillmeat(home, 'projects', 'add', project).code).toBe(0);
    const all = skillmeat(home, 'drift', '--json');
    expect(all.code).toBe(0);
    expect(json<{ reports: unknown[] }>(all).reports).toHaveLength(1);
    expect(json<{ projects: unknown[] }>(skillmeat(home, 'projects', 'list', '--json')).projects).toEqual([expect.objectContaining({ needs_action: 0 })]);
    expect(skillmeat(home, 'projects', 'remove', project).code).toBe(0);
  });

  it('--help and --version exit 0', async () => {
    const home = await tempDir();
    expect(skillmeat(home, '--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('deploy') });
    expect(skillmeat(home, '--version')).toMatchObject({ code: 0, stdout: expect.stringContaining('0.1.0') });
  });

  it('settles a command conflict from a hand-merged file with no FILE (or "."), and names the files of a folder artifact when FILE is missing', async () => {
    const home = await tempDir();
    const project = await tempDir();
    const source = await tempDir();
    await writeFile(join(source, 'tidy.md'), '# Tidy\nstep 1\nstep 2\n');
    const skill = await sampleSkill(source, 'canvas');
    skillmeat(home, 'init');
    expect(skillmeat(home, 'add', join(source, 'tidy.md'), '--type', 'command').code).toBe(0);
    expect(skillmeat(home, 'add', skill).code).toBe(0);
    expect(skillmeat(home, 'deploy', 'tidy', 'canvas', '--project', project).code).toBe(0);
    await writeFile(join(project, '.claude/commands/tidy.md'), '# Tidy\nstep 1\nstep 2 (project)\n');
    await writeFile(join(home, 'collections/default/commands/tidy.md'), '# Tidy\nstep 1\nstep 2 (collection)\n');
    await writeFile(join(project, '.claude/skills/canvas/SKILL.md'), '# Project\n');
    await writeFile(join(home, 'collections/default/skills/canvas/SKILL.md'), '# Collection\n');
    const sync = skillmeat(home, 'sync', project);
    expect(sync).toMatchObject({ code: 1, stdout: expect.stringContaining('skillmeat resolve DIR ARTIFACT [FILE]') });

    const folder = skillmeat(home, 'resolve', project, 'canvas', '--take', 'collection');
    expect(folder).toMatchObject({ code: 2, stderr: expect.stringContaining('name the conflicted file to settle (SKILL.md)') });

    const merged = join(source, 'merged.md');
    await writeFile(merged, '# Tidy\nstep 1\nstep 2 (both)\n');
    expect(skillmeat(home, 'resolve', project, 'tidy', '.', '--from', merged).code).toBe(0);
    expect(await readFile(join(project, '.claude/commands/tidy.md'), 'utf8')).toBe('# Tidy\nstep 1\nstep 2 (both)\n');
    expect(skillmeat(home, 'resolve', project, 'canvas', 'SKILL.md', '--take', 'project').code).toBe(0);
    expect(skillmeat(home, 'drift', project).code).toBe(0);
  });
});

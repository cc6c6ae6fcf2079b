// Versioning spec 9: one bad project never hides the others' drift. A project that cannot be
// checked gets a report carrying its error; every other project is checked as usual.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleSkill, tempCore, tempDir } from './support/fixtures.js';

const CLI = join(import.meta.dirname, '../bin/skillmeat.js');

/** A home with skill "canvas" deployed into three registered projects. */
async function threeProjects() {
  const { core, home } = await tempCore();
  await core.init();
  await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
  const projects: string[] = [];
  for (let i = 0; i < 3; i++) {
    const project = await tempDir(`skillmeat-project-${i}-`);
    await core.deploy({ project, names: ['canvas'] });
    await core.addProject(project);
    projects.push(project);
  }
  return { core, home, projects };
}

describe('drift of many projects, one of them bad', () => {
  it('reports a registered project whose folder is gone, and checks the others', async () => {
    const { core, projects } = await threeProjects();
    await rm(projects[1]!, { recursive: true });
    await writeFile(join(projects[2]!, '.claude/skills/canvas/SKILL.md'), '# Mine\n');
    const reports = await core.checkAllDrift();
    expect(reports.map((r) => r.error?.code ?? null)).toEqual([null, 'not_found', null]);
    expect(reports[1]!.error!.message).toContain(projects[1]!);
    expect(reports[0]!.in_sync.map((e) => e.name)).toEqual(['canvas']);
    expect(reports[2]!.drift.map((e) => e.drift_type)).toEqual(['modified']);
  });

  it('reports a corrupt deployment file or a linked skills folder in its own project only', async () => {
    const { core, projects } = await threeProjects();
    await writeFile(join(projects[0]!, '.claude/.skillmeat-deployed.toml'), 'this is [not toml');
    await rm(join(projects[1]!, '.claude/skills'), { recursive: true });
    await symlink(await tempDir(), join(projects[1]!, '.claude/skills'));
    const reports = await core.checkAllDrift();
    expect(reports.map((r) => r.error?.code ?? null)).toEqual(['corrupt_file', 'symlink_escape', null]);
    expect(reports[2]!.in_sync.map((e) => e.name)).toEqual(['canvas']);
  });

  it('keeps the last good summary of a project that could not be checked', async () => {
    const { core, projects } = await threeProjects();
    await writeFile(join(projects[0]!, '.claude/skills/canvas/SKILL.md'), '# Mine\n');
    await core.checkAllDrift();
    await writeFile(join(projects[0]!, '.claude/.skillmeat-deployed.toml'), 'this is [not toml');
    await core.checkAllDrift();
    expect((await core.listProjects()).map((p) => p.needs_action)).toEqual([1, 0, 0]);
  });

  it('the CLI prints every project, the gone one with its reason, and exits 2', async () => {
    const { core, home, projects } = await threeProjects();
    await core.close();
    await rm(projects[0]!, { recursive: true });
    const run = spawnSync(process.execPath, [CLI, '--home', home, 'drift'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(`${projects[0]}: drift could not be checked`);
    expect(run.stdout).toContain(`${projects[1]}: 1 deployed, all in sync`);
    expect(run.stdout).toContain(`${projects[2]}: 1 deployed, all in sync`);
    const json = spawnSync(process.execPath, [CLI, '--home', home, '--json', 'drift'], { encoding: 'utf8' });
    expect(json.status).toBe(2);
    expect((JSON.parse(json.stdout) as { reports: { error: unknown }[] }).reports.map((r) => r.error === null)).toEqual([false, true, true]);
  });
});

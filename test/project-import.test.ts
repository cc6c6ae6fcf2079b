// Importing a project (issue 14): a project's own .claude folder, or a folder inside a registered
// project's .claude, is not a project. The core refuses it, so the app and the CLI both do, and
// nothing is registered or written.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { errorOf, sampleSkill, tempCore, tempDir } from './support/fixtures.js';

const CLI = join(import.meta.dirname, '../bin/skillmeat.js');

function skillmeat(home: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, '--home', home, ...args], { encoding: 'utf8', input: '' });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** A home with skill canvas and a project it is deployed into (registered when asked). */
async function homeWithProject(options: { register: boolean }) {
  const { core, home } = await tempCore();
  await core.init();
  await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
  const project = await tempDir('skillmeat-project-');
  await core.deploy({ project, names: ['canvas'] });
  if (options.register) await core.addProject(project);
  return { core, home, project };
}

describe('importing a .claude folder as a project', () => {
  it("refuses a project's own .claude folder, naming the folder to use instead, and registers nothing", async () => {
    const { core, home, project } = await homeWithProject({ register: false });
    const projectsBefore = existsSync(join(home, 'projects.toml')) ? await readFile(join(home, 'projects.toml'), 'utf8') : null;

    const error = await errorOf(() => core.addProject(join(project, '.claude')));

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(`${join(project, '.claude')} is the .claude folder of a project, not a project: use the folder that holds it, ${project}.`);
    expect(existsSync(join(home, 'projects.toml')) ? await readFile(join(home, 'projects.toml'), 'utf8') : null).toBe(projectsBefore);
    expect(await core.listProjects()).toEqual([]);
  });

  it('refuses a link that leads to a .claude folder', async () => {
    const { core, project } = await homeWithProject({ register: false });
    const link = join(await tempDir(), 'looks-like-a-project');
    await symlink(join(project, '.claude'), link);

    expect(await errorOf(() => core.addProject(link))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(`use the folder that holds it, ${project}.`) });
    expect(await core.listProjects()).toEqual([]);
  });

  it("refuses a folder inside a registered project's .claude folder", async () => {
    const { core, project } = await homeWithProject({ register: true });
    const inside = join(project, '.claude', 'skills');

    const error = await errorOf(() => core.addProject(inside));

    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(`is inside the .claude folder of the project`) });
    expect(error.message).toContain(project);
    expect((await core.listProjects()).map((p) => p.path)).toEqual([project]);
  });

  it('never deploys into a .claude folder taken for a project (no .claude/.claude)', async () => {
    const { core, project } = await homeWithProject({ register: false });

    expect(await errorOf(() => core.deploy({ project: join(project, '.claude'), names: ['canvas'] }))).toMatchObject({ code: 'invalid_input' });
    expect(existsSync(join(project, '.claude', '.claude'))).toBe(false);
  });

  it('skillmeat projects add refuses it with the same words, exit 2, and a JSON error envelope', async () => {
    const { core, home, project } = await homeWithProject({ register: false });
    await core.close();
    const claude = join(project, '.claude');

    const run = skillmeat(home, 'projects', 'add', claude);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${claude} is the .claude folder of a project, not a project: use the folder that holds it, ${project}.`);

    const asJson = skillmeat(home, '--json', 'projects', 'add', claude);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stdout)).toEqual({ error: expect.objectContaining({ code: 'invalid_input' }) });
    expect(JSON.parse(skillmeat(home, '--json', 'projects', 'list').stdout)).toMatchObject({ projects: [] });
  });
});

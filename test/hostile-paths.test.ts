// Versioning spec 9: nothing is ever written, deleted or read outside the collection folder and the
// project's .claude/ folder. Paths read from files are checked against the type registry's layout,
// and no symbolic link on the way is followed. Each test plants what a cloned repository or a
// hand-edited home file could carry, and checks that nothing outside moved.
import { describe, expect, it } from 'vitest';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkillMeat } from '../src/core/skillmeat.js';
import { errorOf, readTree, sampleSkill, tempCore, tempDir, writeTree } from './support/fixtures.js';

/** A home with skill "canvas" and command "review", both deployed into a fresh project; and a victim folder outside both. */
async function deployedHome(): Promise<{ core: SkillMeat; home: string; project: string; victim: string }> {
  const { core, home } = await tempCore();
  await core.init();
  const src = await tempDir();
  await core.addArtifact(await sampleSkill(src, 'canvas'));
  await writeTree(src, { 'review.md': '# Review\n' });
  await core.addArtifact(join(src, 'review.md'), { type: 'command' });
  const project = await tempDir('skillmeat-project-');
  await core.deploy({ names: ['canvas', 'review'], project });
  const victim = await tempDir('skillmeat-victim-');
  await writeTree(victim, { 'skills/vic/SKILL.md': '# Victim\n', 'secret.md': 'TOKEN=hunter2\n', 'commands/x.md': '# x\n' });
  return { core, home, project, victim };
}

async function editFile(path: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  await writeFile(path, next);
}

describe('paths read from files are checked against the registry', () => {
  it('a manifest entry whose path leaves the collection is corrupt_file: remove, list and push touch nothing outside', async () => {
    const { core, home, project, victim } = await deployedHome();
    const manifest = join(home, 'collections/default/collection.toml');
    await editFile(manifest, 'path = "skills/canvas"', `path = "../../../../../../../..${join(victim, 'skills/vic')}"`);
    const before = await readTree(victim);

    for (const attempt of [() => core.removeArtifact('canvas'), () => core.listArtifacts(), () => core.push({ project, strategy: 'overwrite' })]) {
      const error = await errorOf(attempt);
      expect(error.code).toBe('corrupt_file');
      expect(error.message).toContain('collection.toml');
      expect(error.message).toContain('skills/<name>');
    }
    expect(await readTree(victim)).toEqual(before);
  });

  it('a manifest path naming the same place in another spelling is accepted and written back as it was', async () => {
    const { core, home } = await deployedHome();
    const manifest = join(home, 'collections/default/collection.toml');
    await editFile(manifest, 'path = "skills/canvas"', 'path = "./skills/canvas/"');
    expect((await core.listArtifacts()).map((a) => a.path)).toContain('skills/canvas');
    await core.addArtifact(await sampleSkill(await tempDir(), 'other'));
    expect(await readFile(manifest, 'utf8')).toContain('path = "./skills/canvas/"');
  });

  it('a deployment record naming a parent folder is corrupt_file: undeploy --force deletes nothing', async () => {
    const { core, project } = await deployedHome();
    const record = join(project, '.claude/.skillmeat-deployed.toml');
    await editFile(record, /(name = "canvas"\n)/, '$1path = "skills"\n');
    const before = await readTree(join(project, '.claude/skills'));
    const error = await errorOf(() => core.undeploy({ name: 'canvas', project, force: true }));
    expect(error.code).toBe('corrupt_file');
    expect(error.message).toContain('.skillmeat-deployed.toml');
    expect(await readTree(join(project, '.claude/skills'))).toEqual(before);
  });

  it('a pending-merge file holding a path outside the artifact is refused before resolve writes anything', async () => {
    const { core, home, project } = await deployedHome();
    await writeFile(join(project, '.claude/skills/canvas/SKILL.md'), '# Mine\n');
    await writeFile(join(home, 'collections/default/skills/canvas/SKILL.md'), '# Theirs\n');
    expect((await core.sync({ project })).status).toBe('partial');
    const pending = join(project, '.claude/.skillmeat-pending.json');
    await editFile(pending, '"path": "SKILL.md"', '"path": "../../../escaped.md"');
    const before = await readTree(project);
    const error = await errorOf(() => core.resolve({ project, artifact: 'canvas', file: '../../../escaped.md', choice: { take: 'collection' } }));
    expect(error.code).toBe('corrupt_file');
    expect(error.message).toContain('.skillmeat-pending.json');
    expect(await readTree(project)).toEqual(before);
  });
});

describe('no symbolic link is followed inside .claude/ or a collection', () => {
  it('deploy refuses a .claude/skills that links elsewhere, writing nothing through it', async () => {
    const { core, project, victim } = await deployedHome();
    await rm(join(project, '.claude/skills'), { recursive: true });
    await symlink(join(victim, 'skills'), join(project, '.claude/skills'));
    const before = await readTree(victim);
    const error = await errorOf(() => core.deploy({ names: ['canvas'], project, overwrite: true }));
    expect(error.code).toBe('symlink_escape');
    expect(error.message).toContain(join(project, '.claude/skills'));
    expect(await readTree(victim)).toEqual(before);
  });

  it('undeploy --force and deploy --overwrite delete nothing behind a linked .claude/commands', async () => {
    const { core, project, victim } = await deployedHome();
    await rm(join(project, '.claude/commands'), { recursive: true });
    await symlink(join(victim, 'commands'), join(project, '.claude/commands'));
    await writeFile(join(victim, 'commands/review.md'), '# Not yours\n');
    const before = await readTree(victim);
    expect((await errorOf(() => core.undeploy({ name: 'review', project, force: true }))).code).toBe('symlink_escape');
    expect((await errorOf(() => core.deploy({ names: ['review'], project, overwrite: true }))).code).toBe('symlink_escape');
    expect(await readTree(victim)).toEqual(before);
  });

  it('sync writes nothing through a linked skills folder', async () => {
    const { core, home, project, victim } = await deployedHome();
    await writeFile(join(home, 'collections/default/skills/canvas/SKILL.md'), '# v2\n');
    await mkdir(join(victim, 'skills/canvas'), { recursive: true });
    await writeFile(join(victim, 'skills/canvas/SKILL.md'), '# Skill\n');
    await writeFile(join(victim, 'skills/canvas/scripts'), '');
    await rm(join(project, '.claude/skills'), { recursive: true });
    await symlink(join(victim, 'skills'), join(project, '.claude/skills'));
    const before = await readTree(victim);
    expect((await errorOf(() => core.sync({ project }))).code).toBe('symlink_escape');
    expect(await readTree(victim)).toEqual(before);
  });

  it('push refuses a project copy that is a link, so a secret never reaches the collection', async () => {
    const { core, home, project, victim } = await deployedHome();
    await rm(join(project, '.claude/commands/review.md'));
    await symlink(join(victim, 'secret.md'), join(project, '.claude/commands/review.md'));
    const error = await errorOf(() => core.push({ project, strategy: 'overwrite' }));
    expect(error.code).toBe('symlink_escape');
    expect(await readFile(join(home, 'collections/default/commands/review.md'), 'utf8')).toBe('# Review\n');
    expect(JSON.stringify(await readTree(home))).not.toContain('hunter2');
  });

  it('deploy refuses a collection whose skills folder links elsewhere, reading nothing through it', async () => {
    const { core, home, victim } = await deployedHome();
    await rm(join(home, 'collections/default/skills'), { recursive: true });
    await writeTree(victim, { 'canvas/SKILL.md': '# Planted\n' });
    await symlink(victim, join(home, 'collections/default/skills'));
    const project = await tempDir('skillmeat-project-');
    const error = await errorOf(() => core.deploy({ names: ['canvas'], project }));
    expect(error.code).toBe('symlink_escape');
    expect(await readTree(join(project))).toEqual({});
  });

  it('a deployment record file that is a link is refused, never read or replaced', async () => {
    const { core, project, victim } = await deployedHome();
    const record = join(project, '.claude/.skillmeat-deployed.toml');
    await writeFile(join(victim, 'record.toml'), await readFile(record));
    await rm(record);
    await symlink(join(victim, 'record.toml'), record);
    expect((await errorOf(() => core.undeploy({ name: 'review', project }))).code).toBe('symlink_escape');
    expect(await readFile(join(victim, 'record.toml'), 'utf8')).toContain('review');
  });
});

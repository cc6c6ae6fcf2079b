import { describe, expect, it } from 'vitest';
import { readFile, rm, symlink, writeFile, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkillMeat } from '../src/core/skillmeat.js';
import { errorOf, readTree, sampleSkill, tempCore, tempDir, writeTree } from './support/fixtures.js';

/** A home with collection "default" holding skill "canvas", deployed into a fresh project. */
async function deployedCanvas(): Promise<{ core: SkillMeat; home: string; project: string; inCollection: string; inProject: string }> {
  const { core, home } = await tempCore();
  await core.init();
  await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
  const project = await tempDir('skillmeat-project-');
  await core.deploy({ names: ['canvas'], project });
  return { core, home, project, inCollection: join(home, 'collections/default/skills/canvas/SKILL.md'), inProject: join(project, '.claude/skills/canvas/SKILL.md') };
}

async function driftOf(core: SkillMeat, project: string) {
  const [report] = await core.checkDrift([project]);
  return report!;
}

describe('deploy', () => {
  it('copies the artifact into .claude/ and records its baseline in our dialect', async () => {
    const { project, core } = await deployedCanvas();
    expect(await readTree(join(project, '.claude/skills/canvas'))).toEqual({ 'SKILL.md': '# Skill\n', 'scripts/run.sh': 'echo hi\n' });
    const record = await readFile(join(project, '.claude/.skillmeat-deployed.toml'), 'utf8');
    expect(record).toContain('[deployment]');
    expect(record).toContain('[[deployed]]');
    const [artifact] = await core.listArtifacts();
    expect(record).toContain(`sha = "${artifact!.content_hash}"`);
  });

  it('deploys an artifact with no files into a fresh home (nothing stored, nothing to flush)', async () => {
    const { core } = await tempCore();
    await core.init();
    const src = await tempDir();
    await mkdir(join(src, 'quiet-hook'));
    await core.addArtifact(join(src, 'quiet-hook'), { type: 'hook' });
    const project = await tempDir('skillmeat-project-');
    expect((await core.deploy({ names: ['quiet-hook'], project })).deployed[0]?.action).toBe('deployed');
  });

  it('deploying again when nothing changed reports unchanged and leaves the record alone', async () => {
    const { core, project } = await deployedCanvas();
    const before = await readFile(join(project, '.claude/.skillmeat-deployed.toml'), 'utf8');
    const result = await core.deploy({ names: ['canvas'], project });
    expect(result.deployed[0]?.action).toBe('unchanged');
    expect(await readFile(join(project, '.claude/.skillmeat-deployed.toml'), 'utf8')).toBe(before);
  });

  it('refuses to overwrite local edits without --overwrite, changing nothing', async () => {
    const { core, project, inProject } = await deployedCanvas();
    await writeFile(inProject, '# Mine\n');
    const before = await readTree(join(project, '.claude'));
    const error = await errorOf(() => core.deploy({ names: ['canvas'], project }));
    expect(error.code).toBe('would_overwrite');
    expect(error.message).toContain('local edits');
    expect(await readTree(join(project, '.claude'))).toEqual(before);
    expect((await core.deploy({ names: ['canvas'], project, overwrite: true })).deployed[0]?.action).toBe('redeployed');
    expect(await readFile(inProject, 'utf8')).toBe('# Skill\n');
  });

  it('refuses to replace a copy SkillMeat never deployed', async () => {
    const { core } = await tempCore();
    await core.init();
    await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
    const project = await tempDir();
    await writeTree(project, { '.claude/skills/canvas/SKILL.md': '# Hand-made\n' });
    expect((await errorOf(() => core.deploy({ names: ['canvas'], project }))).message).toContain('not deployed by SkillMeat');
    expect(await readFile(join(project, '.claude/skills/canvas/SKILL.md'), 'utf8')).toBe('# Hand-made\n');
  });

  it('deploys several artifacts at once, or none when one of them is unknown', async () => {
    const { core } = await tempCore();
    await core.init();
    const dir = await tempDir();
    await core.addArtifact(await sampleSkill(dir, 'a'));
    await core.addArtifact(await sampleSkill(dir, 'b'));
    const project = await tempDir();
    expect((await errorOf(() => core.deploy({ names: ['a', 'missing'], project }))).code).toBe('not_found');
    expect(await readTree(project)).toEqual({});
    expect((await core.deploy({ names: ['a', 'b'], project })).deployed.map((d) => d.name)).toEqual(['a', 'b']);
  });

  it('refuses a project whose .claude folder is a link to elsewhere', async () => {
    const { core } = await tempCore();
    await core.init();
    await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
    const project = await tempDir();
    const elsewhere = await tempDir();
    await symlink(elsewhere, join(project, '.claude'));
    expect((await errorOf(() => core.deploy({ names: ['canvas'], project }))).code).toBe('path_outside');
    expect(await readTree(elsewhere)).toEqual({});
  });

  it('refuses a missing project folder', async () => {
    const { core } = await tempCore();
    await core.init();
    expect((await errorOf(() => core.deploy({ names: ['x'], project: '/nonexistent/project' }))).code).toBe('not_found');
  });
});

describe('undeploy', () => {
  it('removes the copy and its record', async () => {
    const { core, project } = await deployedCanvas();
    await core.undeploy({ name: 'canvas', project });
    expect(await readTree(join(project, '.claude/skills'))).toEqual({});
    expect((await driftOf(core, project)).summary.deployed).toBe(0);
  });

  it('keeps a copy with local edits unless forced', async () => {
    const { core, project, inProject } = await deployedCanvas();
    await writeFile(inProject, '# Mine\n');
    expect((await errorOf(() => core.undeploy({ name: 'canvas', project }))).code).toBe('would_overwrite');
    expect(await readFile(inProject, 'utf8')).toBe('# Mine\n');
    await core.undeploy({ name: 'canvas', project, force: true });
    expect(await readTree(join(project, '.claude/skills'))).toEqual({});
  });
});

describe('drift: each row of the table, end to end', () => {
  it('in sync right after deploy', async () => {
    const { core, project } = await deployedCanvas();
    const report = await driftOf(core, project);
    expect(report.drift).toEqual([]);
    expect(report.in_sync).toEqual([expect.objectContaining({ name: 'canvas', type: 'skill', drift_type: null, recommendation: null })]);
  });

  it('outdated when the collection copy changed', async () => {
    const { core, project, inCollection } = await deployedCanvas();
    await writeFile(inCollection, '# Skill v2\n');
    const [entry] = (await driftOf(core, project)).drift;
    expect(entry).toMatchObject({ drift_type: 'outdated', recommendation: 'sync', change_origin: 'sync' });
    expect(entry?.collection_sha).not.toBe(entry?.baseline_sha);
    expect(entry?.project_sha).toBe(entry?.baseline_sha);
  });

  it('modified when the project copy changed', async () => {
    const { core, project, inProject } = await deployedCanvas();
    await writeFile(inProject, '# Mine\n');
    expect((await driftOf(core, project)).drift).toEqual([expect.objectContaining({ drift_type: 'modified', recommendation: 'push', change_origin: 'local_modification' })]);
  });

  it('modified when a file is added to the project copy', async () => {
    const { core, project } = await deployedCanvas();
    await writeFile(join(project, '.claude/skills/canvas/extra.md'), 'new');
    expect((await driftOf(core, project)).drift[0]?.drift_type).toBe('modified');
  });

  it('conflict when both changed differently', async () => {
    const { core, project, inProject, inCollection } = await deployedCanvas();
    await writeFile(inProject, '# Mine\n');
    await writeFile(inCollection, '# Theirs\n');
    expect((await driftOf(core, project)).drift).toEqual([expect.objectContaining({ drift_type: 'conflict', recommendation: 'merge' })]);
  });

  it('in sync when both made the same change', async () => {
    const { core, project, inProject, inCollection } = await deployedCanvas();
    await writeFile(inProject, '# Same\n');
    await writeFile(inCollection, '# Same\n');
    const report = await driftOf(core, project);
    expect(report.drift).toEqual([]);
    expect(report.in_sync[0]?.project_sha).not.toBe(report.in_sync[0]?.baseline_sha);
  });

  it('deleted when the project copy is gone', async () => {
    const { core, project } = await deployedCanvas();
    await rm(join(project, '.claude/skills/canvas'), { recursive: true });
    expect((await driftOf(core, project)).drift).toEqual([expect.objectContaining({ drift_type: 'deleted', recommendation: 'redeploy', project_sha: null })]);
  });

  it('removed when the artifact left its collection', async () => {
    const { core, project } = await deployedCanvas();
    await core.removeArtifact('canvas');
    expect((await driftOf(core, project)).drift).toEqual([expect.objectContaining({ drift_type: 'removed', recommendation: 'remove_from_project', collection_sha: null })]);
  });

  it('lists artifacts added to the collection after the last deploy apart, without counting them', async () => {
    const { core, project } = await deployedCanvas();
    await core.addArtifact(await sampleSkill(await tempDir(), 'newer'));
    const report = await driftOf(core, project);
    expect(report.added).toEqual([expect.objectContaining({ name: 'newer', type: 'skill', collection: 'default' })]);
    expect(report.summary.needs_action).toBe(0);
  });

  it('does not list artifacts that were in the collection before the last deploy as added', async () => {
    const { core } = await tempCore();
    await core.init();
    const dir = await tempDir();
    await core.addArtifact(await sampleSkill(dir, 'a'));
    await core.addArtifact(await sampleSkill(dir, 'older'));
    const project = await tempDir();
    await core.deploy({ names: ['a'], project });
    expect((await driftOf(core, project)).added).toEqual([]);
  });

  it('checks every artifact type', async () => {
    const { core } = await tempCore();
    await core.init();
    const dir = await tempDir();
    await writeTree(dir, { 'c.md': 'command', 'g.md': 'agent', 'h/hooks.json': '{}', 'm/.mcp.json': '{}' });
    await core.addArtifact(await sampleSkill(dir, 's'));
    await core.addArtifact(join(dir, 'c.md'), { type: 'command' });
    await core.addArtifact(join(dir, 'g.md'), { type: 'agent' });
    await core.addArtifact(join(dir, 'h'));
    await core.addArtifact(join(dir, 'm'));
    const project = await tempDir();
    await core.deploy({ names: ['s', 'c', 'g', 'h', 'm'], project });
    for (const rel of ['skills/s/SKILL.md', 'commands/c.md', 'agents/g.md', 'hooks/h/hooks.json', 'mcp/m/.mcp.json']) {
      await writeFile(join(project, '.claude', rel), 'edited');
    }
    const report = await driftOf(core, project);
    expect(report.drift.map((e) => [e.type, e.drift_type]).sort()).toEqual([
      ['agent', 'modified'],
      ['command', 'modified'],
      ['hook', 'modified'],
      ['mcp', 'modified'],
      ['skill', 'modified'],
    ]);
  });

  it('compares each record against its own collection', async () => {
    const { core, home } = await tempCore();
    await core.init('a');
    await core.init('b');
    const dir = await tempDir();
    await core.addArtifact(await sampleSkill(dir, 'one'), { collection: 'a' });
    await core.addArtifact(await sampleSkill(dir, 'two'), { collection: 'b' });
    const project = await tempDir();
    await core.deploy({ names: ['one'], project, collection: 'a' });
    await core.deploy({ names: ['two'], project, collection: 'b' });
    await writeFile(join(home, 'collections/b/skills/two/SKILL.md'), '# changed in b\n');
    const report = await driftOf(core, project);
    expect(report.drift).toEqual([expect.objectContaining({ name: 'two', collection: 'b', drift_type: 'outdated' })]);
    expect(report.in_sync).toEqual([expect.objectContaining({ name: 'one', collection: 'a' })]);
  });

  it('writes nothing in the project or the collection', async () => {
    const { core, home, project, inProject } = await deployedCanvas();
    await writeFile(inProject, '# Mine\n');
    const snapshot = async () => ({
      project: await readTree(project),
      collection: await readTree(join(home, 'collections')),
      projectMtime: (await stat(join(project, '.claude'))).mtimeMs,
      recordMtime: (await stat(join(project, '.claude/.skillmeat-deployed.toml'))).mtimeMs,
    });
    const before = await snapshot();
    await driftOf(core, project);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a deployment record whose path leaves .claude', async () => {
    const { core, project } = await deployedCanvas();
    const recordPath = join(project, '.claude/.skillmeat-deployed.toml');
    const text = await readFile(recordPath, 'utf8');
    await writeFile(recordPath, text.replace('type = "skill"', 'type = "skill"\npath = "../../outside"'));
    expect((await driftOf(core, project)).error).toMatchObject({ code: 'corrupt_file' });
  });
});

describe('projects', () => {
  it('registers, lists with the last drift summary, and unregisters projects', async () => {
    const { core, project } = await deployedCanvas();
    expect((await core.addProject(project)).added).toBe(true);
    expect((await core.addProject(project)).added).toBe(false);
    expect(await core.listProjects()).toEqual([expect.objectContaining({ path: expect.stringContaining('skillmeat-project-'), last_checked: null, needs_action: null })]);
    await writeFile(join(project, '.claude/skills/canvas/SKILL.md'), '# Mine\n');
    await core.checkAllDrift();
    expect((await core.listProjects())[0]).toMatchObject({ needs_action: 1 });
    await core.removeProject(project);
    expect(await core.listProjects()).toEqual([]);
  });

  it('refuses to register a folder that does not exist', async () => {
    const { core } = await tempCore();
    await mkdir(join(await tempDir(), 'x'));
    expect((await errorOf(() => core.addProject('/nonexistent/dir'))).code).toBe('not_found');
  });
});

describe('drift across processes', () => {
  it('a new core over the same home reuses the saved hash index and still sees edits', async () => {
    const { home, project, inProject } = await deployedCanvas();
    const { SkillMeat } = await import('../src/core/skillmeat.js');
    const first = new SkillMeat({ home });
    await first.checkDrift([project]);
    await first.close();
    const second = new SkillMeat({ home });
    try {
      await writeFile(inProject, '# Mine\n');
      const [report] = await second.checkDrift([project]);
      expect(report?.drift).toEqual([expect.objectContaining({ drift_type: 'modified' })]);
    } finally {
      await second.close();
    }
  });

  it('a corrupt hash index costs nothing but speed', async () => {
    const { core, home, project } = await deployedCanvas();
    await mkdir(join(home, 'cache'), { recursive: true });
    await writeFile(join(home, 'cache/hash-index.1-of-1.json'), '{ torn');
    await writeFile(join(home, 'cache/hash-index.1-of-2.json'), '{ torn');
    expect((await driftOf(core, project)).in_sync).toHaveLength(1);
  });
});

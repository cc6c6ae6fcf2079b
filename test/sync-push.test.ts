import { describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkillMeat } from '../src/core/skillmeat.js';
import { VersionStore } from '../src/core/versions/version-store.js';
import { homePaths } from '../src/core/home/home-paths.js';
import { errorOf, readTree, tempCore, tempDir, writeTree } from './support/fixtures.js';

const LINES = '# Skill\nline a\nline b\nline c\nline d\nline e\n';

/** Skill "canvas" (one SKILL.md of six lines) deployed into a fresh project. */
async function deployed(): Promise<{ core: SkillMeat; home: string; project: string; inCollection: string; inProject: string }> {
  const { core, home } = await tempCore();
  await core.init();
  const src = await tempDir();
  await writeTree(src, { 'canvas/SKILL.md': LINES, 'canvas/scripts/run.sh': 'echo hi\n' });
  await core.addArtifact(join(src, 'canvas'));
  const project = await tempDir('skillmeat-project-');
  await core.deploy({ names: ['canvas'], project });
  return { core, home, project, inCollection: join(home, 'collections/default/skills/canvas/SKILL.md'), inProject: join(project, '.claude/skills/canvas/SKILL.md') };
}

async function edit(path: string, from: string, to: string): Promise<void> {
  await writeFile(path, (await readFile(path, 'utf8')).replace(from, to));
}

async function driftTypes(core: SkillMeat, project: string): Promise<(string | null)[]> {
  const [report] = await core.checkDrift([project]);
  return [...report!.drift, ...report!.in_sync].map((e) => e.drift_type);
}

describe('sync', () => {
  it('takes collection changes into an unedited copy and re-baselines', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inCollection, 'line e', 'line E');
    const result = await core.sync({ project });
    expect(result).toMatchObject({ status: 'ok', artifacts: [{ name: 'canvas', action: 'updated' }] });
    expect(await readFile(inProject, 'utf8')).toContain('line E');
    expect(await driftTypes(core, project)).toEqual([null]);
  });

  it('keeps local edits while taking collection changes (three-way merge)', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line a', 'line A (mine)');
    await edit(inCollection, 'line e', 'line E (theirs)');
    const result = await core.sync({ project });
    expect(result.artifacts[0]).toMatchObject({ action: 'merged', files: expect.arrayContaining([{ path: 'SKILL.md', outcome: 'merged' }]) });
    expect(await readFile(inProject, 'utf8')).toBe('# Skill\nline A (mine)\nline b\nline c\nline d\nline E (theirs)\n');
    expect(await driftTypes(core, project)).toEqual([null]);
  });

  it('after a merge, a later collection change merges again without losing the merged edits', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line a', 'line A (mine)');
    await edit(inCollection, 'line e', 'line E');
    await core.sync({ project });
    await edit(inCollection, 'line c', 'line C');
    expect(await driftTypes(core, project)).toEqual(['outdated']);
    await core.sync({ project });
    expect(await readFile(inProject, 'utf8')).toBe('# Skill\nline A (mine)\nline b\nline C\nline d\nline E\n');
  });

  it('reports conflicts per file with all three versions and writes nothing', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line c', 'line C mine');
    await edit(inCollection, 'line c', 'line C theirs');
    const before = await readTree(project);
    const result = await core.sync({ project });
    expect(result.status).toBe('partial');
    expect(result.artifacts[0]?.conflicts).toEqual([
      expect.objectContaining({ path: 'SKILL.md', kind: 'content', base: LINES, local: expect.stringContaining('line C mine'), remote: expect.stringContaining('line C theirs') }),
    ]);
    const after = await readTree(project);
    delete after['.claude/.skillmeat-pending.json'];
    expect(after).toEqual(before);
  });

  it('writes conflict markers only when asked, keeping the old baseline', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line c', 'line C mine');
    await edit(inCollection, 'line c', 'line C theirs');
    const result = await core.sync({ project, writeMarkers: true });
    expect(result).toMatchObject({ status: 'partial', markers_written: true });
    expect(await readFile(inProject, 'utf8')).toContain('<<<<<<< project\nline C mine\n=======\nline C theirs\n>>>>>>> collection\n');
    expect(await driftTypes(core, project)).toEqual(['conflict']);
  });

  it('--dry-run says what would happen and writes nothing', async () => {
    const { core, home, project, inCollection } = await deployed();
    await edit(inCollection, 'line e', 'line E');
    const before = { project: await readTree(project), objects: await readTree(join(home, 'objects')) };
    expect((await core.sync({ project, dryRun: true })).artifacts[0]?.action).toBe('updated');
    expect({ project: await readTree(project), objects: await readTree(join(home, 'objects')) }).toEqual(before);
  });

  it('treats every differing file as a conflict when no merge base was stored', async () => {
    const { home, project, inCollection, inProject } = await deployed();
    await rm(join(home, 'objects'), { recursive: true });
    await rm(join(home, 'cache'), { recursive: true });
    await edit(inProject, 'line a', 'line A');
    await edit(inCollection, 'line e', 'line E');
    const { SkillMeat } = await import('../src/core/skillmeat.js');
    const fresh = new SkillMeat({ home });
    try {
      const result = await fresh.sync({ project });
      expect(result.artifacts[0]).toMatchObject({ action: 'conflict', conflicts: [expect.objectContaining({ path: 'SKILL.md', kind: 'no_base' })] });
      expect(await readFile(inProject, 'utf8')).toContain('line A\n');
    } finally {
      await fresh.close();
    }
  });

  it('keeps the replaced project content in the version store, so an overwrite can be undone', async () => {
    const { core, home, project, inProject } = await deployed();
    await edit(inProject, 'line a', 'line A (precious)');
    await core.deploy({ names: ['canvas'], project, overwrite: true });
    expect(await readFile(inProject, 'utf8')).toBe(LINES);
    const history = await core.history('canvas');
    const overwritten = history.versions.find((v) => v.merge_strategy === 'overwritten');
    expect(overwritten).toBeDefined();
    const store = new VersionStore(homePaths(home));
    try {
      const version = await store.get(overwritten!.id);
      const files = await store.files(version!);
      expect(Buffer.from(files.get('SKILL.md') as Uint8Array).toString()).toContain('line A (precious)');
    } finally {
      await store.close();
    }
  });
});

describe('resolve', () => {
  it('settles conflicted files one by one and finishes the sync when none are left', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line c', 'line C mine');
    await edit(inCollection, 'line c', 'line C theirs');
    await core.sync({ project });
    const result = await core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'local' } });
    expect(result).toMatchObject({ status: 'ok', artifacts: [{ action: 'merged' }] });
    expect(await readFile(inProject, 'utf8')).toContain('line C mine');
    expect(await readTree(join(project, '.claude'))).not.toHaveProperty('.skillmeat-pending.json');
    expect(await driftTypes(core, project)).toEqual([null]);
  });

  it('takes given content with --from', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line c', 'line C mine');
    await edit(inCollection, 'line c', 'line C theirs');
    await core.sync({ project });
    const chosen = join(await tempDir(), 'chosen.md');
    await writeFile(chosen, '# Both\n');
    await core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { fromPath: chosen } });
    expect(await readFile(inProject, 'utf8')).toBe('# Both\n');
  });

  it('names the conflicted files when asked for one that is not', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line c', 'line C mine');
    await edit(inCollection, 'line c', 'line C theirs');
    await core.sync({ project });
    const error = await errorOf(() => core.resolve({ project, artifact: 'canvas', file: 'nope.md', choice: { take: 'base' } }));
    expect(error).toMatchObject({ code: 'not_found', message: expect.stringContaining('SKILL.md') });
    expect((await errorOf(() => core.resolve({ project, artifact: 'other', file: 'x', choice: { take: 'base' } }))).code).toBe('not_found');
  });
});

describe('push', () => {
  it('overwrite makes the collection copy the project copy and re-baselines', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line b', 'line B improved');
    const result = await core.push({ project, strategy: 'overwrite' });
    expect(result).toMatchObject({ status: 'ok', artifacts: [{ action: 'updated' }] });
    expect(await readFile(inCollection, 'utf8')).toContain('line B improved');
    expect(await driftTypes(core, project)).toEqual([null]);
  });

  it('merge combines both sides and writes the result to both', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line a', 'line A (project)');
    await edit(inCollection, 'line e', 'line E (collection)');
    const result = await core.push({ project, strategy: 'merge' });
    expect(result.artifacts[0]?.action).toBe('merged');
    const merged = '# Skill\nline A (project)\nline b\nline c\nline d\nline E (collection)\n';
    expect(await readFile(inCollection, 'utf8')).toBe(merged);
    expect(await readFile(inProject, 'utf8')).toBe(merged);
    expect(await driftTypes(core, project)).toEqual([null]);
  });

  it('merge with a conflict writes nothing to the collection', async () => {
    const { core, home, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line c', 'line C mine');
    await edit(inCollection, 'line c', 'line C theirs');
    const before = await readTree(join(home, 'collections'));
    expect((await core.push({ project, strategy: 'merge' })).status).toBe('partial');
    expect(await readTree(join(home, 'collections'))).toEqual(before);
  });

  it('fork adds the project copy as a new artifact and points the record at it', async () => {
    const { core, project, inProject } = await deployed();
    await edit(inProject, 'line a', 'line A (fork)');
    const result = await core.push({ project, strategy: 'fork' });
    const forkName = result.artifacts[0]?.fork_name;
    expect(forkName).toMatch(/^canvas-skillmeat-project-/);
    const listed = await core.listArtifacts();
    expect(listed.map((a) => a.name).sort()).toEqual(['canvas', forkName].sort());
    const [report] = await core.checkDrift([project]);
    expect(report?.in_sync).toEqual([expect.objectContaining({ name: forkName, path: 'skills/canvas' })]);
  });

  it('fork of an artifact whose name is near the length limit gets a name within it, and the collection stays readable', async () => {
    const { core } = await tempCore();
    await core.init();
    const src = await tempDir();
    const long = 'n'.repeat(126);
    await writeTree(src, { [`${long}/SKILL.md`]: LINES });
    await core.addArtifact(join(src, long));
    const project = await tempDir('skillmeat-project-');
    await core.deploy({ names: [long], project });
    await edit(join(project, '.claude/skills', long, 'SKILL.md'), 'line a', 'line A (fork)');
    const forkName = (await core.push({ project, strategy: 'fork' })).artifacts[0]?.fork_name;
    expect(new TextEncoder().encode(forkName!).length).toBeLessThanOrEqual(128);
    expect((await core.listArtifacts()).map((a) => a.name)).toContain(forkName);
  });

  it('is all-or-nothing per artifact: nothing pushed when the project copy is unchanged', async () => {
    const { core, project } = await deployed();
    expect(await core.push({ project })).toMatchObject({ status: 'nothing_to_do', artifacts: [{ action: 'skipped', reason: 'already in sync' }] });
  });
});

describe('history', () => {
  it('records a merge with two parents', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line a', 'line A');
    await edit(inCollection, 'line e', 'line E');
    await core.sync({ project });
    const { versions } = await core.history('canvas');
    const merge = versions.find((v) => v.merge_strategy === 'merge');
    expect(merge?.parents).toHaveLength(2);
    // The first node is the content as added; its deploy is the same content, so the same node.
    expect(versions.find((v) => v.merge_strategy === 'add')?.parents).toEqual([]);
  });
});

describe('undeploy --force', () => {
  it('keeps the local edits it deletes in the version store', async () => {
    const { core, project, inProject } = await deployed();
    await edit(inProject, 'line a', 'line A (edited)');
    await core.undeploy({ name: 'canvas', project, force: true });
    const { versions } = await core.history('canvas');
    expect(versions.map((v) => v.merge_strategy)).toContain('overwritten');
  });
});

describe('restore (undo of a project overwrite)', () => {
  it('puts the overwritten project copy back, keeping the baseline, so drift shows it as modified', async () => {
    const { core, project, inProject } = await deployed();
    await edit(inProject, 'line a', 'line A (precious)');
    await core.deploy({ names: ['canvas'], project, overwrite: true });
    const overwritten = (await core.history('canvas')).versions.find((v) => v.merge_strategy === 'overwritten')!;
    const result = await core.restore({ project, artifact: 'canvas', versionId: overwritten.id });
    expect(result.status).toBe('ok');
    expect(await readFile(inProject, 'utf8')).toContain('line A (precious)');
    expect(await readFile(join(project, '.claude/skills/canvas/scripts/run.sh'), 'utf8')).toBe('echo hi\n');
    expect(await driftTypes(core, project)).toEqual(['modified']);
  });

  it('refuses a version of another artifact, changing nothing', async () => {
    const { core, project } = await deployed();
    const before = await readTree(project);
    expect((await errorOf(() => core.restore({ project, artifact: 'canvas', versionId: 'av_other-skill_0123456789ab' }))).code).toBe('not_found');
    expect(await readTree(project)).toEqual(before);
  });
});

describe('push --strategy merge and the audit trail', () => {
  it('appends a merge entry naming the merged files and the safety snapshot', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line a', 'line A (project)');
    await edit(inCollection, 'line e', 'line E (collection)');
    const result = await core.push({ project, strategy: 'merge' });
    const [entry] = await core.audit({ limit: 1 });
    expect(entry).toMatchObject({ operation_type: 'merge', success: true, files_merged: ['skills/canvas/SKILL.md'], source_snapshot_id: result.safety_snapshot_id });
  });
});

describe('what a conflicted sync keeps', () => {
  it('stores the project copy only when markers overwrite it', async () => {
    const { core, project, inCollection, inProject } = await deployed();
    await edit(inProject, 'line c', 'line C mine');
    await edit(inCollection, 'line c', 'line C theirs');
    await core.sync({ project });
    expect((await core.history('canvas')).versions.map((v) => v.merge_strategy)).not.toContain('overwritten');
    await core.sync({ project, writeMarkers: true });
    expect((await core.history('canvas')).versions.map((v) => v.merge_strategy)).toContain('overwritten');
  });

  it('restore of a version id that is not one is not_found; nothing else is hidden', async () => {
    const { core, project } = await deployed();
    expect((await errorOf(() => core.restore({ project, artifact: 'canvas', versionId: 'not-an-id' }))).code).toBe('not_found');
  });
});

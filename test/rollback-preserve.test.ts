import { describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkillMeat } from '../src/core/skillmeat.js';
import { readTree, tempCore, tempDir, writeTree } from './support/fixtures.js';

const SKILL = 'a\nb\nc\nd\ne\nf\ng\nh\n';

/**
 * Versioning spec 8, "keep later edits": a collection with skill "canvas" deployed into a
 * registered project, and a snapshot S taken before anything below changes it.
 */
async function setUp() {
  const { core, home } = await tempCore();
  await core.init();
  const src = await tempDir();
  await writeTree(src, { 'canvas/SKILL.md': SKILL, 'canvas/notes.md': 'notes\n', 'tidy.md': '# Tidy\n' });
  await core.addArtifact(join(src, 'canvas'));
  const project = await tempDir('skillmeat-project-');
  await core.addProject(project);
  await core.deploy({ names: ['canvas'], project });
  const root = join(home, 'collections/default');
  const s = await core.snapshot('S');
  return { core, home, src, root, project, s, skill: join(root, 'skills/canvas/SKILL.md'), deployedSkill: join(project, '.claude/skills/canvas/SKILL.md') };
}

async function replaceIn(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  expect(text).toContain(from);
  await writeFile(path, text.replace(from, to));
}

/** A push of the project's edit into the collection: the operation a preserving rollback undoes. */
async function pushEdit(core: SkillMeat, deployedSkill: string, project: string, from: string, to: string): Promise<void> {
  await replaceIn(deployedSkill, from, to);
  const pushed = await core.push({ project });
  expect(pushed.status).toBe('ok');
}

describe('rollback keeping later edits (versioning spec 8)', () => {
  it('undoes a push made after the snapshot', async () => {
    const { core, root, project, s, skill, deployedSkill } = await setUp();
    const atS = await readTree(root);
    await pushEdit(core, deployedSkill, project, 'b\n', 'B pushed\n');
    expect(await readFile(skill, 'utf8')).toContain('B pushed');
    const result = await core.rollback(s.id, { preserveChanges: true });
    expect(result).toMatchObject({ status: 'ok', operation_type: 'intelligent', dry_run: false, files_restored: ['skills/canvas/SKILL.md'], conflicts: [] });
    expect(result.artifacts).toEqual([{ name: 'canvas', type: 'skill', action: 'restore', change: 'modified', head: 'current', files: [{ path: 'skills/canvas/SKILL.md', action: 'restore' }] }]);
    // The skill's content and lock entry are S's again; the manifest is rebuilt, not line-merged.
    const after = await readTree(root);
    expect(after['skills/canvas/SKILL.md']).toBe(SKILL);
    expect(after['collection.lock']).toBe(atS['collection.lock']);
    expect(after['collection.toml']).not.toMatch(/<<<<<<<|>>>>>>>/);
    // The project pushed from now holds content the collection no longer has: it is named as outdated.
    expect(result.projects).toEqual([expect.objectContaining({ path: expect.any(String), artifacts: [{ name: 'canvas', type: 'skill', local_edits: false }], local_edits: false })]);
  });

  it('records new content a rollback writes as a version whose parent is what SkillMeat recorded before', async () => {
    const { core, project, s, skill, deployedSkill } = await setUp();
    await pushEdit(core, deployedSkill, project, 'b\n', 'B pushed\n');
    await replaceIn(skill, 'g\n', 'G by hand\n');
    await core.rollback(s.id, { preserveChanges: true });
    const { versions } = await core.history('canvas');
    const pushed = versions.find((v) => v.merge_strategy === 'push');
    const rolledBack = versions.find((v) => v.merge_strategy === 'rollback');
    expect(rolledBack).toMatchObject({ parents: [pushed!.id], scope: 'collection:default' });
    // Content returning to an earlier state keeps that version's place (no cycle): a plain undo adds no node.
    await core.rollback(s.id);
    expect((await core.history('canvas')).versions.filter((v) => v.merge_strategy === 'rollback')).toHaveLength(1);
  });

  it("keeps a hand edit made after the push, in another part of the file, while undoing the push's change", async () => {
    const { core, project, s, skill, deployedSkill } = await setUp();
    await pushEdit(core, deployedSkill, project, 'b\n', 'B pushed\n');
    await replaceIn(skill, 'g\n', 'G by hand\n');
    const result = await core.rollback(s.id, { preserveChanges: true });
    expect(result).toMatchObject({ status: 'ok', files_merged: ['skills/canvas/SKILL.md'], files_restored: [] });
    expect(result.artifacts[0]).toMatchObject({ action: 'merge', head: 'version_store', files: [{ path: 'skills/canvas/SKILL.md', action: 'merge' }] });
    expect(await readFile(skill, 'utf8')).toBe('a\nb\nc\nd\ne\nf\nG by hand\nh\n');
  });

  it('keeps a file edited by hand and restores another the push changed, in the same artifact', async () => {
    const { core, root, project, s, deployedSkill } = await setUp();
    await pushEdit(core, deployedSkill, project, 'b\n', 'B pushed\n');
    await writeFile(join(root, 'skills/canvas/notes.md'), 'my notes\n');
    const result = await core.rollback(s.id, { preserveChanges: true });
    expect(result.artifacts[0]).toMatchObject({
      action: 'merge',
      files: [
        { path: 'skills/canvas/SKILL.md', action: 'restore' },
        { path: 'skills/canvas/notes.md', action: 'keep' },
      ],
    });
    const tree = await readTree(root);
    expect(tree['skills/canvas/SKILL.md']).toBe(SKILL);
    expect(tree['skills/canvas/notes.md']).toBe('my notes\n');
  });

  it('reports an overlap of a hand edit with the undone change as a conflict, leaves the file as it is, and audits it', async () => {
    const { core, project, s, skill, deployedSkill } = await setUp();
    await pushEdit(core, deployedSkill, project, 'b\n', 'B pushed\n');
    await replaceIn(skill, 'B pushed\n', 'B pushed, then edited by hand\n');
    const result = await core.rollback(s.id, { preserveChanges: true });
    expect(result.status).toBe('partial');
    expect(result.conflicts).toEqual([expect.objectContaining({ path: 'skills/canvas/SKILL.md', kind: 'content' })]);
    expect(result.artifacts[0]).toMatchObject({ action: 'conflict', files: [{ path: 'skills/canvas/SKILL.md', action: 'conflict' }] });
    expect(await readFile(skill, 'utf8')).toContain('B pushed, then edited by hand');
    const [entry] = await core.audit({ limit: 1 });
    expect(entry).toMatchObject({ operation_type: 'intelligent', conflicts_pending: ['skills/canvas/SKILL.md'], success: true, preserve_changes_enabled: true });
  });

  it('undoes an add: the artifact, its manifest entry and its lock entry go', async () => {
    const { core, root, src, s } = await setUp();
    await core.addArtifact(join(src, 'tidy.md'), { type: 'command' });
    const result = await core.rollback(s.id, { preserveChanges: true });
    expect(result.artifacts.find((a) => a.name === 'tidy')).toMatchObject({ action: 'restore', change: 'removed', files: [{ path: 'commands/tidy.md', action: 'restore' }] });
    const tree = await readTree(root);
    expect(tree['commands/tidy.md']).toBeUndefined();
    expect(tree['collection.toml']).not.toContain('tidy');
    expect(tree['collection.lock']).not.toContain('tidy');
  });

  it('undoes a remove: the artifact comes back with its entries', async () => {
    const { core, root, s } = await setUp();
    const atS = await readTree(root);
    await core.removeArtifact('canvas');
    expect((await readTree(root))['skills/canvas/SKILL.md']).toBeUndefined();
    const result = await core.rollback(s.id, { preserveChanges: true });
    expect(result.artifacts).toEqual([expect.objectContaining({ name: 'canvas', action: 'restore', change: 'added', head: 'none' })]);
    const tree = await readTree(root);
    expect(tree['skills/canvas/SKILL.md']).toBe(SKILL);
    expect(tree['collection.lock']).toBe(atS['collection.lock']);
    expect(tree['collection.toml']).toContain('name = "canvas"');
  });

  it('never conflicts on the manifest: edits on both sides of collection.toml are rebuilt from the artifacts', async () => {
    const { core, root, src, project, s, skill, deployedSkill } = await setUp();
    await pushEdit(core, deployedSkill, project, 'b\n', 'B pushed\n');
    await core.addArtifact(join(src, 'tidy.md'), { type: 'command' });
    await replaceIn(skill, 'g\n', 'G by hand\n');
    const result = await core.rollback(s.id, { preserveChanges: true });
    expect(result.conflicts).toEqual([]);
    expect(result.status).toBe('ok');
    const tree = await readTree(root);
    expect(tree['collection.toml']).not.toMatch(/<<<<<<<|=======/);
    expect(tree['collection.toml']).toContain('name = "canvas"');
    expect(tree['collection.toml']).not.toContain('tidy');
    expect(tree['skills/canvas/SKILL.md']).toBe('a\nb\nc\nd\ne\nf\nG by hand\nh\n');
  });

  it('says there is nothing to undo when only hand edits differ, and writes nothing (no safety snapshot)', async () => {
    const { core, root, s, skill } = await setUp();
    await replaceIn(skill, 'b\n', 'B by hand\n');
    const before = await readTree(root);
    const result = await core.rollback(s.id, { preserveChanges: true });
    expect(result).toMatchObject({ status: 'unchanged', safety_snapshot_id: null, files_restored: [], files_merged: [] });
    expect(result.message).toMatch(/Nothing to undo/);
    expect(result.artifacts[0]).toMatchObject({ action: 'keep', files: [{ path: 'skills/canvas/SKILL.md', action: 'keep' }] });
    expect(await readTree(root)).toEqual(before);
    expect((await core.snapshots()).map((x) => x.id)).toEqual([s.id]);
    expect((await core.audit({ limit: 1 }))[0]).toMatchObject({ success: true, files_restored: [] });
  });

  it("does not take the push's own safety snapshot as the base (the bug this replaced)", async () => {
    const { core, project, s, skill, deployedSkill } = await setUp();
    await pushEdit(core, deployedSkill, project, 'b\n', 'B pushed\n');
    expect((await core.snapshots()).length).toBe(2); // S and the push's safety snapshot, which equals S
    const result = await core.rollback(s.id, { preserveChanges: true });
    expect(result.status).toBe('ok');
    expect(await readFile(skill, 'utf8')).toBe(SKILL);
  });

  it('finds the recorded content in a later snapshot when the version store lost it', async () => {
    const { core, home, project, s, skill, deployedSkill } = await setUp();
    await pushEdit(core, deployedSkill, project, 'b\n', 'B pushed\n');
    await core.snapshot('after the push');
    await replaceIn(skill, 'g\n', 'G by hand\n');
    await core.close();
    await rm(join(home, 'objects'), { recursive: true });
    await rm(join(home, 'cache'), { recursive: true, force: true });
    const result = await core.rollback(s.id, { preserveChanges: true, dryRun: true });
    expect(result.artifacts[0]).toMatchObject({ action: 'merge', head: 'snapshot' });
    const run = await core.rollback(s.id, { preserveChanges: true });
    expect(run.artifacts).toEqual(result.artifacts);
    expect(await readFile(skill, 'utf8')).toBe('a\nb\nc\nd\ne\nf\nG by hand\nh\n');
  });

  it('treats every differing file as a conflict when the content SkillMeat recorded cannot be found', async () => {
    const { core, root, project, s, skill, deployedSkill } = await setUp();
    await pushEdit(core, deployedSkill, project, 'b\n', 'B pushed\n');
    await replaceIn(skill, 'g\n', 'G by hand\n');
    // The lock now names content nothing keeps (a hand-edited lock, or a lost version store).
    const lock = join(root, 'collection.lock');
    await writeFile(lock, (await readFile(lock, 'utf8')).replace(/content_hash = "[0-9a-f]{64}"/, `content_hash = "${'0'.repeat(64)}"`));
    const result = await core.rollback(s.id, { preserveChanges: true });
    expect(result.status).toBe('partial');
    expect(result.artifacts[0]).toMatchObject({ action: 'conflict', head: 'missing' });
    expect(result.conflicts).toEqual([expect.objectContaining({ path: 'skills/canvas/SKILL.md', kind: 'no_base' })]);
    expect(await readFile(skill, 'utf8')).toContain('G by hand');
  });

  it('marks affected projects whose deployed copy carries its own edits', async () => {
    const { core, project, s, deployedSkill } = await setUp();
    await pushEdit(core, deployedSkill, project, 'b\n', 'B pushed\n');
    await replaceIn(deployedSkill, 'h\n', 'H in the project\n');
    const plan = await core.rollback(s.id, { preserveChanges: true, dryRun: true });
    expect(plan.projects).toEqual([expect.objectContaining({ artifacts: [{ name: 'canvas', type: 'skill', local_edits: true }], local_edits: true })]);
  });
});

describe('rollback dry run', () => {
  for (const mode of ['plain', 'preserving', 'selective'] as const) {
    it(`${mode}: the plan changes nothing, and the run then does exactly what it said`, async () => {
      const { core, home, root, src, project, s, skill, deployedSkill } = await setUp();
      await pushEdit(core, deployedSkill, project, 'b\n', 'B pushed\n');
      await core.addArtifact(join(src, 'tidy.md'), { type: 'command' });
      await replaceIn(skill, 'g\n', 'G by hand\n');
      await writeFile(join(root, 'skills/canvas/notes.md'), 'my notes\n');
      const options = mode === 'plain' ? {} : mode === 'preserving' ? { preserveChanges: true } : { paths: ['skills/canvas/SKILL.md', 'commands'] };
      const before = await readTree(root);
      const snapshotsBefore = await core.snapshots();
      const audits = await core.audit();

      const plan = await core.rollback(s.id, { ...options, dryRun: true });
      expect(plan).toMatchObject({ dry_run: true, safety_snapshot_id: null, audit_id: null });
      expect(plan.artifacts.some((a) => a.action !== 'unchanged')).toBe(true);
      expect(await readTree(root)).toEqual(before);
      expect(await core.snapshots()).toEqual(snapshotsBefore);
      expect(await core.audit()).toEqual(audits);
      expect(await readTree(join(home, 'collections'))).toEqual(await readTree(join(home, 'collections')));

      const run = await core.rollback(s.id, options);
      expect(run.dry_run).toBe(false);
      for (const key of ['status', 'files_restored', 'files_merged', 'conflicts', 'artifacts', 'other_files', 'projects'] as const) expect(run[key]).toEqual(plan[key]);
      // And the collection holds what the plan said: restored files as in S, kept ones as before.
      const after = await readTree(root);
      const atS = await readTree(await extractedSnapshot(core, s.id));
      for (const artifact of plan.artifacts) {
        for (const file of artifact.files) {
          if (file.action === 'restore') expect(after[file.path]).toBe(atS[file.path]);
          if (file.action === 'keep' || file.action === 'conflict') expect(after[file.path]).toBe(before[file.path]);
        }
      }
    });
  }
});

/** The snapshot's files, through a plain rollback of a scratch copy: read from a second home restored from the same archive. */
async function extractedSnapshot(core: SkillMeat, id: string): Promise<string> {
  const info = await core.showSnapshot(id);
  const folder = await tempDir();
  const { extractArchive } = await import('../src/core/snapshots/archive-reader.js');
  await rm(folder, { recursive: true });
  await extractArchive(info.tarball_path, folder, 'default');
  return folder;
}

describe('selective rollback of whole artifacts', () => {
  it('brings a removed artifact back with its manifest and lock entries from its path alone', async () => {
    const { core, root, s } = await setUp();
    const atS = await readTree(root);
    await core.removeArtifact('canvas');
    const result = await core.rollback(s.id, { paths: ['skills/canvas'] });
    expect(result.artifacts).toEqual([expect.objectContaining({ name: 'canvas', action: 'restore', change: 'added' })]);
    const tree = await readTree(root);
    expect(tree['skills/canvas/SKILL.md']).toBe(SKILL);
    expect(tree['collection.lock']).toBe(atS['collection.lock']);
    expect(tree['collection.toml']).toContain('name = "canvas"');
    expect((await core.verify()).problems).toEqual([]);
  });

  it('restoring one file of an artifact keeps its entries as they are, and the rest of it too', async () => {
    const { core, root, s, skill } = await setUp();
    await replaceIn(skill, 'b\n', 'B\n');
    await writeFile(join(root, 'skills/canvas/notes.md'), 'changed notes\n');
    const lockBefore = (await readTree(root))['collection.lock'];
    const result = await core.rollback(s.id, { paths: ['skills/canvas/notes.md'] });
    expect(result.artifacts[0]).toMatchObject({ action: 'restore', change: 'modified', files: [{ path: 'skills/canvas/notes.md', action: 'restore' }] });
    const tree = await readTree(root);
    expect(tree['skills/canvas/notes.md']).toBe('notes\n');
    expect(tree['skills/canvas/SKILL.md']).toContain('B\n');
    expect(tree['collection.lock']).toBe(lockBefore);
  });
});

import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorOf, tempCore, tempDir, writeTree } from './support/fixtures.js';

const SKILL = 'a\nb\nc\nd\ne\n';

/** A preserving rollback that meets an overlap: the push changed line b, a hand edit changed it again. */
async function conflictedRollback() {
  const { core, home } = await tempCore();
  await core.init();
  const src = await tempDir();
  await writeTree(src, { 'canvas/SKILL.md': SKILL, 'canvas/notes.md': 'notes\n' });
  await core.addArtifact(join(src, 'canvas'));
  const project = await tempDir('skillmeat-project-');
  await core.deploy({ names: ['canvas'], project });
  const s = await core.snapshot('S');
  const deployed = join(project, '.claude/skills/canvas/SKILL.md');
  await writeFile(deployed, SKILL.replace('b\n', 'B pushed\n'));
  await writeFile(join(project, '.claude/skills/canvas/notes.md'), 'pushed notes\n');
  expect((await core.push({ project })).status).toBe('ok');
  const skill = join(home, 'collections/default/skills/canvas/SKILL.md');
  await writeFile(skill, SKILL.replace('b\n', 'B pushed, then by hand\n'));
  const rolledBack = await core.rollback(s.id, { preserveChanges: true });
  expect(rolledBack.status).toBe('partial');
  return { core, home, skill, s, rolledBack };
}

describe("a rollback's conflicts wait in the merge view", () => {
  it('records them as an unfinished merge of the collection: base = last recorded, project side = the collection copy, collection side = the snapshot', async () => {
    const { core, home } = await conflictedRollback();
    // The file without overlap was restored; the overlapping one is left as it is and waits.
    expect(await readFile(join(home, 'collections/default/skills/canvas/notes.md'), 'utf8')).toBe('notes\n');
    expect(await core.pendingMerges({})).toEqual([expect.objectContaining({ direction: 'rollback', name: 'canvas', conflicts: [expect.objectContaining({ path: 'SKILL.md', kind: 'content' })] })]);
    const document = await core.mergeDocument({ artifact: 'canvas' });
    expect(document).toMatchObject({ project: '', direction: 'rollback', collection: 'default' });
    const file = document.files.find((f) => f.path === 'SKILL.md')!;
    expect(file).toMatchObject({ state: 'conflict', base: SKILL.replace('b\n', 'B pushed\n'), project: SKILL.replace('b\n', 'B pushed, then by hand\n'), collection: SKILL });
    expect(document.files.find((f) => f.path === 'notes.md')).toMatchObject({ state: 'auto_merged', result: 'notes\n' });
  });

  it('completing it writes the result into the collection after a safety snapshot, audits it and clears it', async () => {
    const { core, skill } = await conflictedRollback();
    const before = (await core.snapshots()).length;
    const result = await core.completeMerge({ artifact: 'canvas', files: [{ path: 'SKILL.md', choice: { text: 'a\nb, settled\nc\nd\ne\n' } }] });
    expect(result).toMatchObject({ status: 'ok', safety_snapshot_id: expect.any(String), artifacts: [{ action: 'merged' }] });
    expect(await readFile(skill, 'utf8')).toBe('a\nb, settled\nc\nd\ne\n');
    expect((await core.snapshots()).length).toBe(before + 1);
    expect(await core.pendingMerges({})).toEqual([]);
    expect((await core.audit({ limit: 1 }))[0]).toMatchObject({ operation_type: 'merge', conflicts_resolved: ['skills/canvas/SKILL.md'], conflicts_pending: [], success: true });
    expect((await core.history('canvas')).versions.some((v) => v.merge_strategy === 'merge' && v.scope === 'collection:default')).toBe(true);
  });

  it('refuses to complete (busy, nothing written) when the collection copy changed since the rollback', async () => {
    const { core, skill } = await conflictedRollback();
    await writeFile(skill, 'edited again\n');
    const error = await errorOf(() => core.resolve({ artifact: 'canvas', file: 'SKILL.md', choice: { take: 'collection' } }));
    expect(error.code).toBe('busy');
    expect(await readFile(skill, 'utf8')).toBe('edited again\n');
    expect(await core.pendingMerges({})).toHaveLength(1);
  });

  it('a later rollback supersedes the merges an earlier one left', async () => {
    const { core, s } = await conflictedRollback();
    await core.rollback(s.id);
    expect(await core.pendingMerges({})).toEqual([]);
  });
});

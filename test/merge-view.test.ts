import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SkillMeat } from '../src/core/skillmeat.js';
import { errorOf, readTree, steppingClock, tempCore, tempDir, writeTree } from './support/fixtures.js';

// Conflicts are placed more than three lines apart: merge-file joins closer ones into one.
const SKILL = `# Skill\n${['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen'].join('\n')}\n`;
const COMMAND = '# Tidy\nstep 1\nstep 2\n';

/** A collection with skill "canvas" and command "tidy", both deployed into `count` fresh registered projects. */
async function deployed(count = 1) {
  const { core, home } = await tempCore();
  await core.init();
  const source = await tempDir();
  await writeTree(source, { 'canvas/SKILL.md': SKILL, 'tidy.md': COMMAND });
  await core.addArtifact(join(source, 'canvas'));
  await core.addArtifact(join(source, 'tidy.md'), { type: 'command' });
  const projects: string[] = [];
  for (let i = 0; i < count; i++) {
    const project = await tempDir('skillmeat-project-');
    await core.addProject(project);
    await core.deploy({ names: ['canvas', 'tidy'], project });
    projects.push(project);
  }
  const collectionCopy = (artifact: 'canvas' | 'tidy') => join(home, 'collections/default', artifact === 'canvas' ? 'skills/canvas/SKILL.md' : 'commands/tidy.md');
  const projectCopy = (project: string, artifact: 'canvas' | 'tidy') => join(project, '.claude', artifact === 'canvas' ? 'skills/canvas/SKILL.md' : 'commands/tidy.md');
  return { core, home, projects, project: projects[0]!, collectionCopy, projectCopy };
}

async function edit(path: string, edits: Record<string, string>): Promise<void> {
  let text = await readFile(path, 'utf8');
  for (const [from, to] of Object.entries(edits)) text = text.replace(from, to);
  await writeFile(path, text);
}

/** Skill "canvas" with three conflicts (two, seven, fifteen) and one change only the collection made (eleven). */
async function threeConflicts(count = 1) {
  const setup = await deployed(count);
  for (const project of setup.projects) await edit(setup.projectCopy(project, 'canvas'), { two: 'two (project)', seven: 'seven (project)', fifteen: 'fifteen (project)' });
  await edit(setup.collectionCopy('canvas'), { two: 'two (collection)', seven: 'seven (collection)', eleven: 'eleven (collection)', fifteen: 'fifteen (collection)' });
  for (const project of setup.projects) expect((await setup.core.sync({ project })).status).toBe('partial');
  return setup;
}

describe('a pending sync merge as data', () => {
  it('lists each conflict and applied change with its lines on every side, and the merged text with markers', async () => {
    const { core, project } = await threeConflicts();
    const doc = await core.mergeDocument({ project, artifact: 'canvas' });
    expect(doc).toMatchObject({ name: 'canvas', type: 'skill', direction: 'sync', project_sha: expect.any(String) });
    const [file] = doc.files;
    expect(file).toMatchObject({ path: 'SKILL.md', state: 'conflict', kind: 'text', base: SKILL, draft: false, resolution: null });
    expect(file!.regions.map((r) => r.kind)).toEqual(['conflict', 'conflict', 'collection', 'conflict']);
    expect(file!.result).toBe(file!.merged);
    const mergedLines = file!.merged!.split('\n');
    const second = file!.regions[1]!;
    expect(mergedLines.slice(second.merged.start, second.merged.start + second.merged.count)).toEqual(['<<<<<<< project', 'seven (project)', '=======', 'seven (collection)', '>>>>>>> collection']);
    expect(SKILL.split('\n').slice(second.base.start, second.base.start + second.base.count)).toEqual(['seven']);
  });

  it('names the single file of a command with an empty path and settles it without one', async () => {
    const { core, project, projectCopy, collectionCopy } = await deployed();
    await edit(projectCopy(project, 'tidy'), { 'step 2': 'step 2 (project)' });
    await edit(collectionCopy('tidy'), { 'step 2': 'step 2 (collection)' });
    await core.sync({ project });
    const doc = await core.mergeDocument({ project, artifact: 'tidy' });
    expect(doc.files.map((f) => [f.path, f.state, f.kind])).toEqual([['', 'conflict', 'text']]);
    const result = await core.resolve({ project, artifact: 'tidy', choice: { text: '# Tidy\nstep 1\nstep 2 (both)\n' } });
    expect(result.status).toBe('ok');
    expect(await readFile(projectCopy(project, 'tidy'), 'utf8')).toBe('# Tidy\nstep 1\nstep 2 (both)\n');
  });

  it('keeps a draft across a restart and shows it as the result, still in conflict', async () => {
    const { core, home, project } = await threeConflicts();
    const draft = (await core.mergeDocument({ project, artifact: 'canvas' })).files[0]!.merged!.replace('>>>>>>> collection\n', '>>>>>>> collection\nhalf done\n');
    expect((await core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { text: draft }, draft: true })).status).toBe('partial');
    await core.close();
    const again = new SkillMeat({ home, now: steppingClock('2026-02-01T00:00:00Z') });
    try {
      const [file] = (await again.mergeDocument({ project, artifact: 'canvas' })).files;
      expect(file).toMatchObject({ state: 'conflict', draft: true, result: draft });
      expect(await again.audit({})).toEqual(expect.not.arrayContaining([expect.objectContaining({ conflicts_resolved: ['skills/canvas/SKILL.md'] })]));
    } finally {
      await again.close();
    }
  });

  it('completes with the user text: project file, in sync, a merge version with two parents saying who resolved how, and audit entries', async () => {
    const { core, project, projectCopy } = await threeConflicts();
    const resolved = SKILL.replace('two', 'two (project)').replace('seven', 'seven (collection)').replace('eleven', 'eleven (collection)').replace('fifteen', 'fifteen (project)\nfifteen (collection)');
    const result = await core.completeMerge({ project, artifact: 'canvas', files: [{ path: 'SKILL.md', choice: { text: resolved } }] });
    expect(result).toMatchObject({ operation: 'resolve', status: 'ok', artifacts: [{ action: 'merged' }] });
    expect(await readFile(projectCopy(project, 'canvas'), 'utf8')).toBe(resolved);
    const [report] = await core.checkDrift([project]);
    expect(report!.drift.map((e) => e.name)).toEqual([]);
    const merge = (await core.history('canvas')).versions.find((v) => v.content_hash === result.artifacts[0]!.new_sha);
    expect(merge).toMatchObject({ merge_strategy: 'merge', scope: `project:${join(project, '.claude/skills/canvas')}` });
    expect(merge!.parents).toHaveLength(2);
    expect(merge!.created_by).not.toBe('system');
    const audit = await core.audit({});
    expect(audit.filter((e) => e.operation_type === 'merge').map((e) => [e.target_snapshot_id, e.conflicts_resolved, e.conflicts_pending])).toEqual([
      [`project:${project}`, ['skills/canvas/SKILL.md'], []],
      [`project:${project}`, [], ['skills/canvas/SKILL.md']],
    ]);
    await expect(core.mergeDocument({ project, artifact: 'canvas' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a completed text that still holds conflict markers, unless asked, changing nothing', async () => {
    const { core, project } = await threeConflicts();
    const merged = (await core.mergeDocument({ project, artifact: 'canvas' })).files[0]!.merged!;
    const before = await readTree(project);
    const error = await errorOf(() => core.completeMerge({ project, artifact: 'canvas', files: [{ path: 'SKILL.md', choice: { text: merged } }] }));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('conflict markers') });
    expect(await readTree(project)).toEqual(before);
    expect((await core.completeMerge({ project, artifact: 'canvas', files: [{ path: 'SKILL.md', choice: { text: merged } }], allowMarkers: true })).status).toBe('ok');
  });

  it('audits a clean sync merge', async () => {
    const { core, project, projectCopy, collectionCopy } = await deployed();
    await edit(projectCopy(project, 'canvas'), { two: 'two (project)' });
    await edit(collectionCopy('canvas'), { fifteen: 'fifteen (collection)' });
    expect((await core.sync({ project })).status).toBe('ok');
    expect((await core.audit({})).map((e) => [e.operation_type, e.files_merged, e.success])).toEqual([['merge', ['skills/canvas/SKILL.md'], true]]);
  });
});

describe('a push merge that stops on conflicts', () => {
  it('waits in the project, then writes the resolution to the collection and the project with a safety snapshot', async () => {
    const { core, project, projectCopy, collectionCopy } = await deployed();
    await edit(projectCopy(project, 'canvas'), { two: 'two (project)' });
    await edit(collectionCopy('canvas'), { two: 'two (collection)' });
    const collectionBefore = await readFile(collectionCopy('canvas'), 'utf8');
    expect((await core.push({ project })).status).toBe('partial');
    expect(await readFile(collectionCopy('canvas'), 'utf8')).toBe(collectionBefore);
    const doc = await core.mergeDocument({ project, artifact: 'canvas' });
    expect(doc.direction).toBe('push');
    const result = await core.completeMerge({ project, artifact: 'canvas', files: [{ path: 'SKILL.md', choice: { take: 'project' } }] });
    expect(result.safety_snapshot_id).not.toBeNull();
    expect(await readFile(collectionCopy('canvas'), 'utf8')).toBe(SKILL.replace('two', 'two (project)'));
    expect(await readFile(projectCopy(project, 'canvas'), 'utf8')).toBe(SKILL.replace('two', 'two (project)'));
    const [report] = await core.checkDrift([project]);
    expect(report!.drift).toEqual([]);
  });

  it('refuses to complete when the collection copy changed since, writing nothing', async () => {
    const { core, project, projectCopy, collectionCopy } = await deployed();
    await edit(projectCopy(project, 'canvas'), { two: 'two (project)' });
    await edit(collectionCopy('canvas'), { two: 'two (collection)' });
    await core.push({ project });
    await edit(collectionCopy('canvas'), { sixteen: 'sixteen (later)' });
    const before = await readTree(project);
    const error = await errorOf(() => core.completeMerge({ project, artifact: 'canvas', files: [{ path: 'SKILL.md', choice: { take: 'project' } }] }));
    expect(error).toMatchObject({ code: 'busy', message: expect.stringContaining('changed since this push merge began') });
    expect(await readFile(collectionCopy('canvas'), 'utf8')).toContain('sixteen (later)');
    expect(await readTree(project)).toEqual(before);
  });
});

describe('the same merge in other projects', () => {
  it('is offered and applied through each project own transaction, skipping one that changed', async () => {
    const { core, projects, projectCopy } = await threeConflicts(3);
    const [first, second, third] = projects as [string, string, string];
    const doc = await core.mergeDocument({ project: first, artifact: 'canvas' });
    expect(doc.same_merge_projects.sort()).toEqual([second, third].sort());
    const resolved = doc.files[0]!.project!;
    await core.completeMerge({ project: first, artifact: 'canvas', files: [{ path: 'SKILL.md', choice: { text: resolved.replace('one', 'one (merged)') } }] });
    await edit(projectCopy(third, 'canvas'), { sixteen: 'sixteen (third)' });
    const results = await core.applyMergeElsewhere({ project: first, artifact: 'canvas', baseSha: doc.base_sha, projectSha: doc.project_sha!, collectionSha: doc.collection_sha, projects: [second, third] });
    expect(results.map((r) => r.status)).toEqual(['ok', 'nothing_to_do']);
    expect(await readFile(projectCopy(second, 'canvas'), 'utf8')).toBe(await readFile(projectCopy(first, 'canvas'), 'utf8'));
    expect((await core.checkDrift([second]))[0]!.drift).toEqual([]);
    expect(await readFile(projectCopy(third, 'canvas'), 'utf8')).toContain('sixteen (third)');
    await expect(core.mergeDocument({ project: second, artifact: 'canvas' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('show changes', () => {
  it('compares the project copy with its baseline, and the two copies', async () => {
    const { core, project, projectCopy, collectionCopy } = await deployed();
    await edit(projectCopy(project, 'canvas'), { three: 'three (edited)' });
    const local = await core.compareArtifact({ project, artifact: 'canvas', compare: 'project_baseline' });
    expect(local).toMatchObject({ before_label: 'Baseline', after_label: 'Project', files: [{ path: 'SKILL.md', change: 'modified', before: SKILL, after: SKILL.replace('three', 'three (edited)') }] });
    expect((await core.compareArtifact({ project, artifact: 'canvas', compare: 'collection_baseline' })).files).toEqual([]);
    await writeFile(join(collectionCopy('canvas'), '..', 'notes.md'), 'new\n');
    const both = await core.compareArtifact({ project, artifact: 'canvas', compare: 'project_collection' });
    expect(both.files.map((f) => [f.path, f.change])).toEqual([['notes.md', 'added'], ['SKILL.md', 'modified']].sort());
  });

  it('compares a file too large to carry by its hash, refers to it in place and writes nothing to the home', async () => {
    const { core, home, project } = await deployed();
    const big = join(project, '.claude/skills/canvas/big.bin');
    await writeFile(big, Buffer.alloc(9 * 1024 * 1024, 1));
    const before = await readTree(join(home, 'objects'));
    const changes = await core.compareArtifact({ project, artifact: 'canvas', compare: 'project_collection' });
    expect(changes.files).toEqual([{ path: 'big.bin', change: 'removed', binary: false, before: null, after: null, omitted: ['before'] }]);
    expect(await readTree(join(home, 'objects'))).toEqual(before);
  });

  it('says so when the artifact is not deployed', async () => {
    const { core, project } = await deployed();
    await expect(core.compareArtifact({ project, artifact: 'ghost', compare: 'project_baseline' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('a hand-edited unfinished-merge file', () => {
  it('is refused as corrupt when it names an unknown direction or resolution origin, changing nothing', async () => {
    const { core, project } = await threeConflicts();
    const path = join(project, '.claude/.skillmeat-pending.json');
    const original = JSON.parse(await readFile(path, 'utf8')) as { merges: Record<string, unknown>[] };
    for (const planted of [{ direction: 'sideways' }, { conflicts: [{ ...(original.merges[0]!.conflicts as object[])[0], resolution: { content: 'eA==', how: 'magic' } }] }]) {
      await writeFile(path, JSON.stringify({ ...original, merges: [{ ...original.merges[0], ...planted }] }));
      const before = await readTree(project);
      await expect(core.mergeDocument({ project, artifact: 'canvas' })).rejects.toMatchObject({ code: 'corrupt_file' });
      await expect(core.completeMerge({ project, artifact: 'canvas', files: [{ path: 'SKILL.md', choice: { take: 'project' } }] })).rejects.toMatchObject({ code: 'corrupt_file' });
      expect(await readTree(project)).toEqual(before);
    }
  });

  it('reads a file the previous version wrote (format 2, no direction) as a sync merge, and refuses a format it does not know', async () => {
    const { core, project } = await threeConflicts();
    const path = join(project, '.claude/.skillmeat-pending.json');
    const written = JSON.parse(await readFile(path, 'utf8')) as { format: number; merges: Record<string, unknown>[] };
    expect(written.format).toBe(3);
    const older = { format: 2, merges: written.merges.map(({ direction: _direction, ...rest }) => rest) };
    await writeFile(path, JSON.stringify(older));
    expect((await core.mergeDocument({ project, artifact: 'canvas' })).direction).toBe('sync');
    await writeFile(path, JSON.stringify({ ...written, format: 4 }));
    await expect(core.mergeDocument({ project, artifact: 'canvas' })).rejects.toMatchObject({ code: 'corrupt_file' });
  });
});


import { describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorOf, readTree, tempCore, tempDir, writeTree } from './support/fixtures.js';

// Completing a merge never silently discards a change made to the project copy after the sync (or
// push) that left the merge: resolve refuses, changing nothing, unless the result is that change.

const LINES = '# Skill\nline a\nline b\nline c\nline d\nline e\n';
const COMMAND = '# Tidy\nstep 1\nstep 2\n';

/** Skill "canvas" (SKILL.md and scripts/run.sh) and command "tidy" deployed into a fresh project. */
async function deployed() {
  const { core, home } = await tempCore();
  await core.init();
  const source = await tempDir();
  await writeTree(source, { 'canvas/SKILL.md': LINES, 'canvas/scripts/run.sh': 'echo hi\n', 'tidy.md': COMMAND });
  await core.addArtifact(join(source, 'canvas'));
  await core.addArtifact(join(source, 'tidy.md'), { type: 'command' });
  const project = await tempDir('skillmeat-project-');
  await core.deploy({ names: ['canvas', 'tidy'], project });
  const inCollection = (rel: string) => join(home, 'collections/default', rel);
  const inProject = (rel: string) => join(project, '.claude', rel);
  return { core, home, project, inCollection, inProject };
}

async function edit(path: string, from: string, to: string): Promise<void> {
  await writeFile(path, (await readFile(path, 'utf8')).replace(from, to));
}

/**
 * Canvas with a conflict in SKILL.md (line c changed on both sides) and a clean change the
 * collection made to scripts/run.sh; the sync stops, leaving the merge pending.
 */
async function conflictedSync(options: { writeMarkers?: boolean } = {}) {
  const setup = await deployed();
  await edit(setup.inProject('skills/canvas/SKILL.md'), 'line c', 'line C mine');
  await edit(setup.inCollection('skills/canvas/SKILL.md'), 'line c', 'line C theirs');
  await edit(setup.inCollection('skills/canvas/scripts/run.sh'), 'echo hi', 'echo hello');
  expect((await setup.core.sync({ project: setup.project, ...options })).status).toBe('partial');
  return setup;
}

describe('completing a sync merge after the project copy changed', () => {
  it('is refused when a file merged without conflict was edited since, and changes nothing', async () => {
    const { core, project, inProject } = await conflictedSync();
    await writeFile(inProject('skills/canvas/scripts/run.sh'), 'echo mine, written after the sync\n');
    const before = await readTree(project);
    const error = await errorOf(() => core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'collection' } }));
    expect(error.code).toBe('would_overwrite');
    expect(error.message).toContain('.claude/skills/canvas/scripts/run.sh (changed)');
    expect(error.message).toContain('sync again');
    expect(await readTree(project)).toEqual(before);
  });

  it('is refused when a conflicted file was edited since and a side is taken, and changes nothing', async () => {
    const { core, project, inProject } = await conflictedSync();
    await edit(inProject('skills/canvas/SKILL.md'), 'line e', 'line E newer');
    const before = await readTree(project);
    const error = await errorOf(() => core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'local' } }));
    expect(error).toMatchObject({ code: 'would_overwrite', message: expect.stringContaining('.claude/skills/canvas/SKILL.md (changed)') });
    expect(await readTree(project)).toEqual(before);
    expect((await core.mergeDocument({ project, artifact: 'canvas' })).files.find((f) => f.path === 'SKILL.md')).toMatchObject({ state: 'conflict', resolution: null });
  });

  it('is refused when a file was added to or removed from the copy since', async () => {
    const { core, project, inProject } = await conflictedSync();
    await writeFile(inProject('skills/canvas/notes.md'), 'new\n');
    await rm(inProject('skills/canvas/scripts/run.sh'));
    const error = await errorOf(() => core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'collection' } }));
    expect(error.message).toContain('.claude/skills/canvas/notes.md (added)');
    expect(error.message).toContain('.claude/skills/canvas/scripts/run.sh (removed)');
  });

  it('is refused when the whole project copy is gone, and does not bring it back', async () => {
    const { core, project, inProject } = await conflictedSync();
    await rm(inProject('skills/canvas'), { recursive: true });
    const before = await readTree(project);
    const error = await errorOf(() => core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'collection' } }));
    expect(error).toMatchObject({ code: 'would_overwrite', message: expect.stringContaining('is gone') });
    expect(await readTree(project)).toEqual(before);
  });

  it('completes when the markers were resolved by hand and the file is settled from itself', async () => {
    const { core, project, inProject } = await conflictedSync({ writeMarkers: true });
    const skill = inProject('skills/canvas/SKILL.md');
    expect(await readFile(skill, 'utf8')).toContain('<<<<<<< project');
    const byHand = '# Skill\nline a\nline b\nline C mine and theirs\nline d\nline e\n';
    await writeFile(skill, byHand);
    const result = await core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { fromPath: skill } });
    expect(result).toMatchObject({ status: 'ok', artifacts: [{ action: 'merged' }] });
    expect(await readFile(skill, 'utf8')).toBe(byHand);
    expect(await readFile(inProject('skills/canvas/scripts/run.sh'), 'utf8')).toBe('echo hello\n');
  });

  it('completes with a side taken when the files are as the sync left them, markers included', async () => {
    const { core, project, inProject } = await conflictedSync({ writeMarkers: true });
    const result = await core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'collection' } });
    expect(result.status).toBe('ok');
    expect(await readFile(inProject('skills/canvas/SKILL.md'), 'utf8')).toContain('line C theirs');
  });

  it('after a refusal the merge waits as it was: settling the edited file from itself completes, and a second resolve finds nothing', async () => {
    const { core, project, inProject } = await conflictedSync();
    const skill = inProject('skills/canvas/SKILL.md');
    await edit(skill, 'line e', 'line E newer');
    await errorOf(() => core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'local' } }));
    const newer = await readFile(skill, 'utf8');
    expect((await core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { fromPath: skill } })).status).toBe('ok');
    expect(await readFile(skill, 'utf8')).toBe(newer);
    const before = await readTree(project);
    expect((await errorOf(() => core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'local' } }))).code).toBe('not_found');
    expect(await readTree(project)).toEqual(before);
  });

  it('syncing again merges the later edit, and that merge completes keeping it', async () => {
    const { core, project, inProject } = await conflictedSync();
    await edit(inProject('skills/canvas/SKILL.md'), 'line a', 'line A newer');
    expect((await core.sync({ project })).status).toBe('partial');
    expect((await core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'local' } })).status).toBe('ok');
    expect(await readFile(inProject('skills/canvas/SKILL.md'), 'utf8')).toBe('# Skill\nline A newer\nline b\nline C mine\nline d\nline e\n');
  });

  it('checks a single-file artifact by its own file', async () => {
    const { core, project, inProject, inCollection } = await deployed();
    await edit(inProject('commands/tidy.md'), 'step 2', 'step 2 (project)');
    await edit(inCollection('commands/tidy.md'), 'step 2', 'step 2 (collection)');
    await core.sync({ project });
    await edit(inProject('commands/tidy.md'), 'step 1', 'step 1 (later)');
    const before = await readTree(project);
    const error = await errorOf(() => core.resolve({ project, artifact: 'tidy', choice: { take: 'collection' } }));
    expect(error).toMatchObject({ code: 'would_overwrite', message: expect.stringContaining('.claude/commands/tidy.md (changed)') });
    expect(await readTree(project)).toEqual(before);
  });

  it('checks only the settlement that completes the merge, not those that leave files open', async () => {
    const { core, project, inProject, inCollection } = await deployed();
    for (const [where, side] of [[inProject, 'mine'], [inCollection, 'theirs']] as const) {
      await edit(where('skills/canvas/SKILL.md'), 'line c', `line C ${side}`);
      await writeFile(where('skills/canvas/scripts/run.sh'), `echo ${side}\n`);
    }
    await core.sync({ project });
    await writeFile(inProject('skills/canvas/scripts/run.sh'), 'echo later\n');
    expect((await core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'local' } })).status).toBe('partial');
    expect((await errorOf(() => core.resolve({ project, artifact: 'canvas', file: 'scripts/run.sh', choice: { take: 'local' } }))).code).toBe('would_overwrite');
  });

  it('does not check a pending merge written before the project files were recorded', async () => {
    const { core, project, inProject } = await conflictedSync();
    const path = join(project, '.claude/.skillmeat-pending.json');
    const written = JSON.parse(await readFile(path, 'utf8')) as { merges: Record<string, unknown>[] };
    expect(written.merges[0]).toHaveProperty('project_files');
    await writeFile(path, JSON.stringify({ ...written, merges: written.merges.map(({ project_files: _dropped, ...rest }) => rest) }));
    await writeFile(inProject('skills/canvas/scripts/run.sh'), 'echo mine, written after the sync\n');
    expect((await core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'local' } })).status).toBe('ok');
    expect(await readFile(inProject('skills/canvas/scripts/run.sh'), 'utf8')).toBe('echo hello\n');
  });
});

describe('completing a push merge after the project copy changed', () => {
  it('is refused before anything is written to either copy', async () => {
    const { core, home, project, inProject, inCollection } = await deployed();
    await edit(inProject('skills/canvas/SKILL.md'), 'line c', 'line C mine');
    await edit(inCollection('skills/canvas/SKILL.md'), 'line c', 'line C theirs');
    expect((await core.push({ project, strategy: 'merge' })).status).toBe('partial');
    await edit(inProject('skills/canvas/SKILL.md'), 'line e', 'line E newer');
    const before = { project: await readTree(project), collections: await readTree(join(home, 'collections')) };
    const error = await errorOf(() => core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'collection' } }));
    expect(error).toMatchObject({ code: 'would_overwrite', message: expect.stringContaining('push again') });
    expect({ project: await readTree(project), collections: await readTree(join(home, 'collections')) }).toEqual(before);
  });

  it('completes when the project copy is as the push left it', async () => {
    const { core, project, inProject, inCollection } = await deployed();
    await edit(inProject('skills/canvas/SKILL.md'), 'line c', 'line C mine');
    await edit(inCollection('skills/canvas/SKILL.md'), 'line c', 'line C theirs');
    await core.push({ project, strategy: 'merge' });
    expect((await core.resolve({ project, artifact: 'canvas', file: 'SKILL.md', choice: { take: 'local' } })).status).toBe('ok');
    expect(await readFile(inCollection('skills/canvas/SKILL.md'), 'utf8')).toContain('line C mine');
  });
});

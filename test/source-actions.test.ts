/**
 * The collection view's source actions over the real back end (ContractService through the
 * in-memory transport) and a real upstream repository made with git: which calls they make, what
 * lands in the stores, and that an update's Undo puts the files and the upstream record back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECK_UPDATES_TASK } from '../src/renderer/src/state/tasks-store.js';
import { upstreamKey, upstreamStanding } from '../src/renderer/src/view-model/upstream-status.js';
import { renderer } from './support/renderer-ui.js';
import { isolateGit, Upstream } from './support/git-upstream.js';

beforeAll(() => isolateGit());

const V1 = '# Canvas\nline a\nline b\nline c\n';

/** The renderer over a fresh home holding the collection "default", its collection read. */
async function rendererWithCollection() {
  const ui = await renderer();
  await ui.client.initCollection({ name: 'default' });
  await ui.actions.loadCollection();
  return ui;
}

/** An upstream at v1 (tagged), the app's collection holding canvas from its main branch, and upstream moved on to v2. */
async function addedThenMoved() {
  const ui = await rendererWithCollection();
  const upstream = Upstream.create();
  upstream.commit({ 'skills/canvas/SKILL.md': V1 });
  upstream.tag('v1');
  await ui.actions.addFromSource(upstream.source('skills/canvas', 'main'));
  upstream.commit({ 'skills/canvas/SKILL.md': V1.replace('line c', 'line c, upstream') });
  upstream.tag('v2');
  ui.calls.length = 0;
  return { ...ui, upstream, copy: join(ui.home, 'collections', 'default', 'skills', 'canvas', 'SKILL.md') };
}

const standingOf = (ui: Awaited<ReturnType<typeof renderer>>, name: string) => {
  const artifact = ui.stores.collection.getState().artifacts.find((a) => a.name === name)!;
  return upstreamStanding(artifact, ui.stores.sources.getState().checks[upstreamKey(artifact)]);
};

describe('source actions over the real back end', () => {
  it('adds from a git source into the listed collection, with its version and record', async () => {
    const ui = await rendererWithCollection();
    const upstream = Upstream.create();
    upstream.commit({ 'skills/canvas/SKILL.md': V1 });
    upstream.tag('v1');
    await ui.actions.addFromSource(upstream.source('skills/canvas', 'main'));
    expect(ui.stores.tasks.getState().tasks['add-source']).toMatchObject({ phase: 'done', summary: { text: 'Added skill canvas at v1.' } });
    expect(ui.stores.collection.getState().artifacts).toEqual([expect.objectContaining({ name: 'canvas', upstream: expect.objectContaining({ resolved_version: 'v1', resolved_sha: upstream.head() }) })]);
    expect(standingOf(ui, 'canvas')).toEqual({ kind: 'unchecked' });
  });

  it('says a source that does not exist in the back end\'s words, and adds nothing', async () => {
    const ui = await rendererWithCollection();
    const upstream = Upstream.create();
    upstream.commit({ 'skills/canvas/SKILL.md': V1 });
    await ui.actions.addFromSource(upstream.source('skills/nothing-here'));
    expect(ui.stores.tasks.getState().tasks['add-source']).toMatchObject({ phase: 'failed', code: 'not_found' });
    expect(ui.stores.collection.getState().artifacts).toEqual([]);
  });

  it('checks every upstream with one call and keeps the answer with when it was checked', async () => {
    const ui = await addedThenMoved();
    await ui.actions.checkUpdates();
    expect(ui.calls).toEqual(['checkUpdates']);
    expect(ui.stores.sources.getState()).toMatchObject({ collection: 'default', checkedAt: expect.any(String) });
    expect(ui.stores.tasks.getState().tasks[CHECK_UPDATES_TASK]).toMatchObject({ phase: 'done', summary: { text: '1 update available.' } });
    expect(standingOf(ui, 'canvas')).toMatchObject({ kind: 'update_available', version: 'v2', files: [{ path: 'SKILL.md', change: 'modified' }] });
  });

  it("opens upstream's changes with both texts of each file, from the source cache", async () => {
    const ui = await addedThenMoved();
    await ui.actions.checkUpdates();
    const canvas = ui.stores.collection.getState().artifacts[0]!;
    await ui.actions.toggleUpstreamChanges(canvas);
    const open = ui.stores.sources.getState().changes;
    expect(open).toMatchObject({ name: 'canvas', from: { version: 'v1' }, to: { version: 'v2' }, file: 'SKILL.md' });
    expect(open?.changes).toMatchObject({ phase: 'ready', value: { files: [{ path: 'SKILL.md', change: 'modified', before: V1, after: V1.replace('line c', 'line c, upstream') }] } });
    await ui.actions.toggleUpstreamChanges(canvas);
    expect(ui.stores.sources.getState().changes).toBeNull();
  });

  it('updates, shows the result with Undo, and the Undo puts back the files and the upstream record', async () => {
    const ui = await addedThenMoved();
    await ui.actions.checkUpdates();
    await ui.actions.updateArtifacts([{ name: 'canvas', type: 'skill' }]);
    const [toast] = ui.stores.toasts.getState().toasts;
    expect(toast).toMatchObject({ view: '#/collection', tone: 'success', text: expect.stringMatching(/^Update finished: canvas updated to v2\. Safety snapshot \S+\.$/), undo: { kind: 'before-update' } });
    expect(await readFile(ui.copy, 'utf8')).toContain('line c, upstream');
    expect(standingOf(ui, 'canvas')).toEqual({ kind: 'up_to_date' });

    await ui.actions.undo(toast!.id);
    expect(ui.stores.toasts.getState().toasts[0]?.undone).toEqual({ phase: 'done', text: 'Put canvas back as before the update.' });
    expect(await readFile(ui.copy, 'utf8')).toBe(V1);
    expect(standingOf(ui, 'canvas')).toMatchObject({ kind: 'update_available', version: 'v2' });
  });

  it("leaves an update meeting the collection's own edits to the merge view, with no Undo (nothing was written)", async () => {
    const ui = await addedThenMoved();
    await writeFile(ui.copy, V1.replace('line c', 'line c, mine'));
    await ui.actions.checkUpdates();
    await ui.actions.updateArtifacts([{ name: 'canvas', type: 'skill' }]);
    expect(ui.stores.toasts.getState().toasts[0]).toMatchObject({ tone: 'warning', undo: null, text: expect.stringContaining("canvas: upstream's changes and the collection's own edits conflict in SKILL.md") });
    expect(ui.stores.sources.getState().merges).toEqual([expect.objectContaining({ direction: 'update', name: 'canvas', conflicts: [expect.objectContaining({ path: 'SKILL.md' })] })]);
    expect(await readFile(ui.copy, 'utf8')).toContain('line c, mine');
  });
});

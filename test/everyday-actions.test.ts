/**
 * The everyday actions of issue 14 against the real back end (a ContractService over a temporary
 * home, through the in-memory transport): removing from the collection with Undo, syncing every
 * outdated artifact, planning a push, switching collections, pausing the drift monitor.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractService } from '../src/core/service/contract-service.js';
import { createClient, type SkillmeatClient } from '../src/shared/contract-client.js';
import { createAppActions, type AppActions } from '../src/renderer/src/actions/app-actions.js';
import { SYNC_ALL_OUTDATED_TASK, syncOutdatedTaskKey } from '../src/renderer/src/actions/outdated-actions.js';
import { createAppStores, type AppStores } from '../src/renderer/src/state/app-stores.js';
import { afterThisTest, steppingClock, tempDir, workDir, writeTree } from './support/fixtures.js';

interface Ui {
  readonly client: SkillmeatClient;
  readonly stores: AppStores;
  readonly actions: AppActions;
  readonly home: string;
}

/** The renderer's stores and actions over a real back end with collection "default" holding skills canvas and tidy. */
async function renderer(options: { watch?: boolean } = {}): Promise<Ui> {
  const home = await tempDir('skillmeat-home-');
  const service = new ContractService({ home, now: steppingClock(), watch: options.watch ?? false });
  afterThisTest(() => service.close());
  const client = createClient(service);
  const stores = createAppStores();
  const actions = createAppActions({ client, stores });
  await client.initCollection({ name: 'default' });
  const source = await tempDir();
  await writeTree(source, { 'canvas/SKILL.md': '# Canvas\nline a\nline b\n', 'tidy/SKILL.md': '# Tidy\nline a\n' });
  await client.addArtifact({ source_path: join(source, 'canvas') });
  await client.addArtifact({ source_path: join(source, 'tidy') });
  return { client, stores, actions, home };
}

/** A registered project with `names` deployed. */
async function project(ui: Ui, names: string[]): Promise<string> {
  const path = workDir('skillmeat-project-');
  await ui.client.deploy({ project: path, names });
  await ui.client.addProject({ path });
  return path;
}

async function edit(path: string, from: string, to: string): Promise<void> {
  await writeFile(path, (await readFile(path, 'utf8')).replace(from, to));
}

const inCollection = (ui: Ui, skill: string) => join(ui.home, 'collections', 'default', 'skills', skill, 'SKILL.md');

describe('everyday actions over the real back end', () => {
  it('removes an artifact from the collection with a result whose Undo brings it back from the safety snapshot', async () => {
    const ui = await renderer();
    await ui.actions.loadCollection();

    await ui.actions.removeArtifact({ name: 'tidy', type: 'skill', collection: 'default' });

    expect(ui.stores.collection.getState().artifacts.map((a) => a.name)).toEqual(['canvas']);
    expect(existsSync(inCollection(ui, 'tidy'))).toBe(false);
    const [toast] = ui.stores.toasts.getState().toasts;
    expect(toast).toMatchObject({ view: '#/collection', text: expect.stringMatching(/^Removed skill tidy from collection default\. A safety snapshot \(\S+\) kept it\.$/), undo: { kind: 'bring-back', name: 'tidy' } });

    await ui.actions.undo(toast!.id);

    expect(ui.stores.toasts.getState().toasts[0]?.undone).toEqual({ phase: 'done', text: 'Brought tidy back into collection default.' });
    expect(ui.stores.collection.getState().artifacts.map((a) => a.name).sort()).toEqual(['canvas', 'tidy']);
    expect(await readFile(inCollection(ui, 'tidy'), 'utf8')).toBe('# Tidy\nline a\n');
  });

  it('names the projects an artifact is deployed in, by name', async () => {
    const ui = await renderer();
    const webapp = await project(ui, ['canvas']);
    await ui.actions.loadProjects();
    await ui.actions.loadArtifactUse({ name: 'canvas', type: 'skill', collection: 'default' });
    await ui.actions.loadArtifactUse({ name: 'tidy', type: 'skill', collection: 'default' });
    expect(ui.stores.collection.getState().usedIn).toEqual({
      'skill:canvas': { phase: 'read', projects: [{ path: webapp, name: ui.stores.projects.getState().projects[0]!.name }] },
      'skill:tidy': { phase: 'read', projects: [] },
    });
  });

  it("syncs a project's outdated artifacts in one call, leaving an edited one alone", async () => {
    const ui = await renderer();
    const webapp = await project(ui, ['canvas', 'tidy']);
    await edit(inCollection(ui, 'canvas'), 'line a', 'line a, newer');
    await edit(join(webapp, '.claude', 'skills', 'tidy', 'SKILL.md'), 'line a', 'line a, mine');
    await ui.actions.openProject(webapp);

    await ui.actions.syncOutdated(webapp);

    expect(ui.stores.tasks.getState().tasks[syncOutdatedTaskKey(webapp)]).toMatchObject({ phase: 'done', summary: { text: 'Synced 1 artifact from the collection.' } });
    expect(await readFile(join(webapp, '.claude', 'skills', 'canvas', 'SKILL.md'), 'utf8')).toContain('line a, newer');
    expect(ui.stores.projects.getState().reports[webapp]?.drift.map((e) => [e.name, e.drift_type])).toEqual([['tidy', 'modified']]);
  });

  it('syncs the outdated artifacts of every project the summaries count', async () => {
    const ui = await renderer();
    const webapp = await project(ui, ['canvas', 'tidy']);
    const api = await project(ui, ['canvas']);
    await edit(inCollection(ui, 'canvas'), 'line a', 'line a, newer');
    await ui.actions.loadProjects();

    await ui.actions.syncAllOutdated();

    expect(ui.stores.tasks.getState().tasks[SYNC_ALL_OUTDATED_TASK]).toMatchObject({ phase: 'done', summary: { text: 'Synced 2 artifacts in 2 projects.' } });
    for (const path of [webapp, api]) expect(await readFile(join(path, '.claude', 'skills', 'canvas', 'SKILL.md'), 'utf8')).toContain('line a, newer');
  });

  it('plans a push without writing anything, then pushes with the chosen strategy', async () => {
    const ui = await renderer();
    const webapp = await project(ui, ['canvas']);
    await edit(join(webapp, '.claude', 'skills', 'canvas', 'SKILL.md'), 'line b', 'line b, pushed');
    const entry = { name: 'canvas', type: 'skill' as const, collection: 'default' };

    const planned = await ui.actions.planPush(webapp, entry, 'overwrite');

    expect(planned).toMatchObject({ plan: { dry_run: true, artifacts: [{ name: 'canvas', action: 'updated' }] } });
    expect(await readFile(inCollection(ui, 'canvas'), 'utf8')).not.toContain('pushed');
    await ui.actions.pushArtifact(webapp, entry, 'overwrite');
    expect(await readFile(inCollection(ui, 'canvas'), 'utf8')).toContain('line b, pushed');
  });

  it('switches the active collection and shows its artifacts', async () => {
    const ui = await renderer();
    await ui.client.initCollection({ name: 'work' });
    await ui.actions.loadCollection();
    expect(ui.stores.collection.getState().collections.map((c) => c.name)).toEqual(['default', 'work']);

    await ui.actions.switchCollection('work');

    expect(ui.stores.collection.getState()).toMatchObject({ status: 'ready', name: 'work', artifacts: [] });
    expect((await ui.client.appInfo()).active_collection).toBe('work');
  });

  it('pauses and resumes the drift monitor, and reads its state', async () => {
    const ui = await renderer({ watch: true });
    await ui.actions.loadMonitor();
    expect(ui.stores.monitor.getState()).toMatchObject({ running: true, paused: false });
    await ui.actions.setMonitorPaused(true);
    expect((await ui.client.appInfo()).monitor.paused).toBe(true);
    expect(ui.stores.monitor.getState()).toMatchObject({ paused: true, switching: false });
    await ui.actions.setMonitorPaused(false);
    expect(ui.stores.monitor.getState().paused).toBe(false);
  });
});

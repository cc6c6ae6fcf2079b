/**
 * The renderer's actions and stores against the real back end: a ContractService over a temporary
 * home, reached through the in-memory transport (the same contract the UI speaks over IPC or a socket).
 */
import { describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient } from '../src/shared/contract-client.js';
import { artifactTaskKey, deployTaskKey } from '../src/renderer/src/actions/deployment-actions.js';
import { bindEvents } from '../src/renderer/src/actions/event-actions.js';
import { IMPORT_TASK } from '../src/renderer/src/state/tasks-store.js';
import { afterThisTest, tempDir, workDir, writeTree } from './support/fixtures.js';
import { renderer, type Ui } from './support/renderer-ui.js';

/** A collection with skills canvas and tidy, and a project with canvas deployed. */
async function deployedCanvas(ui: Ui, options: { register?: boolean } = {}): Promise<string> {
  await ui.client.initCollection({ name: 'default' });
  const source = await tempDir();
  await writeTree(source, { 'canvas/SKILL.md': '# Canvas\nline a\nline b\nline c\n', 'tidy/SKILL.md': '# Tidy\n', 'lint.md': '# Lint\n' });
  await ui.client.addArtifact({ source_path: join(source, 'canvas') });
  await ui.client.addArtifact({ source_path: join(source, 'tidy') });
  await ui.client.addArtifact({ source_path: join(source, 'lint.md'), type: 'command' });
  const project = workDir('skillmeat-project-');
  await ui.client.deploy({ project, names: ['canvas'] });
  if (options.register !== false) await ui.client.addProject({ path: project });
  ui.calls.length = 0;
  return project;
}

async function edit(path: string, from: string, to: string): Promise<void> {
  await writeFile(path, (await readFile(path, 'utf8')).replace(from, to));
}

describe('renderer actions over the real back end', () => {
  it('shows a pause of the drift monitor made elsewhere (another window, a tab, the tray)', async () => {
    const ui = await renderer();
    afterThisTest(bindEvents({ client: ui.client, stores: ui.stores }, ui.actions));
    await ui.actions.loadMonitor();
    expect(ui.stores.monitor.getState().paused).toBe(false);
    // Another client of the same back end, as the tray is.
    const elsewhere = createClient({ call: (method, input) => ui.service.call(method, input), subscribe: (listener) => ui.service.subscribe(listener) });
    await elsewhere.setMonitorPaused({ paused: true });
    expect(ui.stores.monitor.getState().paused).toBe(true);
    await elsewhere.setMonitorPaused({ paused: false });
    expect(ui.stores.monitor.getState().paused).toBe(false);
  });

  it("paints the cached project list, then fills in every project's counts with one drift call, reading no entries", async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui);

    await ui.actions.loadProjects();

    expect(ui.calls).toEqual(['listProjects', 'driftSummaries']);
    expect(ui.stores.projects.getState().projects.map((p) => p.path)).toEqual([project]);
    expect(ui.stores.projects.getState().summaries[project]).toMatchObject({ state: 'checked', deployed: 1, needs_action: 0, counts: { in_sync: 1 } });
    expect(ui.stores.projects.getState().reports).toEqual({});
    expect(ui.stores.projects.getState().checking).toEqual({});
  });

  it('says a registered project whose folder is gone is missing, and counts the others', async () => {
    const ui = await renderer();
    const kept = await deployedCanvas(ui);
    const gone = workDir('skillmeat-project-');
    await ui.client.deploy({ project: gone, names: ['canvas'] });
    await ui.client.addProject({ path: gone });
    await rm(gone, { recursive: true });

    await ui.actions.loadProjects();

    const { summaries } = ui.stores.projects.getState();
    expect(summaries[gone]).toMatchObject({ state: 'missing', deployed: 0, error: { code: 'not_found', message: `Project folder ${gone} does not exist.` } });
    expect(summaries[kept]).toMatchObject({ state: 'checked', counts: { in_sync: 1 } });
  });

  it("takes drift events as counts and re-reads the entries of the open project only", async () => {
    const ui = await renderer({ watch: true });
    const open = await deployedCanvas(ui);
    const other = workDir('skillmeat-project-');
    await ui.client.deploy({ project: other, names: ['canvas'] });
    await ui.client.addProject({ path: other });
    await ui.service.start();
    await ui.actions.loadProjects();
    await ui.actions.openProject(open);
    afterThisTest(bindEvents({ client: ui.client, stores: ui.stores }, ui.actions));
    const events: unknown[] = [];
    afterThisTest(ui.client.on('drift.changed', (payload) => events.push(payload)));
    const outdatedReport = new Promise<void>((resolve) => {
      const stop = ui.stores.projects.subscribe((s) => {
        if (s.reports[open]?.drift[0]?.drift_type === 'outdated') {
          stop();
          resolve();
        }
      });
    });
    await edit(join(ui.home, 'collections/default/skills/canvas/SKILL.md'), 'line b', 'line b, from the collection');

    await ui.service.driftMonitor()!.checkNow();
    await outdatedReport;

    expect(events).toEqual([
      {
        checked_at: expect.any(String),
        projects: [open, other].map((project) => ({
          summary: expect.objectContaining({ project, state: 'checked', needs_action: 1, counts: expect.objectContaining({ in_sync: 0, outdated: 1 }) }),
          changes: [{ name: 'canvas', type: 'skill', drift_type: 'outdated' }],
        })),
      },
    ]);
    expect(ui.stores.projects.getState().summaries[other]).toMatchObject({ needs_action: 1 });
    expect(Object.keys(ui.stores.projects.getState().reports)).toEqual([open]);
  });

  it('imports a project folder and checks its drift', async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui, { register: false });

    expect(await ui.actions.importProjects([project])).toBe(true);

    expect(ui.stores.tasks.getState().tasks[IMPORT_TASK]).toMatchObject({ phase: 'done', summary: { text: `Imported ${project.split('/').pop()}.` } });
    expect(ui.stores.projects.getState().reports[project]?.summary.deployed).toBe(1);
  });

  it("shows the back end's reason when a path is not a folder, and imports nothing", async () => {
    const ui = await renderer();
    const file = join(await tempDir(), 'notes.txt');
    await writeFile(file, 'text\n');

    expect(await ui.actions.importProjects([file])).toBe(false);

    expect(ui.stores.tasks.getState().tasks[IMPORT_TASK]).toEqual({ phase: 'failed', code: 'invalid_input', message: `${file} is not a folder; a project is a folder (the one holding .claude/).` });
    expect(ui.stores.projects.getState().projects).toEqual([]);
  });

  it('syncs an outdated artifact, then re-checks the project once and reads its merges', async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui);
    await edit(join(ui.home, 'collections/default/skills/canvas/SKILL.md'), 'line c', 'line c, newer');

    await ui.actions.runArtifactAction(project, { name: 'canvas', type: 'skill', collection: 'default' }, 'sync');

    expect(ui.stores.tasks.getState().tasks[artifactTaskKey(project, { name: 'canvas', type: 'skill' })]).toMatchObject({ phase: 'done', summary: { tone: 'success', text: 'Sync finished: canvas updated.' } });
    expect(ui.calls.sort()).toEqual(['checkDrift', 'pendingMerges', 'sync']);
    expect(ui.stores.projects.getState().reports[project]?.in_sync.map((e) => e.name)).toEqual(['canvas']);
  });

  it('keeps the conflicted files of a sync as the project\'s unfinished merges', async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui);
    await edit(join(project, '.claude/skills/canvas/SKILL.md'), 'line b', 'line b, mine');
    await edit(join(ui.home, 'collections/default/skills/canvas/SKILL.md'), 'line b', 'line b, theirs');

    await ui.actions.runArtifactAction(project, { name: 'canvas', type: 'skill', collection: 'default' }, 'sync');

    expect(ui.stores.tasks.getState().tasks[artifactTaskKey(project, { name: 'canvas', type: 'skill' })]).toMatchObject({ phase: 'done', summary: { tone: 'warning', conflicts: [{ artifact: 'canvas', path: 'SKILL.md', kind: 'content' }] } });
    expect(ui.stores.projects.getState().pendingMerges[project]?.map((m) => [m.name, m.conflicts.map((c) => c.path)])).toEqual([['canvas', ['SKILL.md']]]);
  });

  it('deploys a skill and a command in one go, one call per type', async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui);

    await ui.actions.deployArtifacts(project, [
      { name: 'tidy', type: 'skill', collection: 'default' },
      { name: 'lint', type: 'command', collection: 'default' },
    ]);

    expect(ui.stores.tasks.getState().tasks[deployTaskKey(project)]).toMatchObject({ phase: 'done', summary: { text: 'Deployed tidy, lint.' } });
    expect(ui.calls.filter((m) => m === 'deploy')).toHaveLength(2);
    expect(ui.stores.projects.getState().reports[project]?.in_sync.map((e) => `${e.type}:${e.name}`).sort()).toEqual(['command:lint', 'skill:canvas', 'skill:tidy']);
  });

  it('redeploys a deleted project copy back to in sync', async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui);
    await rm(join(project, '.claude/skills/canvas'), { recursive: true });

    await ui.actions.runArtifactAction(project, { name: 'canvas', type: 'skill', collection: 'default' }, 'redeploy');

    expect(ui.stores.tasks.getState().tasks[artifactTaskKey(project, { name: 'canvas', type: 'skill' })]).toMatchObject({ phase: 'done', summary: { text: 'Deployed canvas.' } });
    expect(ui.stores.projects.getState().reports[project]?.in_sync.map((e) => e.name)).toEqual(['canvas']);
  });

  it('removes an artifact its collection no longer has from the project', async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui);
    await ui.client.removeArtifact({ name: 'canvas' });

    await ui.actions.runArtifactAction(project, { name: 'canvas', type: 'skill', collection: 'default' }, 'remove');

    // The row goes away with the copy: the result is shown apart, and no task is left under a row that is gone.
    expect(ui.stores.toasts.getState().toasts).toMatchObject([{ text: 'Removed canvas from the project.', undo: null }]);
    expect(ui.stores.tasks.getState().tasks[artifactTaskKey(project, { name: 'canvas', type: 'skill' })]).toBeUndefined();
    expect(ui.stores.projects.getState().reports[project]?.summary.deployed).toBe(0);
  });

  it('undoes removing a copy that was the collection\'s by deploying it again', async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui);
    await ui.actions.openProject(project);
    const entry = ui.stores.projects.getState().reports[project]!.in_sync[0]!;

    await ui.actions.runArtifactAction(project, entry, 'remove');
    const [toast] = ui.stores.toasts.getState().toasts;
    expect(toast).toMatchObject({ text: 'Removed canvas from the project.', undo: { kind: 'redeploy', name: 'canvas' } });
    await ui.actions.undo(toast!.id);

    expect(ui.stores.toasts.getState().toasts[0]?.undone).toEqual({ phase: 'done', text: 'Deployed canvas again.' });
    expect(ui.stores.projects.getState().reports[project]?.in_sync.map((e) => e.name)).toEqual(['canvas']);
  });

  it("says that taking the collection version replaced the project's edits, and its Undo restores them from the kept version", async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui);
    const projectCopy = join(project, '.claude/skills/canvas/SKILL.md');
    await edit(projectCopy, 'line b', 'line b, mine');
    await edit(join(ui.home, 'collections/default/skills/canvas/SKILL.md'), 'line b', 'line b, theirs');
    await ui.actions.runArtifactAction(project, { name: 'canvas', type: 'skill', collection: 'default' }, 'sync');

    await ui.actions.resolveConflict(project, { name: 'canvas', type: 'skill' }, 'SKILL.md', 'collection');
    const [toast] = ui.stores.toasts.getState().toasts;
    expect(toast?.text).toBe("Took the collection version of SKILL.md in canvas, replacing the project's edits. canvas is settled.");
    expect(await readFile(projectCopy, 'utf8')).toContain('line b, theirs');

    await ui.actions.undo(toast!.id);

    expect(ui.stores.toasts.getState().toasts[0]?.undone).toEqual({ phase: 'done', text: "Put back the project's copy of canvas." });
    expect(await readFile(projectCopy, 'utf8')).toBe('# Canvas\nline a\nline b, mine\nline c\n');
    expect(ui.calls).toContain('restore');
  });

  it('forgets a project with a result on the projects list, whose Undo imports it again', async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui);
    await ui.actions.loadProjects();

    await ui.actions.forgetProject(project);
    expect(ui.stores.projects.getState().projects).toEqual([]);
    const [toast] = ui.stores.toasts.getState().toasts;
    expect(toast).toMatchObject({ view: '#/projects', undo: { kind: 'reimport', path: project } });
    await ui.actions.undo(toast!.id);

    expect(ui.stores.projects.getState().projects.map((p) => p.path)).toEqual([project]);
  });

  it('records a refused remove as a failed task and leaves the artifact deployed', async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui);
    await edit(join(project, '.claude/skills/canvas/SKILL.md'), 'line a', 'line a, mine');

    await ui.actions.runArtifactAction(project, { name: 'canvas', type: 'skill', collection: 'default' }, 'remove');

    const task = ui.stores.tasks.getState().tasks[artifactTaskKey(project, { name: 'canvas', type: 'skill' })];
    expect(task).toMatchObject({ phase: 'failed', code: 'would_overwrite' });
    // In the app's words: no command-line flag.
    expect(task?.phase === 'failed' && task.message).toMatch(/removing it would delete them\. Push them to the collection first\.$/);
    expect(ui.stores.projects.getState().reports[project]?.drift.map((e) => e.drift_type)).toEqual(['modified']);
  });

  it('follows a writing operation through its progress events', async () => {
    const ui = await renderer();
    const project = await deployedCanvas(ui);
    afterThisTest(bindEvents({ client: ui.client, stores: ui.stores }, ui.actions));

    await ui.actions.deployArtifacts(project, [{ name: 'tidy', type: 'skill', collection: 'default' }]);

    expect(ui.stores.operations.getState().operations.filter((op) => op.method === 'deploy').map((op) => op.phase)).toEqual(['finished']);
  });

  it('offers to create a collection in an empty home, then lists it', async () => {
    const ui = await renderer();
    await ui.actions.loadCollection();
    expect(ui.stores.collection.getState().status).toBe('none');

    await ui.actions.createCollection('default');

    expect(ui.stores.collection.getState()).toMatchObject({ status: 'ready', name: 'default', artifacts: [] });
  });

  it('adds an artifact from a folder to the listed collection without re-reading it', async () => {
    const ui = await renderer();
    await deployedCanvas(ui);
    await ui.actions.loadCollection();
    const source = await tempDir();
    await writeTree(source, { 'review/SKILL.md': '---\nname: review\nversion: 2.1.0\n---\n# Review\n' });
    ui.calls.length = 0;

    await ui.actions.addArtifact(join(source, 'review'));

    expect(ui.calls).toEqual(['addArtifact']);
    expect(ui.stores.collection.getState().artifacts.find((a) => a.name === 'review')).toMatchObject({ type: 'skill', version: '2.1.0' });
  });

  it('reads the entries the collection keeps but does not manage with its artifacts, and again on a reload', async () => {
    const ui = await renderer();
    await deployedCanvas(ui);
    await ui.actions.loadCollection();
    expect(ui.stores.collection.getState().unsupported).toEqual({ artifacts: [], tables: [] });
    const manifest = join(ui.home, 'collections/default/collection.toml');
    await writeFile(manifest, `${await readFile(manifest, 'utf8')}\n[[artifacts]]\nname = "release-flow"\ntype = "workflow"\npath = "workflows/release-flow"\n\n[[mcp_servers]]\nname = "github"\n`);
    ui.calls.length = 0;

    await ui.actions.loadCollection();

    expect(ui.calls).toEqual(['listCollections', 'listArtifacts', 'unsupportedEntries']);
    expect(ui.stores.collection.getState().unsupported).toEqual({ artifacts: [{ name: 'release-flow', type: 'workflow' }], tables: ['mcp_servers'] });
    expect(ui.stores.collection.getState().artifacts.map((a) => a.name)).toEqual(['canvas', 'tidy', 'lint']);
  });
});

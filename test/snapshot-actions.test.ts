/**
 * The snapshot timeline's actions and store against the real back end: a ContractService over a
 * temporary home, reached through the in-memory transport (the same contract the UI speaks).
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractService } from '../src/core/service/contract-service.js';
import { createClient, type SkillmeatClient } from '../src/shared/contract-client.js';
import type { MethodName } from '../src/shared/contract-names.js';
import { createAppActions, type AppActions } from '../src/renderer/src/actions/app-actions.js';
import { TIMELINE_PAGE_SIZE } from '../src/renderer/src/actions/snapshot-actions.js';
import { createAppStores, type AppStores } from '../src/renderer/src/state/app-stores.js';
import { snapshotRef } from '../src/renderer/src/state/snapshots-store.js';
import { afterThisTest, steppingClock, tempDir, writeTree } from './support/fixtures.js';

interface Ui {
  readonly client: SkillmeatClient;
  readonly stores: AppStores;
  readonly actions: AppActions;
  readonly home: string;
  /** Every call the actions made, with its input. */
  readonly calls: { method: MethodName; input: unknown }[];
}

async function renderer(): Promise<Ui> {
  const home = await tempDir('skillmeat-home-');
  const service = new ContractService({ home, now: steppingClock() });
  afterThisTest(() => service.close());
  const calls: Ui['calls'] = [];
  const client = createClient({
    call(method, input) {
      calls.push({ method, input });
      return service.call(method, input);
    },
    subscribe: (listener) => service.subscribe(listener),
  });
  const stores = createAppStores();
  return { client, stores, actions: createAppActions({ client, stores }), home, calls };
}

/** A collection with the skills canvas and tidy; returns the path of canvas's SKILL.md. */
async function collection(ui: Ui): Promise<string> {
  await ui.client.initCollection({ name: 'default' });
  const source = await tempDir();
  await writeTree(source, { 'canvas/SKILL.md': '# Canvas\nline a\nline b\n', 'tidy/SKILL.md': '# Tidy\n' });
  await ui.client.addArtifact({ source_path: join(source, 'canvas') });
  await ui.client.addArtifact({ source_path: join(source, 'tidy') });
  return join(ui.home, 'collections', 'default', 'skills', 'canvas', 'SKILL.md');
}

describe('the snapshot timeline over the real back end', () => {
  it('reads the first page with one call, then the pages that come into view, each overlapping the one above by a snapshot', async () => {
    const ui = await renderer();
    await collection(ui);
    for (let i = 0; i <= TIMELINE_PAGE_SIZE; i++) await ui.client.createSnapshot({ message: `snapshot ${i}` });
    ui.calls.length = 0;

    await ui.actions.loadTimeline();
    const state = ui.stores.snapshots.getState();
    // One page of snapshots, and (beside it) the unfinished merges rollbacks left in the collection.
    expect(ui.calls.filter((c) => c.method === 'snapshotPage')).toEqual([{ method: 'snapshotPage', input: { offset: 0, limit: TIMELINE_PAGE_SIZE } }]);
    expect(ui.calls.map((c) => c.method).sort()).toEqual(['pendingMerges', 'snapshotPage']);
    expect(state.total).toBe(TIMELINE_PAGE_SIZE + 1);
    expect(state.snapshots[0]?.message).toBe(`snapshot ${TIMELINE_PAGE_SIZE}`);
    expect(state.snapshots[TIMELINE_PAGE_SIZE]).toBeUndefined();

    ui.calls.length = 0;
    ui.actions.showTimelineRange(95, 104);
    await expect.poll(() => ui.stores.snapshots.getState().snapshots[TIMELINE_PAGE_SIZE]?.message).toBe('snapshot 0');
    expect(ui.calls).toEqual([{ method: 'snapshotPage', input: { offset: TIMELINE_PAGE_SIZE - 1, limit: TIMELINE_PAGE_SIZE + 1 } }]);
  });

  it('filters by kind, asking the core for those kinds only', async () => {
    const ui = await renderer();
    await collection(ui);
    await ui.client.createSnapshot({ message: 'by hand' });
    await ui.client.removeArtifact({ name: 'tidy' });
    await ui.actions.loadTimeline();
    expect(ui.stores.snapshots.getState().snapshots.map((s) => s?.kind)).toEqual(['safety', 'manual']);
    ui.calls.length = 0;

    await ui.actions.setTimelineFilter({ kinds: ['manual'], artifact: null });
    expect(ui.calls).toEqual([{ method: 'snapshotPage', input: { offset: 0, limit: TIMELINE_PAGE_SIZE, kinds: ['manual'] } }]);
    expect(ui.stores.snapshots.getState().snapshots.map((s) => s?.message)).toEqual(['by hand']);
  });

  it('plans a rollback, runs exactly that, and undoes it through the safety snapshot', async () => {
    const ui = await renderer();
    const canvas = await collection(ui);
    const original = await readFile(canvas, 'utf8');
    await ui.client.createSnapshot({ message: 'before the edit' });
    await writeFile(canvas, `${original}an edit\n`);
    await ui.actions.loadTimeline();
    const target = ui.stores.snapshots.getState().snapshots[0]!;

    await ui.actions.openRollback(snapshotRef(target));
    await ui.actions.setRollbackMode('restore');
    const dialog = ui.stores.snapshots.getState().rollback;
    expect(dialog?.plan?.phase).toBe('ready');
    const plan = dialog?.plan?.phase === 'ready' ? dialog.plan.value : null;
    expect(plan?.dry_run).toBe(true);
    expect(plan?.artifacts.find((a) => a.name === 'canvas')?.action).toBe('restore');
    expect(await readFile(canvas, 'utf8')).toBe(`${original}an edit\n`);

    expect(await ui.actions.runRollback()).toBe(true);
    const outcome = ui.stores.snapshots.getState().outcome;
    expect(ui.stores.snapshots.getState().rollback).toBeNull();
    expect(outcome?.phase === 'done' && outcome.result.files_restored).toEqual(['skills/canvas/SKILL.md']);
    expect(await readFile(canvas, 'utf8')).toBe(original);
    const rollbackCall = ui.calls.filter((c) => c.method === 'rollback').at(-1);
    expect(rollbackCall?.input).toEqual({ snapshot_id: target.id, preserve_changes: false, dry_run: false });

    await ui.actions.undoRollback();
    expect(ui.stores.snapshots.getState().outcome).toMatchObject({ phase: 'done', undo: true });
    expect(await readFile(canvas, 'utf8')).toBe(`${original}an edit\n`);
  });

  it('compares a snapshot with now and reads the first changed file', async () => {
    const ui = await renderer();
    const canvas = await collection(ui);
    await ui.client.createSnapshot({ message: 'before the edit' });
    await writeFile(canvas, '# Canvas\nline a\nline b, edited\n');
    await ui.actions.loadTimeline();

    await ui.actions.compareSnapshots(snapshotRef(ui.stores.snapshots.getState().snapshots[0]!), null);
    const comparison = ui.stores.snapshots.getState().comparison;
    expect(comparison?.diff.phase === 'ready' && comparison.diff.value.artifacts.map((a) => `${a.name} ${a.change}`)).toEqual(['canvas modified']);
    expect(comparison?.file).toBe('skills/canvas/SKILL.md');
    expect(comparison?.shown?.after).toBe('# Canvas\nline a\nline b, edited\n');
  });
});

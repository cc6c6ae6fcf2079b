import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { HistoryEntry } from '../src/shared/history-results.js';
import { tempDir, writeTree } from './support/fixtures.js';
import { contractBackEnd, rejection } from './support/contract-backend.js';

const LINES = 'a\nb\nc\nd\ne\n';

/**
 * Skill "canvas" in two projects: the first pushes an edit, the second syncs it, then meets a
 * collection edit on the same line and resolves the conflict into a merge; the first is left
 * with an edit nobody recorded (a working copy).
 */
async function storyHome() {
  const { client, home } = await contractBackEnd();
  await client.initCollection({ name: 'default' });
  const source = await tempDir();
  await writeTree(source, { 'canvas/SKILL.md': LINES });
  await client.addArtifact({ source_path: join(source, 'canvas') });
  const first = await tempDir('skillmeat-project-');
  const second = await tempDir('skillmeat-project-');
  for (const project of [first, second]) {
    await client.addProject({ path: project });
    await client.deploy({ project, names: ['canvas'] });
  }
  const copy = (project: string) => join(project, '.claude/skills/canvas/SKILL.md');
  const inCollection = join(home, 'collections/default/skills/canvas/SKILL.md');

  await writeFile(copy(first), 'a, first\nb\nc\nd\ne\n');
  expect((await client.push({ project: first })).status).toBe('ok');
  expect((await client.sync({ project: second })).status).toBe('ok');
  await writeFile(copy(second), 'a, first\nb\nc, second\nd\ne\n');
  await writeFile(inCollection, 'a, first\nb\nc, collection\nd\ne\n');
  expect((await client.sync({ project: second })).status).toBe('partial');
  await client.completeMerge({ project: second, artifact: 'canvas', files: [{ path: 'SKILL.md', text: 'a, first\nb\nc, both\nd\ne\n' }] });
  await writeFile(copy(first), 'a, first\nb\nc\nd\ne, unrecorded\n');
  return { client, home, first, second, copy, inCollection };
}

const placeOfProject = (project: string) => `project:${join(project, '.claude/skills/canvas')}`;

describe('the history page', () => {
  it('lists the DAG newest first with lanes, labels and a dashed working row per place that moved on', async () => {
    const { client, first, second } = await storyHome();
    const page = await client.historyPage({ name: 'canvas' });
    expect(page).toMatchObject({ name: 'canvas', type: 'skill', collection: 'default', offset: 0 });
    expect(page.total).toBe(page.rows.length);
    expect(page.lanes[0]).toBe('collection:default');

    // The first project's unrecorded edit, and the collection's hand edit (the lock still records the push),
    // are working rows on top, each pointing at the version its place last recorded.
    const working = page.rows.filter((row) => row.kind === 'working');
    expect(working.map((row) => row.place)).toEqual(['collection:default', placeOfProject(first)]);
    const firstPlace = page.places.find((p) => p.place === placeOfProject(first))!;
    expect(working[1]).toMatchObject({ origin: 'working', created_at: null, parents: [firstPlace.current] });
    expect(working[0]!.parents).toEqual([page.places[0]!.current]);
    // The collection's hand edit was kept as a version by the sync that merged it: the working row says which.
    const syncVersion = page.rows.find((row) => row.kind === 'version' && row.origin === 'sync' && row.place === 'collection:default')!;
    expect(working[0]!.stored_as).toBe(syncVersion.id);
    expect(working[1]!.stored_as).toBeNull();
    expect(page.rows[0]!.kind).toBe('working');

    // The resolved conflict is a merge with two parents, in the second project's lane, labelled as its baseline.
    const merge = page.rows.find((row) => row.origin === 'merge')!;
    expect(merge.parents).toHaveLength(2);
    expect(merge.graph.merge).toBe(true);
    expect(merge.place).toBe(placeOfProject(second));
    expect(merge.graph.column).toBe(page.lanes.indexOf(placeOfProject(second)));
    expect(merge.labels).toEqual([placeOfProject(second)]);

    // The added content is the root, in the collection's lane; the push is labelled the collection's current version.
    const added = page.rows.at(-1)!;
    expect(added).toMatchObject({ origin: 'add', place: 'collection:default', parents: [] });
    const push = page.rows.find((row) => row.origin === 'push')!;
    const collectionPlace = page.places.find((p) => p.kind === 'collection')!;
    expect(collectionPlace).toMatchObject({ where: 'default', live: true, pending_merge: false });
    expect(push.labels).toContain('collection:default');
    expect(collectionPlace.current).toBe(push.id);
    expect(page.places.map((p) => p.where).sort()).toEqual(['default', first, second].sort());

    // Every row's short hash is its content's, and each row after the first takes what the one before leaves below.
    for (const row of page.rows) expect(row.content_hash.startsWith(row.short)).toBe(true);
    for (let i = 1; i < page.rows.length; i++) expect(page.rows[i]!.graph.above).toEqual(page.rows[i - 1]!.graph.below);
    expect(page.rows.at(-1)!.graph.below).toEqual([]);
  });

  it('pages without changing a row: pages of two add up to the whole', async () => {
    const { client } = await storyHome();
    const whole = await client.historyPage({ name: 'canvas', limit: 1000 });
    const rows: HistoryEntry[] = [];
    for (let offset = 0; offset < whole.total; offset += 2) {
      const page = await client.historyPage({ name: 'canvas', offset, limit: 2 });
      expect(page.offset).toBe(offset);
      expect(page.lanes).toEqual(whole.lanes);
      rows.push(...page.rows);
    }
    expect(rows).toEqual(whole.rows);
  });

  it('filters by place, origin and hash prefix, laying out only what passes', async () => {
    const { client, second } = await storyHome();
    const whole = await client.historyPage({ name: 'canvas' });
    const inCollection = await client.historyPage({ name: 'canvas', places: ['collection:default'] });
    expect(inCollection.rows.length).toBeGreaterThan(0);
    expect(inCollection.rows.every((row) => row.place === 'collection:default')).toBe(true);
    expect(inCollection.lanes).toEqual(['collection:default']);
    expect(inCollection.places).toEqual(whole.places);

    const merges = await client.historyPage({ name: 'canvas', origins: ['merge'] });
    expect(merges.rows.map((row) => row.place)).toEqual([placeOfProject(second)]);
    // Its parents are filtered out: the row stands alone.
    expect(merges.rows[0]!.graph).toEqual({ column: 0, above: [], below: [], turns: [], merge: false });

    const merge = whole.rows.find((row) => row.origin === 'merge')!;
    const byHash = await client.historyPage({ name: 'canvas', hash: merge.short.slice(0, 7).toUpperCase() });
    expect(byHash.rows.map((row) => row.id)).toEqual([merge.id]);
    expect((await client.historyPage({ name: 'canvas', hash: 'ffffffffffffffff' })).total).toBe(0);
    expect((await rejection(client.historyPage({ name: 'canvas', hash: 'not-hex' }))).code).toBe('invalid_input');
    expect(whole.origins).toEqual(expect.arrayContaining(['add', 'merge', 'push', 'working']));
  });

  it('marks the places where a merge of the artifact waits', async () => {
    const { client, home, second, copy } = await storyHome();
    await writeFile(copy(second), 'a, first\nb\nc, both\nd, second\ne\n');
    await writeFile(join(home, 'collections/default/skills/canvas/SKILL.md'), 'a, first\nb\nc, collection\nd, collection\ne\n');
    expect((await client.sync({ project: second })).status).toBe('partial');
    const { places } = await client.historyPage({ name: 'canvas' });
    expect(places.filter((p) => p.pending_merge).map((p) => p.place)).toEqual([placeOfProject(second)]);
  });

  it('says so when the artifact does not exist', async () => {
    const { client } = await storyHome();
    const error = await rejection(client.historyPage({ name: 'nothing-here' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('nothing-here');
  });

  it('tells where a version is: which places hold it, are behind it, moved past it, or went apart', async () => {
    const { client, first, second } = await storyHome();
    const page = await client.historyPage({ name: 'canvas' });
    const standing = async (origin: string) => {
      const version = page.rows.find((row) => row.kind === 'version' && row.origin === origin)!;
      const { places } = await client.versionWhereabouts({ name: 'canvas', version: version.id });
      return Object.fromEntries(places.map((p) => [p.where, p.standing]));
    };
    // Everyone moved past the content as added.
    expect(await standing('add')).toEqual({ default: 'ahead', [first]: 'ahead', [second]: 'ahead' });
    // The merge: the second project holds it; the first (at the push) is behind it; so is the collection, which recorded the push.
    expect(await standing('merge')).toEqual({ default: 'behind', [first]: 'behind', [second]: 'holds' });
    expect((await rejection(client.versionWhereabouts({ name: 'canvas', version: 'av_canvas-skill_000000000000' }))).code).toBe('not_found');
  });

  it('shows what a working copy changed since its place last recorded, and only for places the artifact lives in', async () => {
    const { client, first } = await storyHome();
    const page = await client.historyPage({ name: 'canvas' });
    const working = page.rows.find((row) => row.kind === 'working' && row.place === placeOfProject(first))!;
    const changes = await client.workingChanges({ name: 'canvas', place: working.place });
    expect(changes).toMatchObject({ from: working.parents[0], to: working.id });
    expect(changes.files.map((f) => [f.path, f.change, f.before, f.after])).toEqual([['SKILL.md', 'modified', 'a, first\nb\nc\nd\ne\n', 'a, first\nb\nc\nd\ne, unrecorded\n']]);
    const collection = await client.workingChanges({ name: 'canvas', place: 'collection:default' });
    expect(collection.files[0]!.after).toBe('a, first\nb\nc, collection\nd\ne\n');
    // A path of the caller's choosing is not a place.
    expect((await rejection(client.workingChanges({ name: 'canvas', place: 'project:/etc' }))).code).toBe('not_found');
  });

  it("diffs a first version against nothing: every file added", async () => {
    const { client } = await storyHome();
    const added = (await client.historyPage({ name: 'canvas' })).rows.at(-1)!;
    const diff = await client.diffVersions({ to: added.id });
    expect(diff.from).toBe('');
    expect(diff.files.map((f) => [f.path, f.change, f.after])).toEqual([['SKILL.md', 'added', LINES]]);
  });
});

describe('making a version the collection copy', () => {
  it('writes it after a safety snapshot, records it in the lock and the audit trail, and keeps hand edits it replaces', async () => {
    const { client, home, inCollection } = await storyHome();
    const page = await client.historyPage({ name: 'canvas' });
    const added = page.rows.at(-1)!;
    // A hand edit nobody recorded: it must survive as a version.
    await writeFile(inCollection, 'a, by hand\nb\nc\nd\ne\n');
    const snapshotsBefore = (await client.listSnapshots({})).length;

    const result = await client.adoptVersion({ version_id: added.id });
    expect(result).toMatchObject({ operation: 'restore', status: 'ok', artifacts: [{ name: 'canvas', action: 'updated', new_sha: added.content_hash }] });
    expect(result.safety_snapshot_id).not.toBeNull();
    expect((await client.listSnapshots({})).length).toBe(snapshotsBefore + 1);
    expect(await readFile(inCollection, 'utf8')).toBe(LINES);
    expect(await readFile(join(home, 'collections/default/collection.lock'), 'utf8')).toContain(added.content_hash);
    const audit = await client.listAudit({});
    expect(audit[0]).toMatchObject({ operation_type: 'selective', target_snapshot_id: `version:${added.id}`, success: true });

    const after = await client.historyPage({ name: 'canvas' });
    expect(after.places.find((p) => p.kind === 'collection')!.current).toBe(added.id);
    expect(after.rows.find((row) => row.id === added.id)!.labels).toContain('collection:default');
    const kept = after.rows.find((row) => row.kind === 'version' && row.origin === 'overwritten' && row.place === 'collection:default');
    expect(kept).toBeDefined();
    const diff = await client.diffVersions({ from: added.id, to: kept!.id });
    expect(diff.files[0]!.after).toBe('a, by hand\nb\nc\nd\ne\n');

    // The same again changes nothing and takes no snapshot.
    expect((await client.adoptVersion({ version_id: added.id })).status).toBe('nothing_to_do');
    expect((await client.listSnapshots({})).length).toBe(snapshotsBefore + 1);
  });

  it('refuses an unknown version and changes nothing', async () => {
    const { client, inCollection } = await storyHome();
    const before = await readFile(inCollection, 'utf8');
    expect((await rejection(client.adoptVersion({ version_id: 'av_canvas-skill_000000000000' }))).code).toBe('not_found');
    expect((await rejection(client.adoptVersion({ version_id: 'av_../../x-skill_000000000000' }))).code).toMatch(/invalid_input|not_found/);
    expect(await readFile(inCollection, 'utf8')).toBe(before);
  });
});

describe('the version index of a home written before places were indexed', () => {
  it('is rebuilt from the version files, places included', async () => {
    const { client, home } = await storyHome();
    const expected = await client.historyPage({ name: 'canvas' });
    // The index as the previous schema left it: no scope column, the migration not yet run.
    const db = new Database(join(home, 'cache/skillmeat-desktop.db'));
    db.exec(`DELETE FROM migrations WHERE name = 'VersionScope1796169600000'; ALTER TABLE artifact_versions DROP COLUMN scope;`);
    db.close();
    const reopened = await contractBackEnd(home);
    expect(await reopened.client.historyPage({ name: 'canvas' })).toEqual(expected);
  });
});

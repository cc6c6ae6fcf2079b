import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkillmeatClient } from '../src/shared/contract-client.js';
import { isolateGit, Upstream } from './support/git-upstream.js';
import { METHOD_NAMES, type CallEnvelope, type MethodName } from '../src/shared/contract.js';
import { readTree, tempDir, writeTree } from './support/fixtures.js';
import { contractBackEnd as backEnd, rejection } from './support/contract-backend.js';

/** A collection with skill "canvas" deployed into a fresh project. */
async function deployedCanvas(client: SkillmeatClient): Promise<{ project: string; source: string }> {
  await client.initCollection({ name: 'default' });
  const source = await tempDir();
  await writeTree(source, { 'canvas/SKILL.md': '# Canvas\nline a\nline b\nline c\n', 'tidy/SKILL.md': '# Tidy\n' });
  await client.addArtifact({ source_path: join(source, 'canvas') });
  const project = await tempDir('skillmeat-project-');
  await client.addProject({ path: project });
  await client.deploy({ project, names: ['canvas'] });
  return { project, source };
}

async function edit(path: string, from: string, to: string): Promise<void> {
  await writeFile(path, (await readFile(path, 'utf8')).replace(from, to));
}

describe('the contract through the in-memory transport', () => {
  it('serves every method with outputs that match the contract', async () => {
    const { client, home, called } = await backEnd();
    expect((await client.appInfo()).contract_version).toBe(2);
    // Only the desktop app has a native open dialog (test/typed-paths.test.ts gives the service one).
    expect(await rejection(client.choosePath({ kind: 'folder', purpose: 'project' }))).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/type the path instead/) });
    const { project, source } = await deployedCanvas(client);
    await client.initCollection({ name: 'extra' });
    await client.useCollection({ name: 'default' });
    expect((await client.listCollections()).map((c) => c.name)).toEqual(['default', 'extra']);
    await client.addArtifact({ source_path: join(source, 'tidy') });
    expect((await client.listArtifacts({})).map((a) => a.name)).toEqual(['canvas', 'tidy']);
    expect(await client.unsupportedEntries({})).toEqual({ artifacts: [], tables: [] });
    // A git source (a bare repository made here, served as git+file://): add it, see upstream move, update.
    isolateGit();
    const upstream = Upstream.create();
    upstream.commit({ 'skills/pdf/SKILL.md': '# PDF\nline one\n' });
    expect((await client.addFromSource({ source: upstream.source('skills/pdf') })).upstream).toMatchObject({ version_spec: 'latest', resolved_sha: upstream.head() });
    upstream.commit({ 'skills/pdf/SKILL.md': '# PDF\nline one, upstream\n' });
    expect((await client.checkUpdates({})).artifacts).toEqual([expect.objectContaining({ name: 'pdf', status: 'update_available', changed_files: [{ path: 'SKILL.md', change: 'modified' }] })]);
    const changes = await client.upstreamChanges({ name: 'pdf', to: upstream.head() });
    expect(changes.files).toEqual([expect.objectContaining({ path: 'SKILL.md', change: 'modified', before: '# PDF\nline one\n', after: '# PDF\nline one, upstream\n' })]);
    expect((await client.updateArtifacts({ names: ['pdf'] })).artifacts).toEqual([expect.objectContaining({ name: 'pdf', action: 'updated', to_sha: upstream.head() })]);
    await client.removeArtifact({ name: 'pdf' });
    expect((await client.listProjects()).map((p) => p.path)).toEqual([project]);

    const inProject = join(project, '.claude/skills/canvas/SKILL.md');
    const inCollection = join(home, 'collections/default/skills/canvas/SKILL.md');
    await edit(inProject, 'line b', 'line B mine');
    await edit(inCollection, 'line b', 'line B theirs');
    expect((await client.checkDrift({ projects: [project] }))[0]?.drift.map((e) => e.drift_type)).toEqual(['conflict']);
    expect((await client.sync({ project })).status).toBe('partial');
    expect((await client.pendingMerges({ project }))[0]?.conflicts.map((c) => c.path)).toEqual(['SKILL.md']);
    const merge = await client.mergeDocument({ project, artifact: 'canvas' });
    expect(merge.files.map((f) => [f.path, f.state])).toEqual([['SKILL.md', 'conflict']]);
    expect((await client.resolve({ project, artifact: 'canvas', file: 'SKILL.md', text: merge.files[0]!.merged!, draft: true })).status).toBe('partial');
    expect((await client.compareArtifact({ project, artifact: 'canvas', compare: 'project_collection' })).files.map((f) => f.path)).toEqual(['SKILL.md']);
    expect((await client.completeMerge({ project, artifact: 'canvas', files: [{ path: 'SKILL.md', take: 'project' }] })).status).toBe('ok');
    const elsewhere = { base_sha: merge.base_sha, project_sha: merge.project_sha!, collection_sha: merge.collection_sha };
    expect(await client.applyMergeElsewhere({ project, artifact: 'canvas', ...elsewhere, projects: [project] })).toMatchObject([{ status: 'nothing_to_do' }]);
    expect((await client.push({ project })).operation).toBe('push');
    expect((await client.checkAllDrift())[0]?.summary.needs_action).toBe(0);
    expect(await client.driftSummaries({})).toMatchObject([{ project, state: 'checked', needs_action: 0 }]);

    const snapshot = await client.createSnapshot({ message: 'before tidy goes' });
    expect((await client.listSnapshots({})).map((s) => s.id)).toContain(snapshot.id);
    expect((await client.removeArtifact({ name: 'tidy' })).safety_snapshot_id).not.toBeNull();
    expect((await client.snapshotDiff({ from: snapshot.id })).artifacts.map((a) => [a.change, a.name])).toEqual([['removed', 'tidy']]);
    expect((await client.snapshotFileDiff({ from: snapshot.id, path: 'skills/tidy/SKILL.md' })).change).toBe('removed');
    expect((await client.snapshotArtifacts({ id: snapshot.id })).map((a) => a.name)).toEqual(['canvas', 'tidy']);
    expect((await client.snapshotPage({ limit: 2 })).snapshots[0]).toMatchObject({ kind: 'safety', operation: 'remove', changes: { added: [], modified: [], removed: [] } });
    expect((await client.pinSnapshot({ id: snapshot.id, pinned: true })).pinned).toBe(true);
    const plan = await client.rollback({ snapshot_id: snapshot.id, preserve_changes: true, dry_run: true });
    expect(plan).toMatchObject({ dry_run: true, status: 'ok', safety_snapshot_id: null, artifacts: expect.arrayContaining([expect.objectContaining({ name: 'tidy', action: 'restore', change: 'added' })]) });
    expect((await client.listArtifacts({})).map((a) => a.name)).toEqual(['canvas']);
    const rolledBack = await client.rollback({ snapshot_id: snapshot.id, preserve_changes: true });
    expect(rolledBack.artifacts).toEqual(plan.artifacts);
    expect((await client.listArtifacts({})).map((a) => a.name)).toEqual(['canvas', 'tidy']);
    // Restoring exactly now only rewinds what the rebuild stamped (the manifest's `updated`).
    expect(await client.rollback({ snapshot_id: snapshot.id })).toMatchObject({ status: 'ok', files_restored: ['collection.toml'] });
    expect((await client.rollback({ snapshot_id: snapshot.id })).status).toBe('unchanged');
    expect((await client.listAudit({})).length).toBeGreaterThan(0);
    const { versions } = await client.history({ name: 'canvas' });
    expect(versions.length).toBeGreaterThan(0);
    const diff = await client.diffVersions({ from: versions.at(-1)!.id, to: versions[0]!.id });
    expect(diff.files.map((f) => [f.path, f.change])).toEqual([['SKILL.md', 'modified']]);
    const replaced = versions.find((v) => v.merge_strategy === 'overwritten' && v.scope.startsWith('project:'))!;
    expect((await client.restore({ project, artifact: 'canvas', version_id: replaced.id })).operation).toBe('restore');
    const page = await client.historyPage({ name: 'canvas', limit: 2 });
    expect(page.rows.length).toBe(2);
    expect((await client.workingChanges({ name: 'canvas', place: 'collection:default' })).name).toBe('canvas');
    expect((await client.versionWhereabouts({ name: 'canvas', version: versions[0]!.id })).version).toBe(versions[0]!.id);
    expect((await client.adoptVersion({ version_id: versions.at(-1)!.id })).operation).toBe('restore');
    expect((await client.deleteSnapshot({ id: snapshot.id })).id).toBe(snapshot.id);
    expect((await client.verify()).checked.lock_entries).toBeGreaterThan(0);
    expect(await client.setMonitorPaused({ paused: true })).toEqual({ paused: true });
    await client.undeploy({ project, name: 'canvas' });
    await client.removeProject({ path: project });

    expect(METHOD_NAMES.filter((m) => !called.has(m))).toEqual([]);
  });

  it('rejects an input with an unexpected key as invalid_input, for every method', async () => {
    const { service } = await backEnd();
    for (const method of METHOD_NAMES) {
      const envelope = await service.call(method, { surprise: true });
      expect(envelope, method).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('rejects inputs of the wrong shape before they reach the core, changing nothing', async () => {
    const { client, home } = await backEnd();
    await client.initCollection({ name: 'default' });
    const before = await readTree(home);
    for (const bad of [{ project: 42, names: ['x'] }, { project: '/p', names: [] }, { project: '', names: ['x'] }, { project: '/p', names: ['x'], overwrite: 'yes' }]) {
      const error = await rejection(client.deploy(bad as never));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toMatch(/^Invalid input for deploy: /);
    }
    expect(await readTree(home)).toEqual(before);
  });

  it('refuses malformed merge inputs before they reach the core: two settlements, none, a NUL or lone surrogate in a text, a draft that is not text, a bad hash or comparison', async () => {
    const { service } = await backEnd();
    const base = { project: '/p', artifact: 'canvas' };
    const sha = 'a'.repeat(64);
    const bad: [MethodName, unknown][] = [
      ['resolve', { ...base, take: 'project', text: 'x' }],
      ['resolve', { ...base }],
      ['resolve', { ...base, text: 'a\u0000b' }],
      ['resolve', { ...base, text: 'a\uD800b' }],
      ['resolve', { ...base, take: 'project', draft: true }],
      ['resolve', { ...base, take: 'theirs' }],
      ['resolve', { ...base, text: 'x'.repeat(8 * 1024 * 1024 + 1) }],
      ['completeMerge', { ...base, files: [{ path: 'SKILL.md' }] }],
      ['completeMerge', { ...base, files: [{ path: 'SKILL.md', take: 'base', delete: true }] }],
      ['mergeDocument', { ...base, type: 'workflow' }],
      ['applyMergeElsewhere', { ...base, base_sha: 'nope', project_sha: sha, collection_sha: sha, projects: ['/q'] }],
      ['applyMergeElsewhere', { ...base, base_sha: sha, project_sha: sha, collection_sha: sha, projects: [] }],
      ['compareArtifact', { ...base, compare: 'everything' }],
    ];
    for (const [method, input] of bad) {
      const envelope = await service.call(method, input);
      expect(envelope, `${method} ${JSON.stringify(input).slice(0, 80)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('answers an unknown method or a non-object input with invalid_input', async () => {
    const { service } = await backEnd();
    expect(await service.call('deleteEverything', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Unknown method') } });
    expect(await service.call('listProjects', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await service.call('__proto__', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('carries a core error across as its code and message', async () => {
    const { client } = await backEnd();
    await client.initCollection({ name: 'default' });
    const error = await rejection(client.addProject({ path: '/no/such/folder' }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('/no/such/folder');
  });

  it('announces a writing operation as started then finished, and a failed one as failed', async () => {
    const { client, events } = await backEnd();
    await client.initCollection({ name: 'default' });
    await rejection(client.removeArtifact({ name: 'ghost' }));
    const phases = events.flatMap((e) => (e.event === 'operation.progress' ? [`${e.payload.method}:${e.payload.phase}`] : []));
    expect(phases).toEqual(['initCollection:started', 'initCollection:finished', 'removeArtifact:started', 'removeArtifact:failed']);
  });

  it('answers a dry run (a plan) without announcing an operation', async () => {
    const { client, events } = await backEnd();
    await client.initCollection({ name: 'default' });
    const snapshot = await client.createSnapshot({ message: 'S' });
    events.length = 0;
    expect((await client.rollback({ snapshot_id: snapshot.id, dry_run: true })).dry_run).toBe(true);
    expect(events.filter((e) => e.event === 'operation.progress')).toEqual([]);
  });

  it('reports how far a deploy and a snapshot have come, as counts', async () => {
    const { client, events } = await backEnd();
    await client.initCollection({ name: 'default' });
    const source = await tempDir();
    await writeTree(source, { 'a1/SKILL.md': '# a1\n', 'a2/SKILL.md': '# a2\n', 'a2/notes.md': 'n\n' });
    for (const name of ['a1', 'a2']) await client.addArtifact({ source_path: join(source, name) });
    const project = await tempDir('skillmeat-project-');
    await client.deploy({ project, names: ['a1', 'a2'] });
    await client.createSnapshot({});
    const working = events.flatMap((e) => (e.event === 'operation.progress' && e.payload.phase === 'working' ? [`${e.payload.method} ${e.payload.message} ${e.payload.done}/${e.payload.total}`] : []));
    expect(working).toEqual(['deploy copying artifacts 0/2', 'deploy copying artifacts 1/2', 'deploy copying artifacts 2/2', 'createSnapshot archiving files 5/5']);
  });

  it('does not announce reads', async () => {
    const { client, events } = await backEnd();
    await client.listCollections();
    await client.listProjects();
    expect(events).toEqual([]);
  });

  it('runs concurrent writes one at a time, so the app never collides with itself on a lock', async () => {
    const { client, home } = await backEnd();
    await client.initCollection({ name: 'default' });
    const source = await tempDir();
    const names = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
    await writeTree(source, Object.fromEntries(names.map((n) => [`${n}/SKILL.md`, `# ${n}\n`])));
    const results = await Promise.allSettled(names.map((n) => client.addArtifact({ source_path: join(source, n) })));
    expect(results.map((r) => r.status)).toEqual(names.map(() => 'fulfilled'));
    expect(Object.keys(await readTree(join(home, 'collections/default/skills'))).sort()).toEqual(names.map((n) => `${n}/SKILL.md`));
  });

  it('answers each call on its own: one failing does not affect another', async () => {
    const { service, client } = await backEnd();
    const envelopes: CallEnvelope[] = await Promise.all([service.call('listArtifacts', { collection: 'missing' }), service.call('listCollections', {})]);
    expect(envelopes[0]).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(envelopes[1]).toMatchObject({ ok: true });
    expect(await client.listCollections()).toEqual([]);
  });
});

describe('entries of collection.toml SkillMeat Desktop keeps but does not manage', () => {
  // As the Python SkillMeat writes them: a `workflow` entry (its `workflow create`) and its MCP servers.
  const PYTHON_ENTRIES = `
[[artifacts]]
name = "release-flow"
type = "workflow"
path = "workflows/release-flow"
origin = "local"
added = "2025-12-17T14:30:22.123456"
steps = ["build", "tag"]

[[mcp_servers]]
name = "github"
command = "npx"
args = ["-y", "@modelcontextprotocol/server-github"]
`;

  /** A home whose collection "default" holds skill canvas and, after it, the Python tool's entries. */
  async function homeWithPythonEntries(): Promise<SkillmeatClient> {
    const { client, home } = await backEnd();
    await client.initCollection({ name: 'default' });
    const source = await tempDir();
    await writeTree(source, { 'canvas/SKILL.md': '# Canvas\n' });
    await client.addArtifact({ source_path: join(source, 'canvas') });
    const manifest = join(home, 'collections/default/collection.toml');
    await writeFile(manifest, `${await readFile(manifest, 'utf8')}${PYTHON_ENTRIES}`);
    return client;
  }

  it('are listed apart from the artifacts: each artifact by type and name, each table by name', async () => {
    const client = await homeWithPythonEntries();

    expect(await client.unsupportedEntries({})).toEqual({ artifacts: [{ name: 'release-flow', type: 'workflow' }], tables: ['mcp_servers'] });
    expect((await client.listArtifacts({})).map((a) => a.name)).toEqual(['canvas']);
  });

  it('are listed for the collection asked for, and a collection that does not exist is not_found', async () => {
    const client = await homeWithPythonEntries();
    await client.initCollection({ name: 'extra' });

    expect(await client.unsupportedEntries({ collection: 'default' })).toMatchObject({ tables: ['mcp_servers'] });
    expect(await client.unsupportedEntries({ collection: 'extra' })).toEqual({ artifacts: [], tables: [] });
    expect((await rejection(client.unsupportedEntries({ collection: 'missing' }))).code).toBe('not_found');
  });
});

/**
 * `update`: brings upstream changes into the collection with a three-way merge — base = the
 * upstream tree at the recorded commit, local = the collection copy (which may hold the user's own
 * edits), remote = the upstream tree the ref names now. A clean result is applied after a safety
 * snapshot, in one crash-safe step with the manifest and lock (the new commit recorded); a merge
 * that stops on conflicts changes nothing in the collection and waits among the collection's
 * unfinished merges (direction `update`), settled in the merge view or by `resolve` as a sync's
 * are. Every upstream content becomes a version (origin `update`), so history shows upstream →
 * collection → projects; deployed copies then drift `outdated` (or `conflict`) and sync as usual.
 */
import { artifactTypeInfo, type ArtifactType } from '../../shared/artifact-types.js';
import type { ArtifactUpdate, UpdateResult } from '../../shared/results.js';
import { formatSource } from '../../shared/source-spec.js';
import { mkdir } from 'node:fs/promises';
import { SkillmeatError, ioError } from '../errors.js';
import type { HomePaths } from '../home/home-paths.js';
import type { JournalKey } from '../fs/journal-key.js';
import { collectionCopyPath, openCollection, saveCollection, type OpenCollection } from '../collection/collections.js';
import { collectionFence, readCollectionConsistently, withCollectionLock } from '../collection/collection-lock.js';
import type { ManifestArtifact } from '../collection/manifest-file.js';
import { hashArtifact, hashBytes, hashFileMap } from '../hash/content-hash.js';
import { readFileMap, type FileMap } from '../merge/file-map.js';
import { mergeTrees, type TreeMergeResult } from '../merge/tree-merge.js';
import { blobKeeper } from '../versions/object-store.js';
import type { ArtifactRef, VersionPort } from '../versions/version-port.js';
import { applyTrees, type TreeWrite } from './merge-apply.js';
import { conflictInfo } from './conflict-info.js';
import { pendingMergesText, withPendingMerge, writePendingMergesText, type PendingMerge } from './pending-merges.js';
import { readRollbackMerges } from './rollback-merge.js';
import type { SafetySnapshotHook } from './push-project.js';
import { appendAuditEntry } from '../snapshots/audit-trail.js';
import { snapshotFolder } from '../snapshots/snapshot-metadata.js';
import { fetchSource, keepCommit } from '../sources/source-cache.js';
import { sourcedEntries, withBaseTree, withUpstreamTree, type RecordedUpstream } from './upstream-trees.js';
import { entryAtCommit, lockAtCommit, type UpstreamRecord } from '../sources/upstream-record.js';

/** Conflict markers of an update name its sides: the collection copy, the base, the upstream. */
export const UPDATE_LABELS = ['collection', 'base', 'upstream'] as const;

/** The SHA-256 of no content: the base of an update whose recorded upstream content is lost. */
const NO_CONTENT = hashBytes('');

export interface UpdateRequest {
  readonly collection: string;
  readonly names?: readonly string[];
  readonly type?: ArtifactType;
  readonly dryRun: boolean;
}

export interface UpdateServices {
  readonly paths: HomePaths;
  readonly key: JournalKey;
  readonly versions: VersionPort;
  readonly recorded: RecordedUpstream;
  readonly safetySnapshot: SafetySnapshotHook;
  readonly now: string;
}

/** What update decided for one artifact, with what it needs to apply it. */
interface UpdatePlan {
  readonly entry: ManifestArtifact;
  readonly record: UpstreamRecord;
  result: ArtifactUpdate;
  readonly gitDir?: string;
  readonly commit?: string;
  readonly version?: string | undefined;
  readonly theirs?: FileMap;
  readonly theirsSha?: string;
  readonly base?: FileMap | undefined;
  readonly baseSha?: string;
  readonly ours?: FileMap;
  readonly oursSha?: string;
  /** The new collection content (updated or merged cleanly); undefined for a conflict or nothing to write. */
  readonly tree?: FileMap;
  readonly merge?: TreeMergeResult;
}

/** Updates the collection's sourced artifacts (or those named) from their upstreams; see the module's comment. */
export async function updateArtifacts(services: UpdateServices, request: UpdateRequest): Promise<UpdateResult> {
  const { paths } = services;
  const collection = await openCollection(paths, request.collection);
  const fetched = new Map<string, Promise<string>>();
  const plans: UpdatePlan[] = [];
  for (const { entry, record } of sourcedEntries(collection, request.names, request.type)) plans.push(await planUpdate(services, collection, entry, record, fetched));

  const toWrite = plans.filter((p) => p.commit !== undefined && p.commit !== p.record.resolvedSha && p.result.action !== 'conflict' && p.result.action !== 'error');
  const conflicted = plans.filter((p) => p.result.action === 'conflict');
  const changed = toWrite.some((p) => p.result.action !== 'up_to_date') || conflicted.length > 0;
  const result: UpdateResult = {
    collection: collection.name,
    dry_run: request.dryRun,
    status: plans.some((p) => p.result.action === 'conflict' || p.result.action === 'error') ? 'partial' : changed ? 'ok' : 'nothing_to_do',
    safety_snapshot_id: null,
    artifacts: plans.map((p) => p.result),
  };
  if (request.dryRun || (toWrite.length === 0 && conflicted.length === 0)) return result;

  // Each upstream content is a version (origin update), child of the one it came after: kept before anything is written.
  for (const plan of [...toWrite, ...conflicted]) plan.result = { ...plan.result, upstream_version_id: await recordUpstream(services, collection.name, plan) };
  // A safety snapshot only when a collection copy is about to be rewritten.
  const rewrites = toWrite.some((p) => p.tree !== undefined && p.result.new_sha !== p.oursSha);
  const safety = rewrites ? ((await services.safetySnapshot(collection.name, 'update')) ?? null) : null;
  try {
    await withCollectionLock(paths, collection.name, 'update', async () => {
      const now = await openCollection(paths, collection.name);
      await applyUpdates(services, now, toWrite);
      if (conflicted.length > 0) await keepUnfinished(services, now.name, conflicted);
    });
  } catch (error) {
    await audit(services, collection.name, safety, plans, error instanceof Error ? error.message : String(error)).catch(() => undefined);
    throw error;
  }
  await audit(services, collection.name, safety, plans).catch(() => undefined);
  for (const plan of [...toWrite, ...conflicted]) if (plan.gitDir !== undefined && plan.commit !== undefined) await keepCommit(plan.gitDir, plan.commit);
  return { ...result, safety_snapshot_id: safety, artifacts: plans.map((p) => p.result) };
}

/** Fetches an artifact's upstream and merges it with the collection copy, in memory (large files in the blob store). */
async function planUpdate(services: UpdateServices, collection: OpenCollection, entry: ManifestArtifact, record: UpstreamRecord, fetched: Map<string, Promise<string>>): Promise<UpdatePlan> {
  const { paths } = services;
  const kind = artifactTypeInfo(entry.type).kind;
  const result: ArtifactUpdate = {
    name: entry.name,
    type: entry.type,
    source: formatSource(record.spec),
    action: 'up_to_date',
    from_sha: record.resolvedSha,
    to_sha: null,
    from_version: record.resolvedVersion ?? null,
    to_version: null,
    files: [],
    conflicts: [],
    new_sha: null,
    upstream_version_id: null,
    error: null,
  };
  try {
    const { gitDir, resolved } = await fetchSource(paths, record.spec, fetched);
    if (resolved.commit === record.resolvedSha) return { entry, record, result: { ...result, to_sha: resolved.commit, to_version: record.resolvedVersion ?? null } };
    return await withUpstreamTree(paths, gitDir, resolved.commit, record.spec, entry.type, (theirs) =>
      withBaseTree(paths, gitDir, entry, record, services.recorded, async (base) => {
        const copy = collectionCopyPath(collection, entry);
        const ours = await readCollectionConsistently(paths, collection.name, async () => (await readFileMap(copy, kind, 'refuse', blobKeeper(paths.objectsDir))) ?? new Map());
        const [theirsSha, oursSha, baseSha] = await Promise.all([hashFileMap(theirs.files, kind), hashFileMap(ours, kind), base === undefined ? NO_CONTENT : hashFileMap(base, kind)]);
        const version = resolved.tag ?? theirs.frontMatterVersion;
        const moved = { ...result, to_sha: resolved.commit, to_version: version ?? null };
        const common = { entry, record, gitDir, commit: resolved.commit, version, theirs: theirs.files, theirsSha, base, baseSha, ours, oursSha };
        if (theirsSha === oursSha) return { ...common, result: { ...moved, action: theirsSha === baseSha ? 'up_to_date' : 'updated' } } satisfies UpdatePlan;
        const merge = mergeTrees({ base, local: ours, remote: theirs.files, labels: UPDATE_LABELS });
        const files = merge.decisions.filter((d) => d.outcome !== 'unchanged').map((d) => ({ path: d.path, outcome: d.outcome }));
        if (!merge.clean) return { ...common, merge, result: { ...moved, action: 'conflict', files, conflicts: merge.conflicts.map(conflictInfo) } } satisfies UpdatePlan;
        // A collection copy as upstream left it takes the new tree whole (`updated`); one with edits of its own is merged.
        return { ...common, merge, tree: merge.files, result: { ...moved, action: oursSha === baseSha ? 'updated' : 'merged', files, new_sha: await hashFileMap(merge.files, kind) } } satisfies UpdatePlan;
      }),
    );
  } catch (error) {
    if (!(error instanceof SkillmeatError)) throw error;
    return { entry, record, result: { ...result, action: 'error', error: { code: error.code, message: error.message } } };
  }
}

/** Keeps the new upstream content as a version of origin `update`, child of the upstream content it follows; returns its id. */
async function recordUpstream(services: UpdateServices, collection: string, plan: UpdatePlan): Promise<string> {
  const ref = refOf(collection, plan.entry);
  const parent = plan.baseSha === undefined ? undefined : await services.versions.idOf(ref, plan.baseSha);
  return services.versions.record({
    artifact: ref,
    kind: artifactTypeInfo(plan.entry.type).kind,
    files: plan.theirs!,
    parents: parent ? [parent] : [],
    mergeStrategy: 'update',
    scope: { kind: 'collection', name: collection },
    versionTag: plan.version,
    metadata: { source: formatSource(plan.record.spec), resolved_sha: plan.commit, ...(plan.version !== undefined ? { resolved_version: plan.version } : {}) },
  });
}

/**
 * Writes every clean update in one crash-safe step (files, manifest and lock together), under the
 * collection lock; a copy changed since it was read is not overwritten (`busy`, nothing written).
 */
async function applyUpdates(services: UpdateServices, collection: OpenCollection, plans: readonly UpdatePlan[]): Promise<void> {
  if (plans.length === 0) return;
  let manifest = collection.manifest;
  let lockfile = collection.lockfile;
  const writes: TreeWrite[] = [];
  for (const plan of plans) {
    const kind = artifactTypeInfo(plan.entry.type).kind;
    const entry = manifest.artifacts.find((a) => a.name === plan.entry.name && a.type === plan.entry.type);
    const copy = collectionCopyPath(collection, plan.entry);
    if (entry === undefined || (await hashArtifact(copy, kind)) !== plan.oursSha) {
      throw new SkillmeatError('busy', `The collection copy of ${plan.entry.type} "${plan.entry.name}" changed while this update was being prepared. Nothing was updated; run update again.`, { name: plan.entry.name });
    }
    const contentHash = plan.tree === undefined ? plan.oursSha! : await hashFileMap(plan.tree, kind);
    manifest = { ...manifest, artifacts: manifest.artifacts.map((a) => (a === entry ? entryAtCommit(a, plan.record.spec, plan.commit!, plan.version, services.now) : a)) };
    lockfile = lockAtCommit(lockfile, plan.entry.type, plan.entry.name, { contentHash, fetched: services.now, spec: plan.record.spec, commit: plan.commit!, version: plan.version });
    if (plan.tree !== undefined && contentHash !== plan.oursSha) {
      await recordCollectionResult(services, collection.name, plan);
      writes.push({ target: copy, files: plan.tree, kind, modeSources: [copy] });
    }
  }
  await applyTrees(writes, collection.root, services.key, (writer) => saveCollection(collection, { ...manifest, updated: services.now }, lockfile, writer), { fence: collectionFence(services.paths, collection.name) });
}

/** A merged result is a version of its own (two parents: the collection's content and upstream's); the replaced copy is kept when it held edits. */
async function recordCollectionResult(services: UpdateServices, collection: string, plan: UpdatePlan): Promise<void> {
  if (plan.result.action !== 'merged') return;
  const ref = refOf(collection, plan.entry);
  const kind = artifactTypeInfo(plan.entry.type).kind;
  const baseId = await services.versions.idOf(ref, plan.baseSha!);
  const oursId = await services.versions.record({ artifact: ref, kind, files: plan.ours!, parents: baseId ? [baseId] : [], mergeStrategy: 'overwritten', scope: { kind: 'collection', name: collection } });
  const theirsId = await services.versions.idOf(ref, plan.theirsSha!);
  await services.versions.record({ artifact: ref, kind, files: plan.tree!, parents: [oursId, ...(theirsId ? [theirsId] : [])], mergeStrategy: 'merge', scope: { kind: 'collection', name: collection } });
}

/** Conflicted updates wait among the collection's unfinished merges (replacing an older one of the same artifact). */
async function keepUnfinished(services: UpdateServices, collection: string, plans: readonly UpdatePlan[]): Promise<void> {
  let pending = await readRollbackMerges(services.paths, collection);
  for (const plan of plans) {
    const merge = plan.merge!;
    const conflictedPaths = new Set(merge.conflicts.map((c) => c.path));
    const unfinished: PendingMerge = {
      direction: 'update',
      name: plan.entry.name,
      type: plan.entry.type,
      collection,
      baseSha: plan.baseSha!,
      localSha: plan.oursSha!,
      remoteSha: plan.theirsSha!,
      settled: new Map([...merge.files].filter(([path]) => !conflictedPaths.has(path))),
      conflicts: merge.conflicts.map((c) => ({ path: c.path, kind: c.kind, base: c.base, local: c.local, remote: c.remote, resolution: undefined })),
    };
    pending = withPendingMerge(pending, unfinished);
  }
  const folder = snapshotFolder(services.paths, collection);
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw ioError('create', folder, error);
  });
  await writePendingMergesText(folder, await pendingMergesText(pending, services.paths.objectsDir));
}

/** A merge into the collection is recorded in its audit trail (versioning spec 8), whether it succeeded or failed. */
async function audit(services: UpdateServices, collection: string, safety: string | null, plans: readonly UpdatePlan[], error?: string): Promise<void> {
  const merged = plans.filter((p) => p.result.action === 'merged' || p.result.action === 'conflict');
  if (merged.length === 0) return;
  const inCollection = (p: UpdatePlan, file: string) => [p.entry.path, file].filter((s) => s !== '').join('/');
  await appendAuditEntry(
    services.paths,
    collection,
    {
      ...(safety ? { sourceSnapshotId: safety } : {}),
      targetSnapshotId: `upstream:${merged.map((p) => p.result.source).join(' ')}`,
      operationType: 'merge',
      filesMerged: merged.flatMap((p) => p.result.files.filter((f) => f.outcome === 'merged').map((f) => inCollection(p, f.path))),
      conflictsPending: merged.flatMap((p) => p.result.conflicts.map((c) => inCollection(p, c.path))),
      preserveChangesEnabled: true,
      success: error === undefined,
      ...(error !== undefined ? { error } : {}),
    },
    new Date(services.now),
  );
}

function refOf(collection: string, entry: ManifestArtifact): ArtifactRef {
  return { collection, name: entry.name, type: entry.type };
}

import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { artifactRelativePath, lockKey, type ArtifactType } from '../shared/artifact-types.js';
import type { RecoverResult, ArtifactInfo, AuditEntryInfo, CollectionSummary, DeployResult, DriftReport, HistoryResult, MergeOperationResult, PendingMergeInfo, ProjectSummary, SnapshotInfo, UndeployResult, VerifyResult } from '../shared/results.js';
import { collectionDir, homePaths, resolveHomeRoot, type HomePaths } from './home/home-paths.js';
import { SkillmeatError, ioError } from './errors.js';
import { rfc3339 } from './time.js';
import { HashCache } from './hash/hash-cache.js';
import { readHashIndexAndShards, writeHashIndex } from './hash/hash-index-file.js';
import type { BatchHasher } from './hash/batch-hasher.js';
import { ParsedFileCache } from './fs/parsed-file-cache.js';
import { collectionCopyPath, collectionNamesOnDisk, initCollection, listCollections, openCollection, resolveCollectionName, useCollection, type OpenCollection } from './collection/collections.js';
import { recoverCollectionIfInterrupted, withCollectionLock } from './collection/collection-lock.js';
import { recoverProjectIfInterrupted } from './project/project-lock.js';
import { journalKey } from './fs/journal-key.js';
import { addArtifact, listArtifacts, removeArtifact, resolveOne } from './collection/collection-artifacts.js';
import type { VersionStore } from './versions/version-store.js';
import type { VersionPort } from './versions/version-port.js';
import type { HistoryPageRequest } from './history/history-page.js';
import type { HistoryPage, VersionWhereabouts } from '../shared/history-results.js';
import type { MergeContext } from './sync/sync-project.js';
import type { PushStrategy, SafetySnapshotHook } from './sync/push-project.js';
import type { ResolveChoice, SettleRequest } from './sync/settle-merge.js';
import type { ArtifactChanges, CompareSides, MergeDocument, UpstreamChanges, VersionDiff } from '../shared/merge-results.js';
import type { RollbackResult, SnapshotArtifact, SnapshotDiff, SnapshotFileDiff, SnapshotPage } from '../shared/snapshot-results.js';
import type { TimelineRequest } from './snapshots/snapshot-timeline.js';
import type { RollbackServices } from './snapshots/rollback.js';
import { readProjectRegistry, registerProject, unregisterProject } from './project/project-registry.js';
import { pathExists } from './fs/path-exists.js';
import { resolveProject } from './project/project-paths.js';
import type { CacheDb } from './cache/cache-db.js';
import type { ProgressListener } from './progress.js';
import type { DriftChange, DriftMonitorPort } from './monitor/drift-monitor.js';
import type { ProjectDriftSummary } from '../shared/drift-summary.js';
import type { UpdateCheckResult, UpdateResult } from '../shared/results.js';
import type { RecordedUpstream } from './sync/upstream-trees.js';

// Each operation's modules are loaded when it first runs (`await import(...)` below): a command pays
// at start-up only for what it uses, and the CLI starts within a few milliseconds of plain Node
// (bench/startup-bench.js). Types are imported statically; they cost nothing at run time.

/** Where an unfinished merge waits: in a project (a sync's or push's), or, without one, in the collection (a rollback's). */
export interface MergePlace {
  readonly project?: string | undefined;
  readonly collection?: string | undefined;
}

export interface SkillMeatOptions {
  /** Home folder; else `$SKILLMEAT_HOME`, else `~/.skillmeat`. */
  readonly home?: string;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** Receives one-off notices a user should see (e.g. a corrupt cache was set aside and rebuilt). */
  readonly onNotice?: (message: string) => void;
  /** Takes a safety snapshot of a collection before an operation rewrites it; returns its id. */
  readonly safetySnapshot?: SafetySnapshotHook;
}

/**
 * The core's service facade: one object whose methods are the product's operations. The CLI, the
 * web server and Electron main are thin adapters over it; none of them holds logic of its own.
 * A long-lived instance (the app) keeps a hash cache, so re-checking drift re-reads only what changed.
 */
export class SkillMeat {
  readonly paths: HomePaths;
  private readonly hashCache = new HashCache();
  private hashIndexRead: Promise<void> | undefined;
  private readonly parsedFiles = new ParsedFileCache();
  private hasher: BatchHasher | undefined;
  private readonly clock: () => Date;
  private readonly onNotice: (message: string) => void;
  private readonly safetySnapshot: SafetySnapshotHook;
  private versionStore: VersionStore | undefined;
  private cacheDb: Promise<CacheDb> | undefined;
  /** The cache refresh behind the last drift round; awaited before reading the cache and on close. */
  private cacheRefresh: Promise<void> = Promise.resolve();

  constructor(options: SkillMeatOptions = {}) {
    this.paths = homePaths(resolveHomeRoot(options.home));
    this.clock = options.now ?? (() => new Date());
    this.onNotice = options.onNotice ?? (() => undefined);
    // Every operation that rewrites a collection takes a safety snapshot first (versioning spec 7).
    this.safetySnapshot =
      options.safetySnapshot ??
      (async (collection, operation) => {
        const { safetySnapshotMessage } = await import('./snapshots/snapshot-kind.js');
        return (await this.createSnapshot(collection, safetySnapshotMessage(operation), true)).id;
      });
  }

  /** Creates a collection (default `default`); creating one that exists is not an error. */
  async init(name = 'default'): Promise<{ collection: string; path: string; created: boolean }> {
    await this.ensureHome();
    const { root, created } = await initCollection(this.paths, name, this.now());
    return { collection: name, path: root, created };
  }

  /** Every collection of the home. */
  async listCollections(): Promise<CollectionSummary[]> {
    return (await listCollections(this.paths)).map((c) => ({ name: c.name, path: c.root, artifact_count: c.artifactCount, active: c.active }));
  }

  /** Makes a collection the active one. */
  async useCollection(name: string): Promise<{ collection: string }> {
    await useCollection(this.paths, name);
    return { collection: name };
  }

  /**
   * Adds an artifact: a local file or folder, or (cli.md `add SOURCE`) the tree at PATH of a git
   * source — `github:OWNER/REPO/PATH[@REF]`, `git+URL#PATH[@REF]`, or the Python tool's
   * `OWNER/REPO/PATH[@REF]` when no such local path exists.
   */
  async addArtifact(source: string, options: { type?: ArtifactType; name?: string; collection?: string } = {}): Promise<ArtifactInfo> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    const { isExplicitSource, looksLikeBareGithub } = await import('../shared/source-spec.js');
    if (isExplicitSource(source) || (looksLikeBareGithub(source) && !(await pathExists(resolve(source))))) return this.addFromSource(source, options);
    const added = await addArtifact(this.paths, collection, source, options, this.now());
    // The added content is the first node of the artifact's history, and HEAD for a later
    // rollback that keeps hand edits (versioning spec 8). The artifact is in the collection
    // whatever happens here: a failure to keep the version is said, not thrown.
    await this.keepCollectionVersions(collection, 'add', [{ name: added.name, type: added.type }]);
    return added;
  }

  /** Adds the artifact a git source names (see addArtifact); the fetched tree is recorded as the artifact's first version, with its commit. */
  async addFromSource(source: string, options: { type?: ArtifactType; name?: string; collection?: string } = {}): Promise<ArtifactInfo> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    const [{ addFromSource, parseUserSource }, { isExplicitSource }] = await Promise.all([import('./sources/add-source.js'), import('../shared/source-spec.js')]);
    const spec = parseUserSource(source, !isExplicitSource(source));
    await this.ensureHome();
    const added = await addFromSource(this.paths, collection, spec, { ...(options.type ? { type: options.type } : {}), ...(options.name ? { name: options.name } : {}) }, this.now());
    await this.keepCollectionVersions(collection, 'add', [
      { name: added.artifact.name, type: added.artifact.type, versionTag: added.version, metadata: { source: added.artifact.upstream?.source, resolved_sha: added.commit } },
    ]);
    return added.artifact;
  }

  /**
   * Records collection copies as versions (scope: the collection), each a child of `parentHash`'s
   * version when the store has it. Each is said, not thrown, when it cannot be kept: the operation
   * that wrote the copies is done whatever happens here.
   */
  private async keepCollectionVersions(
    collection: string,
    origin: 'add' | 'rollback',
    artifacts: readonly { name: string; type: ArtifactType; parentHash?: string | undefined; versionTag?: string | undefined; metadata?: Record<string, unknown> }[],
  ): Promise<void> {
    if (artifacts.length === 0) return;
    const open = await openCollection(this.paths, collection);
    for (const { name, type, parentHash, versionTag, metadata } of artifacts) {
      try {
        const ref = { collection, name, type };
        const versions = await this.versions();
        const parent = parentHash === undefined ? undefined : await versions.findByContent(ref, parentHash);
        // From the path: large files stream into the store rather than into memory.
        const copy = collectionCopyPath(open, { path: artifactRelativePath(type, name) });
        await versions.record({
          artifact: ref,
          source: copy,
          parents: parent ? [parent.id] : [],
          createdBy: 'system',
          mergeStrategy: origin,
          scope: { kind: 'collection', name: collection },
          ...(versionTag !== undefined ? { versionTag } : {}),
          ...(metadata !== undefined ? { metadata } : {}),
        });
      } catch (error) {
        this.onNotice(`${origin === 'add' ? 'Added' : 'Rolled back'} ${type} "${name}", but could not keep its content in the version store: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /**
   * Upstream drift: where each artifact added from a git source stands against its upstream (its
   * repository fetched incrementally into the source cache); the collection is not changed.
   */
  async checkUpdates(options: { names?: readonly string[]; type?: ArtifactType; collection?: string } = {}): Promise<UpdateCheckResult> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    const { checkUpdates } = await import('./sync/upstream-check.js');
    return checkUpdates(this.paths, { collection, ...(options.names ? { names: options.names } : {}), ...(options.type ? { type: options.type } : {}), now: this.now() }, this.recordedUpstream());
  }

  /**
   * Brings upstream changes into the collection (three-way merging its own edits), after a safety
   * snapshot; conflicts wait among the collection's unfinished merges. `dryRun` only plans.
   */
  async update(options: { names?: readonly string[]; type?: ArtifactType; collection?: string; dryRun?: boolean } = {}): Promise<UpdateResult> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    const { updateArtifacts } = await import('./sync/upstream-update.js');
    return updateArtifacts(
      { paths: this.paths, key: await journalKey(this.paths.journalKey), versions: await this.versionPort(), recorded: this.recordedUpstream(), safetySnapshot: this.safetySnapshot, now: this.now() },
      { collection, ...(options.names ? { names: options.names } : {}), ...(options.type ? { type: options.type } : {}), dryRun: options.dryRun ?? false },
    );
  }

  /** What upstream changed in one sourced artifact, from the commit its collection copy took to `to` (a commit a check fetched); reads the source cache only. */
  async upstreamChanges(request: { name: string; type?: ArtifactType | undefined; collection?: string | undefined; to: string }): Promise<UpstreamChanges> {
    const collection = await resolveCollectionName(this.paths, request.collection);
    const { upstreamChanges } = await import('./sync/upstream-check.js');
    return upstreamChanges(this.paths, { collection, name: request.name, ...(request.type !== undefined ? { type: request.type } : {}), to: request.to }, this.recordedUpstream());
  }

  /** Finds the content an artifact took from its upstream at a commit, in the version store (its add or update version). */
  private recordedUpstream(): RecordedUpstream {
    return async (entry, commit) => {
      const store = await this.versions();
      const found = (await store.history({ name: entry.name, type: entry.type })).find((v) => (v.merge_strategy === 'add' || v.merge_strategy === 'update') && v.metadata.resolved_sha === commit);
      return found && store.files(found);
    };
  }

  /** Removes an artifact from its collection, after a safety snapshot (a selective rollback to it brings the artifact back). */
  async removeArtifact(name: string, options: { type?: ArtifactType; collection?: string } = {}): Promise<{ name: string; type: ArtifactType; collection: string; safety_snapshot_id: string | null }> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    resolveOne(await openCollection(this.paths, collection), name, options.type); // refuse unknown names before snapshotting
    const snapshotId = (await this.safetySnapshot(collection, 'remove')) ?? null;
    const removed = await removeArtifact(this.paths, collection, name, options.type, this.now());
    return { name: removed.name, type: removed.type, collection, safety_snapshot_id: snapshotId };
  }

  /** Archives the whole collection as a manual snapshot (kept until deleted). */
  async snapshot(message = '', options: { collection?: string; onProgress?: ProgressListener } = {}): Promise<SnapshotInfo> {
    return this.createSnapshot(await resolveCollectionName(this.paths, options.collection), message, false, options.onProgress);
  }

  /** Snapshots of a collection, newest first. */
  async snapshots(options: { collection?: string; limit?: number; offset?: number } = {}): Promise<SnapshotInfo[]> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    const { listCollectionSnapshots } = await import('./snapshots/snapshot-manager.js');
    return listCollectionSnapshots(this.paths, collection, { ...(options.limit !== undefined ? { limit: options.limit } : {}), ...(options.offset !== undefined ? { offset: options.offset } : {}) }, this.clock());
  }

  /** One snapshot's metadata. */
  async showSnapshot(id: string, options: { collection?: string } = {}): Promise<SnapshotInfo> {
    const { showSnapshot } = await import('./snapshots/snapshot-manager.js');
    return showSnapshot(this.paths, await resolveCollectionName(this.paths, options.collection), id, this.clock());
  }

  /** One page of the snapshot timeline: newest first, each with its changes since the snapshot before; filtered by kind or by an artifact that changed. */
  async snapshotPage(options: Partial<TimelineRequest> = {}): Promise<SnapshotPage> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    const { snapshotPage } = await import('./snapshots/snapshot-timeline.js');
    return snapshotPage(this.paths, { ...options, collection }, this.clock());
  }

  /** The artifacts a snapshot holds, from its index (no archive is unpacked). */
  async snapshotArtifacts(id: string, options: { collection?: string } = {}): Promise<SnapshotArtifact[]> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    const [{ readSnapshotMetadata }, { snapshotIndex }, { entryOrError }] = await Promise.all([import('./snapshots/snapshot-metadata.js'), import('./snapshots/snapshot-index.js'), import('./snapshots/snapshot-manager.js')]);
    const metadata = await readSnapshotMetadata(this.paths, collection);
    const index = await snapshotIndex(this.paths, metadata, entryOrError(metadata, id));
    return index.artifacts.map(({ name, type, content_hash, file_count, size_bytes }) => ({ name, type, content_hash, file_count, size_bytes }));
  }

  /** Artifacts and files added / modified / removed from snapshot `from` to `to` (default: the collection now); nothing is extracted. */
  async snapshotDiff(from: string, options: { to?: string; collection?: string } = {}): Promise<SnapshotDiff> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    const { snapshotDiff } = await import('./snapshots/snapshot-diff.js');
    return snapshotDiff(this.paths, { collection, from, ...(options.to !== undefined ? { to: options.to } : {}) }, this.hashCache);
  }

  /** The two texts of one file of a snapshot diff (`path` relative to the collection folder); only that file is read. */
  async snapshotFileDiff(from: string, path: string, options: { to?: string; collection?: string } = {}): Promise<SnapshotFileDiff> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    const { snapshotFileDiff } = await import('./snapshots/snapshot-diff.js');
    return snapshotFileDiff(this.paths, { collection, from, path, ...(options.to !== undefined ? { to: options.to } : {}) });
  }

  /** Pins a snapshot (retention never thins it), or unpins it. */
  async pinSnapshot(id: string, pinned: boolean, options: { collection?: string } = {}): Promise<SnapshotInfo> {
    const { pinSnapshot } = await import('./snapshots/snapshot-manager.js');
    return pinSnapshot(this.paths, await resolveCollectionName(this.paths, options.collection), id, pinned, this.clock());
  }

  /**
   * Rolls the collection back to a snapshot (plain, preserving later changes, or only some paths),
   * after a safety snapshot; every rollback, successful or not, is recorded in the audit trail.
   */
  async rollback(snapshotId: string, options: { collection?: string; preserveChanges?: boolean; paths?: readonly string[]; dryRun?: boolean } = {}): Promise<RollbackResult> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    const [{ showSnapshot }, { normalizeSelectivePath, planCollectionRollback, recordFailedRollback, recordUnchangedRollback, rollback }] = await Promise.all([import('./snapshots/snapshot-manager.js'), import('./snapshots/rollback.js')]);
    // Refuse an unknown snapshot before anything is written; under the lock, so a snapshot being written meanwhile is seen whole.
    await withCollectionLock(this.paths, collection, 'rollback', () => showSnapshot(this.paths, collection, snapshotId));
    const paths = (options.paths ?? []).map(normalizeSelectivePath);
    const request = { collection, snapshotId, preserveChanges: options.preserveChanges ?? false, ...(paths.length > 0 ? { paths } : {}), now: this.clock() };
    const services = await this.rollbackServices(collection);
    // The plan first: a dry run stops there, and a rollback that would change nothing says so without a safety snapshot.
    if (options.dryRun) return planCollectionRollback(this.paths, request, services);
    const plan = await planCollectionRollback(this.paths, request, services).catch(async (error: unknown) => {
      await recordFailedRollback(this.paths, request, error);
      throw error;
    });
    if (plan.status === 'unchanged') return recordUnchangedRollback(this.paths, request, plan);
    const recordedBefore = (await openCollection(this.paths, collection)).lockfile;
    const safety = await this.safetySnapshot(collection, 'rollback');
    const result = await rollback(this.paths, request, safety, services);
    // What the rollback rewrote is a version too (origin rollback, child of what was recorded before):
    // history shows it, and a later rollback finds it as HEAD without searching snapshots.
    const rewritten = result.artifacts.filter((a) => a.change !== 'removed' && a.files.some((f) => f.action === 'restore' || f.action === 'merge'));
    await this.keepCollectionVersions(
      collection,
      'rollback',
      rewritten.map((a) => ({ name: a.name, type: a.type, parentHash: recordedBefore.entries.get(lockKey(a.type, a.name))?.contentHash })),
    );
    return result;
  }

  /** Re-checks what the metadata claims (lock entries, baselines, version store, snapshot archives). */
  async verify(): Promise<VerifyResult> {
    const { verifyHome } = await import('./verify/verify-home.js');
    return verifyHome(this.paths, await this.versions());
  }

  /** Audit trail entries (rollbacks and merges) of a collection, newest first. */
  async audit(options: { collection?: string; limit?: number } = {}): Promise<AuditEntryInfo[]> {
    const collection = await resolveCollectionName(this.paths, options.collection);
    const { listAuditEntries } = await import('./snapshots/audit-trail.js');
    const entries = await listAuditEntries(this.paths, collection, options.limit !== undefined ? { limit: options.limit } : {});
    return entries.map((e) => ({
      id: e.id,
      timestamp: e.timestamp,
      collection_name: e.collectionName,
      source_snapshot_id: e.sourceSnapshotId,
      target_snapshot_id: e.targetSnapshotId,
      operation_type: e.operationType,
      files_restored: [...e.filesRestored],
      files_merged: [...e.filesMerged],
      conflicts_resolved: [...e.conflictsResolved],
      conflicts_pending: [...e.conflictsPending],
      preserve_changes_enabled: e.preserveChangesEnabled,
      success: e.success,
      error: e.error ?? null,
      selective_paths: [...e.selectivePaths],
    }));
  }

  /** Deletes a snapshot and its archive. */
  async deleteSnapshot(id: string, options: { collection?: string } = {}): Promise<SnapshotInfo> {
    const { deleteSnapshot } = await import('./snapshots/snapshot-manager.js');
    return deleteSnapshot(this.paths, await resolveCollectionName(this.paths, options.collection), id, this.clock());
  }

  /**
   * Artifacts of a collection with their current content hashes. Hashes come from the hash index
   * when a stat shows the files unchanged (as `git status` uses git's index), so listing an
   * unchanged collection reads no file content; what it had to hash is saved for the next process.
   */
  async listArtifacts(options: { collection?: string } = {}): Promise<ArtifactInfo[]> {
    return this.hashedArtifacts(await openCollection(this.paths, await resolveCollectionName(this.paths, options.collection)));
  }


  /** Entries of the collection of types we do not manage (the Python tool's `workflow`): kept as they are, listed so a user knows. */
  async unsupportedArtifacts(options: { collection?: string } = {}): Promise<UnsupportedEntries> {
    return unsupportedEntries(await openCollection(this.paths, await resolveCollectionName(this.paths, options.collection)));
  }

  /** What `skillmeat list` shows, from one read of the collection: its artifacts with their hashes, and what it keeps that we do not manage. */
  async listCollection(options: { collection?: string } = {}): Promise<{ artifacts: ArtifactInfo[]; unsupported: UnsupportedEntries }> {
    const collection = await openCollection(this.paths, await resolveCollectionName(this.paths, options.collection));
    return { artifacts: await this.hashedArtifacts(collection), unsupported: unsupportedEntries(collection) };
  }

  /** The collection's artifacts with their hashes, taken from the hash index where a stat vouches for them. */
  private async hashedArtifacts(collection: OpenCollection): Promise<ArtifactInfo[]> {
    const cache = await this.knownHashes();
    const artifacts = await listArtifacts(collection, cache);
    if (cache.hasChanges) await this.saveKnownHashes();
    return artifacts;
  }


  /** Deploys artifacts into a project and records their baselines. */
  async deploy(request: { names: readonly string[]; project: string; type?: ArtifactType; collection?: string; overwrite?: boolean; onProgress?: ProgressListener }): Promise<DeployResult> {
    const collection = await resolveCollectionName(this.paths, request.collection);
    const { deployArtifacts } = await import('./deploy/deployer.js');
    return deployArtifacts(this.paths, {
      collection,
      names: request.names,
      ...(request.type ? { type: request.type } : {}),
      projectDir: request.project,
      overwrite: request.overwrite ?? false,
      now: this.now(),
      versions: await this.versionPort(),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
  }

  /** Removes a deployed copy and its record. */
  async undeploy(request: { name: string; project: string; type?: ArtifactType; force?: boolean }): Promise<UndeployResult> {
    const { undeployArtifact } = await import('./deploy/deployer.js');
    return undeployArtifact({ paths: this.paths, name: request.name, ...(request.type ? { type: request.type } : {}), projectDir: request.project, force: request.force ?? false, versions: await this.versionPort() });
  }

  /**
   * Drift reports of the given projects (read-only on projects and collections). The cache database
   * is refreshed right behind the reports, so a caller shows them without waiting for SQLite (or for
   * TypeORM to load); reading the cache and `close()` wait for that refresh, and a failed refresh is
   * reported as a notice (the cache is derived data: the next check rewrites it).
   */
  async checkDrift(projectDirs: readonly string[]): Promise<DriftReport[]> {
    const [hasher, { DriftChecker }, { driftRowsOf }] = await Promise.all([this.batchHasher(), import('./drift/drift-check.js'), import('./cache/drift-rows.js')]);
    const reports = await new DriftChecker(this.paths, hasher, this.parsedFiles, this.now()).check(projectDirs);
    this.cacheRefresh = this.cacheRefresh.then(async () => {
      try {
        const cache = await this.cache();
        // A project that could not be checked keeps its last good summary.
        for (const report of reports) if (report.error === null) await cache.recordDriftCheck(report.project, report.checked_at, driftRowsOf(report), report.added.length);
      } catch (error) {
        this.onNotice(`the cache database was not refreshed (${error instanceof Error ? error.message : String(error)}); drift results above are unaffected.`);
      }
    });
    return reports;
  }

  /** Sync (collection → project): take collection changes, three-way merging local edits. */
  async sync(request: { project: string; artifacts?: readonly string[]; dryRun?: boolean; writeMarkers?: boolean }): Promise<MergeOperationResult> {
    const { syncProject } = await import('./sync/sync-project.js');
    return syncProject(await this.mergeContext(), {
      projectDir: request.project,
      ...(request.artifacts ? { artifacts: request.artifacts } : {}),
      dryRun: request.dryRun ?? false,
      writeMarkers: request.writeMarkers ?? false,
    });
  }

  /** Push (project → collection) with the overwrite, merge (default) or fork strategy. */
  async push(request: { project: string; artifacts?: readonly string[]; strategy?: PushStrategy; dryRun?: boolean }): Promise<MergeOperationResult> {
    const ctx = await this.mergeContext();
    const { pushProject } = await import('./sync/push-project.js');
    return pushProject(ctx, { projectDir: request.project, ...(request.artifacts ? { artifacts: request.artifacts } : {}), strategy: request.strategy ?? 'merge', dryRun: request.dryRun ?? false }, this.safetySnapshot);
  }

  /**
   * Settles one conflicted file of an unfinished merge (sync or push); completes the merge when none
   * is left. With `draft`, only keeps the text as a partial result. `file` may be omitted for a
   * single-file artifact.
   */
  async resolve(request: MergePlace & { artifact: string; type?: ArtifactType; file?: string; choice: ResolveChoice; draft?: boolean }): Promise<MergeOperationResult> {
    return this.settle(request, { artifact: request.artifact, ...(request.type ? { type: request.type } : {}), settlements: [{ file: request.file ?? '', choice: request.choice }], ...(request.draft ? { draft: true } : {}) });
  }

  /** Settles files of the merge a project holds, or (no project) of a rollback's merge in the collection. */
  private async settle(place: MergePlace, request: Omit<SettleRequest, 'projectDir'>): Promise<MergeOperationResult> {
    if (place.project !== undefined) {
      const { settleMerge } = await import('./sync/settle-merge.js');
      return settleMerge(await this.mergeContext(), { ...request, projectDir: place.project }, this.safetySnapshot);
    }
    const collection = await resolveCollectionName(this.paths, place.collection);
    const { settleRollbackMerge } = await import('./sync/rollback-merge.js');
    return settleRollbackMerge(await this.mergeContext(), { ...request, collection }, this.safetySnapshot);
  }

  /** Settles every given file of an unfinished merge in one step and completes it; texts with conflict markers are refused unless `allowMarkers`. */
  async completeMerge(request: MergePlace & { artifact: string; type?: ArtifactType; files: readonly { path: string; choice: ResolveChoice }[]; allowMarkers?: boolean }): Promise<MergeOperationResult> {
    return this.settle(request, {
      artifact: request.artifact,
      ...(request.type ? { type: request.type } : {}),
      settlements: request.files.map((f) => ({ file: f.path, choice: f.choice })),
      allowMarkers: request.allowMarkers ?? false,
    });
  }

  /** The unfinished merge of one artifact, file by file with its regions: what the merge view shows. Without a project: a rollback's merge in the collection. */
  async mergeDocument(request: MergePlace & { artifact: string; type?: ArtifactType }): Promise<MergeDocument> {
    if (request.project !== undefined) {
      const { mergeDocument } = await import('./sync/merge-document.js');
      return mergeDocument(this.paths, request.project, request.artifact, request.type);
    }
    const { rollbackMergeDocument } = await import('./sync/rollback-merge.js');
    return rollbackMergeDocument(this.paths, await resolveCollectionName(this.paths, request.collection), request.artifact, request.type);
  }

  /** Gives the projects listed the result of the merge completed in `project`, where they met the same merge. */
  async applyMergeElsewhere(request: { project: string; artifact: string; type?: ArtifactType; baseSha: string; projectSha: string; collectionSha: string; projects: readonly string[] }): Promise<MergeOperationResult[]> {
    const inputs = { baseSha: request.baseSha, localSha: request.projectSha, remoteSha: request.collectionSha };
    const { applyMergeElsewhere } = await import('./sync/apply-merge-elsewhere.js');
    return applyMergeElsewhere(await this.mergeContext(), request.project, request.artifact, request.type, inputs, request.projects);
  }

  /** What differs between two contents of a deployed artifact (read-only). */
  async compareArtifact(request: { project: string; artifact: string; type?: ArtifactType; compare: CompareSides }): Promise<ArtifactChanges> {
    const { artifactChanges } = await import('./sync/artifact-changes.js');
    return artifactChanges(await this.mergeContext(), request.project, request.artifact, request.type, request.compare);
  }

  /** Puts a stored version back as a project copy (undo for overwrites); the baseline is kept. */
  async restore(request: { project: string; artifact: string; versionId: string }): Promise<MergeOperationResult> {
    const { restoreVersion } = await import('./sync/restore-version.js');
    return restoreVersion(await this.mergeContext(), { projectDir: request.project, artifact: request.artifact, versionId: request.versionId });
  }

  /** What changed from one stored version to another: files added, modified and removed, with their texts. */
  async diffVersions(from: string | undefined, to: string): Promise<VersionDiff> {
    const [versions, { changedFiles }] = await Promise.all([this.versionPort(), import('./sync/artifact-changes.js')]);
    const read = async (id: string) => {
      const version = await versions.get(id);
      if (!version) throw new SkillmeatError('not_found', `No stored version ${JSON.stringify(id)}. See \`skillmeat history NAME\` for the ids.`, { id });
      return version;
    };
    // Without `from`: everything the version holds, as added (a first version's changes).
    const before = from === undefined ? undefined : await read(from);
    const after = await read(to);
    return { from: before?.id ?? '', to: after.id, name: after.name, type: after.type, files: changedFiles(before?.files ?? new Map(), after.files) };
  }

  /** What a place's working copy changed since the version it last recorded (the history view's dashed rows). */
  async workingChanges(request: { name: string; type?: ArtifactType | undefined; collection?: string | undefined; place: string }): Promise<VersionDiff> {
    const collection = await resolveCollectionName(this.paths, request.collection);
    const { workingChanges } = await import('./history/working-changes.js');
    return workingChanges(this.paths, await this.versions(), await this.versionPort(), { name: request.name, place: request.place, collection, ...(request.type !== undefined ? { type: request.type } : {}) });
  }

  /** The version DAG of one artifact, newest first. */
  async history(name: string, options: { type?: ArtifactType; collection?: string } = {}): Promise<HistoryResult> {
    const collection = await openCollection(this.paths, await resolveCollectionName(this.paths, options.collection));
    const entry = resolveOne(collection, name, options.type);
    const [store, { placeOf }] = await Promise.all([this.versions(), import('./versions/version-record.js')]);
    const versions = await store.history({ name: entry.name, type: entry.type });
    return {
      name: entry.name,
      type: entry.type,
      collection: collection.name,
      versions: versions.map((v) => ({
        id: v.id,
        content_hash: v.content_hash,
        parents: [...v.parents],
        created_at: v.created_at,
        created_by: v.created_by,
        merge_strategy: v.merge_strategy,
        scope: placeOf(v.scope),
      })),
    };
  }

  /** One page of an artifact's history for the history view: its rows laid out as lanes (filtered, paged), the places it lives in, their working copies. */
  async historyPage(request: { [K in keyof HistoryPageRequest]?: HistoryPageRequest[K] | undefined } & { name: string }): Promise<HistoryPage> {
    const collection = await resolveCollectionName(this.paths, request.collection);
    const { name, type, offset, limit, places, origins, hash } = request;
    const { historyPage } = await import('./history/history-page.js');
    return historyPage(this.paths, await this.versions(), {
      name,
      collection,
      ...(type !== undefined ? { type } : {}),
      ...(offset !== undefined ? { offset } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(places !== undefined ? { places } : {}),
      ...(origins !== undefined ? { origins } : {}),
      ...(hash !== undefined ? { hash } : {}),
    }, this.hashCache);
  }

  /** How each place an artifact lives in stands to one of its versions (holds it, behind, ahead, apart). */
  async versionWhereabouts(request: { name: string; type?: ArtifactType | undefined; collection?: string | undefined; version: string }): Promise<VersionWhereabouts> {
    const collection = await resolveCollectionName(this.paths, request.collection);
    const { versionWhereabouts } = await import('./history/version-whereabouts.js');
    return versionWhereabouts(this.paths, await this.versions(), { name: request.name, version: request.version, collection, ...(request.type !== undefined ? { type: request.type } : {}) });
  }

  /** Makes a stored version the collection's copy of its artifact, after a safety snapshot (the copy it replaces is kept as a version). */
  async adoptVersion(request: { versionId: string; collection?: string | undefined }): Promise<MergeOperationResult> {
    const collection = await resolveCollectionName(this.paths, request.collection);
    const { adoptVersion } = await import('./history/adopt-version.js');
    return adoptVersion(await this.mergeContext(), { collection, versionId: request.versionId }, this.safetySnapshot);
  }

  /** The project's unfinished merges (sync or push), each with the files still waiting for `resolve`. */
  async pendingMerges(place: MergePlace | string): Promise<PendingMergeInfo[]> {
    const where = typeof place === 'string' ? { project: place } : place;
    const [{ readPendingMerges }, { readRollbackMerges }, { conflictInfo }] = await Promise.all([import('./sync/pending-merges.js'), import('./sync/rollback-merge.js'), import('./sync/conflict-info.js')]);
    const merges =
      where.project !== undefined
        ? await readPendingMerges((await resolveProject(where.project)).claudeDir, this.paths.objectsDir)
        : await readRollbackMerges(this.paths, await resolveCollectionName(this.paths, where.collection));
    return merges.map((merge) => ({
      direction: merge.direction,
      name: merge.name,
      type: merge.type,
      collection: merge.collection,
      conflicts: merge.conflicts.filter((c) => c.resolution === undefined).map((c) => conflictInfo(c)),
    }));
  }

  /**
   * Settles operations a killed process of this home left half done, in every collection and in the
   * given projects (default: the registered ones). A writer: it takes each lock it needs, and
   * replays only journals this home signed. Every write already does this for what it locks; the
   * app runs it at start. Staging folders this home did not write are left alone and reported as
   * notices.
   */
  async recover(projectDirs?: readonly string[]): Promise<RecoverResult> {
    const { foreignStagingNotice } = await import('./drift/staging-notices.js');
    const settled: string[] = [];
    const foreign: string[] = [];
    for (const name of await collectionNamesOnDisk(this.paths)) if (await recoverCollectionIfInterrupted(this.paths, name)) settled.push(collectionDir(this.paths, name));
    const projects = projectDirs ?? (await readProjectRegistry(this.paths)).map((p) => p.path);
    for (const dir of projects) {
      // A registered project that is gone has nothing to recover (verify and drift report it).
      const project = await resolveProject(dir).catch(() => undefined);
      if (!project) continue;
      const recovery = await recoverProjectIfInterrupted(this.paths, project);
      if (recovery.settled) settled.push(project.root);
      for (const name of recovery.foreign) {
        foreign.push(join(project.claudeDir, name));
        this.onNotice(foreignStagingNotice(project.claudeDir, name));
      }
    }
    return { settled, foreign_staging: foreign };
  }

  /** The collection operations use when none is named. */
  async activeCollection(): Promise<string> {
    return resolveCollectionName(this.paths, undefined);
  }

  /** Resolves once the cache database holds the results of every drift round so far. */
  async cacheRefreshed(): Promise<void> {
    await this.cacheRefresh;
  }

  /** Drift reports of every registered project. */
  async checkAllDrift(): Promise<DriftReport[]> {
    return this.checkDrift((await readProjectRegistry(this.paths)).map((p) => p.path));
  }

  /**
   * Checks drift of the given projects (default: every registered one) and answers in counts, without
   * entries: a project whose folder is gone is `missing`, the others are summarized all the same.
   */
  async driftSummaries(projectDirs?: readonly string[]): Promise<ProjectDriftSummary[]> {
    const [reports, { summarizeDrift }] = await Promise.all([projectDirs === undefined ? this.checkAllDrift() : this.checkDrift(projectDirs), import('../shared/drift-summary.js')]);
    return reports.map(summarizeDrift);
  }

  /**
   * What a `DriftMonitor` needs to watch this home's registered projects and collections:
   * `new DriftMonitor(core.driftMonitorPort({...}))`. (The monitor, and its file watcher, are
   * loaded only by the app, not by every CLI command.)
   */
  driftMonitorPort(options: { debounceMs?: number; onDriftChanged: (change: DriftChange) => void; onError?: (error: unknown) => void }): DriftMonitorPort {
    return {
      listProjects: async () => (await readProjectRegistry(this.paths)).map((p) => p.path),
      collectionsRoot: this.paths.collectionsDir,
      checkDrift: (projects) => this.checkDrift(projects),
      ...options,
    };
  }

  /** Registered projects, with their last drift summary from the cache. */
  async listProjects(): Promise<ProjectSummary[]> {
    const registered = await readProjectRegistry(this.paths);
    await this.cacheRefresh;
    const cached = new Map((await (await this.cache()).listProjects()).map((p) => [p.path, p]));
    return registered.map((p) => {
      const hit = cached.get(p.path);
      return { path: p.path, name: p.name, added: p.added, last_checked: hit?.lastCheckedAt ?? null, needs_action: hit?.lastCheckedAt ? hit.driftCount : null };
    });
  }

  /** Registers a project folder for watching. */
  async addProject(dir: string): Promise<{ project: ProjectSummary; added: boolean }> {
    const project = await resolveProject(dir);
    await this.ensureHome();
    const { project: registered, added } = await registerProject(this.paths, project.root, this.now());
    await (await this.cache()).upsertProject(registered.path, registered.name);
    return { project: { path: registered.path, name: registered.name, added: registered.added, last_checked: null, needs_action: null }, added };
  }

  /** Unregisters a project (its files are untouched). */
  async removeProject(dir: string): Promise<{ path: string }> {
    const projectPath = await resolveProject(dir).then((p) => p.root, () => resolve(dir));
    const removed = await unregisterProject(this.paths, projectPath);
    await (await this.cache()).removeProject(removed.path);
    return { path: removed.path };
  }

  /** Releases the cache database. */
  async close(): Promise<void> {
    await this.cacheRefresh;
    await this.versionStore?.close();
    this.versionStore = undefined;
    const hasher = this.hasher;
    this.hasher = undefined;
    if (hasher) {
      await this.saveHashIndex(hasher);
      await hasher.close();
    }
    const cache = this.cacheDb;
    this.cacheDb = undefined;
    if (cache) await (await cache).close();
  }

  /** The drift hasher, started on first use with what earlier processes learned (the hash index). */
  private async batchHasher(): Promise<BatchHasher> {
    if (this.hasher === undefined) {
      const { createBatchHasher } = await import('./hash/worker-hasher.js');
      this.hasher ??= createBatchHasher(this.paths.hashIndex);
    }
    return this.hasher;
  }

  /** The in-process hash cache, seeded once with what earlier processes learned (the hash index and its shards). */
  private async knownHashes(): Promise<HashCache> {
    this.hashIndexRead ??= readHashIndexAndShards(this.paths.hashIndex).then((entries) => this.hashCache.importEntries(entries));
    await this.hashIndexRead;
    return this.hashCache;
  }

  /** Persists the in-process hash cache as the index's own file; a failure only costs speed later. */
  private async saveKnownHashes(): Promise<void> {
    try {
      await writeHashIndex(this.paths.hashIndex, this.hashCache.exportEntries());
    } catch (error) {
      this.onNotice(`the hash index was not saved (${error instanceof Error ? error.message : String(error)}); the next listing will re-read files.`);
    }
  }

  /** Persists what the hasher learned, when it learned anything; a failure only costs speed later. */
  private async saveHashIndex(hasher: BatchHasher): Promise<void> {
    try {
      await hasher.saveIndex();
    } catch (error) {
      this.onNotice(`the hash index was not saved (${error instanceof Error ? error.message : String(error)}); the next check will re-read files.`);
    }
  }

  private async createSnapshot(collection: string, message: string, automatic: boolean, onProgress?: ProgressListener): Promise<SnapshotInfo> {
    const { createSnapshot } = await import('./snapshots/snapshot-manager.js');
    return createSnapshot(this.paths, { collection, message, automatic, now: this.clock(), ...(onProgress ? { onProgress } : {}) });
  }

  /** Where rollback finds HEAD contents the collection no longer holds: the version store, else a snapshot that holds them. */
  private async rollbackServices(collection: string): Promise<RollbackServices> {
    const versions = await this.versionPort();
    const { findArtifactInSnapshots, readSnapshotArtifactFiles } = await import('./snapshots/snapshot-index.js');
    return {
      hashCache: this.hashCache,
      findContent: async (artifact, contentHash) => {
        const version = await versions.lookup({ collection, ...artifact }, contentHash);
        if (version) return { found: 'version_store', files: version.files };
        // Content older than the version store (or a Python-made home) may still be in a snapshot.
        const inSnapshot = await findArtifactInSnapshots(this.paths, collection, artifact, contentHash);
        return inSnapshot && { found: 'snapshot', files: await readSnapshotArtifactFiles(inSnapshot) };
      },
    };
  }

  private async versions(): Promise<VersionStore> {
    if (this.versionStore === undefined) {
      const { VersionStore } = await import('./versions/version-store.js');
      this.versionStore ??= new VersionStore(this.paths, { cacheDb: () => this.cache(), onNotice: this.onNotice, clock: this.clock });
    }
    return this.versionStore;
  }

  /** The version store as the merge operations see it. */
  private async versionPort(): Promise<VersionPort> {
    const [store, { versionPortOf }] = await Promise.all([this.versions(), import('./versions/version-port.js')]);
    return versionPortOf(store);
  }

  private async mergeContext(): Promise<MergeContext> {
    const { findArtifactInSnapshots, readSnapshotArtifactFiles } = await import('./snapshots/snapshot-index.js');
    return {
      paths: this.paths,
      key: await journalKey(this.paths.journalKey),
      versions: await this.versionPort(),
      now: this.now(),
      // A base is a help, never a reason to fail: a snapshot that cannot be read leaves the merge without one (every difference shown as a conflict).
      findInSnapshots: async (artifact, contentHash) => {
        try {
          const found = await findArtifactInSnapshots(this.paths, artifact.collection, artifact, contentHash);
          return found && (await readSnapshotArtifactFiles(found));
        } catch (error) {
          if (error instanceof SkillmeatError) return undefined;
          throw error;
        }
      },
    };
  }

  private now(): string {
    return rfc3339(this.clock());
  }

  private cache(): Promise<CacheDb> {
    // Loaded on first use: TypeORM costs ~0.4 s to import, which commands that never touch the cache skip.
    this.cacheDb ??= import('./cache/cache-db.js').then(async ({ openHomeCache }) => {
      const db = await openHomeCache(this.paths);
      if (db.notice) this.onNotice(db.notice.message);
      return db;
    });
    return this.cacheDb;
  }

  private async ensureHome(): Promise<void> {
    await mkdir(this.paths.root, { recursive: true }).catch((error: unknown) => {
      throw ioError('create the home folder', this.paths.root, error);
    });
  }
}

/** Entries of a collection of types we do not manage, and top-level tables of collection.toml we do not read. */
export interface UnsupportedEntries {
  readonly artifacts: { name: string; type: string }[];
  readonly tables: string[];
}

function unsupportedEntries(collection: OpenCollection): UnsupportedEntries {
  return {
    artifacts: collection.manifest.unsupported.map(({ name, type }) => ({ name, type })),
    // Top-level tables of collection.toml we do not read (the Python tool's [[mcp_servers]]): kept, and said.
    tables: Object.keys(collection.manifest.raw).filter((key) => key !== 'collection' && key !== 'artifacts'),
  };
}

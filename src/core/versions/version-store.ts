/**
 * The version store (versioning spec section 6): every content that becomes a baseline, and every
 * project content an operation overwrites, kept content-addressed under `objects/` and recorded as
 * a node of its artifact's version DAG, so the merge base of a deployed copy is one lookup away.
 *
 * The files are the truth: blobs, and one JSON file per version. The cache database's
 * `artifact_versions` / `version_parents` only index them (for history and ancestry) and are
 * refilled from the files when deleted. TypeORM is loaded only when the index is first needed.
 */
import { constants } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from '../lazy-crypto.js';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { artifactTypeInfo, type ArtifactKind } from '../../shared/artifact-types.js';
import type { CacheDb } from '../cache/cache-db.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import type { HomePaths } from '../home/home-paths.js';
import { hashFileMap } from '../hash/content-hash.js';
import { comparePaths } from '../hash/path-order.js';
import { isWaitableBusy, withWriteLock } from '../locks/write-lock.js';
import { isStored, readArtifact, type FileContent, type FileMap } from '../merge/file-map.js';
import { rfc3339 } from '../time.js';
import { checkedContent, type ArtifactContent } from './artifact-content.js';
import { newestFirst } from './history-order.js';
import { blobKeeper, flushBlobs, readStoredContent, storeContent } from './object-store.js';
import { assertArtifactKey, checkRecordInput, isKeptContent, type KeptContent, type RecordInput } from './record-input.js';
import { relPathProblem } from './rel-path.js';
import { artifactNodes, indexStamp, type IndexedVersion, indexedCount, indexedIds, indexVersion, isAncestorOrSelf, unindexVersion } from './version-index.js';
import { clearPending, listVersionsDir, markPending, readVersionFile, versionFilePath, writeVersionFile, type PendingMarker } from './version-files.js';
import { artifactIndexKey, assertVersionId, isSha256, versionId, type ArtifactKey, type VersionRecord } from './version-record.js';
import { verifyObjects, type ObjectProblem } from './verify-objects.js';
import { pathExists } from '../fs/path-exists.js';

export interface VersionStoreOptions {
  /**
   * The cache database to index versions in, shared with its owner (who closes it). Without one,
   * the store opens its own on first need and closes it in `close()`. A process that already has
   * one should share it: one connection, one queue of transactions, one TypeORM start-up.
   */
  readonly cacheDb?: () => Promise<CacheDb>;
  /** Time source for `created_at` (tests). */
  readonly clock?: () => Date;
  /** Receives notices a user should see (a damaged cache was replaced, a version file was skipped). */
  readonly onNotice?: (message: string) => void;
}

// Writers of one version take turns through a lock file; each holds it for milliseconds, so a
// contender waits rather than failing at once as collection writers do.
const LOCK_WAIT_MS = 10_000;

/** Artifacts whose ordered history is kept in memory. */
const HISTORY_CACHE_SIZE = 8;

/** Content-addressed versions of artifacts under `$SKILLMEAT_HOME/objects/`, indexed in the cache database. */
export class VersionStore {
  private readonly objectsDir: string;
  private ownDb: Promise<CacheDb> | undefined;
  private caughtUp: Promise<void> | undefined;
  /** Ordered histories read lately, each with the index stamp it was read at. */
  private readonly historyCache = new Map<string, { readonly stamp: string; readonly versions: readonly IndexedVersion[] }>();
  /** Pending markers of records this process is writing now: not to be cleared by a catch-up. */
  private readonly writing = new Set<string>();

  constructor(
    private readonly paths: HomePaths,
    private readonly options: VersionStoreOptions = {},
  ) {
    this.objectsDir = paths.objectsDir;
  }

  /**
   * Stores a content as a version of `artifact`: blobs first, then the version file (atomically),
   * then its index rows. The same content again for the same artifact keeps the existing record and
   * adds the new parents after the old ones (a parent that would close a cycle — content returning
   * to an earlier state — is left out: that version already has its place in the history).
   */
  async record(input: RecordInput): Promise<VersionRecord> {
    const checked = checkRecordInput(input);
    const kind = artifactTypeInfo(checked.artifact.type).kind;
    const content = await this.contentOf(checked.source, kind, checked.executable);
    const contentHash = 'contentHash' in content ? content.contentHash : await hashFileMap(content.files, kind);
    const id = versionId(checked.artifact, contentHash);
    const parents = [...new Set(checked.parents)].filter((parent) => parent !== id);
    await this.assertStored(parents);
    const { blobs, executable } = await this.keep(content);
    return this.withVersionLock(id, async () => {
      const existing = await readVersionFile(this.objectsDir, id);
      if (existing === undefined) {
        // The blobs were written without an fsync each: durable together before a version names them.
        await flushBlobs(this.objectsDir);
        return this.store({
          id,
          artifact: { collection: checked.artifact.collection, name: checked.artifact.name, type: checked.artifact.type },
          content_hash: contentHash,
          files: Object.fromEntries(blobs),
          executable: [...executable],
          parents,
          created_at: rfc3339(this.options.clock?.() ?? new Date()),
          created_by: checked.createdBy,
          merge_strategy: checked.mergeStrategy,
          scope: checked.scope,
          version_tag: checked.versionTag ?? null,
          snapshot_id: checked.snapshotId ?? null,
          metadata: checked.metadata,
        });
      }
      if (existing.content_hash !== contentHash) throw idCollision(id, existing.content_hash, contentHash);
      const added = parents.filter((parent) => !existing.parents.includes(parent));
      if (added.length === 0) return existing;
      const accepted = await this.withIndex('check the ancestry of a version in', false, async (manager) => {
        const keep: string[] = [];
        for (const parent of added) if (!(await isAncestorOrSelf(manager, id, parent))) keep.push(parent);
        return keep;
      });
      return accepted.length === 0 ? existing : this.store({ ...existing, parents: [...existing.parents, ...accepted] });
    });
  }

  /** The version `id`, or undefined when it was never recorded. */
  async get(id: string): Promise<VersionRecord | undefined> {
    assertVersionId(id);
    return readVersionFile(this.objectsDir, id);
  }

  /**
   * The version of `artifact` (any collection, any scope) whose content hash is `contentHash`: the
   * merge base behind a deployment record's baseline. The id is derived from the two, so this reads
   * one file and never needs the database.
   */
  async findByContent(artifact: ArtifactKey, contentHash: string): Promise<VersionRecord | undefined> {
    assertArtifactKey(artifact);
    const hash = contentHash.toLowerCase();
    if (!isSha256(hash)) throw new SkillmeatError('invalid_input', `${JSON.stringify(contentHash)} is not a content hash (64 hex digits).`, { content_hash: contentHash });
    const record = await readVersionFile(this.objectsDir, versionId(artifact, hash));
    // The id holds 12 hex digits of the hash: a different content could share them.
    return record?.content_hash === hash ? record : undefined;
  }

  /**
   * The content of a version, every blob checked (large ones streamed, never read whole): a missing
   * or damaged one is a `corrupt_file` error naming it; so are files that do not add up to the
   * version's content hash (computed in the same pass).
   */
  async files(version: VersionRecord): Promise<FileMap> {
    const kind = artifactTypeInfo(version.artifact.type).kind;
    const files = new Map<string, FileContent>();
    const hash = createHash('sha256');
    for (const [relPath, sha] of Object.entries(version.files).sort(([a], [b]) => comparePaths(a, b))) {
      if (kind === 'folder') hash.update(relPath);
      files.set(relPath, await readStoredContent(this.objectsDir, sha, { version: version.id, relPath }, (chunk) => hash.update(chunk)));
    }
    if (hash.digest('hex') !== version.content_hash) {
      const path = versionFilePath(this.objectsDir, version.id);
      throw new SkillmeatError('corrupt_file', `The files listed by ${path} do not add up to its content hash ${version.content_hash}, so version ${version.id} cannot be trusted. Restore the objects folder from a backup.`, {
        path,
        version: version.id,
      });
    }
    return files;
  }

  /**
   * Writes a version's files to `target`, the artifact's own path: for a folder artifact a folder
   * that is absent or empty, for a file artifact the file, which must not exist. Every blob is
   * checked before anything is written; on failure, what was written is removed. Callers restore
   * by materializing into a staging path and renaming it into place.
   */
  async materialize(version: VersionRecord, target: string): Promise<void> {
    const kind = artifactTypeInfo(version.artifact.type).kind;
    for (const relPath of Object.keys(version.files)) {
      const problem = relPathProblem(relPath, kind);
      if (problem !== undefined) throw new SkillmeatError('invalid_input', `Version ${version.id} holds the path ${JSON.stringify(relPath)}, which cannot be restored: ${problem}.`, { relPath });
    }
    const files = await this.files(version);
    const executable = new Set(version.executable);
    const existed = await prepareTarget(target, kind);
    try {
      for (const [relPath, content] of files) {
        const path = kind === 'file' ? target : join(target, ...relPath.split('/'));
        await mkdir(dirname(path), { recursive: true });
        const mode = executable.has(relPath) ? 0o755 : 0o644;
        // EXCL / 'wx': nothing that appeared meanwhile is replaced. The mode passes through the umask, as for any new file.
        if (isStored(content)) {
          await copyFile(content.path, path, constants.COPYFILE_EXCL);
          await chmod(path, mode & ~process.umask());
        } else {
          await writeFile(path, content, { flag: 'wx', mode });
        }
      }
    } catch (error) {
      // A file target that appeared meanwhile ('wx' refused it) is someone else's: leave it.
      const theirs = kind === 'file' && isErrnoCode(error, 'EEXIST');
      if (!theirs) await undoTarget(target, kind, existed);
      if (theirs) throw targetTaken(target);
      throw ioError('restore version into', `${target} (${version.id})`, error);
    }
  }

  /** The versions of one artifact (every collection and scope), newest first, each before its parents, with all parents. */
  async history(artifact: ArtifactKey): Promise<VersionRecord[]> {
    assertArtifactKey(artifact);
    const nodes = await this.withIndex('read the version history from', false, (manager) => artifactNodes(manager, artifact));
    const records: VersionRecord[] = [];
    for (const id of newestFirst(nodes)) {
      const record = await readVersionFile(this.objectsDir, id);
      // A row whose file is gone describes nothing: the file is the truth.
      if (record !== undefined) records.push(record);
    }
    return records;
  }

  /**
   * The versions of one artifact as the index holds them (no version file read: what a page of the
   * history view needs for 10,000 versions), newest first, each before its parents.
   */
  async indexedHistory(artifact: ArtifactKey): Promise<readonly IndexedVersion[]> {
    assertArtifactKey(artifact);
    return this.withIndex('read the version history from', false, async (manager) => {
      // Scrolling the history view asks for page after page: while the index is unchanged, the
      // ordered list is the one read before (and the same array, which callers may key caches on).
      const stamp = await indexStamp(manager);
      const key = artifactIndexKey(artifact);
      const cached = this.historyCache.get(key);
      if (cached?.stamp === stamp) return cached.versions;
      const nodes = await artifactNodes(manager, artifact);
      const byId = new Map(nodes.map((node) => [node.id, node]));
      const versions = newestFirst(nodes).map((id) => byId.get(id)!);
      this.historyCache.delete(key);
      this.historyCache.set(key, { stamp, versions });
      // A few artifacts' histories at most: the oldest read goes first.
      if (this.historyCache.size > HISTORY_CACHE_SIZE) this.historyCache.delete(this.historyCache.keys().next().value!);
      return versions;
    });
  }

  /** Every problem in `objects/`: missing or damaged blobs, unreadable version files, broken parent links. */
  async verify(): Promise<ObjectProblem[]> {
    return verifyObjects(this.objectsDir);
  }

  /** Closes the database the store opened itself (a shared one stays open); the store can still be used after. */
  async close(): Promise<void> {
    const own = this.ownDb;
    this.ownDb = undefined;
    this.caughtUp = undefined;
    if (own) await (await own).close();
  }

  /** The content's blobs, in the store (written now unless a copy already kept them). */
  private async keep(content: ArtifactContent | KeptContent): Promise<Omit<KeptContent, 'contentHash'>> {
    if ('blobs' in content) return content;
    const blobs = new Map<string, string>();
    for (const [relPath, file] of content.files) blobs.set(relPath, await storeContent(this.objectsDir, file));
    return { blobs, executable: content.executable };
  }

  private async contentOf(source: RecordInput['source'], kind: ArtifactKind, executable: readonly string[] | undefined): Promise<ArtifactContent | KeptContent> {
    if (isKeptContent(source)) {
      // Its paths are checked as a FileMap's are; its blobs were written by the copy that kept them.
      checkedContent(new Map([...source.blobs.keys()].map((relPath) => [relPath, new Uint8Array()])), kind, source.executable);
      return source;
    }
    if (typeof source !== 'string') return checkedContent(source, kind, executable);
    // Read as hashArtifact sees it (links leaving the artifact skipped), large files streamed into the store.
    const content = await readArtifact(source, kind, 'skip', blobKeeper(this.objectsDir));
    if (content === undefined) throw new SkillmeatError('not_found', `Cannot record a version of ${source}: nothing is there.`, { path: source });
    return content;
  }

  private async assertStored(parents: readonly string[]): Promise<void> {
    for (const parent of parents) {
      if (!(await pathExists(versionFilePath(this.objectsDir, parent)))) {
        throw new SkillmeatError('not_found', `The parent version ${parent} is not stored, so it cannot be a parent. Record it first.`, { parent });
      }
    }
  }

  /** Writes the version file, then its rows; the pending marker covers a crash (or a failed row write) in between. */
  private async store(record: VersionRecord): Promise<VersionRecord> {
    const marker = await markPending(this.objectsDir, record.id);
    this.writing.add(marker);
    try {
      await writeVersionFile(this.objectsDir, record);
      try {
        await this.withIndex('index the version in', true, (manager) => indexVersion(manager, record));
      } catch (error) {
        // The marker stays: the next catch-up (this process's next use, or the next start) repairs the row.
        this.caughtUp = undefined;
        throw indexFailure(record, versionFilePath(this.objectsDir, record.id), error);
      }
      await clearPending(marker);
    } finally {
      this.writing.delete(marker);
    }
    return record;
  }

  private async withIndex<T>(action: string, write: boolean, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const db = await this.database();
    await (this.caughtUp ??= this.catchUp(db).catch((error: unknown) => {
      this.caughtUp = undefined;
      throw error;
    }));
    return db.withManager(action, write, work);
  }

  /**
   * Brings the index level with the files, cheaply: a count of rows against a listing of names.
   * When they differ (a new or deleted cache), every version file is indexed again; otherwise only
   * those under a pending marker (a write that crashed between its file and its row).
   */
  private async catchUp(db: CacheDb): Promise<void> {
    const listing = await listVersionsDir(this.objectsDir);
    const count = await db.withManager('count the versions in', false, indexedCount);
    const full = count !== listing.ids.length;
    const ids = full ? listing.ids : [...new Set(listing.pending.map((marker) => marker.id))];
    if (ids.length === 0) return;
    const records: VersionRecord[] = [];
    const gone: string[] = [];
    for (const id of ids) {
      const record = await this.readForIndex(id);
      if (record === null) continue;
      if (record === undefined) gone.push(id);
      else records.push(record);
    }
    await db.withManager('rebuild the version index in', true, async (manager) => {
      for (const record of records) await indexVersion(manager, record);
      const listed = new Set(listing.ids);
      const stale = full ? (await indexedIds(manager)).filter((id) => !listed.has(id)) : gone;
      // Checked again now: another process may have written the file since the listing.
      for (const id of stale) if (!(await pathExists(versionFilePath(this.objectsDir, id)))) await unindexVersion(manager, id);
    });
    for (const marker of listing.pending) if (this.isAbandoned(marker)) await clearPending(marker.path);
  }

  /** A version file for the index: undefined when absent, null when unreadable (skipped, with a notice). */
  private async readForIndex(id: string): Promise<VersionRecord | undefined | null> {
    try {
      return await readVersionFile(this.objectsDir, id);
    } catch (error) {
      if (!(error instanceof SkillmeatError)) throw error;
      this.options.onNotice?.(`${error.message} It was left out of the version index.`);
      return null;
    }
  }

  /** A marker whose writer is gone (or is this process, no longer writing it): its row has just been repaired. */
  private isAbandoned(marker: PendingMarker): boolean {
    if (marker.pid === process.pid) return !this.writing.has(marker.path);
    return !isProcessAlive(marker.pid);
  }

  private database(): Promise<CacheDb> {
    if (this.options.cacheDb) return this.options.cacheDb();
    // Loaded on first use: importing TypeORM costs ~0.4 s, which reading a version never pays.
    this.ownDb ??= import('../cache/cache-db.js')
      .then(async ({ openHomeCache }) => {
        const db = await openHomeCache(this.paths);
        if (db.notice) this.options.onNotice?.(db.notice.message);
        return db;
      })
      .catch((error: unknown) => {
        this.ownDb = undefined;
        throw error;
      });
    return this.ownDb;
  }

  private async withVersionLock<T>(id: string, work: () => Promise<T>): Promise<T> {
    const lockPath = join(this.paths.locksDir, `version-${id}.lock`);
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let attempt = 1; ; attempt++) {
      let entered = false;
      try {
        return await withWriteLock(lockPath, `record version ${id}`, () => {
          entered = true;
          return work();
        });
      } catch (error) {
        const contended = !entered && isWaitableBusy(error); // a lock from another host or an unreadable one never frees itself
        if (!contended || Date.now() >= deadline) throw error;
        await sleep(Math.min(5 * attempt, 50) + Math.random() * 10);
      }
    }
  }
}

/** What was at a materialize target before: a folder artifact may go into an existing empty folder. */
type TargetState = 'absent' | 'empty-folder';

async function prepareTarget(target: string, kind: ArtifactKind): Promise<TargetState> {
  let names: string[] | undefined;
  try {
    // lstat: a link in place of the target is something already there, not a way to write elsewhere.
    const stats = await lstat(target);
    if (kind === 'file' || !stats.isDirectory()) throw targetTaken(target);
    names = await readdir(target);
  } catch (error) {
    if (error instanceof SkillmeatError) throw error;
    if (!isErrnoCode(error, 'ENOENT')) throw ioError('check', target, error);
  }
  if (names !== undefined && names.length > 0) throw targetTaken(target);
  const folder = kind === 'folder' ? target : dirname(target);
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw ioError('create the folder', folder, error);
  });
  return names === undefined ? 'absent' : 'empty-folder';
}

/** Removes what a failed materialize wrote. Best effort: the error that made it fail is what the caller needs. */
async function undoTarget(target: string, kind: ArtifactKind, before: TargetState): Promise<void> {
  await rm(target, { recursive: kind === 'folder', force: true }).catch(() => undefined);
  if (before === 'empty-folder') await mkdir(target, { recursive: true }).catch(() => undefined);
}

function targetTaken(target: string): SkillmeatError {
  return new SkillmeatError('already_exists', `Cannot restore into ${target}: something is already there. Restore into a new (or empty) path.`, { path: target });
}

function idCollision(id: string, stored: string, given: string): SkillmeatError {
  return new SkillmeatError('already_exists', `Version id ${id} is taken by the content ${stored}, and ${given} shares its first 12 hex digits. This should never happen; please report it.`, { id, stored, given });
}

function indexFailure(record: VersionRecord, path: string, error: unknown): SkillmeatError {
  const cause = error instanceof SkillmeatError ? error : ioError('index the version in', 'the cache database', error);
  return new SkillmeatError(cause.code, `${cause.message} (Version ${record.id} itself is stored in ${path}; the index catches up on the next use.)`, { ...cause.details, version: record.id });
}


function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isErrnoCode(error, 'ESRCH');
  }
}

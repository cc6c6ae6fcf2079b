import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from '../lazy-crypto.js';
import type { HomePaths } from '../home/home-paths.js';
import { assertValidName, collectionDir } from '../home/home-paths.js';
import { readConfig, writeDefaultCollection } from '../home/config.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { syncFolder } from '../fs/atomic-write.js';
import { stagedTransactions, stagingOwner } from '../fs/file-transaction.js';
import { existingJournalKey } from '../fs/journal-key.js';
import { withCollectionLock } from './collection-lock.js';
import { newManifest, readManifest, writeManifest, type Manifest, type ManifestArtifact } from './manifest-file.js';
import { assertNotLink, containedPath } from '../fs/contained-path.js';
import { LOCK_FILE, newLockfile, readLockfile, writeLockfile, type Lockfile } from './collection-lockfile.js';
import { pathExists } from '../fs/path-exists.js';
import type { FileWriter } from '../fs/file-writer.js';

/** A collection as read from disk: its folder, manifest and lock. */
export interface OpenCollection {
  readonly name: string;
  readonly root: string;
  readonly manifest: Manifest;
  readonly lockfile: Lockfile;
}

export interface CollectionSummary {
  readonly name: string;
  readonly root: string;
  readonly artifactCount: number;
  readonly active: boolean;
}

/**
 * Creates a collection (folder, manifest and lock), built in a staging folder and renamed into place
 * so a crash never leaves half a collection. Creating one that exists is not an error: `created` is false.
 * The first collection of a home becomes the active one.
 */
export async function initCollection(paths: HomePaths, name: string, now: string): Promise<{ root: string; created: boolean }> {
  const root = collectionDir(paths, name);
  return withCollectionLock(paths, name, 'init', async () => {
    if (await readManifest(root)) return { root, created: false };
    if (await pathExists(root)) {
      throw new SkillmeatError('already_exists', `${root} exists but holds no collection.toml. Move it away or pick another name.`, { path: root });
    }
    const staging = join(paths.collectionsDir, `.staging-${name}-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(staging, { recursive: true });
      await writeManifest(staging, newManifest(name, now));
      await writeLockfile(staging, newLockfile());
      await rename(staging, root);
      await syncFolder(paths.collectionsDir);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error instanceof SkillmeatError ? error : ioError('create collection', root, error);
    }
    const config = await readConfig(paths);
    if (!(await readManifest(collectionDir(paths, config.defaultCollection)).catch(() => undefined))) {
      await writeDefaultCollection(paths, name);
    }
    return { root, created: true };
  });
}

/**
 * Names of every collection with something on disk: its folder, or only the staging folder of a
 * rollback a kill interrupted (the collection folder itself is then aside). For recovery.
 */
export async function collectionNamesOnDisk(paths: HomePaths): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(paths.collectionsDir, { withFileTypes: true });
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return [];
    throw ioError('list collections in', paths.collectionsDir, error);
  }
  const names = new Set<string>();
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const owner = stagingOwner(entry.name);
    if (owner !== undefined) names.add(owner);
    else if (!entry.name.startsWith('.')) names.add(entry.name);
  }
  return [...names].sort();
}

/** Every collection of the home, with its artifact count and whether it is the active one. */
export async function listCollections(paths: HomePaths): Promise<CollectionSummary[]> {
  const { defaultCollection } = await readConfig(paths);
  let names: string[];
  try {
    names = (await readdir(paths.collectionsDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return [];
    throw ioError('list collections in', paths.collectionsDir, error);
  }
  const summaries: CollectionSummary[] = [];
  for (const name of names) {
    const root = join(paths.collectionsDir, name);
    const manifest = await readManifest(root);
    if (!manifest) continue; // not a collection (no manifest): leave it alone
    summaries.push({ name, root, artifactCount: manifest.artifacts.length, active: name === defaultCollection });
  }
  return summaries;
}

/** Makes `name` the active collection; it must exist. */
export async function useCollection(paths: HomePaths, name: string): Promise<void> {
  await openCollection(paths, name);
  await writeDefaultCollection(paths, name);
}

/** The collection an operation works on: the one named, else the active one. */
export async function resolveCollectionName(paths: HomePaths, explicit: string | undefined): Promise<string> {
  if (explicit !== undefined) {
    assertValidName(explicit, 'collection');
    return explicit;
  }
  return (await readConfig(paths)).defaultCollection;
}

/** Reads a collection; `not_found` (with the command that creates it) when it does not exist. */
export async function openCollection(paths: HomePaths, name: string): Promise<OpenCollection> {
  const found = await tryOpenCollection(paths, name);
  if (!found) {
    // Reads never settle anything: a collection a kill left aside is reported as such, not as absent.
    if (await interruptedMidChange(paths, name)) throw interruptedCollection(name);
    throw new SkillmeatError('not_found', `Collection "${name}" does not exist in ${paths.collectionsDir}. Create it with \`skillmeat init ${name}\`.`, { collection: name });
  }
  return found;
}

/**
 * Reads a collection, or undefined when it does not exist. Read-only: what a killed writer left
 * half done is settled by writers (`withCollectionLock`, `recoverCollectionIfInterrupted`), never here.
 */
export async function tryOpenCollection(paths: HomePaths, name: string): Promise<OpenCollection | undefined> {
  const root = collectionDir(paths, name);
  const manifest = await readManifest(root);
  if (!manifest) return undefined;
  assertNotLink(join(root, LOCK_FILE), root);
  return { name, root, manifest, lockfile: await readLockfile(root) };
}

/** Runs `work` holding the collection's write lock, on a fresh read of the collection. */
export async function withCollectionWriteLock<T>(paths: HomePaths, name: string, operation: string, work: (collection: OpenCollection) => Promise<T>): Promise<T> {
  return withCollectionLock(paths, name, operation, async () => work(await openCollection(paths, name)));
}

/** True when this home left collection `name` half changed (its folder or manifest aside in a staging folder). */
async function interruptedMidChange(paths: HomePaths, name: string): Promise<boolean> {
  const key = await existingJournalKey(paths.journalKey);
  return stagedTransactions(collectionDir(paths, name), key).ours.length > 0 || stagedTransactions(paths.collectionsDir, key, name).ours.length > 0;
}

function interruptedCollection(name: string): SkillmeatError {
  return new SkillmeatError(
    'busy',
    `Collection "${name}" is being changed by another SkillMeat operation, or one was interrupted and left it half changed. Run \`skillmeat recover\` (any change to the collection does it too) to finish or undo the interrupted operation, then try again.`,
    { collection: name },
  );
}

/**
 * The absolute path of an artifact's copy in its collection (`artifact.path` is always the
 * registry's path, see manifest-file.ts), refused with `symlink_escape` when a folder on the way
 * (`skills/`) or the copy itself is a symbolic link: nothing is read, written or deleted through one.
 */
export function collectionCopyPath(collection: Pick<OpenCollection, 'root'>, artifact: Pick<ManifestArtifact, 'path'>): string {
  return containedPath(collection.root, artifact.path, collection.root);
}

/** Writes manifest and lock; pass the operation's transaction so they change together with the files they describe. */
export async function saveCollection(collection: OpenCollection, manifest: Manifest, lockfile: Lockfile, writer?: FileWriter): Promise<void> {
  await writeManifest(collection.root, manifest, writer);
  await writeLockfile(collection.root, lockfile, writer);
}


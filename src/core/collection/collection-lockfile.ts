import { join } from 'node:path';
import { lockKey, type ArtifactType } from '../../shared/artifact-types.js';
import type { FileWriter } from '../fs/file-writer.js';
import { isTomlTable, malformed, readTomlFile, writeTomlFile, type TomlTable } from '../toml/toml-file.js';

export const LOCK_FILE = 'collection.lock';

/** One `[lock.entries."<name>::<type>"]` table; `raw` keeps keys we do not model. */
export interface LockEntry {
  readonly contentHash: string;
  readonly fetched: string;
  readonly source?: string;
  readonly raw: TomlTable;
}

/** `collection.lock`: `[lock] version` + entries keyed `<name>::<type>`. */
export interface Lockfile {
  readonly version: string;
  readonly entries: ReadonlyMap<string, LockEntry>;
  readonly raw: TomlTable;
}

/** An empty lock file. */
export function newLockfile(): Lockfile {
  return { version: '1.0.0', entries: new Map(), raw: {} };
}

/** Reads `collection.lock`; an absent file is an empty lock. */
export async function readLockfile(collectionRoot: string): Promise<Lockfile> {
  const path = join(collectionRoot, LOCK_FILE);
  const raw = await readTomlFile(path);
  if (raw === undefined) return newLockfile();
  const lock = raw.lock;
  if (!isTomlTable(lock)) throw malformed(path, '[lock]', 'is missing or not a table');
  const entriesTable = lock.entries ?? {};
  if (!isTomlTable(entriesTable)) throw malformed(path, '[lock.entries]', 'is not a table');
  const entries = new Map<string, LockEntry>();
  for (const [key, value] of Object.entries(entriesTable)) {
    if (!isTomlTable(value) || typeof value.content_hash !== 'string') throw malformed(path, `[lock.entries."${key}"]`, 'has no content_hash');
    const fetched = value.fetched instanceof Date ? value.fetched.toISOString() : String(value.fetched ?? '');
    entries.set(key, {
      contentHash: value.content_hash,
      fetched,
      ...(typeof value.source === 'string' ? { source: value.source } : {}),
      raw: value,
    });
  }
  return { version: typeof lock.version === 'string' ? lock.version : '1.0.0', entries, raw };
}

/** Writes `collection.lock` atomically. */
export async function writeLockfile(collectionRoot: string, lockfile: Lockfile, writer?: FileWriter): Promise<void> {
  const lock = isTomlTable(lockfile.raw.lock) ? lockfile.raw.lock : {};
  const entries: TomlTable = {};
  for (const [key, entry] of lockfile.entries) {
    entries[key] = {
      ...entry.raw,
      ...(entry.source !== undefined ? { source: entry.source } : {}),
      content_hash: entry.contentHash,
      fetched: typeof entry.raw.fetched === 'object' ? entry.raw.fetched : entry.fetched,
    };
  }
  await writeTomlFile(join(collectionRoot, LOCK_FILE), { ...lockfile.raw, lock: { ...lock, version: lockfile.version, entries } }, undefined, writer);
}

/** The lock with `entry` set for an artifact. */
export function withLockEntry(lockfile: Lockfile, type: ArtifactType, name: string, entry: Omit<LockEntry, 'raw'>): Lockfile {
  const entries = new Map(lockfile.entries);
  const previous = entries.get(lockKey(type, name));
  entries.set(lockKey(type, name), { ...entry, raw: previous?.raw ?? {} });
  return { ...lockfile, entries };
}

/** The lock without an artifact's entry. */
export function withoutLockEntry(lockfile: Lockfile, type: ArtifactType, name: string): Lockfile {
  const entries = new Map(lockfile.entries);
  entries.delete(lockKey(type, name));
  return { ...lockfile, entries };
}


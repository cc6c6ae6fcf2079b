import { join } from 'node:path';
import { TomlDate } from 'smol-toml';
import { lockKey, type ArtifactType } from '../../shared/artifact-types.js';
import type { FileWriter } from '../fs/file-writer.js';
import { isTomlTable, malformed, parseToml, readTomlFile, writeTomlFile, type TomlTable } from '../toml/toml-file.js';
import { tomlFields } from '../toml/toml-fields.js';
import { timestampInForm } from '../time.js';

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

/** Reads `collection.lock`; an absent file is an empty lock. A value of the wrong type is `corrupt_file`. */
export async function readLockfile(collectionRoot: string): Promise<Lockfile> {
  const path = join(collectionRoot, LOCK_FILE);
  const raw = await readTomlFile(path);
  return raw === undefined ? newLockfile() : lockfileFromToml(raw, path);
}

/** Parses a lock file's text (one read from a snapshot archive); `path` names it in errors. */
export function parseLockfile(text: string, path: string): Lockfile {
  return lockfileFromToml(parseToml(text, path), path);
}

function lockfileFromToml(raw: TomlTable, path: string): Lockfile {
  const lock = tomlFields(path, 'top-level', raw).optionalTable('lock');
  if (lock === undefined) throw malformed(path, '[lock]', 'is missing');
  const lockFields = tomlFields(path, '[lock]', lock);
  const entries = new Map<string, LockEntry>();
  const entriesFields = tomlFields(path, '[lock.entries]', lockFields.optionalTable('entries') ?? {});
  for (const key of Object.keys(entriesFields.table)) {
    const value = entriesFields.optionalTable(key)!;
    const entry = tomlFields(path, `[lock.entries.${JSON.stringify(key)}]`, value);
    const source = entry.optionalText('source');
    entries.set(key, {
      contentHash: entry.text('content_hash'),
      fetched: fetchedText(entry.optionalDateTimeOrText('fetched')),
      ...(source !== undefined ? { source } : {}),
      raw: value,
    });
  }
  return { version: lockFields.optionalText('version') ?? '1.0.0', entries, raw };
}

/** Writes `collection.lock` atomically. */
export async function writeLockfile(collectionRoot: string, lockfile: Lockfile, writer?: FileWriter): Promise<void> {
  const lock = isTomlTable(lockfile.raw.lock) ? lockfile.raw.lock : {};
  const entries: TomlTable = {};
  // A time written as text takes the form the file's texts have: the Python SkillMeat writes naive
  // UTC times, and its reader (on Python 3.9 and 3.10) refuses one ending in `Z`.
  const textSample = [...lockfile.entries.values()].map((entry) => entry.raw.fetched).find((value): value is string => typeof value === 'string');
  for (const [key, entry] of lockfile.entries) {
    const asRead = entry.raw.fetched;
    // An unchanged `fetched` keeps the exact form it was read in (a TOML date-time stays one).
    const unchanged = (typeof asRead === 'string' || asRead instanceof TomlDate) && fetchedText(asRead) === entry.fetched;
    const sample = typeof asRead === 'string' ? asRead : textSample;
    entries[key] = {
      ...entry.raw,
      ...(entry.source !== undefined ? { source: entry.source } : {}),
      content_hash: entry.contentHash,
      fetched: unchanged ? asRead : sample === undefined ? entry.fetched : timestampInForm(entry.fetched, sample),
    };
  }
  await writeTomlFile(join(collectionRoot, LOCK_FILE), { ...lockfile.raw, lock: { ...lock, version: lockfile.version, entries } }, undefined, writer);
}

/** The lock with `entry` set for an artifact (`fields`: further keys to write in it, e.g. a git source's `resolved_sha`). */
export function withLockEntry(lockfile: Lockfile, type: ArtifactType, name: string, entry: Omit<LockEntry, 'raw'>, fields: TomlTable = {}): Lockfile {
  const entries = new Map(lockfile.entries);
  const previous = entries.get(lockKey(type, name));
  entries.set(lockKey(type, name), { ...entry, raw: { ...previous?.raw, ...fields } });
  return { ...lockfile, entries };
}

/** The lock without an artifact's entry. */
export function withoutLockEntry(lockfile: Lockfile, type: ArtifactType, name: string): Lockfile {
  const entries = new Map(lockfile.entries);
  entries.delete(lockKey(type, name));
  return { ...lockfile, entries };
}

/** `fetched` as text: a TOML date-time in its ISO form, a string as written, nothing as empty. */
function fetchedText(value: TomlDate | string | undefined): string {
  return value === undefined ? '' : typeof value === 'string' ? value : value.toISOString();
}

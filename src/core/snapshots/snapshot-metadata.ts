import type { FileWriter } from '../fs/file-writer.js';
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { TomlDate } from 'smol-toml';
import type { ErrorCode } from '../../shared/error-codes.js';
import { nameProblem } from '../../shared/names.js';
import { SkillmeatError, ioError } from '../errors.js';
import { assertValidName, type HomePaths } from '../home/home-paths.js';
import { rfc3339 } from '../time.js';
import { malformed, readTomlFile, writeTomlFile, type TomlTable } from '../toml/toml-file.js';
import { tomlFields, type TomlFields } from '../toml/toml-fields.js';
import { isSnapshotId } from './snapshot-id.js';
import { ParsedFileCache } from '../fs/parsed-file-cache.js';

export const SNAPSHOTS_FILE = 'snapshots.toml';

/**
 * How a `snapshots.toml` is spelled. Ours: TOML offset date-times, `tarball_path` relative to the
 * folder, `collection_name` on every entry. Python's: naive UTC ISO strings, absolute `tarball_path`,
 * no `collection_name` (its reader needs exactly that). A file is written back in the dialect it was read in.
 */
export type SnapshotDialect = 'skillmeat' | 'python';

/** One snapshot's metadata, whatever dialect it was read from. */
export interface SnapshotEntry {
  readonly id: string;
  /** RFC 3339 UTC with `Z`. */
  readonly timestamp: string;
  readonly message: string;
  /** The entry's own, else the collection whose folder holds the file (Python writes none). */
  readonly collectionName: string;
  readonly artifactCount: number;
  /** Relative to the snapshot folder, POSIX, even when the file holds Python's absolute path. */
  readonly tarballPath: string;
  /** Safety snapshots taken by an operation; retention thins these. Manual ones are kept until deleted. */
  readonly automatic: boolean;
  /** Kept whatever retention says; stored as `pinned = true`, the key absent otherwise. */
  readonly pinned: boolean;
  /** The entry as read: keys we do not model survive a write, and unchanged values keep their exact form. */
  readonly raw?: TomlTable;
}

/** `snapshots/<collection>/snapshots.toml`. */
export interface SnapshotMetadata {
  readonly path: string;
  /** The snapshot folder, `snapshots/<collection>/`. */
  readonly folder: string;
  readonly collection: string;
  readonly dialect: SnapshotDialect;
  /** In file order (oldest appended first); see `listSnapshots` for newest first. */
  readonly snapshots: readonly SnapshotEntry[];
  /** The whole file as read, so top-level keys we do not model survive a write. */
  readonly raw: TomlTable;
}

/** What a caller says about a new snapshot; the rest is derived. */
export interface NewSnapshot {
  readonly id: string;
  readonly timestamp: Date;
  readonly message: string;
  readonly artifactCount: number;
  readonly automatic: boolean;
}

const FIELDS = ['id', 'timestamp', 'message', 'collectionName', 'artifactCount', 'tarballPath', 'automatic', 'pinned'] as const;
type Field = (typeof FIELDS)[number];
type LooseEntry = { -readonly [F in Field]?: SnapshotEntry[F] };
type Problem = { readonly code: ErrorCode; readonly text: string };

const KEYS: Readonly<Record<Field, string>> = {
  id: 'id',
  timestamp: 'timestamp',
  message: 'message',
  collectionName: 'collection_name',
  artifactCount: 'artifact_count',
  tarballPath: 'tarball_path',
  automatic: 'automatic',
  pinned: 'pinned',
};

/**
 * Parsed snapshots.toml files, reused while the file is unchanged: a timeline of 10,000 snapshots
 * is a 2 MB file that takes far longer to parse than a page takes to answer. The metadata is
 * immutable data (every change makes a new object), so sharing it is safe.
 */
const parsedFiles = new ParsedFileCache();
/** Each snapshot list's newest-first order, computed once per parsed list. */
const newestFirstOrders = new WeakMap<readonly SnapshotEntry[], readonly SnapshotEntry[]>();

/** Python marks its automatic snapshots only by this message prefix (`VersionManager.auto_snapshot`). */
const PYTHON_AUTO_PREFIX = '[auto]';

/** The snapshot folder of a collection; refuses a name that could escape `snapshots/`. */
export function snapshotFolder(paths: HomePaths, collection: string): string {
  assertValidName(collection, 'collection');
  return join(paths.snapshotsDir, collection);
}

/** Reads a collection's snapshot metadata (an empty list when the file is absent). Anything malformed is refused, naming the file. */
export async function readSnapshotMetadata(paths: HomePaths, collection: string): Promise<SnapshotMetadata> {
  return loadSnapshotMetadata(snapshotFolder(paths, collection), collection);
}

/** Writes the metadata atomically, in the dialect it was read in. An invalid entry, or a file on disk that does not load, writes nothing. */
export async function writeSnapshotMetadata(metadata: SnapshotMetadata, writer?: FileWriter): Promise<void> {
  const table = encodeFile(metadata);
  // A corrupt file is never overwritten, whoever read it (or did not) before.
  await loadSnapshotMetadata(metadata.folder, metadata.collection);
  await mkdir(metadata.folder, { recursive: true }).catch((error: unknown) => {
    throw ioError('create', metadata.folder, error);
  });
  await writeTomlFile(metadata.path, table, undefined, writer);
}

/** Snapshots newest first (by timestamp; of two in the same second, the one later in the file), paged. */
export function listSnapshots(metadata: SnapshotMetadata, page: { readonly limit?: number; readonly offset?: number } = {}): SnapshotEntry[] {
  const { limit, offset = 0 } = page;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new SkillmeatError('invalid_input', `Invalid limit ${String(limit)}: use a whole number of at least 1.`, { limit });
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new SkillmeatError('invalid_input', `Invalid offset ${String(offset)}: use a whole number of at least 0.`, { offset });
  }
  let newestFirst = newestFirstOrders.get(metadata.snapshots);
  if (newestFirst === undefined) {
    newestFirst = metadata.snapshots
      .map((entry, index) => ({ entry, index }))
      .sort((a, b) => compareText(b.entry.timestamp, a.entry.timestamp) || b.index - a.index)
      .map(({ entry }) => entry);
    newestFirstOrders.set(metadata.snapshots, newestFirst);
  }
  return newestFirst.slice(offset, limit === undefined ? undefined : offset + limit);
}

/** The snapshot with this id, if the metadata holds one. */
export function findSnapshot(metadata: SnapshotMetadata, id: string): SnapshotEntry | undefined {
  return metadata.snapshots.find((entry) => entry.id === id);
}

/** The metadata with a new snapshot appended (nothing is written); its tarball is `<id>.tar.gz` in the folder. */
export function addSnapshot(metadata: SnapshotMetadata, snapshot: NewSnapshot): SnapshotMetadata {
  if (findSnapshot(metadata, snapshot.id) !== undefined) {
    throw new SkillmeatError('already_exists', `${metadata.path} already records snapshot ${snapshot.id}. Choose another id.`, { path: metadata.path, id: snapshot.id });
  }
  if (Number.isNaN(snapshot.timestamp.getTime())) {
    throw new SkillmeatError('invalid_input', `Snapshot ${snapshot.id} has an invalid timestamp. Nothing was recorded.`, { id: snapshot.id });
  }
  const entry: SnapshotEntry = {
    id: snapshot.id,
    timestamp: rfc3339(snapshot.timestamp),
    message: snapshot.message,
    collectionName: metadata.collection,
    artifactCount: snapshot.artifactCount,
    tarballPath: `${snapshot.id}.tar.gz`,
    automatic: snapshot.automatic,
    pinned: false,
  };
  const problem = entryProblem(entry);
  if (problem) throw new SkillmeatError(writeCode(problem), `Cannot record snapshot ${JSON.stringify(snapshot.id)}: it ${problem.text}. Nothing was recorded.`, { id: snapshot.id });
  return { ...metadata, snapshots: [...metadata.snapshots, entry] };
}

/** The metadata without the snapshot `id` (nothing is written); `not_found` when it holds none. */
export function removeSnapshot(metadata: SnapshotMetadata, id: string): SnapshotMetadata {
  if (findSnapshot(metadata, id) === undefined) {
    throw new SkillmeatError('not_found', `No snapshot ${JSON.stringify(id)} in ${metadata.path}. List snapshots to see the ids.`, { path: metadata.path, id });
  }
  return { ...metadata, snapshots: metadata.snapshots.filter((entry) => entry.id !== id) };
}

/** The metadata with snapshot `id` pinned or unpinned (nothing is written); `not_found` when it holds none. */
export function setPinned(metadata: SnapshotMetadata, id: string, pinned: boolean): SnapshotMetadata {
  if (findSnapshot(metadata, id) === undefined) {
    throw new SkillmeatError('not_found', `No snapshot ${JSON.stringify(id)} in ${metadata.path}. List snapshots to see the ids.`, { path: metadata.path, id });
  }
  return { ...metadata, snapshots: metadata.snapshots.map((entry) => (entry.id === id ? { ...entry, pinned } : entry)) };
}

/** Absolute path of a snapshot's tarball. */
export function tarballFile(metadata: SnapshotMetadata, entry: SnapshotEntry): string {
  return join(metadata.folder, ...entry.tarballPath.split('/'));
}

/**
 * Reads a timestamp written by us (a TOML date-time) or by Python (an ISO string, naive or with an
 * offset) as RFC 3339 UTC. Naive values are read as `naive` time, because Python's snapshots use
 * `utcnow()` and its audit entries `now()`. Undefined for anything else (a bare date, an impossible time).
 */
export function readTimestamp(value: unknown, naive: 'utc' | 'local'): string | undefined {
  if (value instanceof TomlDate) return value.isDateTime() && value.isValid() ? rfc3339(value) : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : rfc3339(value);
  if (typeof value !== 'string') return undefined;
  const match = ISO.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
  // Date parsing rolls 30 February over into March; a timestamp naming a day that does not exist is refused.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCDate() !== Number(day) || calendar.getUTCMonth() !== Number(month) - 1 || Number(hour) > 23) return undefined;
  const millis = `${fraction.slice(1)}000`.slice(0, 3);
  const offset = zone === undefined ? (naive === 'utc' ? 'Z' : '') : zone.toUpperCase();
  const parsed = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`);
  return Number.isNaN(parsed.getTime()) ? undefined : rfc3339(parsed);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})?$/;

async function loadSnapshotMetadata(folder: string, collection: string): Promise<SnapshotMetadata> {
  const path = join(folder, SNAPSHOTS_FILE);
  return parsedFiles.get(path, () => parseSnapshotMetadata(path, folder, collection));
}

async function parseSnapshotMetadata(path: string, folder: string, collection: string): Promise<SnapshotMetadata> {
  const raw = await readTomlFile(path);
  if (raw === undefined) return { path, folder, collection, dialect: 'skillmeat', snapshots: [], raw: {} };
  const tables = tomlFields(path, 'top-level', raw).optionalTables('snapshots') ?? [];
  const dialect: SnapshotDialect = tables.some((table) => typeof table.timestamp === 'string') ? 'python' : 'skillmeat';
  const seen = new Set<string>();
  const snapshots = tables.map((table, index) => {
    const where = `[[snapshots]] #${index + 1}`;
    const entry = decodeEntry(table, { folder, collection }, path, where);
    if (seen.has(entry.id)) throw malformed(path, `${where} (${entry.id})`, 'repeats a snapshot id recorded above');
    seen.add(entry.id);
    return entry;
  });
  return { path, folder, collection, dialect, snapshots, raw };
}

interface Place {
  readonly folder: string;
  readonly collection: string;
}

function decodeEntry(table: TomlTable, place: Place, path: string, where: string): SnapshotEntry {
  const label = typeof table.id === 'string' ? `${where} (${table.id})` : where;
  const loose = looseEntry(tomlFields(path, label, table), place);
  const problem = valueProblem(table, loose, place.folder) ?? entryProblem(loose);
  if (problem) {
    throw problem.code === 'corrupt_file'
      ? malformed(path, label, problem.text)
      : new SkillmeatError(problem.code, `${path}: ${label} ${problem.text}. Fix or restore this file; SkillMeat will not overwrite it.`, { path, where: label });
  }
  return { ...(loose as SnapshotEntry), raw: table };
}

/** The model values an entry holds (a value of the wrong type is `corrupt_file`), not yet validated; also what an entry "already says" when writing. */
function looseEntry(fields: TomlFields, place: Place): LooseEntry {
  const message = fields.optionalText('message') ?? '';
  const timestamp = fields.optionalDateTimeOrText('timestamp');
  const tarballPath = fields.optionalText('tarball_path');
  return {
    id: fields.optionalText('id'),
    timestamp: timestamp === undefined ? undefined : readTimestamp(timestamp, 'utc'),
    message,
    collectionName: fields.optionalText('collection_name') ?? place.collection,
    artifactCount: fields.optionalInteger('artifact_count'),
    tarballPath: tarballPath === undefined ? undefined : relativeTarball(tarballPath, place.folder),
    automatic: fields.optionalFlag('automatic') ?? message.startsWith(PYTHON_AUTO_PREFIX),
    pinned: fields.optionalFlag('pinned') ?? false,
  };
}

/** Problems `looseEntry` hides by mapping a value of the right type but a bad form to undefined. */
function valueProblem(table: TomlTable, loose: LooseEntry, folder: string): Problem | undefined {
  if (table.timestamp !== undefined && loose.timestamp === undefined) return { code: 'corrupt_file', text: `has an invalid timestamp ${JSON.stringify(String(table.timestamp))}` };
  if (typeof table.tarball_path === 'string') {
    const badPath = tarballProblem(table.tarball_path, folder);
    if (badPath) return { code: 'path_outside', text: `has tarball_path ${JSON.stringify(table.tarball_path)}, which ${badPath}; it must stay inside the snapshot folder` };
  }
  return undefined;
}

/** Why an entry cannot be stored, if it cannot; the same rules for what we read and what we are asked to write. */
function entryProblem(entry: LooseEntry): Problem | undefined {
  const { id, timestamp, message, collectionName, artifactCount, tarballPath, automatic } = entry;
  if (id === undefined) return { code: 'corrupt_file', text: 'has no id' };
  if (!isSnapshotId(id)) return { code: 'corrupt_file', text: `has id ${JSON.stringify(id)}, which is not a snapshot id (YYYYMMDD_HHMMSS_xxx)` };
  if (timestamp === undefined) return { code: 'corrupt_file', text: 'has no timestamp' };
  if (message === undefined) return { code: 'corrupt_file', text: 'has no message' };
  if (collectionName === undefined) return { code: 'corrupt_file', text: 'has no collection_name' };
  const badName = nameProblem(collectionName);
  if (badName) return { code: 'invalid_name', text: `names collection ${JSON.stringify(collectionName)}, which is invalid: ${badName}` };
  if (artifactCount === undefined || !Number.isSafeInteger(artifactCount) || artifactCount < 0) {
    return { code: 'corrupt_file', text: `has artifact_count ${JSON.stringify(artifactCount ?? null)}, which is not a whole number of at least 0` };
  }
  if (tarballPath === undefined) return { code: 'corrupt_file', text: 'has no tarball_path (or one that is not a string)' };
  if (automatic === undefined) return { code: 'corrupt_file', text: 'has no automatic flag' };
  return undefined;
}

/** Why a stored tarball path is unsafe: `..`, or an absolute path outside the folder (Python's absolute paths inside it are fine). */
function tarballProblem(path: string, folder: string): string | undefined {
  if (path.includes('\0')) return 'contains a NUL character';
  if (!isAbsolute(path) && path.split(/[\\/]/).includes('..')) return 'contains ".."';
  const inside = relative(resolve(folder), resolve(folder, path));
  if (inside === '') return 'names the folder itself, not a file';
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return 'is outside the snapshot folder';
  return undefined;
}

/** A stored tarball path as a POSIX path relative to `folder`; undefined when it is unsafe. */
function relativeTarball(value: string, folder: string): string | undefined {
  if (tarballProblem(value, folder) !== undefined) return undefined;
  return relative(resolve(folder), resolve(folder, value)).split(sep).join('/');
}

function encodeFile(metadata: SnapshotMetadata): TomlTable {
  const entries = metadata.snapshots.map((entry) => {
    const problem = entryProblem(entry) ?? (relativeTarball(entry.tarballPath, metadata.folder) === entry.tarballPath ? undefined : { code: 'path_outside' as const, text: `has tarball_path ${JSON.stringify(entry.tarballPath)}, which is not a plain relative path inside the snapshot folder` });
    if (problem) {
      throw new SkillmeatError(writeCode(problem), `${metadata.path}: cannot record snapshot ${JSON.stringify(entry.id)}: it ${problem.text}. Nothing was written.`, { path: metadata.path, id: entry.id });
    }
    return encodeEntry(entry, metadata);
  });
  return { ...metadata.raw, snapshots: entries };
}

function encodeEntry(entry: SnapshotEntry, metadata: SnapshotMetadata): TomlTable {
  const python = metadata.dialect === 'python';
  const encoded: Record<Field, unknown> = {
    id: entry.id,
    timestamp: python ? entry.timestamp.replace(/Z$/, '') : new TomlDate(entry.timestamp),
    message: entry.message,
    // Python's reader takes the collection from the folder; ours names it on every entry.
    collectionName: python && entry.collectionName === metadata.collection ? undefined : entry.collectionName,
    artifactCount: entry.artifactCount,
    // Python opens `Path(tarball_path)` as is, so it needs the absolute path.
    tarballPath: python ? tarballFile(metadata, entry) : entry.tarballPath,
    automatic: entry.automatic,
    // Written only when true, so an unpinned entry reads exactly as the Python tool wrote it.
    pinned: entry.pinned ? true : undefined,
  };
  const asRead = entry.raw === undefined ? undefined : looseEntry(tomlFields(metadata.path, `[[snapshots]] (${entry.id})`, entry.raw), metadata);
  const table: TomlTable = { ...entry.raw };
  for (const field of FIELDS) {
    if (asRead !== undefined && asRead[field] === entry[field]) continue;
    const value = encoded[field];
    if (value === undefined) delete table[KEYS[field]];
    else table[KEYS[field]] = value;
  }
  return table;
}

/** A problem found in what a caller asks us to write is bad input, not a corrupt file. */
function writeCode(problem: Problem): ErrorCode {
  return problem.code === 'corrupt_file' ? 'invalid_input' : problem.code;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

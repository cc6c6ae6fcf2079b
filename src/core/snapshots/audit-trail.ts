import { randomInt } from '../lazy-crypto.js';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TomlDate } from 'smol-toml';
import { SkillmeatError, ioError } from '../errors.js';
import { assertValidName, type HomePaths } from '../home/home-paths.js';
import { isWaitableBusy, withWriteLock } from '../locks/write-lock.js';
import { rfc3339 } from '../time.js';
import { readTomlFile, writeTomlFile, type TomlTable } from '../toml/toml-file.js';
import { tomlFields } from '../toml/toml-fields.js';
import { isSnapshotId } from './snapshot-id.js';
import { parseVersionId } from '../versions/version-record.js';
import { readTimestamp } from './snapshot-metadata.js';

export const ROLLBACK_OPERATION_TYPES = ['simple', 'intelligent', 'selective', 'merge'] as const;
export type RollbackOperationType = (typeof ROLLBACK_OPERATION_TYPES)[number];

/** One `[[entries]]` of `audit/<collection>_rollback_audit.toml` (versioning spec, section 8). */
export interface AuditEntry {
  /** `rb_YYYYMMDD_HHMMSS_xxxxxx` (UTC; unique in its file). Python's entries have `rb_YYYYMMDD_HHMMSS`. */
  readonly id: string;
  /** RFC 3339 UTC with `Z`. */
  readonly timestamp: string;
  readonly collectionName: string;
  /** The safety snapshot taken first; empty when the operation failed before one was taken. */
  readonly sourceSnapshotId: string;
  readonly targetSnapshotId: string;
  readonly operationType: RollbackOperationType;
  readonly filesRestored: readonly string[];
  readonly filesMerged: readonly string[];
  readonly conflictsResolved: readonly string[];
  readonly conflictsPending: readonly string[];
  readonly preserveChangesEnabled: boolean;
  readonly success: boolean;
  readonly error?: string;
  /** The paths a selective rollback restored; empty for the other operations. */
  readonly selectivePaths: readonly string[];
}

/** What the operation reports; id, timestamp and collection are filled in on append, lists default to empty. */
export interface AuditEntryInput {
  readonly sourceSnapshotId?: string;
  readonly targetSnapshotId: string;
  readonly operationType: RollbackOperationType;
  readonly filesRestored?: readonly string[];
  readonly filesMerged?: readonly string[];
  readonly conflictsResolved?: readonly string[];
  readonly conflictsPending?: readonly string[];
  readonly preserveChangesEnabled: boolean;
  readonly success: boolean;
  readonly error?: string;
  readonly selectivePaths?: readonly string[];
}

const LIST_FIELDS = ['filesRestored', 'filesMerged', 'conflictsResolved', 'conflictsPending', 'selectivePaths'] as const;
type ListField = (typeof LIST_FIELDS)[number];
const LIST_KEYS: Readonly<Record<ListField, string>> = {
  filesRestored: 'files_restored',
  filesMerged: 'files_merged',
  conflictsResolved: 'conflicts_resolved',
  conflictsPending: 'conflicts_pending',
  selectivePaths: 'selective_paths',
};

/** How long an append waits for another process's append to finish (each takes milliseconds). */
const LOCK_WAIT_MS = 10_000;

/** Appends in flight in this process, per file: they queue here instead of spinning on the lock file. */
const queues = new Map<string, Promise<unknown>>();

/** `audit/<collection>_rollback_audit.toml`; refuses a name that could escape `audit/`. */
export function auditFilePath(paths: HomePaths, collection: string): string {
  assertValidName(collection, 'collection');
  return join(paths.auditDir, `${collection}_rollback_audit.toml`);
}

/**
 * Appends an entry under the audit file's lock (read, add, write to a temporary file, rename), so
 * concurrent appenders all land. A corrupt audit file is an error and is left exactly as it was.
 * Returns the entry as recorded.
 */
export async function appendAuditEntry(paths: HomePaths, collection: string, input: AuditEntryInput, now: Date = new Date()): Promise<AuditEntry> {
  const path = auditFilePath(paths, collection);
  assertInput(input, path);
  if (Number.isNaN(now.getTime())) throw new SkillmeatError('invalid_input', 'Cannot record an audit entry at an invalid date.');
  const lockPath = join(paths.locksDir, `audit-${collection}.lock`);
  const append = async (): Promise<AuditEntry> => {
    await mkdir(paths.auditDir, { recursive: true }).catch((error: unknown) => {
      throw ioError('create', paths.auditDir, error);
    });
    return withLockWhenFree(lockPath, async () => {
      const { raw, tables, entries } = await loadAuditFile(path, collection);
      const taken = new Set(entries.map((entry) => entry.id));
      const entry: AuditEntry = {
        id: newAuditId(now, taken),
        timestamp: rfc3339(now),
        collectionName: collection,
        sourceSnapshotId: input.sourceSnapshotId ?? '',
        targetSnapshotId: input.targetSnapshotId,
        operationType: input.operationType,
        filesRestored: [...(input.filesRestored ?? [])],
        filesMerged: [...(input.filesMerged ?? [])],
        conflictsResolved: [...(input.conflictsResolved ?? [])],
        conflictsPending: [...(input.conflictsPending ?? [])],
        preserveChangesEnabled: input.preserveChangesEnabled,
        success: input.success,
        ...(input.error !== undefined ? { error: input.error } : {}),
        selectivePaths: [...(input.selectivePaths ?? [])],
      };
      // Python's reader wants `fromisoformat` strings (naive local time); keep a file it wrote readable by it.
      const pythonTimes = tables.some((table) => typeof table.timestamp === 'string');
      await writeTomlFile(path, { ...raw, entries: [...tables, encodeEntry(entry, now, pythonTimes)] });
      return entry;
    });
  };
  const previous = queues.get(path) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(append);
  const settled = mine.catch(() => undefined);
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return mine;
}

/** Audit entries of a collection, newest first (an empty list when the file is absent). */
export async function listAuditEntries(paths: HomePaths, collection: string, options: { readonly limit?: number } = {}): Promise<AuditEntry[]> {
  const { limit } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new SkillmeatError('invalid_input', `Invalid limit ${String(limit)}: use a whole number of at least 1.`, { limit });
  }
  const { entries } = await loadAuditFile(auditFilePath(paths, collection), collection);
  const newestFirst = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.timestamp < b.entry.timestamp ? 1 : a.entry.timestamp > b.entry.timestamp ? -1 : b.index - a.index))
    .map(({ entry }) => entry);
  return limit === undefined ? newestFirst : newestFirst.slice(0, limit);
}

interface AuditFile {
  readonly raw: TomlTable;
  /** The entries exactly as read: an append writes them back untouched. */
  readonly tables: readonly TomlTable[];
  readonly entries: readonly AuditEntry[];
}

async function loadAuditFile(path: string, collection: string): Promise<AuditFile> {
  const raw = await readTomlFile(path);
  if (raw === undefined) return { raw: {}, tables: [], entries: [] };
  const tables = tomlFields(path, 'top-level', raw).optionalTables('entries') ?? [];
  return { raw, tables, entries: tables.map((table, index) => decodeEntry(table, collection, path, `[[entries]] #${index + 1}`)) };
}

/** Lenient where the Python tool wrote less (missing lists, no collection_name), strict about what is there. */
function decodeEntry(table: TomlTable, collection: string, path: string, where: string): AuditEntry {
  const fields = tomlFields(path, typeof table.id === 'string' ? `${where} (${table.id})` : where, table);
  const id = fields.text('id');
  if (id === '') throw fields.problem('id', 'is empty');
  const stamp = fields.optionalDateTimeOrText('timestamp');
  if (stamp === undefined) throw fields.problem('timestamp', 'is missing');
  const timestamp = readTimestamp(stamp, 'local');
  if (timestamp === undefined) throw fields.problem('timestamp', `is ${JSON.stringify(String(stamp))}, which is not a valid date-time`);
  const operation = fields.text('operation_type');
  const operationType = ROLLBACK_OPERATION_TYPES.find((type) => type === operation);
  if (operationType === undefined) throw fields.problem('operation_type', `is ${JSON.stringify(operation)}; expected one of ${ROLLBACK_OPERATION_TYPES.join(', ')}`);
  const lists = {} as Record<ListField, readonly string[]>;
  for (const field of LIST_FIELDS) lists[field] = fields.optionalTexts(LIST_KEYS[field]) ?? [];
  const error = fields.optionalText('error');
  return {
    id,
    timestamp,
    collectionName: fields.optionalText('collection_name') ?? collection,
    sourceSnapshotId: fields.optionalText('source_snapshot_id') ?? '',
    targetSnapshotId: fields.optionalText('target_snapshot_id') ?? '',
    operationType,
    ...lists,
    preserveChangesEnabled: fields.optionalFlag('preserve_changes_enabled') ?? false,
    success: fields.flag('success'),
    ...(error !== undefined ? { error } : {}),
  };
}

/** The spec's keys, in the spec's order. */
function encodeEntry(entry: AuditEntry, now: Date, pythonTimes: boolean): TomlTable {
  return {
    id: entry.id,
    timestamp: pythonTimes ? naiveLocal(now) : new TomlDate(entry.timestamp),
    collection_name: entry.collectionName,
    source_snapshot_id: entry.sourceSnapshotId,
    target_snapshot_id: entry.targetSnapshotId,
    operation_type: entry.operationType,
    files_restored: [...entry.filesRestored],
    files_merged: [...entry.filesMerged],
    conflicts_resolved: [...entry.conflictsResolved],
    conflicts_pending: [...entry.conflictsPending],
    preserve_changes_enabled: entry.preserveChangesEnabled,
    success: entry.success,
    ...(entry.error !== undefined ? { error: entry.error } : {}),
    selective_paths: [...entry.selectivePaths],
  };
}

function assertInput(input: AuditEntryInput, path: string): void {
  const refuse = (problem: string): never => {
    throw new SkillmeatError('invalid_input', `Cannot record an audit entry in ${path}: ${problem}. Nothing was written.`, { path });
  };
  if (!ROLLBACK_OPERATION_TYPES.includes(input.operationType)) refuse(`operation type ${JSON.stringify(input.operationType)} is not one of ${ROLLBACK_OPERATION_TYPES.join(', ')}`);
  if (input.sourceSnapshotId !== undefined && !isSnapshotId(input.sourceSnapshotId)) refuse(`source snapshot ${JSON.stringify(input.sourceSnapshotId)} is not a snapshot id`);
  if (typeof input.targetSnapshotId !== 'string' || input.targetSnapshotId === '') refuse('it names no target');
  // A merge names the place it merged into; a selective restore may name the stored version it restored (`version:<id>`).
  const versionTarget = input.operationType === 'selective' && input.targetSnapshotId.startsWith('version:') && parseVersionId(input.targetSnapshotId.slice('version:'.length)) !== undefined;
  if (input.operationType !== 'merge' && !versionTarget && !isSnapshotId(input.targetSnapshotId)) refuse(`target snapshot ${JSON.stringify(input.targetSnapshotId)} is not a snapshot id`);
  if (typeof input.success !== 'boolean' || typeof input.preserveChangesEnabled !== 'boolean') refuse('success and preserve_changes_enabled must be true or false');
  if (input.error !== undefined && typeof input.error !== 'string') refuse('error must be text');
  for (const field of LIST_FIELDS) {
    const value: unknown = input[field];
    if (value !== undefined && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) refuse(`${LIST_KEYS[field]} must be a list of paths`);
  }
  if (input.operationType === 'selective' && (input.selectivePaths ?? []).length === 0) refuse('a selective rollback must name its selective_paths');
}

/** `withWriteLock`, waiting (a bounded time) while another live process holds the lock instead of failing at once. */
async function withLockWhenFree<T>(lockPath: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return await withWriteLock(lockPath, 'append audit entry', work);
    } catch (error) {
      if (!isWaitableBusy(error) || Date.now() > deadline) throw error; // a lock from another host or an unreadable one never frees itself
      await sleep(5 + randomInt(20));
    }
  }
}

function newAuditId(now: Date, taken: ReadonlySet<string>): string {
  const iso = now.toISOString();
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  for (;;) {
    let suffix = '';
    for (let i = 0; i < 6; i++) suffix += 'abcdefghijklmnopqrstuvwxyz0123456789'[randomInt(36)];
    const id = `rb_${stamp}_${suffix}`;
    if (!taken.has(id)) return id;
  }
}

/** `datetime.now().isoformat()` as Python writes it: local time, no offset. */
function naiveLocal(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactTypeInfo, isArtifactType, type ArtifactType } from '../../shared/artifact-types.js';
import { nameProblem } from '../../shared/names.js';
import { relPathProblem } from '../versions/rel-path.js';
import type { FileConflict } from '../merge/tree-merge.js';
import { contentSize, isStored, type FileContent, type FileMap } from '../merge/file-map.js';
import { hashBytes } from '../hash/content-hash.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { directWriter, type FileWriter } from '../fs/file-writer.js';
import { pathExists } from '../fs/path-exists.js';
import { assertNotLink } from '../fs/contained-path.js';
import { readStoredContent, storeContent } from '../versions/object-store.js';

export const PENDING_FILE = '.skillmeat-pending.json';

/** How a conflicted file was settled: a side taken whole, the user's own text or file, or deletion. */
export type ResolutionHow = 'project' | 'collection' | 'base' | 'text';

/** How a conflicted file was settled: new content (and where it came from), or deletion. */
export type Resolution = { readonly content: FileContent; readonly how?: ResolutionHow } | { readonly delete: true };

export interface PendingConflict extends Omit<FileConflict, 'markers' | 'count'> {
  readonly resolution: Resolution | undefined;
  /** A partial result the user saved mid-merge (the merge view's draft); the file is still in conflict. */
  readonly draft?: FileContent;
}

/**
 * A sync whose merge stopped on conflicts: the clean part of the merged tree, and each conflicted
 * file with its three versions, until `resolve` has settled every one of them.
 */
export interface PendingMerge {
  /**
   * Where the result goes: `sync` into the project copy; `push` into the collection copy and the
   * project copy; `rollback` into the collection copy (a rollback's conflict: local = the collection
   * copy, remote = the snapshot's; kept beside the snapshots, not in a project); `update` into the
   * collection copy too (an upstream update's conflict: local = the collection copy, remote = the
   * new upstream tree; kept with the rollback's, and completing it also records the new commit).
   */
  readonly direction: 'sync' | 'push' | 'rollback' | 'update';
  readonly name: string;
  readonly type: ArtifactType;
  readonly collection: string;
  /** The merge base, the project copy and the collection copy the merge was computed from. */
  readonly baseSha: string;
  readonly localSha: string | undefined;
  readonly remoteSha: string;
  /** Merged files that needed no decision (conflicted paths excluded). */
  readonly settled: FileMap;
  readonly conflicts: readonly PendingConflict[];
  /**
   * The project copy as the sync or push left it (with markers written: the written files), path →
   * SHA-256: completing the merge refuses to discard a change made after. Undefined in files
   * written before it was recorded: then nothing is checked.
   */
  readonly projectFiles?: ReadonlyMap<string, string>;
}

/** Each file's SHA-256 (lowercase hex), by path: what a pending merge records of the project copy. */
export function fileHashes(files: FileMap): Map<string, string> {
  return new Map([...files].map(([path, content]) => [path, isStored(content) ? content.sha256 : hashBytes(content)]));
}

/**
 * The project's unfinished merges (`.claude/.skillmeat-pending.json`); empty when there are none.
 * Their contents live in the version store (`objectsDir`) and are read back checked.
 */
export async function readPendingMerges(claudeDir: string, objectsDir: string): Promise<PendingMerge[]> {
  const { path, stored, format } = await readStoredMerges(claudeDir);
  const merges: PendingMerge[] = [];
  for (const merge of stored) {
    try {
      merges.push(await decodeMerge(merge, format, objectsDir));
    } catch (error) {
      if (error instanceof SkillmeatError && error.code !== 'corrupt_file') throw error;
      throw corrupt(path, error);
    }
  }
  return merges;
}

/**
 * Which artifacts have an unfinished merge in `folder`, without reading any of their contents from
 * the version store (the history view asks this of every project, for every page it reads).
 */
export async function pendingMergeArtifacts(folder: string): Promise<{ readonly name: string; readonly type: ArtifactType }[]> {
  const { stored } = await readStoredMerges(folder);
  return stored.map((merge) => ({ name: merge.name, type: merge.type as ArtifactType }));
}

/** The pending-merge file of `folder` parsed and checked, contents still as references; none when absent. */
async function readStoredMerges(folder: string): Promise<{ path: string; stored: StoredMerge[]; format: number }> {
  const path = join(folder, PENDING_FILE);
  assertNotLink(path, folder);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return { path, stored: [], format: FORMAT };
    throw ioError('read', path, error);
  }
  try {
    const parsed = JSON.parse(text) as { format?: number; merges?: StoredMerge[] };
    if (!READABLE_FORMATS.includes(parsed.format) || !Array.isArray(parsed.merges)) throw new Error('unknown format');
    parsed.merges.forEach(checkMerge);
    return { path, stored: parsed.merges, format: parsed.format as number };
  } catch (error) {
    throw corrupt(path, error);
  }
}

/**
 * Writes the project's unfinished merges atomically; removes the file when none are left. Every
 * content goes to the version store and the file holds references to it (format 2 and later): a conflict in
 * a large artifact keeps the file small, and a large file is never read into memory for it.
 */
export async function writePendingMerges(claudeDir: string, merges: readonly PendingMerge[], objectsDir: string, writer: FileWriter = directWriter): Promise<void> {
  await writePendingMergesText(claudeDir, await pendingMergesText(merges, objectsDir), writer);
}

/**
 * The text of a pending-merge file holding `merges` (undefined for none), their contents already in
 * the version store: for a writer whose contents are gone by the time it can write the file (a
 * rollback's staged trees are removed when it commits).
 */
export async function pendingMergesText(merges: readonly PendingMerge[], objectsDir: string): Promise<string | undefined> {
  if (merges.length === 0) return undefined;
  const encoded: StoredMerge[] = [];
  for (const merge of merges) encoded.push(await encodeMerge(merge, objectsDir));
  return `${JSON.stringify({ format: FORMAT, merges: encoded }, null, 1)}\n`;
}

/** Writes (or, for undefined, removes) the pending-merge file of `folder`. */
export async function writePendingMergesText(folder: string, text: string | undefined, writer: FileWriter = directWriter): Promise<void> {
  const path = join(folder, PENDING_FILE);
  if (text === undefined) {
    if (await pathExists(path)) await writer.deleteFile(path);
    return;
  }
  await writer.writeFile(path, text);
}

/** The pending merges with `merge` added, replacing an earlier one of the same artifact (a new sync or push starts over). */
export function withPendingMerge(merges: readonly PendingMerge[], merge: PendingMerge): PendingMerge[] {
  return [...merges.filter((m) => !(m.name === merge.name && m.type === merge.type)), merge];
}

/**
 * 3: merges may be push merges (`direction`), hold drafts, and say how each file was resolved.
 * Written as 3 so that an older SkillMeat refuses the file (a clear error) rather than finishing a
 * push merge as a sync. 2: contents as blob references. 1: contents as base64 (still read).
 */
const FORMAT = 3;
const READABLE_FORMATS: readonly unknown[] = [1, 2, 3];

/** A content as stored: a blob of the version store (format 2), or base64 bytes (format 1, still read). */
type StoredContent = { blob: string; size: number } | string;

interface StoredConflict {
  path: string;
  kind: PendingConflict['kind'];
  base: StoredContent | null;
  local: StoredContent | null;
  remote: StoredContent | null;
  resolution: { content: StoredContent; how?: ResolutionHow } | { delete: true } | null;
  draft?: StoredContent | null;
}

interface StoredMerge {
  /** Absent in files written before push merges could be pending: a sync. */
  direction?: 'sync' | 'push' | 'rollback' | 'update';
  name: string;
  type: string;
  collection: string;
  base_sha: string;
  local_sha: string | null;
  remote_sha: string;
  settled: Record<string, StoredContent>;
  conflicts: StoredConflict[];
  /** Absent in files written before it was recorded. */
  project_files?: Record<string, string>;
}

async function encodeMerge(merge: PendingMerge, objectsDir: string): Promise<StoredMerge> {
  const ref = async (content: FileContent | undefined): Promise<StoredContent | null> =>
    content === undefined ? null : { blob: await storeContent(objectsDir, content), size: contentSize(content) };
  const settled: Record<string, StoredContent> = {};
  for (const [path, content] of merge.settled) settled[path] = (await ref(content))!;
  const conflicts: StoredConflict[] = [];
  for (const c of merge.conflicts) {
    conflicts.push({
      path: c.path,
      kind: c.kind,
      base: await ref(c.base),
      local: await ref(c.local),
      remote: await ref(c.remote),
      resolution: c.resolution === undefined ? null : 'delete' in c.resolution ? { delete: true } : { content: (await ref(c.resolution.content))!, ...(c.resolution.how ? { how: c.resolution.how } : {}) },
      ...(c.draft !== undefined ? { draft: await ref(c.draft) } : {}),
    });
  }
  return {
    direction: merge.direction,
    name: merge.name,
    type: merge.type,
    collection: merge.collection,
    base_sha: merge.baseSha,
    local_sha: merge.localSha ?? null,
    remote_sha: merge.remoteSha,
    settled,
    conflicts,
    ...(merge.projectFiles ? { project_files: Object.fromEntries(merge.projectFiles) } : {}),
  };
}

const CONFLICT_KINDS: readonly string[] = ['content', 'deletion', 'binary', 'no_base', 'too_large'];
const DIRECTIONS: readonly unknown[] = [undefined, 'sync', 'push', 'rollback', 'update'];
const HOWS: readonly unknown[] = [undefined, 'project', 'collection', 'base', 'text'];
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Checks one stored merge before anything of it is used: names and types are valid, hashes are
 * hashes, every file path is a plain path inside the artifact (a hand-edited or planted file must
 * not make resolve write `../../x`), and every content is a blob reference or base64 text.
 */
function checkMerge(stored: StoredMerge): void {
  if (typeof stored !== 'object' || stored === null) throw new Error('an entry is not an object');
  if (typeof stored.name !== 'string' || nameProblem(stored.name) !== undefined) throw new Error(`an entry has an invalid name ${JSON.stringify(stored.name)}`);
  if (typeof stored.type !== 'string' || !isArtifactType(stored.type)) throw new Error(`${stored.name} has an unknown type ${JSON.stringify(stored.type)}`);
  if (typeof stored.collection !== 'string' || nameProblem(stored.collection) !== undefined) throw new Error(`${stored.name} names an invalid collection`);
  if (!DIRECTIONS.includes(stored.direction)) throw new Error(`${stored.name} has an unknown direction ${JSON.stringify(stored.direction)}`);
  for (const [key, value, optional] of [['base_sha', stored.base_sha, false], ['remote_sha', stored.remote_sha, false], ['local_sha', stored.local_sha, true]] as const) {
    if (!(optional && value === null) && (typeof value !== 'string' || !SHA256.test(value))) throw new Error(`${stored.name} has a ${key} that is not a SHA-256`);
  }
  const kind = artifactTypeInfo(stored.type).kind;
  const checkPath = (path: unknown): void => {
    const problem = typeof path === 'string' ? relPathProblem(path, kind) : 'it is not a string';
    if (problem !== undefined) throw new Error(`${stored.name} holds the file path ${JSON.stringify(path)}, which is unsafe (${problem})`);
  };
  const checkContent = (content: unknown, nullable: boolean): void => {
    if (content === null && nullable) return;
    if (typeof content === 'string') return;
    const ref = content as { blob?: unknown; size?: unknown } | null;
    if (typeof ref !== 'object' || ref === null || typeof ref.blob !== 'string' || !SHA256.test(ref.blob) || typeof ref.size !== 'number') throw new Error(`${stored.name} holds a content that is neither a blob reference nor base64`);
  };
  if (typeof stored.settled !== 'object' || stored.settled === null || !Array.isArray(stored.conflicts)) throw new Error(`${stored.name} lacks its settled files or conflicts`);
  for (const [path, content] of Object.entries(stored.settled)) {
    checkPath(path);
    checkContent(content, false);
  }
  for (const conflict of stored.conflicts) {
    if (typeof conflict !== 'object' || conflict === null) throw new Error(`${stored.name} holds a conflict that is not an object`);
    checkPath(conflict.path);
    if (!CONFLICT_KINDS.includes(conflict.kind)) throw new Error(`${stored.name} has a conflict of unknown kind ${JSON.stringify(conflict.kind)}`);
    for (const side of [conflict.base, conflict.local, conflict.remote]) checkContent(side, true);
    if (conflict.resolution !== null && typeof conflict.resolution === 'object' && 'content' in conflict.resolution) {
      checkContent(conflict.resolution.content, false);
      if (!HOWS.includes(conflict.resolution.how)) throw new Error(`${stored.name} has a resolution of unknown origin ${JSON.stringify(conflict.resolution.how)}`);
    }
    if (conflict.draft !== undefined) checkContent(conflict.draft, true);
  }
  if (stored.project_files !== undefined) {
    if (typeof stored.project_files !== 'object' || stored.project_files === null || Array.isArray(stored.project_files)) throw new Error(`${stored.name} has project_files that are not an object`);
    for (const [path, sha] of Object.entries(stored.project_files)) {
      checkPath(path);
      if (typeof sha !== 'string' || !SHA256.test(sha)) throw new Error(`${stored.name} records a project file hash that is not a SHA-256`);
    }
  }
}

async function decodeMerge(stored: StoredMerge, format: number, objectsDir: string): Promise<PendingMerge> {
  const content = async (value: StoredContent | null, relPath: string): Promise<FileContent | undefined> => {
    if (value === null) return undefined;
    if (typeof value === 'string') {
      if (format !== 1) throw new Error(`${stored.name} holds base64 content in a format ${format} file`);
      return new Uint8Array(Buffer.from(value, 'base64'));
    }
    return readStoredContent(objectsDir, value.blob, { version: `the unfinished merge of ${stored.name}`, relPath });
  };
  const settled = new Map<string, FileContent>();
  for (const [path, value] of Object.entries(stored.settled)) settled.set(path, (await content(value, path))!);
  const conflicts: PendingConflict[] = [];
  for (const c of stored.conflicts) {
    const resolution: Resolution | undefined =
      c.resolution === null ? undefined : 'delete' in c.resolution ? { delete: true } : { content: (await content(c.resolution.content, c.path))!, ...(c.resolution.how ? { how: c.resolution.how } : {}) };
    const draft = c.draft === undefined || c.draft === null ? undefined : await content(c.draft, c.path);
    conflicts.push({ path: c.path, kind: c.kind, base: await content(c.base, c.path), local: await content(c.local, c.path), remote: await content(c.remote, c.path), resolution, ...(draft !== undefined ? { draft } : {}) });
  }
  return {
    direction: stored.direction ?? 'sync',
    name: stored.name,
    type: stored.type as ArtifactType,
    collection: stored.collection,
    baseSha: stored.base_sha,
    localSha: stored.local_sha ?? undefined,
    remoteSha: stored.remote_sha,
    settled,
    conflicts,
    ...(stored.project_files !== undefined ? { projectFiles: new Map(Object.entries(stored.project_files)) } : {}),
  };
}

function corrupt(path: string, error: unknown): SkillmeatError {
  return new SkillmeatError('corrupt_file', `${path} is not a pending-merge file SkillMeat can read (${error instanceof Error ? error.message : String(error)}). Move it away to abandon the unfinished merges.`, { path });
}

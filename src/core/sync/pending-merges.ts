import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactTypeInfo, isArtifactType, type ArtifactType } from '../../shared/artifact-types.js';
import { nameProblem } from '../../shared/names.js';
import { relPathProblem } from '../versions/rel-path.js';
import type { FileConflict } from '../merge/tree-merge.js';
import type { FileMap } from '../merge/file-map.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { directWriter, type FileWriter } from '../fs/file-writer.js';
import { pathExists } from '../fs/path-exists.js';
import { assertNotLink } from '../fs/contained-path.js';

export const PENDING_FILE = '.skillmeat-pending.json';

/** How a conflicted file was settled: new content, or deletion. */
export type Resolution = { readonly content: Uint8Array } | { readonly delete: true };

export interface PendingConflict extends Omit<FileConflict, 'markers' | 'count'> {
  readonly resolution: Resolution | undefined;
}

/**
 * A sync whose merge stopped on conflicts: the clean part of the merged tree, and each conflicted
 * file with its three versions, until `resolve` has settled every one of them.
 */
export interface PendingMerge {
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
}

/** The project's unfinished merges (`.claude/.skillmeat-pending.json`); empty when there are none. */
export async function readPendingMerges(claudeDir: string): Promise<PendingMerge[]> {
  const path = join(claudeDir, PENDING_FILE);
  assertNotLink(path, claudeDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return [];
    throw ioError('read', path, error);
  }
  try {
    const parsed = JSON.parse(text) as { format?: number; merges?: StoredMerge[] };
    if (parsed.format !== 1 || !Array.isArray(parsed.merges)) throw new Error('unknown format');
    return parsed.merges.map(decodeMerge);
  } catch (error) {
    throw new SkillmeatError('corrupt_file', `${path} is not a pending-merge file SkillMeat can read (${error instanceof Error ? error.message : String(error)}). Move it away to abandon the unfinished merges.`, { path });
  }
}

/** Writes the project's unfinished merges atomically; removes the file when none are left. */
export async function writePendingMerges(claudeDir: string, merges: readonly PendingMerge[], writer: FileWriter = directWriter): Promise<void> {
  const path = join(claudeDir, PENDING_FILE);
  if (merges.length === 0) {
    if (await pathExists(path)) await writer.deleteFile(path);
    return;
  }
  await writer.writeFile(path, `${JSON.stringify({ format: 1, merges: merges.map(encodeMerge) }, null, 1)}\n`);
}

/** The pending merges with `merge` added, replacing an earlier one of the same artifact. */
export function withPendingMerge(merges: readonly PendingMerge[], merge: PendingMerge): PendingMerge[] {
  return [...merges.filter((m) => !(m.name === merge.name && m.type === merge.type)), merge];
}

interface StoredConflict {
  path: string;
  kind: PendingConflict['kind'];
  base: string | null;
  local: string | null;
  remote: string | null;
  resolution: { content: string } | { delete: true } | null;
}

interface StoredMerge {
  name: string;
  type: string;
  collection: string;
  base_sha: string;
  local_sha: string | null;
  remote_sha: string;
  settled: Record<string, string>;
  conflicts: StoredConflict[];
}

const b64 = (bytes: Uint8Array | undefined): string | null => (bytes === undefined ? null : Buffer.from(bytes).toString('base64'));
const bytesOf = (text: string | null): Uint8Array | undefined => (text === null ? undefined : new Uint8Array(Buffer.from(text, 'base64')));

function encodeMerge(merge: PendingMerge): StoredMerge {
  return {
    name: merge.name,
    type: merge.type,
    collection: merge.collection,
    base_sha: merge.baseSha,
    local_sha: merge.localSha ?? null,
    remote_sha: merge.remoteSha,
    settled: Object.fromEntries([...merge.settled].map(([path, bytes]) => [path, b64(bytes)!])),
    conflicts: merge.conflicts.map((c) => ({
      path: c.path,
      kind: c.kind,
      base: b64(c.base),
      local: b64(c.local),
      remote: b64(c.remote),
      resolution: c.resolution === undefined ? null : 'delete' in c.resolution ? { delete: true } : { content: b64(c.resolution.content)! },
    })),
  };
}

const CONFLICT_KINDS: readonly string[] = ['content', 'deletion', 'binary', 'no_base'];
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * One stored merge, checked before anything of it is used: names and types are valid, hashes are
 * hashes, and every file path is a plain path inside the artifact (a hand-edited or planted file
 * must not make resolve write `../../x`).
 */
function decodeMerge(stored: StoredMerge): PendingMerge {
  if (typeof stored !== 'object' || stored === null) throw new Error('an entry is not an object');
  if (typeof stored.name !== 'string' || nameProblem(stored.name) !== undefined) throw new Error(`an entry has an invalid name ${JSON.stringify(stored.name)}`);
  if (typeof stored.type !== 'string' || !isArtifactType(stored.type)) throw new Error(`${stored.name} has an unknown type ${JSON.stringify(stored.type)}`);
  if (typeof stored.collection !== 'string' || nameProblem(stored.collection) !== undefined) throw new Error(`${stored.name} names an invalid collection`);
  for (const [key, value, optional] of [['base_sha', stored.base_sha, false], ['remote_sha', stored.remote_sha, false], ['local_sha', stored.local_sha, true]] as const) {
    if (!(optional && value === null) && (typeof value !== 'string' || !SHA256.test(value))) throw new Error(`${stored.name} has a ${key} that is not a SHA-256`);
  }
  const kind = artifactTypeInfo(stored.type).kind;
  const checkPath = (path: unknown): void => {
    const problem = typeof path === 'string' ? relPathProblem(path, kind) : 'it is not a string';
    if (problem !== undefined) throw new Error(`${stored.name} holds the file path ${JSON.stringify(path)}, which is unsafe (${problem})`);
  };
  if (typeof stored.settled !== 'object' || stored.settled === null || !Array.isArray(stored.conflicts)) throw new Error(`${stored.name} lacks its settled files or conflicts`);
  for (const path of Object.keys(stored.settled)) checkPath(path);
  for (const conflict of stored.conflicts) {
    checkPath(conflict?.path);
    if (!CONFLICT_KINDS.includes(conflict.kind)) throw new Error(`${stored.name} has a conflict of unknown kind ${JSON.stringify(conflict.kind)}`);
  }
  return {
    name: stored.name,
    type: stored.type,
    collection: stored.collection,
    baseSha: stored.base_sha,
    localSha: stored.local_sha ?? undefined,
    remoteSha: stored.remote_sha,
    settled: new Map(Object.entries(stored.settled).map(([path, text]) => [path, bytesOf(text)!])),
    conflicts: stored.conflicts.map((c) => ({
      path: c.path,
      kind: c.kind,
      base: bytesOf(c.base),
      local: bytesOf(c.local),
      remote: bytesOf(c.remote),
      resolution: c.resolution === null ? undefined : 'delete' in c.resolution ? { delete: true } : { content: bytesOf(c.resolution.content)! },
    })),
  };
}

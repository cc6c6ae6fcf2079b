// The file-level three-way merge of versioning spec section 5: one decision per path in the union
// of base, local and remote, by the per-file table; files changed differently on both sides go to
// the line merge. Pure: trees in, merged tree out; callers stage and apply it.
import { comparePaths } from '../hash/path-order.js';
import { isBinary } from './binary.js';
import { isStored, sameContent, type FileContent, type FileMap } from './file-map.js';
import type { MergeStyle } from './line-merge.js';
import { asBuffer } from './byte-lines.js';
import { joinPieces, mergeBytes } from './merge-bytes.js';
import type { MergeTextOptions } from './merge-text.js';

/** Why a path could not be merged. */
export type ConflictKind =
  | 'content' // changed (or added) differently on both sides, and the line merge has conflict hunks
  | 'deletion' // deleted on one side, changed on the other
  | 'binary' // changed differently on both sides, and one of the versions is binary: never line-merged
  | 'too_large' // changed differently on both sides, and one of the versions is larger than IN_MEMORY_LIMIT: never line-merged
  | 'no_base'; // no base is known, and the two sides differ

/** What the merge did with one path, relative to the base. */
export type MergeOutcome =
  | 'unchanged' // same bytes as the base (or, with no base, the same on both sides)
  | 'took_local' // local changed it, remote did not (or both changed it identically)
  | 'took_remote' // remote changed it, local did not
  | 'added' // not in the base: added on one side, or on both identically
  | 'deleted' // in the base, gone from the result
  | 'merged' // changed differently on both sides, merged cleanly by lines
  | 'conflict';

/** A path the merge could not settle, with every version so that a user can choose. */
export interface FileConflict {
  readonly path: string;
  readonly kind: ConflictKind;
  /** Undefined when absent on that side (or, for the base, when no base is known). */
  readonly base: FileContent | undefined;
  readonly local: FileContent | undefined;
  readonly remote: FileContent | undefined;
  /** For `content` conflicts: the merged text with git-style conflict markers (UTF-8 decoded; the exact bytes are in `files`). */
  readonly markers?: string;
  /** Conflict hunks in `markers`; 1 for a whole-file conflict. */
  readonly count: number;
}

export interface FileDecision {
  readonly path: string;
  readonly outcome: MergeOutcome;
}

export interface TreeMergeInput {
  /** Undefined when no base is known (a deployment older than the version store): then nothing is auto-merged. */
  readonly base: FileMap | undefined;
  readonly local: FileMap;
  readonly remote: FileMap;
  /** Conflict marker labels for local, base and remote; default project / base / collection. */
  readonly labels?: readonly [string, string, string];
  readonly style?: MergeStyle;
}

export interface TreeMergeResult {
  /**
   * The merged tree, in path order. Final when `clean`. A conflicted path holds its marker text for
   * a `content` conflict, and local's bytes (or nothing, when local has none) for any other kind.
   */
  readonly files: FileMap;
  readonly conflicts: readonly FileConflict[];
  /** One per path in the union of the three trees, in path order. */
  readonly decisions: readonly FileDecision[];
  readonly clean: boolean;
}

/** Three-way merges trees of files by the per-file table of versioning spec section 5. */
export function mergeTrees(input: TreeMergeInput): TreeMergeResult {
  const { base, local, remote } = input;
  const options: MergeTextOptions = { ...(input.labels ? { labels: input.labels } : {}), ...(input.style ? { style: input.style } : {}) };
  const files = new Map<string, FileContent>();
  const conflicts: FileConflict[] = [];
  const decisions: FileDecision[] = [];
  for (const path of unionOfPaths(base, local, remote)) {
    const versions: Versions = { path, base: base?.get(path), local: local.get(path), remote: remote.get(path) };
    const decision = base === undefined ? decideWithoutBase(versions) : decideFile(versions, options);
    if (decision.bytes !== undefined) files.set(path, decision.bytes);
    if (decision.conflict !== undefined) conflicts.push(decision.conflict);
    decisions.push({ path, outcome: decision.conflict !== undefined ? 'conflict' : decision.outcome });
  }
  return { files, conflicts, decisions, clean: conflicts.length === 0 };
}

interface Versions {
  readonly path: string;
  readonly base: FileContent | undefined;
  readonly local: FileContent | undefined;
  readonly remote: FileContent | undefined;
}

/** The result for one path: its bytes in the merged tree (undefined: absent) and its conflict, if any. */
interface Decision {
  readonly outcome: MergeOutcome;
  readonly bytes: FileContent | undefined;
  readonly conflict?: FileConflict;
}

/** Without a base nothing is auto-merged (spec section 6): the sides agree, or it is a conflict. */
function decideWithoutBase(v: Versions): Decision {
  if (sameContent(v.local, v.remote)) return { outcome: 'unchanged', bytes: v.local };
  return wholeFileConflict(v, 'no_base');
}

/** The per-file table of spec section 5. */
function decideFile(v: Versions, options: MergeTextOptions): Decision {
  const { base, local, remote } = v;
  if (base === undefined) {
    if (remote === undefined || sameContent(local, remote)) return { outcome: 'added', bytes: local };
    if (local === undefined) return { outcome: 'added', bytes: remote };
    return mergeChanged(v, new Uint8Array(), local, remote, options);
  }
  const localChanged = !sameContent(base, local);
  const remoteChanged = !sameContent(base, remote);
  if (!localChanged && !remoteChanged) return { outcome: 'unchanged', bytes: local };
  if (!remoteChanged) return { outcome: local === undefined ? 'deleted' : 'took_local', bytes: local };
  if (!localChanged) return { outcome: remote === undefined ? 'deleted' : 'took_remote', bytes: remote };
  if (local === undefined && remote === undefined) return { outcome: 'deleted', bytes: undefined };
  if (local === undefined || remote === undefined) return wholeFileConflict(v, 'deletion');
  if (sameContent(local, remote)) return { outcome: 'took_local', bytes: local };
  return mergeChanged(v, base, local, remote, options);
}

/** Both sides changed (or added) a file differently: merge its lines, unless a version is too large to or binary. */
function mergeChanged(v: Versions, base: FileContent, local: FileContent, remote: FileContent, options: MergeTextOptions): Decision {
  if (isStored(base) || isStored(local) || isStored(remote)) return wholeFileConflict(v, 'too_large');
  if (isBinary(base) || isBinary(local) || isBinary(remote)) return wholeFileConflict(v, 'binary');
  const merged = mergeBytes(base, local, remote, options);
  const bytes = joinPieces(merged.pieces);
  if (merged.clean) return { outcome: 'merged', bytes };
  const markers = asBuffer(bytes).toString('utf8');
  return { outcome: 'conflict', bytes, conflict: { ...conflictOf(v, 'content', merged.conflicts), markers } };
}

/** A conflict over the whole file: the merged tree keeps local's version (or its absence) meanwhile. */
function wholeFileConflict(v: Versions, kind: ConflictKind): Decision {
  return { outcome: 'conflict', bytes: v.local, conflict: conflictOf(v, kind, 1) };
}

function conflictOf(v: Versions, kind: ConflictKind, count: number): FileConflict {
  return { path: v.path, kind, base: v.base, local: v.local, remote: v.remote, count };
}

function unionOfPaths(...trees: (FileMap | undefined)[]): string[] {
  const paths = new Set<string>();
  for (const tree of trees) for (const path of tree?.keys() ?? []) paths.add(path);
  return [...paths].sort(comparePaths);
}

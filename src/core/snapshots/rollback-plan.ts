/**
 * What a rollback does, decided once (versioning spec 8): a pure function of the collection now, the
 * snapshot, and — when keeping later edits — HEAD, the content SkillMeat last recorded for each
 * artifact. The dry run reports this plan; the real run computes it again under the lock from the
 * same inputs and applies exactly it, so the plan is what the run does by construction.
 */
import { artifactRelativePath, lockKey, type ArtifactType } from '../../shared/artifact-types.js';
import type { RollbackAction, RollbackArtifactPlan } from '../../shared/snapshot-results.js';
import { withLockEntry, withoutLockEntry, type LockEntry, type Lockfile } from '../collection/collection-lockfile.js';
import { MANIFEST_FILE, type Manifest, type ManifestArtifact } from '../collection/manifest-file.js';
import { LOCK_FILE } from '../collection/collection-lockfile.js';
import { comparePaths } from '../hash/path-order.js';
import { sameContent, type FileContent, type FileMap } from '../merge/file-map.js';
import { mergeTrees, type FileConflict } from '../merge/tree-merge.js';
import type { ArtifactOutcome } from './rollback-projects.js';

export type RollbackMode = 'simple' | 'intelligent' | 'selective';

/** One side of a rollback: a whole collection folder as read. */
export interface CollectionTree {
  readonly manifest: Manifest;
  readonly lockfile: Lockfile;
  /** Every file of the collection folder, by POSIX path relative to it. */
  readonly files: FileMap;
  /** Content hash of each artifact's copy (by lock key), where the caller could compute it. */
  readonly hashes: ReadonlyMap<string, string>;
}

/** HEAD of one artifact: where it was found (its files keyed like the collection's), or why there is none. */
export type Head =
  | { readonly found: 'current' | 'version_store' | 'snapshot'; readonly files: FileMap }
  | { readonly found: 'missing' } // recorded in the lock, content nowhere to be found: every differing file conflicts
  | { readonly found: 'none' }; // not recorded: SkillMeat last knew the collection without it

export interface RollbackPlanInput {
  readonly mode: RollbackMode;
  readonly current: CollectionTree;
  readonly target: CollectionTree;
  /** By lock key; needed for `intelligent` only. */
  readonly heads: ReadonlyMap<string, Head>;
  /** For `selective`: canonical paths relative to the collection. */
  readonly paths: readonly string[];
  readonly targetId: string;
  readonly now: string;
}

export interface RollbackPlan {
  readonly artifacts: readonly RollbackArtifactPlan[];
  readonly otherFiles: readonly { path: string; action: RollbackAction }[];
  /** The collection after the rollback: its files (manifest and lock included, already rebuilt where needed). */
  readonly files: ReadonlyMap<string, FileContent>;
  /** The rebuilt manifest and lock, when they are not taken literally from one side. */
  readonly manifest: Manifest | undefined;
  readonly lockfile: Lockfile | undefined;
  readonly conflicts: readonly FileConflict[];
  readonly restored: readonly string[];
  readonly merged: readonly string[];
  /** False when nothing would change. */
  readonly changes: boolean;
  /** The content hash each changed artifact ends with (undefined: gone, or a merge whose hash is only known once written), by lock key. */
  readonly outcomes: ReadonlyMap<string, ArtifactOutcome>;
}

interface ArtifactSlot {
  readonly key: string;
  readonly name: string;
  readonly type: ArtifactType;
  readonly relPath: string;
  readonly now: ManifestArtifact | undefined;
  readonly then: ManifestArtifact | undefined;
}

/** How one artifact's manifest and lock entries come out: as now, as in the snapshot, or gone. */
type EntryChoice = 'current' | 'target' | 'drop';

interface ArtifactDecision {
  readonly plan: RollbackArtifactPlan;
  readonly files: Map<string, FileContent>;
  readonly entry: EntryChoice;
  readonly conflicts: readonly FileConflict[];
  readonly merged: readonly string[];
}

/** Plans a rollback. Pure: the caller reads both trees and finds HEADs; this decides. */
export function planRollback(input: RollbackPlanInput): RollbackPlan {
  const slots = artifactSlots(input.current.manifest, input.target.manifest);
  const owned = (path: string) => slots.some((slot) => path === slot.relPath || path.startsWith(`${slot.relPath}/`));
  const chosen = (path: string) => input.paths.some((p) => path === p || path.startsWith(`${p}/`));

  const decisions = slots.map((slot) => planArtifact(slot, input, chosen));
  const files = new Map<string, FileContent>();
  for (const decision of decisions) for (const [path, content] of decision.files) files.set(path, content);

  // Files outside every artifact: the whole snapshot in a plain rollback, the chosen ones in a
  // selective one; in a rollback keeping later edits they are nobody's operation, so they stay.
  const otherFiles: { path: string; action: RollbackAction }[] = [];
  const literal = new Set<string>();
  for (const path of unionOfPaths(input.current.files, input.target.files)) {
    if (owned(path)) continue;
    const now = input.current.files.get(path);
    const then = input.target.files.get(path);
    const isMetadata = path === MANIFEST_FILE || path === LOCK_FILE;
    const restore = input.mode === 'simple' || (input.mode === 'selective' && chosen(path));
    if (restore && isMetadata) literal.add(path);
    const result = restore ? then : now;
    if (result !== undefined) files.set(path, result);
    if (isMetadata && !restore) continue; // rebuilt below, reported through the artifacts
    if (!sameContent(now, then)) otherFiles.push({ path, action: restore ? 'restore' : 'keep' });
  }

  // collection.toml and collection.lock are rebuilt from the resulting artifact set, never merged.
  let manifest: Manifest | undefined;
  let lockfile: Lockfile | undefined;
  if (input.mode !== 'simple') {
    const rebuilt = rebuildMetadata(slots, decisions, input);
    if (!literal.has(MANIFEST_FILE) && rebuilt.manifest) manifest = rebuilt.manifest;
    if (!literal.has(LOCK_FILE) && rebuilt.lockfile) lockfile = rebuilt.lockfile;
  }

  const artifacts = decisions.map((d) => d.plan);
  const fileChanges = artifacts.flatMap((a) => a.files).some((f) => f.action === 'restore' || f.action === 'merge');
  const entryChanges = decisions.some((d) => d.entry !== 'current' && d.plan.change !== 'none');
  const restoredOther = otherFiles.filter((f) => f.action === 'restore').map((f) => f.path);
  // What each artifact whose content changes ends with, for the projects it leaves outdated.
  const changedTo = new Map<string, ArtifactOutcome>();
  for (const [index, decision] of decisions.entries()) {
    const slot = slots[index]!;
    if (!decision.plan.files.some((f) => f.action === 'restore' || f.action === 'merge') && decision.plan.change === 'none') continue;
    const gone = decision.files.size === 0;
    // A merged content's hash is only known once written: undefined counts as "changed".
    const exactlyTarget = !gone && sameFiles(decision.files, filesUnder(input.target.files, slot.relPath));
    changedTo.set(slot.key, { name: slot.name, type: slot.type, contentHash: exactlyTarget ? input.target.hashes.get(slot.key) : undefined });
  }
  return {
    artifacts,
    otherFiles,
    files,
    manifest,
    lockfile,
    conflicts: decisions.flatMap((d) => d.conflicts),
    restored: [...artifacts.flatMap((a) => a.files.filter((f) => f.action === 'restore').map((f) => f.path)), ...restoredOther].sort(comparePaths),
    merged: decisions.flatMap((d) => d.merged).sort(comparePaths),
    changes: fileChanges || entryChanges || restoredOther.length > 0,
    outcomes: changedTo,
  };
}

function planArtifact(slot: ArtifactSlot, input: RollbackPlanInput, chosen: (path: string) => boolean): ArtifactDecision {
  const now = filesUnder(input.current.files, slot.relPath);
  const then = filesUnder(input.target.files, slot.relPath);
  const change: RollbackArtifactPlan['change'] = slot.now === undefined && slot.then !== undefined ? 'added' : slot.now !== undefined && slot.then === undefined ? 'removed' : 'modified';
  const base = { name: slot.name, type: slot.type } as const;

  if (input.mode === 'simple' || (input.mode === 'selective' && chosen(slot.relPath))) {
    return restoreWhole(slot, now, then, change, 'none');
  }
  if (input.mode === 'selective') {
    // Some files of the artifact were chosen: those return to the snapshot; the rest stay.
    const result = new Map(now);
    const files: { path: string; action: RollbackAction }[] = [];
    for (const path of unionOfPaths(now, then)) {
      if (!chosen(path) || sameContent(now.get(path), then.get(path))) continue;
      const bytes = then.get(path);
      if (bytes === undefined) result.delete(path);
      else result.set(path, bytes);
      files.push({ path, action: 'restore' });
    }
    const sorted = sortedMap(result);
    const entry: EntryChoice = files.length === 0 ? 'current' : sameFiles(sorted, then) ? (slot.then ? 'target' : 'drop') : slot.now ? 'current' : 'target';
    return {
      plan: { ...base, action: files.length > 0 ? 'restore' : 'unchanged', change: files.length === 0 ? 'none' : entry === 'current' ? 'modified' : change, head: 'none', files },
      files: sorted,
      entry,
      conflicts: [],
      merged: [],
    };
  }

  // Keeping later edits: undo what SkillMeat changed since the snapshot (HEAD → snapshot), keep what
  // was edited by hand since SkillMeat last recorded the artifact (HEAD → now).
  const head = input.heads.get(slot.key) ?? { found: 'none' as const };
  if (sameFiles(now, then) && (slot.now === undefined) === (slot.then === undefined)) {
    return { plan: { ...base, action: 'unchanged', change: 'none', head: head.found, files: [] }, files: now, entry: 'current', conflicts: [], merged: [] };
  }
  const headFiles = head.found === 'none' ? new Map<string, FileContent>() : head.found === 'missing' ? undefined : head.files;
  if (headFiles !== undefined && sameFiles(headFiles, now) && (head.found !== 'none' || slot.now === undefined)) {
    // Nothing was edited by hand since SkillMeat's last record: the snapshot's content comes back exactly.
    return restoreWhole(slot, now, then, change, head.found);
  }
  const merge = mergeTrees({ base: headFiles, local: now, remote: then, labels: ['collection now', 'last recorded', input.targetId] });
  const result = new Map(merge.files);
  for (const conflict of merge.conflicts) {
    // A conflicted file stays as it is now: reported, never hidden, never half-written.
    if (conflict.local === undefined) result.delete(conflict.path);
    else result.set(conflict.path, conflict.local);
  }
  const sorted = sortedMap(result);
  const files: { path: string; action: RollbackAction }[] = [];
  const merged: string[] = [];
  for (const decision of merge.decisions) {
    const before = now.get(decision.path);
    const after = sorted.get(decision.path);
    let action: RollbackAction;
    if (decision.outcome === 'conflict') action = 'conflict';
    else if (sameContent(before, after)) action = sameContent(before, then.get(decision.path)) ? 'unchanged' : 'keep';
    else if (sameContent(after, then.get(decision.path))) action = 'restore';
    else action = 'merge';
    if (action === 'merge') merged.push(decision.path);
    if (action !== 'unchanged') files.push({ path: decision.path, action });
  }
  const has = (action: RollbackAction) => files.some((f) => f.action === action);
  const action: RollbackAction = has('conflict') ? 'conflict' : has('merge') || (has('restore') && has('keep')) ? 'merge' : has('restore') ? 'restore' : has('keep') ? 'keep' : 'unchanged';
  // The entries follow the content: an artifact the snapshot lacks and nothing keeps goes; one whose
  // operations were undone takes the snapshot's entries (its lock entry names the snapshot's
  // content, so the kept hand edits stay hand edits for the next rollback); otherwise as now.
  const entry: EntryChoice =
    sorted.size === 0 && slot.then === undefined ? (slot.now === undefined ? 'current' : 'drop') : action === 'restore' || action === 'merge' ? (slot.then ? 'target' : 'current') : slot.now ? 'current' : 'target';
  return {
    plan: { ...base, action, change: action === 'keep' || action === 'unchanged' ? 'none' : entry === 'drop' ? 'removed' : slot.now === undefined ? 'added' : 'modified', head: head.found, files },
    files: sorted,
    entry,
    conflicts: merge.conflicts,
    merged,
  };
}

/** The artifact becomes exactly what the snapshot holds (or goes away, or comes back). */
function restoreWhole(slot: ArtifactSlot, now: FileMap, then: FileMap, change: RollbackArtifactPlan['change'], head: RollbackArtifactPlan['head']): ArtifactDecision {
  const files = unionOfPaths(now, then)
    .filter((path) => !sameContent(now.get(path), then.get(path)))
    .map((path) => ({ path, action: 'restore' as const }));
  const presenceChanges = (slot.now === undefined) !== (slot.then === undefined);
  const changed = files.length > 0 || presenceChanges;
  return {
    plan: { name: slot.name, type: slot.type, action: changed ? 'restore' : 'unchanged', change: changed ? change : 'none', head, files },
    files: new Map(then),
    entry: slot.then ? 'target' : 'drop',
    conflicts: [],
    merged: [],
  };
}

function rebuildMetadata(slots: readonly ArtifactSlot[], decisions: readonly ArtifactDecision[], input: RollbackPlanInput): { manifest: Manifest | undefined; lockfile: Lockfile | undefined } {
  const { current, target } = input;
  let lockfile = current.lockfile;
  let entriesChange = false;
  const chosenEntry = new Map<string, ManifestArtifact | undefined>();
  for (const [index, slot] of slots.entries()) {
    const { entry } = decisions[index]!;
    if (entry === 'current') {
      chosenEntry.set(slot.key, slot.now);
      continue;
    }
    entriesChange = true;
    if (entry === 'drop') {
      chosenEntry.set(slot.key, undefined);
      lockfile = withoutLockEntry(lockfile, slot.type, slot.name);
      continue;
    }
    chosenEntry.set(slot.key, slot.then);
    const thenLock: LockEntry | undefined = target.lockfile.entries.get(slot.key);
    const hash = thenLock?.contentHash ?? target.hashes.get(slot.key);
    if (thenLock) lockfile = { ...lockfile, entries: new Map(lockfile.entries).set(slot.key, thenLock) };
    else if (hash) lockfile = withLockEntry(lockfile, slot.type, slot.name, { contentHash: hash, fetched: input.now });
    else lockfile = withoutLockEntry(lockfile, slot.type, slot.name);
  }
  if (!entriesChange) return { manifest: undefined, lockfile: undefined };
  // Order: the artifacts as listed now, then those coming back, in the snapshot's order.
  const artifacts: ManifestArtifact[] = [];
  for (const slot of slots) {
    const entry = chosenEntry.get(slot.key);
    if (entry) artifacts.push(entry);
  }
  return { manifest: { ...current.manifest, updated: input.now, artifacts }, lockfile };
}

/** Every artifact of either manifest, once: the collection's order, then the snapshot's own. */
function artifactSlots(now: Manifest, then: Manifest): ArtifactSlot[] {
  const slots = new Map<string, { name: string; type: ArtifactType; now?: ManifestArtifact; then?: ManifestArtifact }>();
  for (const entry of now.artifacts) slots.set(lockKey(entry.type, entry.name), { name: entry.name, type: entry.type, now: entry });
  for (const entry of then.artifacts) {
    const key = lockKey(entry.type, entry.name);
    const slot = slots.get(key);
    if (slot) slot.then = entry;
    else slots.set(key, { name: entry.name, type: entry.type, then: entry });
  }
  return [...slots].map(([key, slot]) => ({ key, name: slot.name, type: slot.type, relPath: artifactRelativePath(slot.type, slot.name), now: slot.now, then: slot.then }));
}

/** The files of one artifact (a file artifact's one file, or everything under its folder). */
export function filesUnder(files: FileMap, relPath: string): Map<string, FileContent> {
  const result = new Map<string, FileContent>();
  for (const [path, content] of files) if (path === relPath || path.startsWith(`${relPath}/`)) result.set(path, content);
  return result;
}

function sameFiles(a: FileMap, b: FileMap): boolean {
  if (a.size !== b.size) return false;
  for (const [path, content] of a) if (!sameContent(content, b.get(path))) return false;
  return true;
}

function sortedMap(files: Map<string, FileContent>): Map<string, FileContent> {
  return new Map([...files].sort(([a], [b]) => comparePaths(a, b)));
}

function unionOfPaths(...trees: FileMap[]): string[] {
  const paths = new Set<string>();
  for (const tree of trees) for (const path of tree.keys()) paths.add(path);
  return [...paths].sort(comparePaths);
}

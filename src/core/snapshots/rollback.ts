import { join } from 'node:path';
import type { RollbackResult } from '../../shared/results.js';
import type { HomePaths } from '../home/home-paths.js';
import { collectionDir } from '../home/home-paths.js';
import { SkillmeatError } from '../errors.js';
import { collectionFence, withCollectionLock } from '../collection/collection-lock.js';
import { journalKey } from '../fs/journal-key.js';
import { FileTransaction } from '../fs/file-transaction.js';
import { readManifest } from '../collection/manifest-file.js';
import { readFileMap, sameContent, type FileMap } from '../merge/file-map.js';
import { mergeTrees } from '../merge/tree-merge.js';
import { stageTree } from '../fs/stage-tree.js';
import { conflictInfo } from '../sync/conflict-info.js';
import { extractArchive } from './archive-reader.js';
import { findSnapshot, listSnapshots, readSnapshotMetadata, tarballFile } from './snapshot-metadata.js';
import { appendAuditEntry } from './audit-trail.js';

export interface RollbackRequest {
  readonly collection: string;
  readonly snapshotId: string;
  /** Undo what changed between the snapshot and the newest other one, keeping edits made since. */
  readonly preserveChanges: boolean;
  /** Only these paths (relative to the collection folder) return to the snapshot. */
  readonly paths?: readonly string[];
  readonly now: Date;
}

/**
 * Rollback (versioning spec 8). The snapshot is extracted into a temporary folder beside the
 * collection and checked; the new collection is built there; then the folders are swapped by
 * rename — nothing is deleted first. Plain: the collection becomes exactly the snapshot.
 * Selective: only `paths` return to it. Preserving changes: a three-way merge with base = HEAD (the
 * newest snapshot other than the target and the safety snapshot), local = the collection now,
 * remote = the target, so changes between target and HEAD are undone and later edits kept;
 * conflicting files are left as they are now and reported. Every outcome is audited.
 */
export async function rollback(paths: HomePaths, request: RollbackRequest, safetySnapshotId: string | undefined): Promise<RollbackResult> {
  const operationType = request.paths && request.paths.length > 0 ? 'selective' : request.preserveChanges ? 'intelligent' : 'simple';
  const audit = (result: Partial<RollbackResult>, success: boolean, error?: string) =>
    appendAuditEntry(
      paths,
      request.collection,
      {
        ...(safetySnapshotId ? { sourceSnapshotId: safetySnapshotId } : {}),
        targetSnapshotId: request.snapshotId,
        operationType,
        filesRestored: result.files_restored ?? [],
        filesMerged: result.files_merged ?? [],
        conflictsPending: (result.conflicts ?? []).map((c) => c.path),
        preserveChangesEnabled: request.preserveChanges,
        success,
        ...(error !== undefined ? { error } : {}),
        ...(operationType === 'selective' ? { selectivePaths: [...request.paths!] } : {}),
      },
      request.now,
    );
  try {
    const result = await withCollectionLock(paths, request.collection, 'rollback', () => rollbackLocked(paths, request, operationType, safetySnapshotId));
    const entry = await audit(result, true);
    return { ...result, audit_id: entry.id };
  } catch (error) {
    await audit({}, false, error instanceof Error ? error.message : String(error)).catch(() => undefined);
    throw error;
  }
}

async function rollbackLocked(paths: HomePaths, request: RollbackRequest, operationType: RollbackResult['operation_type'], safetySnapshotId: string | undefined): Promise<RollbackResult> {
  const root = collectionDir(paths, request.collection);
  const metadata = await readSnapshotMetadata(paths, request.collection);
  const target = findSnapshot(metadata, request.snapshotId);
  if (!target) throw new SkillmeatError('not_found', `No snapshot ${request.snapshotId} of collection "${request.collection}". See \`skillmeat snapshots\`.`, { id: request.snapshotId });
  const base: RollbackResult = {
    collection: request.collection,
    target_snapshot_id: target.id,
    safety_snapshot_id: safetySnapshotId ?? null,
    operation_type: operationType,
    status: 'ok',
    message: null,
    files_restored: [],
    files_merged: [],
    conflicts: [],
    audit_id: null,
  };
  // The work folder is the transaction's staging folder: the rolled-back tree is built there and
  // swapped in by rename, so a crash leaves the collection either as it was or fully rolled back.
  const tx = await FileTransaction.begin(paths.collectionsDir, await journalKey(paths.journalKey), { owner: request.collection, fence: collectionFence(paths, request.collection) });
  const work = tx.stagingDir;
  try {
    const extracted = join(work, 'target');
    await extractArchive(tarballFile(metadata, target), extracted, request.collection);
    if (!(await readManifest(extracted))) throw new SkillmeatError('corrupt_file', `Snapshot ${target.id} holds no collection.toml; it is not a snapshot of a collection.`, { id: target.id });
    // Large files are referred to where they are (both trees are ours and locked), never read whole.
    const current = (await readFileMap(root, 'folder', 'refuse')) ?? new Map();
    const wanted = (await readFileMap(extracted, 'folder', 'refuse')) ?? new Map();

    let next: string;
    let result: RollbackResult;
    if (operationType === 'simple') {
      next = extracted;
      result = { ...base, files_restored: changedPaths(current, wanted) };
    } else if (operationType === 'selective') {
      const chosen = request.paths!.map(normalizeSelectivePath);
      const tree = new Map(current);
      for (const path of [...new Set([...current.keys(), ...wanted.keys()])]) {
        if (!chosen.some((p) => path === p || path.startsWith(`${p}/`))) continue;
        const bytes = wanted.get(path);
        if (bytes === undefined) tree.delete(path);
        else tree.set(path, bytes);
      }
      next = join(work, 'new');
      await stageTree(next, tree, 'folder', [extracted, root]);
      result = { ...base, files_restored: changedPaths(current, tree) };
    } else {
      const head = listSnapshots(metadata).find((s) => s.id !== target.id && s.id !== safetySnapshotId);
      if (!head) return { ...base, status: 'nothing_to_do', message: `No snapshot newer than ${target.id} other than this rollback's safety snapshot: there is nothing to undo while keeping changes. Roll back without --preserve-changes to restore it exactly.` };
      if (head.timestamp < target.timestamp) return { ...base, status: 'nothing_to_do', message: `${target.id} is the newest snapshot: there is nothing between it and now to undo. Roll back without --preserve-changes to restore it exactly.` };
      const headFolder = join(work, 'head');
      await extractArchive(tarballFile(metadata, head), headFolder, request.collection);
      const merge = mergeTrees({ base: (await readFileMap(headFolder, 'folder', 'refuse')) ?? new Map(), local: current, remote: wanted, labels: ['current', head.id, target.id] });
      const tree = new Map(merge.files);
      for (const conflict of merge.conflicts) {
        // Conflicted files stay as they are now: reported, never hidden, never half-written.
        if (conflict.local === undefined) tree.delete(conflict.path);
        else tree.set(conflict.path, conflict.local);
      }
      next = join(work, 'new');
      await stageTree(next, tree, 'folder', [root, extracted]);
      result = {
        ...base,
        status: merge.clean ? 'ok' : 'partial',
        files_restored: merge.decisions.filter((d) => d.outcome === 'took_remote' || (d.outcome === 'deleted' && current.has(d.path))).map((d) => d.path),
        files_merged: merge.decisions.filter((d) => d.outcome === 'merged').map((d) => d.path),
        conflicts: merge.conflicts.map((c) => conflictInfo({ ...c, ...(c.markers !== undefined ? { markers: c.markers } : {}) })),
      };
    }
    tx.replace(root, next);
    await tx.commit();
    return result;
  } finally {
    await tx.discard();
  }
}

function changedPaths(before: FileMap, after: FileMap): string[] {
  const all = [...new Set([...before.keys(), ...after.keys()])].sort();
  return all.filter((p) => {
    const a = before.get(p);
    const b = after.get(p);
    return a === undefined || b === undefined || !sameContent(a, b);
  });
}

/** A selective-rollback path, checked and made canonical: relative to the collection, POSIX, no "..", no "." or empty parts, no control characters. */
export function normalizeSelectivePath(path: string): string {
  // A NUL can be in no file name, so such a path matched nothing and the rollback "succeeded" doing
  // nothing; other controls are refused with it (they are how a pasted path goes wrong).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) {
    throw new SkillmeatError('invalid_input', `The path ${JSON.stringify(path)} contains a control character (NUL, newline, escape, ...); give the path without it, or the folder that holds such a file. Nothing was rolled back.`, { path });
  }
  const unix = path.replace(/\\/g, '/');
  const parts = unix.split('/').filter((part) => part !== '' && part !== '.');
  if (unix.startsWith('/') || parts.includes('..')) {
    throw new SkillmeatError('path_outside', `The path ${JSON.stringify(path)} is not a path inside the collection (relative, no "..").`, { path });
  }
  if (parts.length === 0) {
    throw new SkillmeatError('invalid_input', `The path ${JSON.stringify(path)} names no file or folder inside the collection; to restore all of it, roll back without --paths.`, { path });
  }
  return parts.join('/');
}

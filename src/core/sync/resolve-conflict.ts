import { stat } from 'node:fs/promises';
import { readListedFile } from '../merge/file-map.js';
import { blobKeeper } from '../versions/object-store.js';
import { artifactTypeInfo } from '../../shared/artifact-types.js';
import type { MergeOperationResult } from '../../shared/results.js';
import { SkillmeatError, ioError } from '../errors.js';
import { withProjectWriteLock } from '../project/project-lock.js';
import { resolveProject } from '../project/project-paths.js';
import { readDeploymentFile, withRecord, writeDeploymentFile } from '../deploy/deployment-file.js';
import { hashFileMap } from '../hash/content-hash.js';
import { readDeployedSides } from './deployed-sides.js';
import { readPendingMerges, writePendingMerges, type PendingConflict, type PendingMerge, type Resolution } from './pending-merges.js';
import { applyTrees } from './merge-apply.js';
import { conflictInfo } from './conflict-info.js';
import { artifactRef, keepReplaced, rebaselined, type MergeContext } from './sync-project.js';

/** How to settle a conflicted file: take one side or the base, or use the content of a file. */
export type ResolveChoice = { readonly take: 'local' | 'collection' | 'base' } | { readonly fromPath: string };

export interface ResolveRequest {
  readonly projectDir: string;
  readonly artifact: string;
  /** The conflicted file, relative to the artifact (as the sync result listed it; '' or the name for a file artifact). */
  readonly file: string;
  readonly choice: ResolveChoice;
}

/**
 * Settles one conflicted file of an unfinished sync. When it was the last one, the artifact's sync
 * finishes: the merged tree (clean files plus every resolution) replaces the project copy in one
 * step, the replaced copy is kept in the version store, and the record is re-baselined.
 */
export async function resolveConflict(ctx: MergeContext, request: ResolveRequest): Promise<MergeOperationResult> {
  const project = await resolveProject(request.projectDir);
  return withProjectWriteLock(ctx.paths, project, 'resolve', async () => {
    const pending = await readPendingMerges(project.claudeDir, ctx.paths.objectsDir);
    const merge = pending.find((m) => m.name === request.artifact);
    if (!merge) {
      throw new SkillmeatError('not_found', `"${request.artifact}" has no unfinished merge in ${project.root}. Run \`skillmeat sync ${project.root}\` first.`, { artifact: request.artifact });
    }
    const filePath = artifactTypeInfo(merge.type).kind === 'file' ? '' : request.file.replace(/\\/g, '/').replace(/^\.\//, '');
    const conflict = merge.conflicts.find((c) => c.path === filePath);
    if (!conflict) {
      const listed = merge.conflicts.map((c) => c.path || '(the file)').join(', ');
      throw new SkillmeatError('not_found', `"${request.file}" is not a conflicted file of ${merge.name}. Conflicted: ${listed}.`, { file: request.file });
    }
    const resolution = await resolutionOf(request.choice, conflict, ctx.paths.objectsDir);
    const updated: PendingMerge = { ...merge, conflicts: merge.conflicts.map((c) => (c === conflict ? { ...c, resolution } : c)) };
    const open = updated.conflicts.filter((c) => c.resolution === undefined);
    const others = pending.filter((m) => m !== merge);
    const base = { operation: 'resolve' as const, project: project.root, dry_run: false, markers_written: false, safety_snapshot_id: null };
    const describe = (action: 'merged' | 'conflict', newSha: string | null) => ({
      name: merge.name,
      type: merge.type,
      collection: merge.collection,
      action,
      reason: action === 'conflict' ? `${open.length} conflicted file(s) left` : null,
      files: [],
      conflicts: open.map((c) => conflictInfo(c)),
      new_sha: newSha,
      fork_name: null,
    });
    if (open.length > 0) {
      await writePendingMerges(project.claudeDir, [...others, updated], ctx.paths.objectsDir);
      return { ...base, status: 'partial', artifacts: [describe('conflict', null)] };
    }

    // Every file is settled: finish the sync of this artifact.
    const tree = new Map(updated.settled);
    for (const c of updated.conflicts) if (c.resolution && 'content' in c.resolution) tree.set(c.path, c.resolution.content);
    const file = await readDeploymentFile(project.claudeDir);
    const record = file.records.find((r) => r.name === merge.name && r.type === merge.type);
    if (!record) throw new SkillmeatError('not_found', `${merge.name} is no longer deployed in ${project.root}; its unfinished merge cannot be applied.`, { artifact: merge.name });
    const sides = await readDeployedSides(ctx.paths, project, file, record);
    const sha = await hashFileMap(tree, sides.kind);
    const ref = artifactRef(sides);
    const localId = await keepReplaced(ctx, sides);
    const remoteId = await ctx.versions.idOf(ref, merge.remoteSha);
    await ctx.versions.record({ artifact: ref, kind: sides.kind, files: tree, parents: [localId, remoteId].filter((id): id is string => id !== undefined), mergeStrategy: 'resolve', scope: { kind: 'project', path: sides.projectPath } });
    await applyTrees([{ target: sides.projectPath, files: tree, kind: sides.kind, modeSources: [sides.projectPath, sides.collectionPath] }], project.claudeDir, ctx.key, async (writer) => {
      await writeDeploymentFile(withRecord(file, rebaselined(record, sha, merge.remoteSha, ctx.now)), writer);
      await writePendingMerges(project.claudeDir, others, ctx.paths.objectsDir, writer);
    });
    return { ...base, status: 'ok', artifacts: [describe('merged', sha)] };
  });
}

/** The settlement a choice names: one side's content (its absence: a deletion), or a file's content, streamed into the store when large. */
async function resolutionOf(choice: ResolveChoice, conflict: Pick<PendingConflict, 'base' | 'local' | 'remote'>, objectsDir: string): Promise<Resolution> {
  if ('fromPath' in choice) {
    try {
      return { content: await readListedFile(choice.fromPath, (await stat(choice.fromPath)).size, blobKeeper(objectsDir)) };
    } catch (error) {
      throw error instanceof SkillmeatError ? error : ioError('read the resolution from', choice.fromPath, error);
    }
  }
  const content = choice.take === 'local' ? conflict.local : choice.take === 'collection' ? conflict.remote : conflict.base;
  return content === undefined ? { delete: true } : { content };
}

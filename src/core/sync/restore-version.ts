import type { MergeOperationResult } from '../../shared/results.js';
import { SkillmeatError } from '../errors.js';
import { withProjectWriteLock } from '../project/project-lock.js';
import { resolveProject } from '../project/project-paths.js';
import { readDeploymentFile } from '../deploy/deployment-file.js';
import { hashFileMap } from '../hash/content-hash.js';
import { readDeployedSides, selectRecords } from './deployed-sides.js';
import { applyTrees } from './merge-apply.js';
import { keepReplaced, resultOf, type MergeContext } from './sync-project.js';

export interface RestoreRequest {
  readonly projectDir: string;
  readonly artifact: string;
  /** A version id from `history` (for example the `overwritten` copy a deploy --overwrite replaced). */
  readonly versionId: string;
}

/**
 * Undo for project overwrites: puts a stored version of a deployed artifact back as its project
 * copy. What it replaces is kept as a version too, and the baseline is left as it is, so drift then
 * shows the restored content for what it is (usually `modified`: local edits to push or keep).
 */
export async function restoreVersion(ctx: MergeContext, request: RestoreRequest): Promise<MergeOperationResult> {
  const project = await resolveProject(request.projectDir);
  return withProjectWriteLock(ctx.paths, project, 'restore', async () => {
    const file = await readDeploymentFile(project.claudeDir);
    const [record] = selectRecords(file, [request.artifact], project.root);
    const sides = await readDeployedSides(ctx.paths, project, file, record!);
    const version = await ctx.versions.get(request.versionId);
    if (!version || version.name !== record!.name || version.type !== record!.type) {
      throw new SkillmeatError('not_found', `No version ${request.versionId} of ${record!.type} "${record!.name}". See \`skillmeat history ${record!.name}\`.`, { version: request.versionId });
    }
    const replaced = await keepReplaced(ctx, sides);
    await applyTrees([{ target: sides.projectPath, files: version.files, kind: sides.kind, modeSources: [sides.projectPath, sides.collectionPath] }], project.claudeDir, ctx.key, async () => {});
    return {
      operation: 'restore',
      project: project.root,
      status: 'ok',
      dry_run: false,
      markers_written: false,
      safety_snapshot_id: null,
      artifacts: [{ ...resultOf(sides, 'updated', `restored ${version.id}`), new_sha: await hashFileMap(version.files, sides.kind), replaced_version_id: replaced ?? null }],
    };
  });
}

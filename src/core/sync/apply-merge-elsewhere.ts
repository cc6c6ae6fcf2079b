import type { ArtifactType } from '../../shared/artifact-types.js';
import type { MergeOperationResult } from '../../shared/results.js';
import { SkillmeatError } from '../errors.js';
import { withProjectWriteLock } from '../project/project-lock.js';
import { resolveProject } from '../project/project-paths.js';
import { readDeploymentFile, withRecord, writeDeploymentFile } from '../deploy/deployment-file.js';
import { readDeployedSides, selectRecord } from './deployed-sides.js';
import { readPendingMerges, writePendingMerges } from './pending-merges.js';
import { applyTrees } from './merge-apply.js';
import { meetsSameMerge } from './merge-document.js';
import { auditMerge } from './merge-audit.js';
import { artifactRef, keepReplaced, rebaselined, resultOf, type MergeContext } from './sync-project.js';

/** The three contents a completed merge was computed from (the merge document's hashes). */
export interface MergeInputs {
  readonly baseSha: string;
  readonly localSha: string;
  readonly remoteSha: string;
}

/**
 * Gives other projects the result of a merge a user completed in `sourceDir`: each target whose
 * deployment of the artifact has the same base, project and collection contents takes the same
 * merged content, through its own lock, transaction, version and audit entry. A target that no
 * longer meets the same merge is skipped with the reason; nothing is written to it.
 */
export async function applyMergeElsewhere(ctx: MergeContext, sourceDir: string, artifact: string, type: ArtifactType | undefined, inputs: MergeInputs, targets: readonly string[]): Promise<MergeOperationResult[]> {
  const source = await resolveProject(sourceDir);
  const sourceFile = await readDeploymentFile(source.claudeDir);
  const record = selectRecord(sourceFile, artifact, type, source.root);
  const collection = record.collection ?? sourceFile.collection ?? 'default';
  const ref = { collection, name: record.name, type: record.type };
  // The source must have integrated that collection content since: its baseline is then the merge's result.
  const version = (record.upstreamSha ?? record.sha) === inputs.remoteSha ? await ctx.versions.lookup(ref, record.sha) : undefined;
  if (version === undefined) {
    throw new SkillmeatError('invalid_input', `${record.name} in ${source.root} does not hold the result of that merge (complete the merge there first), so there is no resolution to apply elsewhere.`, { artifact: record.name });
  }
  const results: MergeOperationResult[] = [];
  for (const targetDir of targets) {
    const target = await resolveProject(targetDir);
    const result = await withProjectWriteLock(ctx.paths, target, 'sync', async (): Promise<MergeOperationResult> => {
      const file = await readDeploymentFile(target.claudeDir);
      const base = { operation: 'sync' as const, project: target.root, dry_run: false, markers_written: false, safety_snapshot_id: null };
      const same = await meetsSameMerge(ctx.paths, target.root, { name: record.name, type: record.type, collection, ...inputs }).catch(() => false);
      const targetRecord = file.records.find((r) => r.name === record.name && r.type === record.type);
      if (!same || targetRecord === undefined) {
        const skipped = { name: record.name, type: record.type, collection, action: 'skipped' as const, reason: 'this project no longer holds the same merge (its copy, its base or the collection copy differs)', files: [], conflicts: [], new_sha: null, fork_name: null, replaced_version_id: null };
        return { ...base, status: 'nothing_to_do', artifacts: [skipped] };
      }
      const sides = await readDeployedSides(ctx.paths, target, file, targetRecord);
      const localId = await keepReplaced(ctx, sides);
      const remoteId = await ctx.versions.idOf(artifactRef(sides), inputs.remoteSha);
      await ctx.versions.record({
        artifact: artifactRef(sides),
        kind: sides.kind,
        files: version.files,
        parents: [localId, remoteId].filter((id): id is string => id !== undefined),
        mergeStrategy: 'merge',
        scope: { kind: 'project', path: sides.projectPath },
        metadata: { direction: 'sync', base_sha: inputs.baseSha, project_sha: inputs.localSha, collection_sha: inputs.remoteSha, applied_from: source.root },
      });
      const pending = (await readPendingMerges(target.claudeDir, ctx.paths.objectsDir)).filter((m) => !(m.name === record.name && m.type === record.type));
      await applyTrees([{ target: sides.projectPath, files: version.files, kind: sides.kind, modeSources: [sides.projectPath, sides.collectionPath] }], target.claudeDir, ctx.key, async (writer) => {
        await writeDeploymentFile(withRecord(file, rebaselined(targetRecord, record.sha, inputs.remoteSha, ctx.now)), writer);
        await writePendingMerges(target.claudeDir, pending, ctx.paths.objectsDir, writer);
      });
      await auditMerge(ctx, target, { name: record.name, type: record.type, collection }, { resolved: [], pending: [], merged: [...version.files.keys()], success: true });
      return { ...base, status: 'ok', artifacts: [{ ...resultOf(sides, 'merged', `the resolution made in ${source.root}`), new_sha: record.sha }] };
    });
    results.push(result);
  }
  return results;
}

import { artifactTypeInfo, lockKey, type ArtifactType } from '../../shared/artifact-types.js';
import type { RollbackProject } from '../../shared/snapshot-results.js';
import { readDeploymentFile, recordRelativePath } from '../deploy/deployment-file.js';
import type { HashCache } from '../hash/hash-cache.js';
import { hashArtifact } from '../hash/content-hash.js';
import type { HomePaths } from '../home/home-paths.js';
import { insideClaudeDir, resolveProject, type ProjectPaths } from '../project/project-paths.js';
import { readProjectRegistry } from '../project/project-registry.js';

/** What a rollback does to one artifact of the collection: the content hash it ends with (undefined: gone, or not known before it is written). */
export interface ArtifactOutcome {
  readonly name: string;
  readonly type: ArtifactType;
  readonly contentHash: string | undefined;
}

/**
 * The registered projects whose deployed copies a rollback makes outdated: each deployment record
 * of this collection whose artifact changes, unless the collection ends with exactly the content
 * the project integrated last. A copy whose content differs from its baseline has local edits (a
 * later sync merges them). Read-only; a project that cannot be read is left out (drift reports it).
 */
export async function projectsAffectedBy(paths: HomePaths, collection: string, outcomes: ReadonlyMap<string, ArtifactOutcome>, cache?: HashCache): Promise<RollbackProject[]> {
  if (outcomes.size === 0) return [];
  const affected: RollbackProject[] = [];
  for (const registered of await readProjectRegistry(paths)) {
    const found = await deployedCopies(registered.path);
    if (found === undefined) continue;
    const artifacts: RollbackProject['artifacts'] = [];
    for (const record of found.file.records) {
      if ((record.collection ?? found.file.collection ?? 'default') !== collection) continue;
      const outcome = outcomes.get(lockKey(record.type, record.name));
      if (outcome === undefined) continue;
      const integrated = record.upstreamSha ?? record.sha;
      if (outcome.contentHash !== undefined && outcome.contentHash === integrated) continue;
      // The record's path is checked against the layout (no way out of .claude/, no link followed).
      const now = await Promise.resolve()
        .then(() => hashArtifact(insideClaudeDir(found.project, recordRelativePath(record)), artifactTypeInfo(record.type).kind, cache ? { cache } : {}))
        .catch(() => undefined);
      artifacts.push({ name: record.name, type: record.type, local_edits: now !== undefined && now !== record.sha });
    }
    if (artifacts.length > 0) affected.push({ path: registered.path, name: registered.name, artifacts, local_edits: artifacts.some((a) => a.local_edits) });
  }
  return affected;
}

async function deployedCopies(projectPath: string): Promise<{ project: ProjectPaths; file: Awaited<ReturnType<typeof readDeploymentFile>> } | undefined> {
  try {
    const project = await resolveProject(projectPath);
    return { project, file: await readDeploymentFile(project.claudeDir) };
  } catch {
    return undefined;
  }
}

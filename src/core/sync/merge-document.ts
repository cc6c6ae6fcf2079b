import type { MergeDocument, MergeFile, MergeSide } from '../../shared/merge-results.js';
import type { ArtifactType } from '../../shared/artifact-types.js';
import type { HomePaths } from '../home/home-paths.js';
import { resolveProject } from '../project/project-paths.js';
import { readProjectRegistry } from '../project/project-registry.js';
import { readDeploymentFile } from '../deploy/deployment-file.js';
import { mergeRegions } from '../merge/merge-regions.js';
import { textOf } from '../merge/text-content.js';
import type { FileContent } from '../merge/file-map.js';
import { comparePaths } from '../hash/path-order.js';
import { readDeployedSides } from './deployed-sides.js';
import { readPendingMerges, type PendingConflict, type PendingMerge } from './pending-merges.js';
import { findPendingMerge } from './settle-merge.js';

/** The unfinished merge of one artifact in a project, as the merge view shows it (merge-results.ts). */
export async function mergeDocument(paths: HomePaths, projectDir: string, artifact: string, type: ArtifactType | undefined): Promise<MergeDocument> {
  const project = await resolveProject(projectDir);
  const merge = findPendingMerge(await readPendingMerges(project.claudeDir, paths.objectsDir), artifact, type, project.root);
  const files = mergeFiles(merge);
  return {
    project: project.root,
    name: merge.name,
    type: merge.type,
    collection: merge.collection,
    direction: merge.direction,
    base_sha: merge.baseSha,
    project_sha: merge.localSha ?? null,
    collection_sha: merge.remoteSha,
    files,
    same_merge_projects: merge.direction === 'sync' ? await projectsMeetingSameMerge(paths, project.root, merge) : [],
  };
}

/** Every file of a pending merge as the merge view shows it, in path order. */
export function mergeFiles(merge: PendingMerge): MergeFile[] {
  const files: MergeFile[] = [];
  for (const [path, content] of merge.settled) files.push(autoMergedFile(path, content));
  for (const conflict of merge.conflicts) files.push(conflictFile(conflict));
  return files.sort((a, b) => comparePaths(a.path, b.path));
}

function autoMergedFile(path: string, content: FileContent): MergeFile {
  const text = textOf(content);
  return {
    path,
    state: 'auto_merged',
    kind: text.kind === 'text' ? 'text' : text.kind === 'binary' ? 'binary' : 'too_large',
    base: null,
    project: null,
    collection: null,
    merged: null,
    result: text.kind === 'text' ? text.text : null,
    draft: false,
    regions: [],
    resolution: null,
    omitted: [],
  };
}

function conflictFile(conflict: PendingConflict): MergeFile {
  const sides = { base: textOf(conflict.base), project: textOf(conflict.local), collection: textOf(conflict.remote) };
  const omitted = (Object.keys(sides) as MergeSide[]).filter((side) => sides[side].kind === 'too_large');
  const anyBinary = Object.values(sides).some((side) => side.kind === 'binary');
  const kind: MergeFile['kind'] = conflict.kind === 'deletion' ? 'deletion' : conflict.kind === 'too_large' || omitted.length > 0 ? 'too_large' : anyBinary || conflict.kind === 'binary' ? 'binary' : 'text';
  const text = (side: MergeSide) => {
    const value = sides[side];
    return value.kind === 'text' ? value.text : null;
  };
  const resolution = conflict.resolution;
  const resolvedText = resolution && 'content' in resolution ? textOf(resolution.content) : undefined;
  const draft = conflict.draft === undefined ? undefined : textOf(conflict.draft);
  const how = resolution === undefined ? null : 'delete' in resolution ? 'delete' : (resolution.how ?? 'text');
  const base: MergeFile = {
    path: conflict.path,
    state: resolution === undefined ? 'conflict' : 'resolved',
    kind,
    base: text('base'),
    project: text('project'),
    collection: text('collection'),
    merged: null,
    result: resolvedText?.kind === 'text' ? resolvedText.text : null,
    draft: false,
    regions: [],
    resolution: how,
    omitted,
  };
  if (kind !== 'text') return base;
  // A line merge: with no base known (no_base), the base is empty, as git merges two new files.
  const { merged, regions } = mergeRegions(base.base ?? '', base.project ?? '', base.collection ?? '');
  const result = resolution !== undefined ? base.result : draft?.kind === 'text' ? draft.text : merged;
  return { ...base, merged, regions: [...regions], result, draft: resolution === undefined && draft?.kind === 'text' };
}

/**
 * Other registered projects whose sync of this artifact would meet exactly this merge: the same
 * base, the same project content and the same collection content. One resolution serves them all.
 */
async function projectsMeetingSameMerge(paths: HomePaths, projectRoot: string, merge: PendingMerge): Promise<string[]> {
  const same: string[] = [];
  for (const { path } of await readProjectRegistry(paths)) {
    if (path === projectRoot) continue;
    try {
      if (await meetsSameMerge(paths, path, merge)) same.push(path);
    } catch {
      // A project that cannot be read now (moved, busy, corrupt) is simply not offered; drift reports why.
    }
  }
  return same;
}

/** True when `projectDir`'s deployment of the merge's artifact has the merge's base, project and collection contents. */
export async function meetsSameMerge(paths: HomePaths, projectDir: string, merge: Pick<PendingMerge, 'name' | 'type' | 'collection' | 'baseSha' | 'localSha' | 'remoteSha'>): Promise<boolean> {
  const project = await resolveProject(projectDir);
  const file = await readDeploymentFile(project.claudeDir);
  const record = file.records.find((r) => r.name === merge.name && r.type === merge.type && (r.collection ?? file.collection ?? 'default') === merge.collection);
  if (record === undefined || (record.upstreamSha ?? record.sha) !== merge.baseSha) return false;
  const sides = await readDeployedSides(paths, project, file, record, { readOnly: true });
  return sides.projectSha === merge.localSha && sides.collectionSha === merge.remoteSha;
}

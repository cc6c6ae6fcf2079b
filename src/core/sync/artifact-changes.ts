import type { ArtifactType } from '../../shared/artifact-types.js';
import type { ArtifactChanges, ChangedFile, CompareSides } from '../../shared/merge-results.js';
import { SkillmeatError } from '../errors.js';
import { resolveProject } from '../project/project-paths.js';
import { readDeploymentFile } from '../deploy/deployment-file.js';
import { comparePaths } from '../hash/path-order.js';
import { sameContent, type FileMap } from '../merge/file-map.js';
import { textOf } from '../merge/text-content.js';
import { readDeployedSides, selectRecord } from './deployed-sides.js';
import { artifactRef, type MergeContext } from './sync-project.js';

const LABELS: Readonly<Record<CompareSides, readonly [string, string]>> = {
  project_baseline: ['Baseline', 'Project'],
  collection_baseline: ['Base', 'Collection'],
  project_collection: ['Project', 'Collection'],
};

/**
 * What differs between two contents of a deployed artifact, file by file ("Show changes"), read
 * only: the project copy against its baseline (what push would send), the collection copy against
 * the content last integrated (what sync would bring), or the two copies against each other.
 */
export async function artifactChanges(ctx: MergeContext, projectDir: string, artifact: string, type: ArtifactType | undefined, compare: CompareSides): Promise<ArtifactChanges> {
  const project = await resolveProject(projectDir);
  const file = await readDeploymentFile(project.claudeDir);
  const record = selectRecord(file, artifact, type, project.root);
  const sides = await readDeployedSides(ctx.paths, project, file, record, { readOnly: true });
  const stored = async (sha: string, what: string): Promise<FileMap> => {
    const version = await ctx.versions.lookup(artifactRef(sides), sha);
    if (version === undefined) {
      throw new SkillmeatError('not_found', `The ${what} of ${record.name} is not in the version store (it was deployed before SkillMeat kept versions), so there is nothing to compare it with. Deploy it again to start keeping its history.`, { artifact: record.name });
    }
    return version.files;
  };
  const copy = (files: FileMap | undefined, what: string): FileMap => {
    if (files === undefined) throw new SkillmeatError('not_found', `The ${what} copy of ${record.name} is missing, so there is nothing to compare.`, { artifact: record.name });
    return files;
  };
  const [before, after, beforeSha, afterSha] =
    compare === 'project_baseline'
      ? [await stored(record.sha, 'baseline'), copy(sides.local, 'project'), record.sha, sides.projectSha]
      : compare === 'collection_baseline'
        ? [await stored(sides.baseSha, 'content last integrated'), copy(sides.remote, 'collection'), sides.baseSha, sides.collectionSha]
        : [copy(sides.local, 'project'), copy(sides.remote, 'collection'), sides.projectSha, sides.collectionSha];
  const [beforeLabel, afterLabel] = LABELS[compare];
  return {
    project: project.root,
    name: record.name,
    type: record.type,
    collection: sides.collectionName,
    compare,
    before_label: beforeLabel,
    after_label: afterLabel,
    before_sha: beforeSha ?? null,
    after_sha: afterSha ?? null,
    files: changedFiles(before, after),
  };
}

/** The files that differ between two contents, in path order, with their texts where they are text. */
export function changedFiles(before: FileMap, after: FileMap): ChangedFile[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort(comparePaths);
  const changed: ChangedFile[] = [];
  for (const path of paths) {
    const a = before.get(path);
    const b = after.get(path);
    if (sameContent(a, b)) continue;
    const [textA, textB] = [textOf(a), textOf(b)];
    changed.push({
      path,
      change: a === undefined ? 'added' : b === undefined ? 'removed' : 'modified',
      binary: textA.kind === 'binary' || textB.kind === 'binary',
      before: textA.kind === 'text' ? textA.text : null,
      after: textB.kind === 'text' ? textB.text : null,
      omitted: [...(textA.kind === 'too_large' ? (['before'] as const) : []), ...(textB.kind === 'too_large' ? (['after'] as const) : [])],
    });
  }
  return changed;
}

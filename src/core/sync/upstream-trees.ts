/**
 * The upstream contents an update compares: the tree at PATH of the recorded commit (the merge
 * base) and of the commit the ref names now, read from the source cache as the artifact's files
 * (the ignore set applied, as every copy applies it).
 */
import { artifactTypeInfo, type ArtifactType } from '../../shared/artifact-types.js';
import type { UpstreamFileChange } from '../../shared/results.js';
import type { SourceSpec } from '../../shared/source-spec.js';
import { SkillmeatError } from '../errors.js';
import type { HomePaths } from '../home/home-paths.js';
import { readFileMap, type FileMap } from '../merge/file-map.js';
import { changedFiles } from './artifact-changes.js';
import type { ManifestArtifact } from '../collection/manifest-file.js';
import type { OpenCollection } from '../collection/collections.js';
import { resolveOne } from '../collection/collection-artifacts.js';
import { frontMatterVersion, withExportedTree } from '../sources/add-source.js';
import { hasCommit } from '../sources/source-cache.js';
import { blobKeeper } from '../versions/object-store.js';
import { upstreamOf, type UpstreamRecord } from '../sources/upstream-record.js';

/** An upstream tree read from the cache: its files, and its front-matter version. */
export interface UpstreamTree {
  readonly files: FileMap;
  readonly frontMatterVersion: string | undefined;
}

/** Finds the content recorded for an artifact at a commit (its add or update version), when the cache no longer holds that commit. */
export type RecordedUpstream = (entry: ManifestArtifact, commit: string) => Promise<FileMap | undefined>;

/**
 * Runs `work` with the tree at the artifact's PATH of `commit`, read from the cache (its files stay
 * on disk until `work` ends: large files are read from there). A path that became a file where the
 * artifact is a folder (or the reverse) is refused.
 */
export async function withUpstreamTree<T>(paths: HomePaths, gitDir: string, commit: string, spec: SourceSpec, type: ArtifactType, work: (tree: UpstreamTree) => Promise<T>): Promise<T> {
  return withExportedTree(paths, gitDir, commit, spec, async ({ path, kind }) => {
    const info = artifactTypeInfo(type);
    if (kind !== info.kind) throw new SkillmeatError('invalid_input', `At commit ${commit.slice(0, 12)}, ${spec.path || 'the repository root'} is a ${kind}, but a ${type} is a ${info.kind}.`, { commit });
    // Large files go to the blob store as they are read: the tree outlives its temporary folder.
    const files = (await readFileMap(path, kind, 'refuse', blobKeeper(paths.objectsDir))) ?? new Map();
    if (info.requiredFile !== undefined && !files.has(info.requiredFile)) {
      throw new SkillmeatError('invalid_input', `At commit ${commit.slice(0, 12)}, ${spec.path || 'the repository root'} no longer holds ${info.requiredFile}, which a ${type} needs.`, { commit });
    }
    return work({ files, frontMatterVersion: await frontMatterVersion(path, kind) });
  });
}

/**
 * Runs `work` with the base of an update: the tree at the recorded commit from the cache, else the
 * content recorded when it was taken (a force push and a lost cache), else undefined (no base:
 * every difference will be a conflict).
 */
export async function withBaseTree<T>(paths: HomePaths, gitDir: string, entry: ManifestArtifact, record: UpstreamRecord, recorded: RecordedUpstream, work: (base: FileMap | undefined) => Promise<T>): Promise<T> {
  if (await hasCommit(gitDir, record.resolvedSha)) {
    try {
      return await withUpstreamTree(paths, gitDir, record.resolvedSha, record.spec, entry.type, (tree) => work(tree.files));
    } catch (error) {
      // The recorded commit has nothing usable at PATH (a hand-edited record): fall back to what was recorded.
      if (!(error instanceof SkillmeatError) || (error.code !== 'not_found' && error.code !== 'invalid_input')) throw error;
    }
  }
  return work(await recorded(entry, record.resolvedSha));
}

/** Files added, modified and removed from `before` to `after`, in path order (as Show changes lists them, without their texts). */
export function fileChanges(before: FileMap | undefined, after: FileMap): UpstreamFileChange[] {
  return changedFiles(before ?? new Map(), after).map(({ path, change }) => ({ path, change }));
}

/** The collection's artifacts that came from a git source (only `names`, when given: each must be one). */
export function sourcedEntries(collection: OpenCollection, names: readonly string[] | undefined, type?: ArtifactType): { entry: ManifestArtifact; record: UpstreamRecord }[] {
  if (names === undefined || names.length === 0) {
    return collection.manifest.artifacts.flatMap((entry) => {
      const record = upstreamOf(entry);
      return record && (type === undefined || entry.type === type) ? [{ entry, record }] : [];
    });
  }
  return names.map((name) => {
    const entry = resolveOne(collection, name, type);
    const record = upstreamOf(entry);
    if (record === undefined) throw new SkillmeatError('invalid_input', `The ${entry.type} "${entry.name}" was not added from a git source, so it has no upstream to update from.`, { name: entry.name, type: entry.type });
    return { entry, record };
  });
}

/**
 * What a place's working copy changed since the version it last recorded (the dashed rows of the
 * history view): the place must be one the artifact lives in now, so a caller cannot name a path
 * of its own choosing; the copy is read where it is, links leaving it skipped.
 */
import { artifactTypeInfo } from '../../shared/artifact-types.js';
import type { VersionDiff } from '../../shared/merge-results.js';
import type { HomePaths } from '../home/home-paths.js';
import { collectionCopyPath, openCollection } from '../collection/collections.js';
import { resolveOne } from '../collection/collection-artifacts.js';
import { readArtifact, referenceInPlace, type FileMap } from '../merge/file-map.js';
import { changedFiles } from '../sync/artifact-changes.js';
import type { VersionPort } from '../versions/version-port.js';
import type { VersionStore } from '../versions/version-store.js';
import type { ArtifactKey } from '../versions/version-record.js';
import { SkillmeatError } from '../errors.js';
import { artifactOf, livePlaces } from './history-page.js';

export async function workingChanges(
  paths: HomePaths,
  store: VersionStore,
  versions: VersionPort,
  request: { name: string; type?: ArtifactKey['type']; collection: string; place: string },
): Promise<VersionDiff> {
  const artifact = await artifactOf(paths, request);
  const stored = new Set((await store.indexedHistory(artifact)).map((version) => version.id));
  const place = (await livePlaces(paths, artifact, stored)).find((p) => p.place === request.place);
  if (place === undefined) {
    throw new SkillmeatError('not_found', `${artifact.type} "${artifact.name}" does not live in ${JSON.stringify(request.place)} now. Its places are listed by the history view.`, { place: request.place });
  }
  const kind = artifactTypeInfo(artifact.type).kind;
  const copyPath = place.kind === 'collection' ? await collectionCopyOf(paths, artifact) : place.place.slice('project:'.length);
  const copy = await readArtifact(copyPath, kind, 'skip', referenceInPlace);
  const recorded = place.current === null ? undefined : await versions.get(place.current);
  const before: FileMap = recorded?.files ?? new Map();
  return { from: place.current ?? '', to: `working:${place.place}`, name: artifact.name, type: artifact.type, files: changedFiles(before, copy?.files ?? new Map()) };
}

async function collectionCopyOf(paths: HomePaths, artifact: ArtifactKey & { collection: string }): Promise<string> {
  const collection = await openCollection(paths, artifact.collection);
  return collectionCopyPath(collection, resolveOne(collection, artifact.name, artifact.type));
}

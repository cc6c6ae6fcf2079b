/**
 * "Where is this version?" (issue 12): for one version of an artifact, how each live place stands
 * to it — holding it, behind it (its version is an ancestor: a sync would bring this one), ahead of
 * it (it moved past), or apart (on another branch of the DAG).
 */
import type { VersionWhereabouts } from '../../shared/history-results.js';
import type { HomePaths } from '../home/home-paths.js';
import type { VersionStore } from '../versions/version-store.js';
import type { ArtifactKey } from '../versions/version-record.js';
import { SkillmeatError } from '../errors.js';
import { artifactOf, livePlaces } from './history-page.js';

export async function versionWhereabouts(
  paths: HomePaths,
  versions: VersionStore,
  request: { name: string; type?: ArtifactKey['type']; collection: string; version: string },
): Promise<VersionWhereabouts> {
  const artifact = await artifactOf(paths, request);
  const stored = await versions.indexedHistory(artifact);
  const parentsOf = new Map(stored.map((version) => [version.id, version.parents]));
  const target = stored.find((version) => version.id === request.version);
  if (target === undefined) {
    throw new SkillmeatError('not_found', `No version ${JSON.stringify(request.version)} of ${artifact.type} "${artifact.name}". See \`skillmeat history ${artifact.name}\` for the ids.`, { version: request.version });
  }
  const ancestorsOf = (id: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(parentsOf.get(id) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(parentsOf.get(next) ?? []));
    }
    return seen;
  };
  const targetAncestors = ancestorsOf(target.id);
  const places = (await livePlaces(paths, artifact, new Set(parentsOf.keys()))).map((place) => {
    const holds = place.current === target.id || place.copy_hash === target.contentHash;
    const standing =
      holds ? 'holds'
      : place.current !== null && targetAncestors.has(place.current) ? 'behind'
      : place.current !== null && ancestorsOf(place.current).has(target.id) ? 'ahead'
      : 'apart';
    return { place: place.place, where: place.where, kind: place.kind, standing } as const;
  });
  return { version: target.id, places };
}

/**
 * The history view's data (issue 12): an artifact's version DAG from the index alone, laid out once
 * (layoutHistory, the same code `history --graph` draws with), filtered and paged; the places the
 * artifact lives in now, each with the version it last recorded and whether its copy moved on
 * since (a "working" row, drawn dashed like an uncommitted change).
 */
import { artifactTypeInfo, lockKey, type ArtifactKind } from '../../shared/artifact-types.js';
import { layoutHistory, projectFolderOf, type GraphLayout, type GraphNode } from '../../shared/history-graph.js';
import type { HistoryEntry, HistoryPage, HistoryPlace } from '../../shared/history-results.js';
import type { HomePaths } from '../home/home-paths.js';
import { collectionCopyPath, openCollection } from '../collection/collections.js';
import { resolveOne } from '../collection/collection-artifacts.js';
import { readCollectionConsistently } from '../collection/collection-lock.js';
import { readDeploymentFile, recordRelativePath } from '../deploy/deployment-file.js';
import { readProjectRegistry } from '../project/project-registry.js';
import { insideClaudeDir, resolveProject } from '../project/project-paths.js';
import { pendingMergeArtifacts } from '../sync/pending-merges.js';
import { snapshotFolder } from '../snapshots/snapshot-metadata.js';
import { hashArtifact } from '../hash/content-hash.js';
import type { HashCache } from '../hash/hash-cache.js';
import type { IndexedVersion } from '../versions/version-index.js';
import { versionId, type ArtifactKey } from '../versions/version-record.js';
import type { VersionStore } from '../versions/version-store.js';
import { SkillmeatError } from '../errors.js';

export interface HistoryPageRequest {
  readonly name: string;
  readonly type?: ArtifactKey['type'];
  readonly collection: string;
  readonly offset?: number;
  readonly limit?: number;
  /** Only rows living in these places. */
  readonly places?: readonly string[];
  /** Only rows of these origins (`working` for working copies). */
  readonly origins?: readonly string[];
  /** Only rows whose version id hash or content hash starts with this (hex, any case). */
  readonly hash?: string;
}

export const HISTORY_PAGE_DEFAULT_LIMIT = 200;

/** The artifact's live places, then the rows of the page. */
export async function historyPage(paths: HomePaths, versions: VersionStore, request: HistoryPageRequest, cache?: HashCache): Promise<HistoryPage> {
  const artifact = await artifactOf(paths, request);
  const stored = await versions.indexedHistory(artifact);
  const storedIds = new Set(stored.map((version) => version.id));
  const live = await livePlaces(paths, artifact, storedIds, cache);
  const rows = [...workingRows(live, artifact, storedIds), ...stored.map((version) => versionRow(version))];
  const places = allPlaces(live, stored);

  const hash = request.hash?.toLowerCase().trim();
  if (hash !== undefined && hash !== '' && !/^[0-9a-f]{1,64}$/.test(hash)) {
    throw new SkillmeatError('invalid_input', `${JSON.stringify(request.hash)} is not a hash prefix: use hexadecimal digits (0-9, a-f).`, { hash: request.hash });
  }
  const { matching, layout } = laidOut(stored, rows, { places: request.places, origins: request.origins, hash });
  const labels = labelsByVersion(live);
  const offset = request.offset ?? 0;
  const limit = request.limit ?? HISTORY_PAGE_DEFAULT_LIMIT;
  const page: HistoryEntry[] = [];
  for (let index = offset; index < Math.min(matching.length, offset + limit); index++) {
    const row = matching[index]!;
    const { column, above, below, turns, merge } = layout.rows[index]!;
    page.push({ ...row, labels: row.kind === 'version' ? (labels.get(row.id) ?? []) : [], graph: { column, above: [...above], below: [...below], turns: [...turns], merge } });
  }
  return {
    name: artifact.name,
    type: artifact.type,
    collection: artifact.collection,
    total: matching.length,
    versions_stored: stored.length,
    offset,
    lanes: [...layout.places],
    places,
    origins: [...new Set(rows.map((row) => row.origin))].sort(),
    rows: page,
  };
}

/** Layouts computed lately, per stored history (the same array while the index is unchanged). */
const layouts = new WeakMap<readonly IndexedVersion[], Map<string, { matching: Row[]; layout: GraphLayout }>>();
const LAYOUTS_PER_HISTORY = 8;

/**
 * The rows passing the filters and their layout. Scrolling asks for page after page of the same
 * list: while the stored history, the working rows and the filters are the same, so is the layout.
 */
function laidOut(stored: readonly IndexedVersion[], rows: Row[], filters: { places: readonly string[] | undefined; origins: readonly string[] | undefined; hash: string | undefined }) {
  const working = rows.filter((row) => row.kind === 'working').map((row) => [row.id, row.content_hash, row.parents]);
  const key = JSON.stringify([filters.places ?? null, filters.origins ?? null, filters.hash ?? '', working]);
  let cache = layouts.get(stored);
  if (cache === undefined) layouts.set(stored, (cache = new Map()));
  const known = cache.get(key);
  if (known !== undefined) return known;
  const matching = rows.filter(
    (row) =>
      (filters.places === undefined || filters.places.includes(row.place)) &&
      (filters.origins === undefined || filters.origins.includes(row.origin)) &&
      (filters.hash === undefined || filters.hash === '' || row.content_hash.startsWith(filters.hash)),
  );
  const computed = { matching, layout: layoutHistory(matching) };
  cache.set(key, computed);
  if (cache.size > LAYOUTS_PER_HISTORY) cache.delete(cache.keys().next().value!);
  return computed;
}

/** A live place as the page and the whereabouts read it. */
export interface LivePlace extends HistoryPlace {
  /** The content hash of the version it last recorded (whether or not that version is stored). */
  readonly recorded_hash: string;
}

/** The artifact named by the request, as its collection knows it. */
export async function artifactOf(paths: HomePaths, request: { name: string; type?: ArtifactKey['type']; collection: string }): Promise<ArtifactKey & { collection: string }> {
  const collection = await openCollection(paths, request.collection);
  const entry = resolveOne(collection, request.name, request.type);
  return { name: entry.name, type: entry.type, collection: collection.name };
}

/**
 * The artifact's collection and every registered project it is deployed in from that collection:
 * what each last recorded, what its copy holds now, and whether a merge of it waits there. A
 * registered project that is gone, or whose record cannot be read, is left out (drift reports it).
 */
/** `cache`: a long-lived process's hash cache, so paging through a history does not hash every copy again for every page. */
export async function livePlaces(paths: HomePaths, artifact: ArtifactKey & { collection: string }, storedIds: ReadonlySet<string>, cache?: HashCache): Promise<LivePlace[]> {
  const kind = artifactTypeInfo(artifact.type).kind;
  const key = lockKey(artifact.type, artifact.name);
  const current = (hash: string) => {
    const id = versionId(artifact, hash);
    return storedIds.has(id) ? id : null;
  };
  const places: LivePlace[] = [];

  const collectionSide = await readCollectionConsistently(paths, artifact.collection, async () => {
    const collection = await openCollection(paths, artifact.collection);
    const entry = collection.manifest.artifacts.find((a) => lockKey(a.type, a.name) === key);
    const recorded = collection.lockfile.entries.get(key)?.contentHash;
    const copyHash = entry === undefined ? undefined : await hashArtifact(collectionCopyPath(collection, entry), kind, cache ? { cache } : {});
    return { recorded, copyHash };
  });
  // A rollback's merges wait beside the collection's snapshots.
  const rollbackMerges = await pendingMergeArtifacts(snapshotFolder(paths, artifact.collection)).catch(() => []);
  if (collectionSide.recorded !== undefined || collectionSide.copyHash !== undefined) {
    const recorded = collectionSide.recorded ?? collectionSide.copyHash!;
    places.push({
      place: `collection:${artifact.collection}`,
      kind: 'collection',
      where: artifact.collection,
      live: true,
      current: current(recorded),
      copy_hash: collectionSide.copyHash ?? null,
      pending_merge: rollbackMerges.some((m) => m.name === artifact.name && m.type === artifact.type),
      recorded_hash: recorded,
    });
  }

  for (const registered of await readProjectRegistry(paths)) {
    const place = await projectPlace(paths, registered.path, artifact, kind, current, cache).catch(() => undefined);
    if (place !== undefined) places.push(place);
  }
  return places;
}

async function projectPlace(
  paths: HomePaths,
  root: string,
  artifact: ArtifactKey & { collection: string },
  kind: ArtifactKind,
  current: (hash: string) => string | null,
  cache: HashCache | undefined,
): Promise<LivePlace | undefined> {
  const project = await resolveProject(root);
  const file = await readDeploymentFile(project.claudeDir);
  const record = file.records.find((r) => r.name === artifact.name && r.type === artifact.type && (r.collection ?? file.collection ?? 'default') === artifact.collection);
  if (record === undefined) return undefined;
  const copyPath = insideClaudeDir(project, recordRelativePath(record));
  const merges = await pendingMergeArtifacts(project.claudeDir).catch(() => []);
  return {
    place: `project:${copyPath}`,
    kind: 'project',
    where: project.root,
    live: true,
    current: current(record.sha),
    copy_hash: (await hashArtifact(copyPath, kind, cache ? { cache } : {})) ?? null,
    pending_merge: merges.some((m) => m.name === artifact.name && m.type === artifact.type),
    recorded_hash: record.sha,
  };
}

type Row = Omit<HistoryEntry, 'labels' | 'graph'> & GraphNode;

/** One row per live place whose copy is not what it last recorded: above that version, dashed. */
function workingRows(live: readonly LivePlace[], artifact: ArtifactKey, storedIds: ReadonlySet<string>): Row[] {
  return live
    .filter((place) => place.copy_hash !== null && place.copy_hash !== place.recorded_hash)
    .map((place) => ({
      kind: 'working' as const,
      id: `working:${place.place}`,
      short: place.copy_hash!.slice(0, 12),
      content_hash: place.copy_hash!,
      created_at: null,
      created_by: '',
      origin: 'working',
      place: place.place,
      parents: place.current === null ? [] : [place.current],
      version_tag: null,
      stored_as: storedIds.has(versionId(artifact, place.copy_hash!)) ? versionId(artifact, place.copy_hash!) : null,
    }));
}

function versionRow(version: IndexedVersion): Row {
  return {
    kind: 'version',
    id: version.id,
    short: version.contentHash.slice(0, 12),
    content_hash: version.contentHash,
    created_at: version.createdAt,
    created_by: version.createdBy,
    origin: version.operation,
    place: version.place,
    parents: [...version.parents],
    version_tag: version.versionTag,
    stored_as: null,
  };
}

/** Version id → the places (in their order) whose current version it is. */
function labelsByVersion(live: readonly LivePlace[]): Map<string, string[]> {
  const labels = new Map<string, string[]>();
  for (const place of live) {
    if (place.current === null) continue;
    const list = labels.get(place.current);
    if (list) list.push(place.place);
    else labels.set(place.current, [place.place]);
  }
  return labels;
}

/** The live places, then every other place a version was recorded in (a project since forgotten), in first-appearance order. */
function allPlaces(live: readonly LivePlace[], stored: readonly IndexedVersion[]): HistoryPlace[] {
  const places: HistoryPlace[] = live.map(({ recorded_hash: _recorded, ...place }) => place);
  const known = new Set(places.map((place) => place.place));
  for (const version of stored) {
    if (known.has(version.place) || version.place === '') continue;
    known.add(version.place);
    const project = version.place.startsWith('project:');
    const where = version.place.slice(version.place.indexOf(':') + 1);
    places.push({ place: version.place, kind: project ? 'project' : 'collection', where: project ? projectFolderOf(where) : where, live: false, current: null, copy_hash: null, pending_merge: false });
  }
  return places;
}

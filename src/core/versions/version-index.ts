/**
 * The cache database's mirror of the version files (`artifact_versions`, `version_parents`).
 * Plain SQL through the manager a `CacheDb` lends: this module imports TypeORM's types only, so
 * loading it costs nothing until a database is actually open.
 */
import type { EntityManager } from 'typeorm';
import { artifactIndexKey, placeOf, type ArtifactKey, type VersionRecord } from './version-record.js';

/** A version as the index knows it: what ordering a history needs, without reading any file. */
export interface IndexedNode {
  readonly id: string;
  readonly createdAt: string;
  /** In order; the first is `parent_version_id`. */
  readonly parents: readonly string[];
}

/** A version as the history view lists it: everything but its files, from the index alone. */
export interface IndexedVersion extends IndexedNode {
  readonly contentHash: string;
  readonly createdBy: string;
  readonly operation: string;
  /** `collection:<name>` or `project:<path>` (see placeOf). */
  readonly place: string;
  readonly versionTag: string | null;
}

const COLUMNS = ['id', 'artifact_id', 'version_tag', 'version_sha', 'parent_version_id', 'created_at', 'created_by', 'snapshot_id', 'merge_strategy', 'metadata', 'scope'];

// An upsert, so that indexing a version again (more parents, or a rebuild) leaves one row that mirrors the file.
const UPSERT_VERSION = `INSERT INTO "artifact_versions" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT ("id") DO UPDATE SET ${COLUMNS.slice(1).map((c) => `"${c}" = excluded."${c}"`).join(', ')}`;

/** Makes the rows of `record` mirror it exactly (its row and all its parent edges). */
export async function indexVersion(manager: EntityManager, record: VersionRecord): Promise<void> {
  await manager.query(UPSERT_VERSION, [
    record.id,
    artifactIndexKey(record.artifact),
    record.version_tag,
    record.content_hash,
    record.parents[0] ?? null,
    record.created_at,
    record.created_by,
    record.snapshot_id,
    record.merge_strategy,
    JSON.stringify(record.metadata),
    placeOf(record.scope),
  ]);
  await manager.query('DELETE FROM "version_parents" WHERE "version_id" = ?', [record.id]);
  for (const [position, parent] of record.parents.entries()) {
    await manager.query('INSERT INTO "version_parents" ("version_id", "parent_id", "position") VALUES (?, ?, ?)', [record.id, parent, position]);
  }
}

/** Removes the rows of a version whose file is gone. */
export async function unindexVersion(manager: EntityManager, id: string): Promise<void> {
  await manager.query('DELETE FROM "version_parents" WHERE "version_id" = ?', [id]);
  await manager.query('DELETE FROM "artifact_versions" WHERE "id" = ?', [id]);
}

/** How many versions the index holds. */
export async function indexedCount(manager: EntityManager): Promise<number> {
  const rows: { count: number }[] = await manager.query('SELECT count(*) AS count FROM "artifact_versions"');
  return rows[0]?.count ?? 0;
}

/** Every version id the index holds. */
export async function indexedIds(manager: EntityManager): Promise<string[]> {
  const rows: { id: string }[] = await manager.query('SELECT "id" FROM "artifact_versions"');
  return rows.map((row) => row.id);
}

/**
 * What changes whenever the index may have changed: rows this connection wrote (total_changes) and
 * commits of any other connection, another process's included (data_version). Equal stamps mean
 * the rows read before are still the rows.
 */
export async function indexStamp(manager: EntityManager): Promise<string> {
  const rows: { local: number; other: number }[] = await manager.query('SELECT total_changes() AS local, data_version AS other FROM pragma_data_version()');
  return `${rows[0]?.local ?? ''}:${rows[0]?.other ?? ''}`;
}

/** The versions of one artifact with their parents (by the artifact index, then the parents' primary key). */
export async function artifactNodes(manager: EntityManager, artifact: ArtifactKey): Promise<IndexedVersion[]> {
  const key = artifactIndexKey(artifact);
  const versions: Omit<IndexedVersion, 'parents'>[] = await manager.query(
    `SELECT "id", "created_at" AS createdAt, "version_sha" AS contentHash, "created_by" AS createdBy, "merge_strategy" AS operation,
            coalesce("scope", '') AS place, "version_tag" AS versionTag
       FROM "artifact_versions" WHERE "artifact_id" = ?`,
    [key],
  );
  const edges: { versionId: string; parentId: string }[] = await manager.query(
    `SELECT p."version_id" AS versionId, p."parent_id" AS parentId FROM "version_parents" p
       JOIN "artifact_versions" v ON v."id" = p."version_id"
      WHERE v."artifact_id" = ? ORDER BY p."version_id", p."position"`,
    [key],
  );
  const parents = new Map<string, string[]>();
  for (const edge of edges) {
    const list = parents.get(edge.versionId);
    if (list) list.push(edge.parentId);
    else parents.set(edge.versionId, [edge.parentId]);
  }
  return versions.map((version) => ({ ...version, parents: parents.get(version.id) ?? [] }));
}

// UNION (not UNION ALL) drops repeats, so the walk ends even on a graph that somehow has a cycle.
const ANCESTOR_WALK = `WITH RECURSIVE up("id") AS (SELECT ? UNION SELECT p."parent_id" FROM "version_parents" p JOIN up ON p."version_id" = up."id")
  SELECT 1 AS found FROM up WHERE "id" = ? LIMIT 1`;

/** True when `ancestor` is `version` itself or one of its ancestors: then making it a child of `version` would close a cycle. */
export async function isAncestorOrSelf(manager: EntityManager, ancestor: string, version: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(ANCESTOR_WALK, [version, ancestor]);
  return rows.length > 0;
}

/**
 * The cache's tables as TypeORM `EntitySchema`s (no decorators, so nothing depends on how the
 * TypeScript is transpiled). The schema itself is created by the migrations, never by `synchronize`;
 * these definitions must describe exactly what `migrations/` builds (cache-entities.test.ts checks).
 */
import { EntitySchema } from 'typeorm';
import type { ArtifactType } from '../../shared/artifact-types.js';
import type { DriftType } from '../../shared/drift-types.js';

/** One row of `projects`: a watched project and the summary of its last drift check. */
export interface ProjectRecord {
  id: number;
  /** Absolute path of the project root. */
  path: string;
  name: string;
  /** RFC 3339; null until a drift check has been recorded. */
  lastCheckedAt: string | null;
  /** Deployment records whose drift needs action. */
  driftCount: number;
  /** Informational: artifacts added to a collection since the project's last deployment from it. */
  addedCount: number;
  /** SHA-256 of the stored check result (see `checkDigest`): lets a re-check see "unchanged" in one read. */
  checkDigest: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One row of `artifacts`: one deployment record of a project as its last drift check saw it. */
export interface ArtifactRecord {
  id: number;
  projectId: number;
  name: string;
  type: ArtifactType;
  collection: string;
  source: string | null;
  deployedVersion: string | null;
  /** The collection's version of the artifact. */
  upstreamVersion: string | null;
  isOutdated: boolean;
  localModified: boolean;
  /** Hash of the project copy (P of the drift table). */
  contentHash: string | null;
  baselineSha: string | null;
  collectionSha: string | null;
  /** Null when the deployed copy is in sync. */
  driftType: DriftType | null;
  deployedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const text = { type: 'text' } as const;
const optionalText = { type: 'text', nullable: true } as const;

export const ProjectEntity = new EntitySchema<ProjectRecord>({
  name: 'Project',
  tableName: 'projects',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    path: text,
    name: text,
    lastCheckedAt: { ...optionalText, name: 'last_checked_at' },
    driftCount: { type: 'integer', name: 'drift_count', default: 0 },
    addedCount: { type: 'integer', name: 'added_count', default: 0 },
    checkDigest: { ...optionalText, name: 'check_digest' },
    createdAt: { ...text, name: 'created_at' },
    updatedAt: { ...text, name: 'updated_at' },
  },
  uniques: [{ name: 'uq_projects_path', columns: ['path'] }],
});

export const ArtifactEntity = new EntitySchema<ArtifactRecord>({
  name: 'Artifact',
  tableName: 'artifacts',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    projectId: { type: 'integer', name: 'project_id' },
    name: text,
    type: text,
    collection: text,
    source: optionalText,
    deployedVersion: { ...optionalText, name: 'deployed_version' },
    upstreamVersion: { ...optionalText, name: 'upstream_version' },
    isOutdated: { type: 'boolean', name: 'is_outdated', default: false },
    localModified: { type: 'boolean', name: 'local_modified', default: false },
    contentHash: { ...optionalText, name: 'content_hash' },
    baselineSha: { ...optionalText, name: 'baseline_sha' },
    collectionSha: { ...optionalText, name: 'collection_sha' },
    driftType: { ...optionalText, name: 'drift_type' },
    deployedAt: { ...optionalText, name: 'deployed_at' },
    createdAt: { ...text, name: 'created_at' },
    updatedAt: { ...text, name: 'updated_at' },
  },
  foreignKeys: [{ name: 'fk_artifacts_project', target: 'Project', columnNames: ['projectId'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  uniques: [{ name: 'uq_artifacts_record', columns: ['projectId', 'name', 'type', 'collection'] }],
});

/**
 * One row of `artifact_versions` (versioning spec section 6): an index of one version file
 * `objects/versions/<id>.json`, which is the truth; the row is rebuilt from it when missing.
 */
export interface ArtifactVersionRecord {
  /** `av_<name>-<type>_<first 12 hex of the content hash>`. */
  id: string;
  /** `<name>::<type>`: versions belong to an artifact by name and type, whatever its collection. */
  artifactId: string;
  versionTag: string | null;
  /** Content hash (spec section 2) of the whole artifact. */
  versionSha: string;
  /** The first parent; every parent, in order, is in `version_parents`. */
  parentVersionId: string | null;
  createdAt: string;
  createdBy: string;
  snapshotId: string | null;
  /** The operation that made this content a baseline (deploy, sync, push, merge, ...). */
  mergeStrategy: string;
  /** JSON object. */
  metadata: string;
  /** Where the content was recorded: `collection:<name>` or `project:<absolute path>` (null only in rows a rebuild has not reached). */
  scope: string | null;
}

/** One row of `version_parents`: an edge of the version DAG (a merge has two). */
export interface VersionParentRecord {
  versionId: string;
  parentId: string;
  /** 0 for the first parent (`parent_version_id`), then 1, 2, ... */
  position: number;
}

export const ArtifactVersionEntity = new EntitySchema<ArtifactVersionRecord>({
  name: 'ArtifactVersion',
  tableName: 'artifact_versions',
  columns: {
    id: { ...text, primary: true },
    artifactId: { ...text, name: 'artifact_id' },
    versionTag: { ...optionalText, name: 'version_tag' },
    versionSha: { ...text, name: 'version_sha' },
    parentVersionId: { ...optionalText, name: 'parent_version_id' },
    createdAt: { ...text, name: 'created_at' },
    createdBy: { ...text, name: 'created_by' },
    snapshotId: { ...optionalText, name: 'snapshot_id' },
    mergeStrategy: { ...text, name: 'merge_strategy' },
    metadata: text,
    scope: optionalText,
  },
  indices: [{ name: 'idx_artifact_versions_artifact', columns: ['artifactId', 'createdAt'] }],
});

export const VersionParentEntity = new EntitySchema<VersionParentRecord>({
  name: 'VersionParent',
  tableName: 'version_parents',
  columns: {
    versionId: { ...text, primary: true, name: 'version_id' },
    parentId: { ...text, primary: true, name: 'parent_id' },
    position: { type: 'integer' },
  },
  // No foreign key on parent_id: a parent may be a version whose file is damaged or not yet indexed,
  // and the index must still load every version it can read.
  foreignKeys: [{ name: 'fk_version_parents_version', target: 'ArtifactVersion', columnNames: ['versionId'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
});

/** Every entity of the cache, for the DataSource. */
export const CACHE_ENTITIES = [ProjectEntity, ArtifactEntity, ArtifactVersionEntity, VersionParentEntity];

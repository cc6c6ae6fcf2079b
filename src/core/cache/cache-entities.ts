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

/** Every entity of the cache, for the DataSource. */
export const CACHE_ENTITIES = [ProjectEntity, ArtifactEntity];

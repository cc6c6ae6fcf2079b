import { createHash } from '../lazy-crypto.js';
import { isArtifactType, type ArtifactType } from '../../shared/artifact-types.js';
import { nameProblem } from '../../shared/names.js';
import { DRIFT_TYPES, type DriftType } from '../../shared/drift-types.js';
import { SkillmeatError } from '../errors.js';
import type { ArtifactRecord } from './cache-entities.js';

/** One deployment record as a drift check saw it: what `recordDriftCheck` stores per artifact. */
export interface DriftCheckRow {
  readonly name: string;
  readonly type: ArtifactType;
  readonly collection: string;
  readonly source: string | null;
  readonly deployedVersion: string | null;
  /** The collection's version of the artifact. */
  readonly upstreamVersion: string | null;
  /** Null when the deployed copy is in sync. */
  readonly driftType: DriftType | null;
  readonly baselineSha: string | null;
  /** Null when the artifact is no longer in its collection. */
  readonly collectionSha: string | null;
  /** Null when the project copy is missing. */
  readonly projectSha: string | null;
  readonly deployedAt: string | null;
}

/** A cached artifact as the core reads it back: the row it was given plus the derived flags. */
export interface CachedArtifact extends DriftCheckRow {
  readonly isOutdated: boolean;
  readonly localModified: boolean;
  /** When this row last changed (RFC 3339); a re-check that finds the same state leaves it. */
  readonly updatedAt: string;
}

/** The columns of `artifacts` that a drift check decides (everything but ids and timestamps). */
export type ArtifactFields = Pick<
  ArtifactRecord,
  | 'name' | 'type' | 'collection' | 'source' | 'deployedVersion' | 'upstreamVersion' | 'isOutdated'
  | 'localModified' | 'contentHash' | 'baselineSha' | 'collectionSha' | 'driftType' | 'deployedAt'
>;

const FIELD_NAMES = [
  'name', 'type', 'collection', 'source', 'deployedVersion', 'upstreamVersion', 'isOutdated',
  'localModified', 'contentHash', 'baselineSha', 'collectionSha', 'driftType', 'deployedAt',
] as const satisfies readonly (keyof ArtifactFields)[];

/**
 * The flags a list view filters on, derived from the drift type so they can never disagree with it:
 * `outdated` → is_outdated (the collection moved on); `modified` → local_modified (the project copy
 * was edited); `conflict` → both; `deleted` and `removed` → neither (the copy or its source is gone,
 * which is neither an update to take nor an edit to keep); in sync → neither.
 */
export function driftFlags(driftType: DriftType | null): { isOutdated: boolean; localModified: boolean } {
  return {
    isOutdated: driftType === 'outdated' || driftType === 'conflict',
    localModified: driftType === 'modified' || driftType === 'conflict',
  };
}

/** The stored columns of a drift-check row. */
export function artifactFields(row: DriftCheckRow): ArtifactFields {
  return {
    name: row.name,
    type: row.type,
    collection: row.collection,
    source: row.source,
    deployedVersion: row.deployedVersion,
    upstreamVersion: row.upstreamVersion,
    ...driftFlags(row.driftType),
    contentHash: row.projectSha,
    baselineSha: row.baselineSha,
    collectionSha: row.collectionSha,
    driftType: row.driftType,
    deployedAt: row.deployedAt,
  };
}

/** True when a stored row already holds exactly these fields. */
export function sameFields(stored: ArtifactFields, fields: ArtifactFields): boolean {
  return FIELD_NAMES.every((field) => stored[field] === fields[field]);
}

/**
 * A fingerprint of a whole check result (every row's fields, in key order, and the added count).
 * Stored with the project, it lets a re-check that found the same state stop after one read.
 */
export function checkDigest(rowsByKey: ReadonlyMap<string, ArtifactFields>, addedCount: number): string {
  const sorted = [...rowsByKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = sorted.map(([, row]) => FIELD_NAMES.map((field) => row[field]));
  return createHash('sha256').update(JSON.stringify([addedCount, rows])).digest('hex');
}

/** Identity of a deployment record within a project: the table's unique key. */
export function recordKey(row: Pick<ArtifactFields, 'name' | 'type' | 'collection'>): string {
  return `${row.collection}\u0000${row.type}\u0000${row.name}`;
}

/** A stored row in the shape the core reads. */
export function cachedArtifact(record: ArtifactRecord): CachedArtifact {
  return {
    name: record.name,
    type: record.type,
    collection: record.collection,
    source: record.source,
    deployedVersion: record.deployedVersion,
    upstreamVersion: record.upstreamVersion,
    driftType: record.driftType,
    baselineSha: record.baselineSha,
    collectionSha: record.collectionSha,
    projectSha: record.contentHash,
    deployedAt: record.deployedAt,
    isOutdated: record.isOutdated,
    localModified: record.localModified,
    updatedAt: record.updatedAt,
  };
}

/** Throws a SkillmeatError for the first row that could not be stored as given. */
export function assertValidRows(rows: readonly DriftCheckRow[]): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const label = `${row.type} ${JSON.stringify(row.name)} of collection ${JSON.stringify(row.collection)}`;
    const problem = nameProblem(row.name) ?? nameProblem(row.collection);
    if (problem) throw new SkillmeatError('invalid_name', `Cannot cache the drift of ${label}: ${problem}.`, { name: row.name, collection: row.collection });
    if (!isArtifactType(row.type)) throw new SkillmeatError('invalid_input', `Cannot cache the drift of ${label}: unknown artifact type.`, { type: row.type });
    if (row.driftType !== null && !(DRIFT_TYPES as readonly string[]).includes(row.driftType)) {
      throw new SkillmeatError('invalid_input', `Cannot cache the drift of ${label}: unknown drift type ${JSON.stringify(row.driftType)}.`, { drift_type: row.driftType });
    }
    const key = recordKey(row);
    if (seen.has(key)) throw new SkillmeatError('invalid_input', `Cannot cache the drift check: ${label} appears twice.`, { name: row.name, type: row.type, collection: row.collection });
    seen.add(key);
  }
}

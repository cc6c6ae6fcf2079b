import { isArtifactType } from '../../shared/artifact-types.js';
import { SkillmeatError } from '../errors.js';
import { assertValidName } from '../home/home-paths.js';
import type { FileMap } from '../merge/file-map.js';
import { assertVersionId, isPlainObject, isVersionOperation, scopeProblem, type ArtifactKey, type ArtifactRef, type VersionOperation, type VersionScope } from './version-record.js';

/** Content whose blobs are already in the store (a copy that kept them as it went), with its content hash. */
export interface KeptContent {
  readonly contentHash: string;
  /** Path inside the artifact → blob SHA-256. */
  readonly blobs: ReadonlyMap<string, string>;
  readonly executable: readonly string[];
}

/** What `VersionStore.record` stores. */
export interface RecordInput {
  readonly artifact: ArtifactRef;
  /** The artifact's folder or file on disk, its content (a merge result), or content already kept in the store. */
  readonly source: string | FileMap | KeptContent;
  /** With an in-memory source: the paths that are executable (read from disk otherwise). */
  readonly executable?: readonly string[];
  /** Versions this content was made from: the baseline it replaces; both sides of a merge. */
  readonly parents?: readonly string[];
  /** `system`, or the user who asked for the operation. */
  readonly createdBy: string;
  readonly mergeStrategy: VersionOperation;
  readonly scope: VersionScope;
  readonly versionTag?: string | null;
  readonly snapshotId?: string | null;
  /** Any JSON object; stored as given. */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** The input, checked before anything is read or written; `metadata` comes back as plain JSON. */
export function checkRecordInput(input: RecordInput): RecordInput & { readonly metadata: Record<string, unknown>; readonly parents: readonly string[] } {
  assertArtifactKey(input.artifact);
  assertValidName(input.artifact.collection, 'collection');
  if (!isVersionOperation(input.mergeStrategy)) throw invalid(`${JSON.stringify(input.mergeStrategy)} is not a version operation (deploy, sync, push, merge, fork, resolve, overwritten, rollback, import).`);
  const scope = scopeProblem(input.scope);
  if (scope !== undefined) throw invalid(`The version's scope is unusable: ${scope}.`);
  assertLabel(input.createdBy, 'created_by');
  if (input.versionTag != null) assertLabel(input.versionTag, 'version_tag');
  if (input.snapshotId != null) assertLabel(input.snapshotId, 'snapshot_id');
  if ((typeof input.source === 'string' || isKeptContent(input.source)) && input.executable !== undefined) throw invalid('Execute bits come with the source; pass `executable` only with in-memory content.');
  const parents = input.parents ?? [];
  for (const parent of parents) assertVersionId(parent);
  return { ...input, parents, metadata: plainJson(input.metadata ?? {}) };
}

/** True for content already kept in the store. */
export function isKeptContent(source: RecordInput['source']): source is KeptContent {
  return typeof source === 'object' && 'blobs' in source && 'contentHash' in source;
}

/** Throws unless `artifact` has a valid name and type. */
export function assertArtifactKey(artifact: ArtifactKey): void {
  assertValidName(artifact.name, 'artifact');
  if (!isArtifactType(artifact.type)) throw invalid(`${JSON.stringify(artifact.type)} is not an artifact type (skill, command, agent, hook, mcp).`);
}

function assertLabel(value: string, field: string): void {
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200 || /[\u0000-\u001f\u007f]/.test(value)) {
    throw invalid(`${field} must be a short line of text, got ${JSON.stringify(value)}.`);
  }
}

function plainJson(metadata: Readonly<Record<string, unknown>>): Record<string, unknown> {
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(metadata));
  } catch (error) {
    throw invalid(`The version metadata cannot be stored as JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (!isPlainObject(copy)) throw invalid('The version metadata must be a JSON object.');
  return copy;
}

function invalid(message: string): SkillmeatError {
  return new SkillmeatError('invalid_input', message);
}

/**
 * One version of an artifact as stored in `objects/versions/<id>.json` (versioning spec section 6):
 * the file is the truth, the cache database only indexes it. This module holds its shape, its id,
 * and the checks that keep a damaged or hostile file from being believed.
 */
import { isAbsolute } from 'node:path';
import { artifactTypeInfo, isArtifactType, lockKey, type ArtifactType } from '../../shared/artifact-types.js';
import { nameProblem } from '../../shared/names.js';
import { SkillmeatError } from '../errors.js';
import { toRfc3339 } from '../time.js';
import { relPathProblem } from './rel-path.js';

/** The operations that make a content a baseline, or keep one an operation overwrote. */
export const VERSION_OPERATIONS = ['add', 'update', 'deploy', 'sync', 'push', 'merge', 'fork', 'resolve', 'overwritten', 'rollback', 'import'] as const;
export type VersionOperation = (typeof VERSION_OPERATIONS)[number];

/** The artifact a version was recorded for. */
export interface ArtifactRef {
  readonly collection: string;
  readonly name: string;
  readonly type: ArtifactType;
}

/** What versions are grouped by: an artifact's name and type, whatever its collection. */
export type ArtifactKey = Pick<ArtifactRef, 'name' | 'type'>;

/** Where the content was when it was recorded. */
export type VersionScope = { readonly kind: 'project'; readonly path: string } | { readonly kind: 'collection'; readonly name: string };

/** A version, exactly as its JSON file holds it. */
export interface VersionRecord {
  /** `av_<name>-<type>_<first 12 hex of content_hash>`. */
  readonly id: string;
  /** The artifact it was first recorded for (the collection is provenance, not identity). */
  readonly artifact: ArtifactRef;
  /** Content hash (spec section 2) of the whole artifact. */
  readonly content_hash: string;
  /** POSIX path inside the artifact (`''` for a file artifact) → SHA-256 of its bytes (the blob). */
  readonly files: Readonly<Record<string, string>>;
  /** Paths of `files` that were executable, so a restore gives scripts back their mode. */
  readonly executable: readonly string[];
  /** Version ids; the first is `parent_version_id`. Only ever grows. */
  readonly parents: readonly string[];
  readonly created_at: string;
  /** `system` or a user name. */
  readonly created_by: string;
  /** The operation that first recorded this content. */
  readonly merge_strategy: VersionOperation;
  readonly scope: VersionScope;
  /** The artifact's own version (`v1.2.0`), when known. */
  readonly version_tag: string | null;
  readonly snapshot_id: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const VERSION_ID = /^av_(.+)-([a-z]+)_([0-9a-f]{12})$/;

/** The id of the version of `artifact` whose content hash is `contentHash`. */
export function versionId(artifact: ArtifactKey, contentHash: string): string {
  return `av_${artifact.name}-${artifact.type}_${contentHash.slice(0, 12)}`;
}

/** The `artifact_id` of the cache's index: `<name>::<type>`, like the lock file's keys. */
export function artifactIndexKey(artifact: ArtifactKey): string {
  return lockKey(artifact.type, artifact.name);
}

/**
 * Splits a version id into its parts; undefined when it is not one. An id becomes a file name, so
 * only ids made of a valid artifact name and type pass.
 */
export function parseVersionId(id: string): { readonly name: string; readonly type: ArtifactType; readonly sha12: string } | undefined {
  // Greedy: the type and hash are the fixed-shape tail, so a name may itself contain `-skill_`.
  const match = VERSION_ID.exec(id);
  if (!match) return undefined;
  const [, name = '', type = '', sha12 = ''] = match;
  if (!isArtifactType(type) || nameProblem(name) !== undefined) return undefined;
  return { name, type, sha12 };
}

/** Throws `invalid_input` unless `id` is a well-formed version id. */
export function assertVersionId(id: string): void {
  if (parseVersionId(id) === undefined) {
    throw new SkillmeatError('invalid_input', `${JSON.stringify(id)} is not a version id (expected av_<name>-<type>_<12 hex>, e.g. av_canvas-skill_1f7c65f4fe41).`, { id });
  }
}

/** True when `value` is a lowercase hex SHA-256. */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256.test(value);
}

/** The JSON text of a version file. */
export function serializeVersion(record: VersionRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/**
 * Reads a version file's text, checking every field (paths included: a hostile file must not make
 * a restore write outside its target). `id` is the id the file is named after.
 */
export function parseVersion(text: string, path: string, id: string): VersionRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw corrupt(path, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isPlainObject(value)) throw corrupt(path, 'does not hold a JSON object');
  const fail = (field: string, problem: string): never => {
    throw corrupt(path, `has ${field} ${problem}`);
  };
  const artifact = value.artifact;
  if (!isPlainObject(artifact)) return fail('no "artifact"', 'object');
  const { collection, name, type } = artifact;
  if (typeof collection !== 'string' || nameProblem(collection) !== undefined) return fail('"artifact.collection"', 'that is not a valid collection name');
  if (typeof name !== 'string' || nameProblem(name) !== undefined) return fail('"artifact.name"', 'that is not a valid artifact name');
  if (typeof type !== 'string' || !isArtifactType(type)) return fail('"artifact.type"', 'that is not an artifact type');
  const contentHash = value.content_hash;
  if (!isSha256(contentHash)) return fail('"content_hash"', 'that is not a SHA-256');
  if (value.id !== id || versionId({ name, type }, contentHash) !== id) return fail('"id"', `that does not match its name, artifact and content (expected ${id})`);
  const kind = artifactTypeInfo(type).kind;
  const files = value.files;
  if (!isPlainObject(files)) return fail('no "files"', 'object');
  for (const [relPath, sha] of Object.entries(files)) {
    const problem = relPathProblem(relPath, kind);
    if (problem !== undefined) return fail(`the file path ${JSON.stringify(relPath)}`, `that is unsafe (${problem})`);
    if (!isSha256(sha)) return fail(`"files.${relPath}"`, 'that is not a SHA-256');
  }
  if (kind === 'file' && Object.keys(files).length !== 1) return fail('"files"', 'that is not exactly one file for a file artifact');
  const executable = value.executable ?? [];
  if (!isStringArray(executable) || executable.some((relPath) => !Object.hasOwn(files, relPath))) return fail('"executable"', 'that names files it does not hold');
  const parents = value.parents;
  if (!isStringArray(parents) || parents.some((parent) => parseVersionId(parent) === undefined || parent === id)) return fail('"parents"', 'that are not all version ids of other versions');
  if (typeof value.created_at !== 'string' || toRfc3339(value.created_at) !== value.created_at) return fail('"created_at"', 'that is not an RFC 3339 UTC time');
  if (typeof value.created_by !== 'string' || value.created_by === '') return fail('"created_by"', 'that is not a name');
  const strategy = value.merge_strategy;
  if (typeof strategy !== 'string' || !isVersionOperation(strategy)) return fail('"merge_strategy"', `that is not one of ${VERSION_OPERATIONS.join(', ')}`);
  const scope = parseScope(value.scope);
  if (scope === undefined) return fail('"scope"', 'that is neither a project path nor a collection name');
  const versionTag = value.version_tag ?? null;
  if (versionTag !== null && typeof versionTag !== 'string') return fail('"version_tag"', 'that is not text');
  const snapshotId = value.snapshot_id ?? null;
  if (snapshotId !== null && typeof snapshotId !== 'string') return fail('"snapshot_id"', 'that is not text');
  const metadata = value.metadata ?? {};
  if (!isPlainObject(metadata)) return fail('"metadata"', 'that is not an object');
  return {
    id,
    artifact: { collection, name, type },
    content_hash: contentHash,
    files: files as Record<string, string>,
    executable,
    parents,
    created_at: value.created_at,
    created_by: value.created_by,
    merge_strategy: strategy,
    scope,
    version_tag: versionTag,
    snapshot_id: snapshotId,
    metadata,
  };
}

/** A scope as one string, the history's place: `collection:<name>` or `project:<absolute path>`. */
export function placeOf(scope: VersionScope): string {
  return scope.kind === 'project' ? `project:${scope.path}` : `collection:${scope.name}`;
}

/** The problem with a scope given by a caller, or undefined when it is usable. */
export function scopeProblem(scope: VersionScope): string | undefined {
  if (scope.kind === 'project') return isAbsolute(scope.path) ? undefined : `the project path ${JSON.stringify(scope.path)} is not absolute`;
  if (scope.kind === 'collection') {
    const problem = nameProblem(scope.name);
    return problem === undefined ? undefined : `the collection name ${JSON.stringify(scope.name)} is invalid: ${problem}`;
  }
  return 'its kind is neither "project" nor "collection"';
}

/** True when `value` names a version operation. */
export function isVersionOperation(value: string): value is VersionOperation {
  return (VERSION_OPERATIONS as readonly string[]).includes(value);
}

function parseScope(value: unknown): VersionScope | undefined {
  if (!isPlainObject(value)) return undefined;
  let scope: VersionScope;
  if (value.kind === 'project' && typeof value.path === 'string') scope = { kind: 'project', path: value.path };
  else if (value.kind === 'collection' && typeof value.name === 'string') scope = { kind: 'collection', name: value.name };
  else return undefined;
  return scopeProblem(scope) === undefined ? scope : undefined;
}

/** True for a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function corrupt(path: string, problem: string): SkillmeatError {
  return new SkillmeatError('corrupt_file', `The version file ${path} ${problem}. Restore it from a backup, or move it out of objects/versions/ (that version is then forgotten).`, { path });
}

import { artifactTypeInfo, lockKey, type ArtifactKind } from '../../shared/artifact-types.js';
import type { HomePaths } from '../home/home-paths.js';
import { collectionCopyPath, tryOpenCollection, type OpenCollection } from '../collection/collections.js';
import { readCollectionConsistently, recoverCollectionIfInterrupted } from '../collection/collection-lock.js';
import type { ManifestArtifact } from '../collection/manifest-file.js';
import { recordRelativePath, type DeploymentFile, type DeploymentRecord } from '../deploy/deployment-file.js';
import { insideClaudeDir, type ProjectPaths } from '../project/project-paths.js';
import { readArtifact, referenceInPlace, type FileMap } from '../merge/file-map.js';
import { blobKeeper } from '../versions/object-store.js';
import { SkillmeatError } from '../errors.js';
import { honourRecordedHash } from '../hash/recorded-hash.js';

/** One deployed artifact with both its copies read into memory: what sync and push work from. */
export interface DeployedSides {
  readonly record: DeploymentRecord;
  readonly collectionName: string;
  readonly kind: ArtifactKind;
  /** Absolute path of the project copy. */
  readonly projectPath: string;
  readonly collection: OpenCollection | undefined;
  /** The collection's manifest entry; undefined when the artifact left its collection. */
  readonly entry: ManifestArtifact | undefined;
  /** Absolute path of the collection copy, when the artifact is in its collection. */
  readonly collectionPath: string | undefined;
  readonly local: FileMap | undefined;
  readonly remote: FileMap | undefined;
  /** Content hashes of the two copies (undefined when missing). */
  readonly projectSha: string | undefined;
  readonly collectionSha: string | undefined;
  /** The collection content last integrated: the merge base's hash (versioning spec 6; DeploymentRecord.upstreamSha). */
  readonly baseSha: string;
}

/**
 * The records an operation works on: all of the file's, or those named (each must exist).
 */
export function selectRecords(file: DeploymentFile, names: readonly string[] | undefined, projectRoot: string): DeploymentRecord[] {
  if (names === undefined || names.length === 0) return [...file.records];
  return names.map((name) => {
    const found = file.records.filter((r) => r.name === name);
    if (found.length === 0) throw new SkillmeatError('not_found', `"${name}" is not deployed in ${projectRoot}. See \`skillmeat drift ${projectRoot}\`.`, { name });
    if (found.length > 1) throw new SkillmeatError('invalid_input', `"${name}" names ${found.length} deployed artifacts in ${projectRoot}; rename one of them.`, { name });
    return found[0]!;
  });
}

/** The one record an operation on `name` (of `type`, when given) works on; as selectRecords, it must exist and be unique. */
export function selectRecord(file: DeploymentFile, name: string, type: DeploymentRecord['type'] | undefined, projectRoot: string): DeploymentRecord {
  const ofType = type === undefined ? file : { ...file, records: file.records.filter((r) => r.type === type) };
  return selectRecords(ofType, [name], projectRoot)[0]!;
}

/**
 * Reads both copies of a deployed artifact (never following a link out of either), the collection
 * copy from one consistent state of its collection (see readCollectionConsistently). For writers
 * (not `readOnly`): what a killed writer left in the collection is settled first.
 */
export async function readDeployedSides(paths: HomePaths, project: ProjectPaths, file: DeploymentFile, record: DeploymentRecord, options: { readOnly?: boolean } = {}): Promise<DeployedSides> {
  const collectionName = record.collection ?? file.collection ?? 'default';
  // Only writers settle what a killed writer left (crash-safety.md); a reader retries around it.
  if (!options.readOnly) await recoverCollectionIfInterrupted(paths, collectionName);
  const sides = await readCollectionConsistently(paths, collectionName, () => readSides(paths, project, record, collectionName, options.readOnly ?? false));
  return file.dialect === 'skillmeat' ? sides : honourPythonHashes(sides);
}

/**
 * A record the Python SkillMeat wrote holds its hash, which covers every file (recorded-hash.ts): a
 * copy unchanged in its terms takes the recorded value, so sync and push see no change nobody made.
 */
async function honourPythonHashes(sides: DeployedSides): Promise<DeployedSides> {
  const { record, kind } = sides;
  const projectSha = await honourRecordedHash({ root: sides.projectPath, kind }, sides.projectSha, [record.sha]);
  const collectionSha = sides.collectionPath === undefined ? sides.collectionSha : await honourRecordedHash({ root: sides.collectionPath, kind }, sides.collectionSha, [sides.baseSha]);
  return projectSha === sides.projectSha && collectionSha === sides.collectionSha ? sides : { ...sides, projectSha, collectionSha };
}

async function readSides(paths: HomePaths, project: ProjectPaths, record: DeploymentRecord, collectionName: string, readOnly: boolean): Promise<DeployedSides> {
  const kind = artifactTypeInfo(record.type).kind;
  const projectPath = insideClaudeDir(project, recordRelativePath(record));
  const collection = await tryOpenCollection(paths, collectionName);
  const entry = collection?.manifest.artifacts.find((a) => lockKey(a.type, a.name) === lockKey(record.type, record.name));
  const collectionPath = collection && entry ? collectionCopyPath(collection, entry) : undefined;
  // For writers, large files are copied into the version store as they are read: an immutable copy
  // to merge from, and the one a version keeps. A reader only compares them: it refers to them in place.
  const keeper = readOnly ? referenceInPlace : blobKeeper(paths.objectsDir);
  const local = await readArtifact(projectPath, kind, 'skip', keeper);
  const remote = collectionPath === undefined ? undefined : await readArtifact(collectionPath, kind, 'refuse', keeper);
  return {
    record,
    collectionName,
    kind,
    projectPath,
    collection,
    entry,
    collectionPath,
    local: local?.files,
    remote: remote?.files,
    projectSha: local?.contentHash,
    collectionSha: remote?.contentHash,
    baseSha: record.upstreamSha ?? record.sha,
  };
}

import { mkdir, rm } from 'node:fs/promises';
import { artifactTypeInfo, type ArtifactKind, type ArtifactType } from '../../shared/artifact-types.js';
import { readFileMap } from '../merge/file-map.js';
import type { ArtifactRef, VersionPort } from '../versions/version-port.js';
import type { DeployedArtifact, DeployResult, UndeployResult } from '../../shared/results.js';
import type { HomePaths } from '../home/home-paths.js';
import { SkillmeatError, ioError } from '../errors.js';
import { copyArtifact } from '../fs/copy-artifact.js';
import { blobSink } from '../versions/object-store.js';
import type { KeptContent } from '../versions/record-input.js';
import { hashArtifact } from '../hash/content-hash.js';
import { honourRecordedHash } from '../hash/recorded-hash.js';
import type { HashCache } from '../hash/hash-cache.js';
import { withProjectWriteLock } from '../project/project-lock.js';
import { FileTransaction, inTransaction } from '../fs/file-transaction.js';
import type { ProgressListener } from '../progress.js';
import { collectionCopyPath, openCollection, type OpenCollection } from '../collection/collections.js';
import { readCollectionConsistently, recoverCollectionIfInterrupted } from '../collection/collection-lock.js';
import type { ManifestArtifact } from '../collection/manifest-file.js';
import { journalKey } from '../fs/journal-key.js';
import { artifactSource, resolveOne } from '../collection/collection-artifacts.js';
import { insideClaudeDir, resolveProject } from '../project/project-paths.js';
import { readPendingMerges, writePendingMerges } from '../sync/pending-merges.js';
import { homeFileFormat } from '../home/file-format.js';
import { inHomeFormat, readDeploymentFile, recordRelativePath, withRecord, withoutRecord, writeDeploymentFile, type DeploymentFile, type DeploymentRecord } from './deployment-file.js';

export interface DeployRequest {
  readonly collection: string;
  readonly names: readonly string[];
  readonly type?: ArtifactType;
  readonly projectDir: string;
  /** Replace a project copy that has local edits or is not managed by SkillMeat. */
  readonly overwrite: boolean;
  readonly now: string;
  readonly cache?: HashCache;
  /** Where baselines (and any project content an --overwrite replaces) are kept for later merges. */
  readonly versions?: VersionPort;
  /** Artifacts staged so far. */
  readonly onProgress?: ProgressListener;
}

/** One artifact's copy, staged and ready to be renamed into the project. */
interface StagedDeploy {
  readonly record: DeploymentRecord;
  readonly staged: string;
  readonly target: string;
  readonly action: DeployedArtifact['action'];
}

/** One artifact copied out of the collection into the transaction's staging folder. */
interface StagedCopy {
  readonly entry: ManifestArtifact;
  readonly staged: string;
  /** Content hash of the staged copy: the new baseline. */
  readonly sha: string;
  /** The copy's content as the version store already keeps it (its blobs were written as it was copied). */
  readonly kept: KeptContent;
}

/**
 * Copies artifacts from a collection into `<project>/.claude/` and records each baseline.
 * All artifacts are copied out of one consistent state of the collection into a staging folder
 * first (never half of a rollback); then they are renamed into place together with the deployment
 * record, as one transaction.
 */
export async function deployArtifacts(paths: HomePaths, request: DeployRequest): Promise<DeployResult> {
  const project = await resolveProject(request.projectDir);
  // A writer settles what a killed writer of the collection left before reading it.
  await recoverCollectionIfInterrupted(paths, request.collection);
  await mkdir(project.claudeDir, { recursive: true }).catch((error: unknown) => {
    throw ioError('create', project.claudeDir, error);
  });
  const key = await journalKey(paths.journalKey);
  return withProjectWriteLock(paths, project, 'deploy', async () => {
    let file = await inHomeFormat(await readDeploymentFile(project.claudeDir), () => homeFileFormat(paths));
    const tx = await FileTransaction.begin(project.claudeDir, key);
    const staged: StagedDeploy[] = [];
    const results: DeployedArtifact[] = [];
    try {
      const { collection, copies } = await stageFromCollection(paths, tx, request);
      for (const { entry, staged: stagedPath, sha, kept } of copies) {
        const kind = artifactTypeInfo(entry.type).kind;
        // One deployed copy per place in .claude/: a record of the same name and type is the one replaced.
        const previous = file.records.find((r) => r.name === entry.name && r.type === entry.type);
        const relPath = previous ? recordRelativePath(previous) : entry.path;
        const target = insideClaudeDir(project, relPath);
        const currentHash = await copyHash(file, target, kind, previous?.sha);
        const action = decideAction(entry.name, target, previous?.sha, currentHash, sha, request.overwrite);
        const record: DeploymentRecord = {
          name: entry.name,
          type: entry.type,
          collection: collection.name,
          source: artifactSource(entry),
          ...(entry.version !== undefined ? { version: entry.version } : {}),
          sha,
          deployedAt: action === 'unchanged' && previous ? previous.deployedAt : request.now,
          ...(previous?.path !== undefined ? { path: previous.path } : {}),
        };
        results.push({ name: entry.name, type: entry.type, collection: collection.name, path: relPath, sha, action });
        if (action !== 'unchanged' || previous?.sha !== sha) {
          staged.push({ record, staged: stagedPath, target, action });
          if (request.versions) await recordBaseline(request.versions, { collection: collection.name, name: entry.name, type: entry.type }, kind, kept, target, previous?.sha, currentHash);
        }
      }
      // Copies and the deployment record go in place together: a crash leaves all or none.
      for (const s of staged) {
        tx.replace(s.target, s.staged);
        file = withRecord(file, s.record);
      }
      if (staged.length > 0) {
        await writeDeploymentFile(file, tx);
        await dropReplacedMerges(paths, project.claudeDir, staged, tx);
        await tx.commit();
      }
    } finally {
      await tx.discard();
    }
    return { project: project.root, deployed: results };
  });
}

/**
 * Copies the requested artifacts out of the collection into `tx`'s staging folder and hashes each
 * copy, all from one consistent state of the collection (see readCollectionConsistently): a try
 * that a collection writer overlapped is thrown away and made again.
 */
async function stageFromCollection(paths: HomePaths, tx: FileTransaction, request: DeployRequest): Promise<{ collection: OpenCollection; copies: StagedCopy[] }> {
  let made: string[] = [];
  return readCollectionConsistently(paths, request.collection, async () => {
    for (const path of made.splice(0)) await rm(path, { recursive: true, force: true });
    const collection = await openCollection(paths, request.collection);
    const entries = request.names.map((name) => resolveOne(collection, name, request.type));
    const copies: StagedCopy[] = [];
    // Each file is read once: copied, hashed and kept as a blob of the baseline in the same pass
    // (small ones packed: one file for the lot).
    const blobs = blobSink(paths.objectsDir);
    try {
      for (const [index, entry] of entries.entries()) {
        request.onProgress?.({ done: index, total: entries.length });
        const staged = tx.stagingPath();
        made.push(staged);
        const copy = await copyArtifact(collectionCopyPath(collection, entry), staged, artifactTypeInfo(entry.type).kind, { blobs });
        const kept: KeptContent = {
          contentHash: copy.contentHash,
          blobs: new Map(copy.files.map((f) => [f.relPath, f.blob!])),
          executable: copy.files.filter((f) => f.executable).map((f) => f.relPath),
        };
        copies.push({ entry, staged, sha: copy.contentHash, kept });
      }
      blobs.finish();
    } catch (error) {
      blobs.abandon();
      throw error;
    }
    request.onProgress?.({ done: entries.length, total: entries.length });
    made = [];
    return { collection, copies };
  });
}

/**
 * Keeps the new baseline's content in the version store (so a later sync has its merge base), and
 * the project content a deploy --overwrite replaces (so it can be restored).
 */
async function recordBaseline(versions: VersionPort, artifact: ArtifactRef, kind: ArtifactKind, kept: KeptContent, target: string, previousSha: string | undefined, currentSha: string | undefined): Promise<void> {
  const previousId = previousSha === undefined ? undefined : await versions.idOf(artifact, previousSha);
  const parents = previousId ? [previousId] : [];
  const scope = { kind: 'project', path: target } as const;
  if (currentSha !== undefined && currentSha !== previousSha) {
    const replaced = await readFileMap(target, kind, 'skip');
    if (replaced) await versions.record({ artifact, kind, files: replaced, parents, mergeStrategy: 'overwritten', scope });
  }
  await versions.record({ artifact, kind, files: kept, parents, mergeStrategy: 'deploy', scope });
}

/**
 * What deploying over the current project copy means: refused when it would destroy edits the user
 * made (or a file SkillMeat never deployed) unless `overwrite` was asked.
 */
function decideAction(name: string, target: string, baseline: string | undefined, current: string | undefined, incoming: string, overwrite: boolean): DeployedArtifact['action'] {
  if (current === undefined) return 'deployed';
  if (current === incoming) return 'unchanged';
  if (!overwrite) {
    if (baseline === undefined) {
      throw new SkillmeatError('would_overwrite', `${target} already exists and was not deployed by SkillMeat. Move it away, or pass --overwrite to replace it.`, { name, path: target });
    }
    if (current !== baseline) {
      throw new SkillmeatError('would_overwrite', `${target} has local edits (it differs from what was deployed). Push them to the collection, or pass --overwrite to discard them.`, { name, path: target });
    }
  }
  return 'redeployed';
}

export interface UndeployRequest {
  readonly paths: HomePaths;
  readonly name: string;
  readonly type?: ArtifactType;
  readonly projectDir: string;
  /** Remove the copy even when it has local edits. */
  readonly force: boolean;
  /** Where local edits a forced undeploy deletes are kept, so they can be restored. */
  readonly versions?: VersionPort;
}

/**
 * Removes a deployed copy and its record. A copy with local edits is kept (a clear error) unless
 * `force`: undeploy never silently destroys a user's work.
 */
export async function undeployArtifact(request: UndeployRequest): Promise<UndeployResult> {
  const project = await resolveProject(request.projectDir);
  return withProjectWriteLock(request.paths, project, 'undeploy', async () => {
    const file = await readDeploymentFile(project.claudeDir);
    const matches = file.records.filter((r) => r.name === request.name && (request.type === undefined || r.type === request.type));
    if (matches.length === 0) {
      throw new SkillmeatError('not_found', `"${request.name}" is not deployed in ${project.root}. See \`skillmeat drift ${project.root}\`.`, { name: request.name });
    }
    if (matches.length > 1) {
      throw new SkillmeatError('invalid_input', `"${request.name}" names ${matches.length} deployed artifacts; say which with --type.`, { name: request.name });
    }
    const record = matches[0]!;
    const relPath = recordRelativePath(record);
    const target = insideClaudeDir(project, relPath);
    const current = await copyHash(file, target, artifactTypeInfo(record.type).kind, record.sha);
    if (current !== undefined && current !== record.sha && !request.force) {
      throw new SkillmeatError('would_overwrite', `${target} has local edits; undeploying would delete them. Push them first, or pass --force.`, { name: record.name, path: target });
    }
    if (current !== undefined && current !== record.sha && request.versions) {
      const edited = await readFileMap(target, artifactTypeInfo(record.type).kind, 'skip');
      const artifact = { collection: record.collection ?? file.collection ?? 'default', name: record.name, type: record.type };
      const parent = await request.versions.idOf(artifact, record.sha);
      if (edited) await request.versions.record({ artifact, kind: artifactTypeInfo(record.type).kind, files: edited, parents: parent ? [parent] : [], mergeStrategy: 'overwritten', scope: { kind: 'project', path: target } });
    }
    // The copy and its record go together: a crash leaves both or neither.
    await inTransaction(project.claudeDir, await journalKey(request.paths.journalKey), async (tx) => {
      tx.delete(target);
      await writeDeploymentFile(withoutRecord(file, record.name, record.type), tx);
    });
    return { project: project.root, name: record.name, type: record.type, path: relPath };
  });
}

/** A project copy's hash; against a Python-written record, in that record's terms (recorded-hash.ts). */
async function copyHash(file: DeploymentFile, target: string, kind: ArtifactKind, recorded: string | undefined): Promise<string | undefined> {
  const ours = await hashArtifact(target, kind, { onEscapingLink: 'skip' });
  return file.dialect === 'skillmeat' ? ours : honourRecordedHash({ root: target, kind }, ours, [recorded]);
}

/**
 * An unfinished merge of an artifact whose copy a deploy just replaced no longer describes anything
 * (its project side is gone): it is dropped in the same step, or resolving it later would write a
 * merge of contents neither copy holds.
 */
async function dropReplacedMerges(paths: HomePaths, claudeDir: string, staged: readonly StagedDeploy[], tx: FileTransaction): Promise<void> {
  const pending = await readPendingMerges(claudeDir, paths.objectsDir);
  const replaced = (merge: { name: string; type: string }) => staged.some((s) => s.action !== 'unchanged' && s.record.name === merge.name && s.record.type === merge.type);
  if (!pending.some(replaced)) return;
  await writePendingMerges(claudeDir, pending.filter((merge) => !replaced(merge)), paths.objectsDir, tx);
}

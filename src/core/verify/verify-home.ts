import { artifactTypeInfo, lockKey } from '../../shared/artifact-types.js';
import type { VerifyResult } from '../../shared/results.js';
import type { HomePaths } from '../home/home-paths.js';
import { join } from 'node:path';
import { collectionCopyPath, listCollections, openCollection } from '../collection/collections.js';
import { stagedTransactions } from '../fs/file-transaction.js';
import { existingJournalKey } from '../fs/journal-key.js';
import { foreignStagingNotice } from '../drift/staging-notices.js';
import { honourRecordedHash } from '../hash/recorded-hash.js';
import { hashArtifact } from '../hash/content-hash.js';
import { readProjectRegistry } from '../project/project-registry.js';
import { resolveProject } from '../project/project-paths.js';
import { readDeploymentFile } from '../deploy/deployment-file.js';
import type { VersionStore } from '../versions/version-store.js';
import { listArchive } from '../snapshots/archive-reader.js';
import { listSnapshots, readSnapshotMetadata, tarballFile } from '../snapshots/snapshot-metadata.js';

type Problem = VerifyResult['problems'][number];

/**
 * `verify`: re-checks what the metadata claims — each collection's lock entries against its files,
 * each registered project's baselines against the version store, every version-store object, and
 * every snapshot archive (readable, and safe to restore) — and reports every mismatch. Read-only.
 */
export async function verifyHome(paths: HomePaths, versions: VersionStore): Promise<VerifyResult> {
  const problems: Problem[] = [];
  const checked = { lock_entries: 0, baselines: 0, snapshots: 0 };
  const key = await existingJournalKey(paths.journalKey);
  const stagingProblems = (folder: string) => {
    const staged = stagedTransactions(folder, key);
    for (const name of staged.foreign) problems.push({ kind: 'foreign_staging', path: join(folder, name), message: foreignStagingNotice(folder, name) });
    for (const name of staged.ours) problems.push({ kind: 'interrupted_operation', path: join(folder, name), message: `An operation was interrupted here (or is running now); the next SkillMeat change to ${folder} settles it.` });
  };
  for (const summary of await listCollections(paths)) {
    const collection = await openCollection(paths, summary.name);
    stagingProblems(collection.root);
    for (const artifact of collection.manifest.artifacts) {
      const entry = collection.lockfile.entries.get(lockKey(artifact.type, artifact.name));
      if (!entry) continue;
      checked.lock_entries++;
      const path = collectionCopyPath(collection, artifact);
      const kind = artifactTypeInfo(artifact.type).kind;
      // The Python SkillMeat's hash covers every file (no ignore set): an entry it wrote is honoured as it is.
      const actual = await honourRecordedHash({ root: path, kind }, await hashArtifact(path, kind), [entry.contentHash]);
      if (actual === undefined) problems.push({ kind: 'missing_copy', path, message: `${artifact.type} "${artifact.name}" is in the manifest of "${collection.name}" but not on disk.` });
      else if (actual !== entry.contentHash) problems.push({ kind: 'lock_mismatch', path, message: `${artifact.type} "${artifact.name}" no longer matches its collection.lock entry (edited by hand?).` });
    }
    const metadata = await readSnapshotMetadata(paths, collection.name);
    for (const snapshot of listSnapshots(metadata)) {
      checked.snapshots++;
      const archive = tarballFile(metadata, snapshot);
      await listArchive(archive, collection.name).catch((error: unknown) => {
        problems.push({ kind: 'snapshot_unreadable', path: archive, message: `Snapshot ${snapshot.id}: ${error instanceof Error ? error.message : String(error)}` });
      });
    }
  }
  for (const registered of await readProjectRegistry(paths)) {
    const project = await resolveProject(registered.path).catch((error: unknown) => {
      problems.push({ kind: 'missing_project', path: registered.path, message: `The registered project cannot be opened (${error instanceof Error ? error.message : String(error)}). Remove it with \`skillmeat projects remove\` if it is gone.` });
      return undefined;
    });
    if (!project) continue;
    stagingProblems(project.claudeDir);
    const file = await readDeploymentFile(project.claudeDir);
    for (const record of file.records) {
      checked.baselines++;
      if (!(await versions.findByContent({ name: record.name, type: record.type }, record.upstreamSha ?? record.sha))) {
        problems.push({ kind: 'no_stored_baseline', path: file.path, message: `${record.type} "${record.name}": no stored content for its merge base (deployed before the version store?); a sync would treat every difference as a conflict. Redeploy to store it.` });
      }
    }
  }
  for (const problem of await versions.verify()) problems.push({ kind: problem.kind, path: problem.path, message: problem.message });
  return { ok: problems.length === 0, checked, problems };
}

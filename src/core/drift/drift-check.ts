import { artifactTypeInfo, lockKey } from '../../shared/artifact-types.js';
import type { AddedEntry, DriftEntry, DriftReport } from '../../shared/results.js';
import { DRIFT_TYPES, type DriftType } from '../../shared/drift-types.js';
import type { HomePaths } from '../home/home-paths.js';
import type { BatchHasher, HashRequest } from '../hash/batch-hasher.js';
import type { ParsedFileCache } from '../fs/parsed-file-cache.js';
import { collectionCopyPath, tryOpenCollection, type OpenCollection } from '../collection/collections.js';
import type { ManifestArtifact } from '../collection/manifest-file.js';
import { insideClaudeDir, resolveProject } from '../project/project-paths.js';
import { recoverProjectIfInterrupted } from '../project/project-lock.js';
import { readDeploymentFile, recordRelativePath, type DeploymentRecord } from '../deploy/deployment-file.js';
import { decideDrift } from './decide-drift.js';

/** One deployment record with everything gathered for it, before hashing. */
interface PlannedRecord {
  readonly record: DeploymentRecord;
  readonly collectionName: string;
  readonly relPath: string;
  readonly inManifest: ManifestArtifact | undefined;
  /** Index of the project copy's hash in the round's batch. */
  readonly projectHash: number;
  /** Index of the collection copy's hash, when the artifact is still in its collection. */
  readonly collectionHash: number | undefined;
}

interface PlannedProject {
  readonly root: string;
  readonly records: readonly PlannedRecord[];
  readonly added: readonly AddedEntry[];
}

/**
 * Computes drift reports (versioning spec section 4) for a round of projects. Read-only: it writes
 * nothing in projects or collections. A round first gathers every record (each collection read once),
 * then hashes every project copy and every distinct collection copy in one batch — on worker
 * threads where they help, each keeping a warm cache — then decides each record with the table.
 */
export class DriftChecker {
  private readonly collections = new Map<string, Promise<IndexedCollection | undefined>>();
  private readonly batch: HashRequest[] = [];
  /** Where each collection copy sits in the batch: many projects share one, hashed once. */
  private readonly collectionCopies = new Map<ManifestArtifact, number>();

  constructor(
    private readonly paths: HomePaths,
    private readonly hasher: BatchHasher,
    private readonly parsed: ParsedFileCache | undefined,
    private readonly now: string,
  ) {}

  /** Drift reports of the given projects, in the same order. */
  async check(projectDirs: readonly string[]): Promise<DriftReport[]> {
    const planned: PlannedProject[] = [];
    for (const dir of projectDirs) planned.push(await this.plan(dir));
    const hashes = await this.hasher.hashAll(this.batch);
    return planned.map((project) =>
      summarize(
        project.root,
        this.now,
        project.records.map((p) => entryFor(p, hashes[p.projectHash], p.collectionHash === undefined ? undefined : hashes[p.collectionHash])),
        [...project.added],
      ),
    );
  }

  private async plan(projectDir: string): Promise<PlannedProject> {
    const project = await resolveProject(projectDir);
    await recoverProjectIfInterrupted(project);
    const file = await readDeploymentFile(project.claudeDir, this.parsed);
    const records: PlannedRecord[] = [];
    const lastDeployedFrom = new Map<string, string>();
    for (const record of file.records) {
      const collectionName = record.collection ?? file.collection ?? 'default';
      const previous = lastDeployedFrom.get(collectionName);
      if (previous === undefined || record.deployedAt > previous) lastDeployedFrom.set(collectionName, record.deployedAt);
      const relPath = recordRelativePath(record);
      const kind = artifactTypeInfo(record.type).kind;
      const collection = await this.collection(collectionName);
      const inManifest = collection?.byKey.get(lockKey(record.type, record.name));
      records.push({
        record,
        collectionName,
        relPath,
        inManifest,
        projectHash: this.batch.push({ root: insideClaudeDir(project, relPath), kind }) - 1,
        collectionHash: collection && inManifest ? this.collectionCopy(collection, inManifest) : undefined,
      });
    }
    const added = await this.addedSince(file.records, lastDeployedFrom, file.collection);
    return { root: project.root, records, added };
  }

  /** Index in the batch of a collection copy's hash, adding the request the first time. */
  private collectionCopy(collection: IndexedCollection, artifact: ManifestArtifact): number {
    let index = this.collectionCopies.get(artifact);
    if (index === undefined) {
      index = this.batch.push({ root: collectionCopyPath(collection, artifact), kind: artifactTypeInfo(artifact.type).kind }) - 1;
      this.collectionCopies.set(artifact, index);
    }
    return index;
  }

  /** Artifacts of the project's collections added after its last deployment from each. */
  private async addedSince(records: readonly DeploymentRecord[], lastDeployedFrom: ReadonlyMap<string, string>, headerCollection: string | undefined): Promise<AddedEntry[]> {
    const deployed = new Set(records.map((r) => `${r.collection ?? headerCollection ?? 'default'}/${lockKey(r.type, r.name)}`));
    const added: AddedEntry[] = [];
    for (const [collectionName, since] of lastDeployedFrom) {
      const collection = await this.collection(collectionName);
      for (const artifact of collection?.manifest.artifacts ?? []) {
        if (artifact.added > since && !deployed.has(`${collectionName}/${lockKey(artifact.type, artifact.name)}`)) {
          added.push({ name: artifact.name, type: artifact.type, collection: collectionName, added: artifact.added });
        }
      }
    }
    return added;
  }

  private collection(name: string): Promise<IndexedCollection | undefined> {
    let found = this.collections.get(name);
    if (!found) {
      found = tryOpenCollection(this.paths, name).then((c) => c && { ...c, byKey: new Map(c.manifest.artifacts.map((a) => [lockKey(a.type, a.name), a])) });
      this.collections.set(name, found);
    }
    return found;
  }
}

/** A collection read once per round, with its artifacts indexed by `<name>::<type>`. */
interface IndexedCollection extends OpenCollection {
  readonly byKey: ReadonlyMap<string, ManifestArtifact>;
}

function entryFor(planned: PlannedRecord, projectSha: string | undefined, collectionSha: string | undefined): DriftEntry {
  const { record, inManifest } = planned;
  const decision = decideDrift({ baseline: record.sha, ...(record.upstreamSha ? { upstream: record.upstreamSha } : {}), collection: collectionSha, project: projectSha });
  return {
    name: record.name,
    type: record.type,
    collection: planned.collectionName,
    drift_type: decision.driftType,
    baseline_sha: record.sha,
    upstream_sha: record.upstreamSha ?? null,
    collection_sha: collectionSha ?? null,
    project_sha: projectSha ?? null,
    collection_version: inManifest?.version ?? null,
    deployed_version: record.version ?? null,
    last_deployed: record.deployedAt,
    recommendation: decision.recommendation,
    change_origin: decision.changeOrigin,
    path: planned.relPath,
  };
}

function summarize(project: string, checkedAt: string, entries: readonly DriftEntry[], added: AddedEntry[]): DriftReport {
  const drift = entries.filter((e) => e.drift_type !== null);
  const byType = Object.fromEntries(DRIFT_TYPES.map((t) => [t, 0])) as Record<DriftType, number>;
  for (const e of drift) byType[e.drift_type!] += 1;
  return {
    project,
    checked_at: checkedAt,
    drift,
    in_sync: entries.filter((e) => e.drift_type === null),
    added,
    summary: { deployed: entries.length, needs_action: drift.length, by_type: byType },
  };
}

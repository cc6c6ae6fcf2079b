import { join } from 'node:path';
import { artifactTypeInfo, lockKey } from '../../shared/artifact-types.js';
import type { AddedEntry, DriftEntry, DriftReport } from '../../shared/results.js';
import { DRIFT_TYPES, type DriftType } from '../../shared/drift-types.js';
import type { HomePaths } from '../home/home-paths.js';
import type { BatchHasher, HashRequest } from '../hash/batch-hasher.js';
import type { ParsedFileCache } from '../fs/parsed-file-cache.js';
import { tryOpenCollection, type OpenCollection } from '../collection/collections.js';
import { findArtifacts, type ManifestArtifact } from '../collection/manifest-file.js';
import { insideClaudeDir, resolveProject } from '../project/project-paths.js';
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
  private readonly collections = new Map<string, Promise<OpenCollection | undefined>>();
  private readonly batch: HashRequest[] = [];
  private readonly batchIndex = new Map<string, number>();

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
      const inManifest = collection ? findArtifacts(collection.manifest, record.name, record.type)[0] : undefined;
      records.push({
        record,
        collectionName,
        relPath,
        inManifest,
        projectHash: this.enqueue({ root: insideClaudeDir(project, relPath), kind }),
        collectionHash: collection && inManifest ? this.enqueue({ root: join(collection.root, inManifest.path), kind }) : undefined,
      });
    }
    const added = await this.addedSince(file.records, lastDeployedFrom, file.collection);
    return { root: project.root, records, added };
  }

  /** Adds a hash request to the round's batch once; returns its index. */
  private enqueue(request: HashRequest): number {
    const key = `${request.kind}:${request.root}`;
    let index = this.batchIndex.get(key);
    if (index === undefined) {
      index = this.batch.push(request) - 1;
      this.batchIndex.set(key, index);
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

  private collection(name: string): Promise<OpenCollection | undefined> {
    let found = this.collections.get(name);
    if (!found) {
      found = tryOpenCollection(this.paths, name);
      this.collections.set(name, found);
    }
    return found;
  }
}

function entryFor(planned: PlannedRecord, projectSha: string | undefined, collectionSha: string | undefined): DriftEntry {
  const { record, inManifest } = planned;
  const decision = decideDrift({ baseline: record.sha, collection: collectionSha, project: projectSha });
  return {
    name: record.name,
    type: record.type,
    collection: planned.collectionName,
    drift_type: decision.driftType,
    baseline_sha: record.sha,
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

import { join } from 'node:path';
import { artifactTypeInfo, lockKey } from '../../shared/artifact-types.js';
import type { AddedEntry, DriftEntry, DriftReport } from '../../shared/results.js';
import { DRIFT_TYPES, type DriftType } from '../../shared/drift-types.js';
import type { HomePaths } from '../home/home-paths.js';
import { hashArtifact } from '../hash/content-hash.js';
import type { HashCache } from '../hash/hash-cache.js';
import { tryOpenCollection, type OpenCollection } from '../collection/collections.js';
import { findArtifacts } from '../collection/manifest-file.js';
import { insideClaudeDir, resolveProject } from '../project/project-paths.js';
import { readDeploymentFile, recordRelativePath, type DeploymentRecord } from '../deploy/deployment-file.js';
import { decideDrift } from './decide-drift.js';

/**
 * Computes drift reports (versioning spec section 4). Read-only: it writes nothing in projects or
 * collections. One checker serves one round of checks over many projects: each collection is read
 * and each collection copy hashed once per round, however many projects deploy it; the hash cache
 * (kept by a long-lived process across rounds) lets unchanged files be trusted from their stat.
 */
export class DriftChecker {
  private readonly collections = new Map<string, Promise<OpenCollection | undefined>>();
  private readonly collectionHashes = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly paths: HomePaths,
    private readonly cache: HashCache | undefined,
    private readonly now: string,
  ) {}

  /** The drift report of one project. */
  async check(projectDir: string): Promise<DriftReport> {
    const project = await resolveProject(projectDir);
    const file = await readDeploymentFile(project.claudeDir);
    const entries: DriftEntry[] = [];
    const lastDeployedFrom = new Map<string, string>();
    for (const record of file.records) {
      const collectionName = record.collection ?? file.collection ?? 'default';
      const previous = lastDeployedFrom.get(collectionName);
      if (previous === undefined || record.deployedAt > previous) lastDeployedFrom.set(collectionName, record.deployedAt);
      const relPath = recordRelativePath(record);
      const projectSha = await this.hash(insideClaudeDir(project, relPath), record);
      entries.push(await this.entryFor(record, collectionName, relPath, projectSha));
    }
    const added = await this.addedSince(file.records, lastDeployedFrom, file.collection);
    return summarize(project.root, this.now, entries, added);
  }

  private async entryFor(record: DeploymentRecord, collectionName: string, relPath: string, projectSha: string | undefined): Promise<DriftEntry> {
    const collection = await this.collection(collectionName);
    const inManifest = collection ? findArtifacts(collection.manifest, record.name, record.type)[0] : undefined;
    const collectionSha = collection && inManifest ? await this.collectionHash(collection, inManifest.path, record) : undefined;
    const decision = decideDrift({ baseline: record.sha, collection: collectionSha, project: projectSha });
    return {
      name: record.name,
      type: record.type,
      collection: collectionName,
      drift_type: decision.driftType,
      baseline_sha: record.sha,
      collection_sha: collectionSha ?? null,
      project_sha: projectSha ?? null,
      collection_version: inManifest?.version ?? null,
      deployed_version: record.version ?? null,
      last_deployed: record.deployedAt,
      recommendation: decision.recommendation,
      change_origin: decision.changeOrigin,
      path: relPath,
    };
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

  private collectionHash(collection: OpenCollection, relPath: string, record: DeploymentRecord): Promise<string | undefined> {
    const path = join(collection.root, relPath);
    let hash = this.collectionHashes.get(path);
    if (!hash) {
      hash = this.hash(path, record);
      this.collectionHashes.set(path, hash);
    }
    return hash;
  }

  private hash(path: string, record: DeploymentRecord): Promise<string | undefined> {
    const kind = artifactTypeInfo(record.type).kind;
    return hashArtifact(path, kind, this.cache ? { cache: this.cache, onEscapingLink: 'skip' } : { onEscapingLink: 'skip' });
  }
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

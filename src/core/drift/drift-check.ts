import { artifactTypeInfo, lockKey } from '../../shared/artifact-types.js';
import type { AddedEntry, DriftEntry, DriftReport } from '../../shared/results.js';
import { DRIFT_TYPES, type DriftType } from '../../shared/drift-types.js';
import type { HomePaths } from '../home/home-paths.js';
import type { BatchHasher, HashRequest } from '../hash/batch-hasher.js';
import type { ParsedFileCache } from '../fs/parsed-file-cache.js';
import { collectionCopyPath, tryOpenCollection, type OpenCollection } from '../collection/collections.js';
import { collectionBusy, readCollectionState, sameState, type CollectionState } from '../collection/collection-lock.js';
import { stagedTransactions } from '../fs/file-transaction.js';
import { existingJournalKey, type JournalKey } from '../fs/journal-key.js';
import { SkillmeatError } from '../errors.js';
import { foreignStagingNotice, interruptedNotice } from './staging-notices.js';
import type { ManifestArtifact } from '../collection/manifest-file.js';
import { insideClaudeDir, resolveProject } from '../project/project-paths.js';
import { readDeploymentFile, recordRelativePath, type DeploymentRecord } from '../deploy/deployment-file.js';
import { decideDrift } from './decide-drift.js';
import { honourRecordedHash } from '../hash/recorded-hash.js';

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
  /** A record of the Python SkillMeat's dialects: its hash may cover every file (recorded-hash.ts). */
  readonly everyFileHash: boolean;
}

interface PlannedProject {
  readonly root: string;
  readonly records: readonly PlannedRecord[];
  readonly added: readonly AddedEntry[];
  readonly notices: readonly string[];
  /** The collections its records were compared with: their state must hold still for the round. */
  readonly collections: ReadonlySet<string>;
}

/** A project whose drift cannot be checked this round, and why. */
interface FailedProject {
  readonly root: string;
  readonly error: SkillmeatError;
}

// A round whose collections changed under it is run again this many times before those projects are reported busy.
const ROUND_ATTEMPTS = 3;

/**
 * Computes drift reports (versioning spec section 4) for a round of projects. Read-only: it writes
 * nothing in projects, collections or the home, and never settles an interrupted operation (a
 * notice says one is there; the next writer settles it). A round first gathers every record (each
 * collection read once), then hashes every project copy and every distinct collection copy in one
 * batch — on worker threads where they help, each keeping a warm cache — then decides each record
 * with the table. A project that cannot be checked (gone, corrupt, a link inside .claude/) gets a
 * report carrying its error; the others are checked all the same. Collection copies are hashed
 * from one consistent state of each collection: a round that a collection writer overlapped is run
 * again, and projects whose collection never held still are reported busy.
 */
export class DriftChecker {
  private collections = new Map<string, Promise<IndexedCollection | undefined>>();
  private batch: HashRequest[] = [];
  /** Where each collection copy sits in the batch: many projects share one, hashed once. */
  private collectionCopies = new Map<ManifestArtifact, number>();

  constructor(
    private readonly paths: HomePaths,
    private readonly hasher: BatchHasher,
    private readonly parsed: ParsedFileCache | undefined,
    private readonly now: string,
  ) {}

  /** Drift reports of the given projects, in the same order. */
  async check(projectDirs: readonly string[]): Promise<DriftReport[]> {
    const key = await existingJournalKey(this.paths.journalKey);
    let pending = [...projectDirs];
    const reports = new Map<string, DriftReport>();
    for (let attempt = 1; pending.length > 0; attempt++) {
      this.startRound();
      const states = new Map<string, CollectionState>();
      const planned: (PlannedProject | FailedProject)[] = [];
      for (const dir of pending) planned.push(await this.plan(dir, key, states));
      const hashed = await this.hashProjects(planned);
      const unsteady = new Set([...states].filter(([name, before]) => !sameState(before, readCollectionState(this.paths, name))).map(([name]) => name));
      const retry: string[] = [];
      for (const [index, project] of hashed.entries()) {
        const dir = pending[index]!;
        if ('error' in project) reports.set(dir, failedReport(project.root, this.now, project.error));
        else if (![...project.planned.collections].some((name) => unsteady.has(name))) reports.set(dir, project.report);
        else if (attempt < ROUND_ATTEMPTS) retry.push(dir);
        else reports.set(dir, failedReport(project.planned.root, this.now, collectionBusy(this.paths, [...project.planned.collections].find((name) => unsteady.has(name))!)));
      }
      pending = retry;
    }
    return projectDirs.map((dir) => reports.get(dir)!);
  }

  private startRound(): void {
    this.collections = new Map();
    this.batch = [];
    this.collectionCopies = new Map();
  }

  /**
   * Hashes the round's batch and turns each planned project into its report. If the batch fails
   * (a copy that cannot be read), each project is hashed on its own so the failure is pinned on
   * the project it belongs to.
   */
  private async hashProjects(planned: readonly (PlannedProject | FailedProject)[]): Promise<({ planned: PlannedProject; report: DriftReport } | FailedProject)[]> {
    const reportOf = async (project: PlannedProject, hashes: readonly (string | undefined)[], offset: (index: number) => number) => {
      const entries: DriftEntry[] = [];
      for (const p of project.records) entries.push(await this.entry(p, hashes[offset(p.projectHash)], p.collectionHash === undefined ? undefined : hashes[offset(p.collectionHash)]));
      return summarize(project.root, this.now, entries, [...project.added], project.notices);
    };
    let hashes: (string | undefined)[] | undefined;
    try {
      hashes = await this.hasher.hashAll(this.batch);
    } catch (error) {
      if (!(error instanceof SkillmeatError)) throw error;
    }
    const results: ({ planned: PlannedProject; report: DriftReport } | FailedProject)[] = [];
    for (const project of planned) {
      if ('error' in project) {
        results.push(project);
      } else if (hashes !== undefined) {
        results.push({ planned: project, report: await reportOf(project, hashes, (i) => i) });
      } else {
        const indexes = project.records.flatMap((r) => (r.collectionHash === undefined ? [r.projectHash] : [r.projectHash, r.collectionHash]));
        try {
          const own = await this.hasher.hashAll(indexes.map((i) => this.batch[i]!));
          results.push({ planned: project, report: await reportOf(project, own, (i) => indexes.indexOf(i)) });
        } catch (error) {
          if (!(error instanceof SkillmeatError)) throw error;
          results.push({ root: project.root, error });
        }
      }
    }
    return results;
  }

  /**
   * The drift entry of one record. A copy that differs from a Python-written record is hashed again
   * over every file, as that tool hashes: if that matches, the copy is unchanged in its terms.
   */
  private async entry(planned: PlannedRecord, projectSha: string | undefined, collectionSha: string | undefined): Promise<DriftEntry> {
    if (!planned.everyFileHash) return entryFor(planned, projectSha, collectionSha);
    const { record } = planned;
    const project = await honourRecordedHash(this.batch[planned.projectHash]!, projectSha, [record.sha]);
    const collection = planned.collectionHash === undefined ? collectionSha : await honourRecordedHash(this.batch[planned.collectionHash]!, collectionSha, [record.upstreamSha ?? record.sha]);
    return entryFor(planned, project, collection);
  }

  private async plan(projectDir: string, key: JournalKey | undefined, states: Map<string, CollectionState>): Promise<PlannedProject | FailedProject> {
    let root = projectDir;
    try {
      const project = await resolveProject(projectDir);
      root = project.root;
      const staged = stagedTransactions(project.claudeDir, key);
      const notices = [...staged.ours.map((name) => interruptedNotice(project.claudeDir, name)), ...staged.foreign.map((name) => foreignStagingNotice(project.claudeDir, name))];
      const file = await readDeploymentFile(project.claudeDir, this.parsed);
      const records: PlannedRecord[] = [];
      const lastDeployedFrom = new Map<string, string>();
      const used = new Set<string>();
      for (const record of file.records) {
        const collectionName = record.collection ?? file.collection ?? 'default';
        const previous = lastDeployedFrom.get(collectionName);
        if (previous === undefined || record.deployedAt > previous) lastDeployedFrom.set(collectionName, record.deployedAt);
        const relPath = recordRelativePath(record);
        const kind = artifactTypeInfo(record.type).kind;
        const collection = await this.collection(collectionName, states);
        used.add(collectionName);
        const inManifest = collection?.byKey.get(lockKey(record.type, record.name));
        records.push({
          record,
          collectionName,
          relPath,
          inManifest,
          projectHash: this.batch.push({ root: insideClaudeDir(project, relPath), kind }) - 1,
          collectionHash: collection && inManifest ? this.collectionCopy(collection, inManifest) : undefined,
          everyFileHash: file.dialect !== 'skillmeat',
        });
      }
      const added = await this.addedSince(file.records, lastDeployedFrom, file.collection, states);
      return { root, records, added, notices, collections: used };
    } catch (error) {
      if (!(error instanceof SkillmeatError)) throw error;
      return { root, error };
    }
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
  private async addedSince(records: readonly DeploymentRecord[], lastDeployedFrom: ReadonlyMap<string, string>, headerCollection: string | undefined, states: Map<string, CollectionState>): Promise<AddedEntry[]> {
    const deployed = new Set(records.map((r) => `${r.collection ?? headerCollection ?? 'default'}/${lockKey(r.type, r.name)}`));
    const added: AddedEntry[] = [];
    for (const [collectionName, since] of lastDeployedFrom) {
      const collection = await this.collection(collectionName, states);
      for (const artifact of collection?.manifest.artifacts ?? []) {
        if (artifact.added > since && !deployed.has(`${collectionName}/${lockKey(artifact.type, artifact.name)}`)) {
          added.push({ name: artifact.name, type: artifact.type, collection: collectionName, added: artifact.added });
        }
      }
    }
    return added;
  }

  /** A collection, read once per round; its state is noted before the read, to be compared after the hashing. */
  private collection(name: string, states: Map<string, CollectionState>): Promise<IndexedCollection | undefined> {
    let found = this.collections.get(name);
    if (!found) {
      const state = readCollectionState(this.paths, name);
      states.set(name, state);
      found = state.changing ? Promise.reject(collectionBusy(this.paths, name)) : tryOpenCollection(this.paths, name).then((c) => c && { ...c, byKey: new Map(c.manifest.artifacts.map((a) => [lockKey(a.type, a.name), a])) });
      // Every project that uses it awaits it; a failure belongs to each of them, not to nobody.
      found.catch(() => undefined);
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

function summarize(project: string, checkedAt: string, entries: readonly DriftEntry[], added: AddedEntry[], notices: readonly string[]): DriftReport {
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
    error: null,
    notices: [...notices],
  };
}

/** The report of a project that could not be checked: no entries, the error that says why. */
function failedReport(project: string, checkedAt: string, error: SkillmeatError): DriftReport {
  return { ...summarize(project, checkedAt, [], [], []), error: { code: error.code, message: error.message } };
}

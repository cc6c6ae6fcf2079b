/**
 * The result shapes of the core's operations, as zod schemas with types derived from them.
 * These are what `skillmeat --json` prints and what the IPC contract carries: one definition for
 * every transport. Field names are snake_case, as in the versioning spec. Documented in docs/cli.md.
 */
import { z } from 'zod';
import { ARTIFACT_TYPES } from './artifact-types.js';
import { ERROR_CODES } from './error-codes.js';
import { DRIFT_TYPES, RECOMMENDATIONS } from './drift-types.js';

export { DRIFT_TYPES, RECOMMENDATIONS, type DriftType, type Recommendation } from './drift-types.js';

export const artifactTypeSchema = z.enum(ARTIFACT_TYPES);
const sha = z.string().regex(/^[0-9a-f]{64}$/);
const timestamp = z.string();

export const driftTypeSchema = z.enum(DRIFT_TYPES);
export const recommendationSchema = z.enum(RECOMMENDATIONS);

export const collectionSummarySchema = z.object({
  name: z.string(),
  path: z.string(),
  artifact_count: z.number().int(),
  active: z.boolean(),
});
export type CollectionSummary = z.infer<typeof collectionSummarySchema>;

/** Where an artifact added from a git source comes from, and what it last took from there (docs/sources.md). */
export const upstreamInfoSchema = z.object({
  /** `github:OWNER/REPO/PATH[@REF]` or `git+URL#PATH[@REF]`. */
  source: z.string(),
  /** The ref it follows, `latest` for the default branch. */
  version_spec: z.string(),
  /** The upstream commit its collection copy last came from. */
  resolved_sha: z.string(),
  /** That commit's tag, else the artifact's front-matter `version`. */
  resolved_version: z.string().nullable(),
});
export type UpstreamInfo = z.infer<typeof upstreamInfoSchema>;

export const artifactInfoSchema = z.object({
  name: z.string(),
  type: artifactTypeSchema,
  collection: z.string(),
  path: z.string(),
  origin: z.string(),
  source: z.string(),
  version: z.string().nullable(),
  added: timestamp,
  content_hash: sha,
  /** Present for an artifact added from a git source. */
  upstream: upstreamInfoSchema.optional(),
});
export type ArtifactInfo = z.infer<typeof artifactInfoSchema>;

/**
 * What a collection holds that SkillMeat Desktop keeps but does not manage: artifact entries of
 * types it does not know (the Python SkillMeat's `workflow`) and top-level tables of collection.toml
 * it does not read (`mcp_servers`). Both stay byte for byte; they are listed so a user knows.
 */
export const unsupportedEntriesSchema = z.object({
  /** In the order of collection.toml; `type` is the entry's own word, not one of ours. */
  artifacts: z.array(z.object({ name: z.string(), type: z.string() })),
  /** Table names, without brackets. */
  tables: z.array(z.string()),
});
export type UnsupportedEntries = z.infer<typeof unsupportedEntriesSchema>;

export const driftEntrySchema = z.object({
  name: z.string(),
  type: artifactTypeSchema,
  collection: z.string(),
  /** `null` when the deployed copy is in sync (including "both made the same change"). */
  drift_type: driftTypeSchema.nullable(),
  baseline_sha: sha,
  /** The collection content last integrated, when a sync merge left the project holding more (else null). */
  upstream_sha: sha.nullable(),
  /** `null` when the artifact is no longer in its collection. */
  collection_sha: sha.nullable(),
  /** `null` when the project copy is missing. */
  project_sha: sha.nullable(),
  collection_version: z.string().nullable(),
  deployed_version: z.string().nullable(),
  last_deployed: timestamp.nullable(),
  recommendation: recommendationSchema.nullable(),
  change_origin: z.enum(['local_modification', 'sync']).nullable(),
  /** Path of the deployed copy relative to the project's `.claude/` folder. */
  path: z.string(),
});
export type DriftEntry = z.infer<typeof driftEntrySchema>;

export const addedEntrySchema = z.object({
  name: z.string(),
  type: artifactTypeSchema,
  collection: z.string(),
  added: timestamp,
});
export type AddedEntry = z.infer<typeof addedEntrySchema>;

export const driftReportSchema = z.object({
  project: z.string(),
  checked_at: timestamp,
  /** Records that need action. */
  drift: z.array(driftEntrySchema),
  /** Records whose copies agree (drift_type null). */
  in_sync: z.array(driftEntrySchema),
  /** Informational: new in a collection since the project's last deployment from it. */
  added: z.array(addedEntrySchema),
  summary: z.object({
    deployed: z.number().int(),
    needs_action: z.number().int(),
    by_type: z.record(driftTypeSchema, z.number().int()),
  }),
  /**
   * Why this project's drift could not be checked (its folder is gone, a file of it is corrupt, a
   * link inside .claude/, its collection busy); then the lists are empty. Other projects of the
   * same check are unaffected. Null when it was checked.
   */
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
  /** Things worth knowing that did not stop the check (an interrupted operation, a staging folder this home did not write). */
  notices: z.array(z.string()),
});
export type DriftReport = z.infer<typeof driftReportSchema>;

export const deployedArtifactSchema = z.object({
  name: z.string(),
  type: artifactTypeSchema,
  collection: z.string(),
  path: z.string(),
  sha,
  /** `deployed`: new in the project; `redeployed`: replaced an older copy; `unchanged`: already identical. */
  action: z.enum(['deployed', 'redeployed', 'unchanged']),
});
export type DeployedArtifact = z.infer<typeof deployedArtifactSchema>;

export const deployResultSchema = z.object({
  project: z.string(),
  deployed: z.array(deployedArtifactSchema),
});
export type DeployResult = z.infer<typeof deployResultSchema>;

export const undeployResultSchema = z.object({
  project: z.string(),
  name: z.string(),
  type: artifactTypeSchema,
  path: z.string(),
});
export type UndeployResult = z.infer<typeof undeployResultSchema>;

export const projectSummarySchema = z.object({
  path: z.string(),
  name: z.string(),
  added: timestamp,
  /** From the cache: the last drift check, if any (null until one ran). */
  last_checked: timestamp.nullable(),
  needs_action: z.number().int().nullable(),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

/** How one file came out of a three-way merge (versioning spec section 5). */
export const fileDecisionSchema = z.object({
  path: z.string(),
  outcome: z.enum(['unchanged', 'took_local', 'took_remote', 'added', 'deleted', 'merged', 'conflict']),
});

/**
 * A file a merge could not settle, with every version so the user can choose. Contents are UTF-8
 * text, or base64 when `binary`; `null` where that side has no such file (or no base is known),
 * or where it is too large to carry (listed in `omitted`).
 */
export const fileConflictSchema = z.object({
  path: z.string(),
  /** `too_large`: a version is over 8 MiB, so it is never line-merged (nor sent: see `omitted`). */
  kind: z.enum(['content', 'deletion', 'binary', 'no_base', 'too_large']),
  binary: z.boolean(),
  base: z.string().nullable(),
  local: z.string().nullable(),
  remote: z.string().nullable(),
  /** Sides present but too large to carry here (their content is null): compare the files on disk. */
  omitted: z.array(z.enum(['base', 'local', 'remote'])),
  /** For `content` conflicts: the merged text with conflict markers. */
  markers: z.string().nullable(),
});
export type FileConflictInfo = z.infer<typeof fileConflictSchema>;

/** What a sync, push or resolve did (or, with `dry_run`, would do) to one artifact. */
export const artifactMergeResultSchema = z.object({
  name: z.string(),
  type: artifactTypeSchema,
  collection: z.string(),
  /**
   * `updated`: took the collection's (or project's) changes; `merged`: three-way merged cleanly;
   * `conflict`: not applied (unless markers were asked), see `conflicts`; `rebaselined`: both sides
   * already agreed, only the record changed; `skipped`: nothing this operation can do (see `reason`);
   * `forked`: pushed as a new artifact.
   */
  action: z.enum(['updated', 'merged', 'conflict', 'rebaselined', 'skipped', 'forked']),
  reason: z.string().nullable(),
  files: z.array(fileDecisionSchema),
  conflicts: z.array(fileConflictSchema),
  /** The new baseline (content now in the project), when it changed. */
  new_sha: sha.nullable(),
  /** The artifact a fork created, for `forked`. */
  fork_name: z.string().nullable(),
  /** The version kept of the project copy this replaced (a completed merge, a restore): `restore` it to undo. */
  replaced_version_id: z.string().nullable(),
});
export type ArtifactMergeResult = z.infer<typeof artifactMergeResultSchema>;

export const mergeOperationResultSchema = z.object({
  operation: z.enum(['sync', 'push', 'resolve', 'restore']),
  project: z.string(),
  /** `ok`: everything applied; `partial`: some conflicts remain (exit 1); `nothing_to_do`. */
  status: z.enum(['ok', 'partial', 'nothing_to_do']),
  dry_run: z.boolean(),
  /** Whether conflict markers were written into the project (sync --write-markers). */
  markers_written: z.boolean(),
  /** The safety snapshot taken before the collection was rewritten (push), when there was one. */
  safety_snapshot_id: z.string().nullable(),
  artifacts: z.array(artifactMergeResultSchema),
});
export type MergeOperationResult = z.infer<typeof mergeOperationResultSchema>;

/** One pending (unresolved) merge in a project, with the files it could not settle. */
export const pendingMergeInfoSchema = z.object({
  /** `sync`: the result goes into the project copy; `push`: into the collection copy and the project copy. */
  direction: z.enum(['sync', 'push', 'rollback', 'update']),
  name: z.string(),
  type: artifactTypeSchema,
  collection: z.string(),
  conflicts: z.array(fileConflictSchema),
});
export type PendingMergeInfo = z.infer<typeof pendingMergeInfoSchema>;

export const versionNodeSchema = z.object({
  id: z.string(),
  content_hash: sha,
  parents: z.array(z.string()),
  created_at: timestamp,
  created_by: z.string(),
  merge_strategy: z.string(),
  scope: z.string(),
});
export const historyResultSchema = z.object({
  name: z.string(),
  type: artifactTypeSchema,
  collection: z.string(),
  versions: z.array(versionNodeSchema),
});
export type HistoryResult = z.infer<typeof historyResultSchema>;

export const snapshotInfoSchema = z.object({
  id: z.string(),
  collection: z.string(),
  timestamp: timestamp,
  message: z.string(),
  /** True for safety snapshots (thinned by retention); manual ones are kept until deleted. */
  automatic: z.boolean(),
  /** `manual`; `safety` (taken before `operation`); `automatic` (any other automatic one, e.g. the Python tool's `[auto]`). */
  kind: z.enum(['manual', 'automatic', 'safety']),
  /** For a safety snapshot, the operation it preceded (`push`, `rollback`, …); null otherwise. */
  operation: z.string().nullable(),
  /** Pinned snapshots are never thinned by retention. */
  pinned: z.boolean(),
  /**
   * Why it is kept: `manual` (until deleted), `pinned`, or the retention window an automatic one is
   * kept in (`recent`: all from the last hours; `daily`; `weekly`); `expiring`: the next automatic
   * snapshot thins it.
   */
  retention: z.enum(['manual', 'pinned', 'recent', 'daily', 'weekly', 'expiring']),
  artifact_count: z.number().int(),
  /** Absolute path of the archive. */
  tarball_path: z.string(),
  /** Size of the archive in bytes; null when the archive is missing (a problem `verify` reports). */
  size_bytes: z.number().int().nullable(),
});
export type SnapshotInfo = z.infer<typeof snapshotInfoSchema>;


export const auditEntrySchema = z.object({
  id: z.string(),
  timestamp: timestamp,
  collection_name: z.string(),
  source_snapshot_id: z.string(),
  target_snapshot_id: z.string(),
  operation_type: z.enum(['simple', 'intelligent', 'selective', 'merge']),
  files_restored: z.array(z.string()),
  files_merged: z.array(z.string()),
  conflicts_resolved: z.array(z.string()),
  conflicts_pending: z.array(z.string()),
  preserve_changes_enabled: z.boolean(),
  success: z.boolean(),
  error: z.string().nullable(),
  selective_paths: z.array(z.string()),
});
export type AuditEntryInfo = z.infer<typeof auditEntrySchema>;

/** What `recover` did: the places it settled (an interrupted operation finished or undone, a stale lock cleared), and staging folders it left alone. */
export const recoverResultSchema = z.object({
  settled: z.array(z.string()),
  /** Staging folders this home did not write (planted, or another home's): never replayed, never deleted. */
  foreign_staging: z.array(z.string()),
});
export type RecoverResult = z.infer<typeof recoverResultSchema>;

export const verifyProblemSchema = z.object({
  /**
   * What disagrees: `lock_mismatch`, `missing_copy`, `no_stored_baseline`, `snapshot_unreadable`,
   * `missing_project`, `foreign_staging` (a staging folder this home did not write, left alone),
   * `interrupted_operation` (one this home did write: the next change settles it), or a
   * version-store problem (`missing_blob`, `corrupt_blob`, `unreadable_version`, `content_mismatch`, `missing_parent`).
   */
  kind: z.string(),
  path: z.string(),
  message: z.string(),
});
export const verifyResultSchema = z.object({
  ok: z.boolean(),
  checked: z.object({ lock_entries: z.number().int(), baselines: z.number().int(), snapshots: z.number().int() }),
  problems: z.array(verifyProblemSchema),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

// Upstream sources: what `update --check` and `update` answer (the contract's checkUpdates and updateArtifacts).

const commit = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/);
const upstreamError = z.object({ code: z.string(), message: z.string() });

/** One file that differs between the upstream tree at the recorded commit and at the upstream's commit now. */
export const upstreamFileChangeSchema = z.object({
  path: z.string(),
  change: z.enum(['added', 'modified', 'removed']),
});
export type UpstreamFileChange = z.infer<typeof upstreamFileChangeSchema>;

/** Where one sourced artifact's upstream stands. */
export const upstreamCheckSchema = z.object({
  name: z.string(),
  type: artifactTypeSchema,
  source: z.string(),
  version_spec: z.string(),
  /** The commit and version the collection copy last came from. */
  resolved_sha: commit,
  resolved_version: z.string().nullable(),
  /** What the ref names upstream now (null when it could not be checked). */
  upstream_sha: commit.nullable(),
  upstream_version: z.string().nullable(),
  /** `update_available`: the ref moved; `up_to_date`; `error`: could not be checked (see `error`). */
  status: z.enum(['update_available', 'up_to_date', 'error']),
  /** Files of the artifact the upstream changed between the two commits (empty when the commit moved but the artifact's files did not). */
  changed_files: z.array(upstreamFileChangeSchema),
  error: upstreamError.nullable(),
});
export type UpstreamCheck = z.infer<typeof upstreamCheckSchema>;

export const updateCheckResultSchema = z.object({
  collection: z.string(),
  checked_at: z.string(),
  /** Every artifact added from a git source (or those asked for). */
  artifacts: z.array(upstreamCheckSchema),
  /** How many have an update available (the CLI exits 1 when any). */
  updates_available: z.number().int(),
});
export type UpdateCheckResult = z.infer<typeof updateCheckResultSchema>;

/** What `update` did (or, with `dry_run`, would do) to one artifact. */
export const artifactUpdateSchema = z.object({
  name: z.string(),
  type: artifactTypeSchema,
  source: z.string(),
  /**
   * `updated`: the collection copy was as upstream left it, it now holds the new upstream tree;
   * `merged`: upstream's changes three-way merged with the collection's own edits;
   * `conflict`: not applied, waiting in the collection's unfinished merges (settled like a sync's);
   * `up_to_date`: nothing new upstream; `error`: could not be fetched or read (see `error`).
   */
  action: z.enum(['updated', 'merged', 'conflict', 'up_to_date', 'error']),
  from_sha: commit,
  to_sha: commit.nullable(),
  from_version: z.string().nullable(),
  to_version: z.string().nullable(),
  files: z.array(fileDecisionSchema),
  conflicts: z.array(fileConflictSchema),
  /** The collection copy's content hash after the update, when it changed. */
  new_sha: sha.nullable(),
  /** The version recorded for the new upstream content (origin `update`). */
  upstream_version_id: z.string().nullable(),
  error: upstreamError.nullable(),
});
export type ArtifactUpdate = z.infer<typeof artifactUpdateSchema>;

export const updateResultSchema = z.object({
  collection: z.string(),
  dry_run: z.boolean(),
  /** `ok`: every update applied; `partial`: some conflict or error (exit 1); `nothing_to_do`. */
  status: z.enum(['ok', 'partial', 'nothing_to_do']),
  safety_snapshot_id: z.string().nullable(),
  artifacts: z.array(artifactUpdateSchema),
});
export type UpdateResult = z.infer<typeof updateResultSchema>;

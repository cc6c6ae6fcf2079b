/**
 * What `update --check` and `update` answer (the CLI's JSON and the contract's `checkUpdates` and
 * `updateArtifacts` carry exactly these): per artifact added from a git source, where its upstream
 * stands and what an update did.
 */
import { z } from 'zod';
import { artifactTypeSchema, fileConflictSchema, fileDecisionSchema } from './results.js';

export { upstreamInfoSchema, type UpstreamInfo } from './results.js';

const sha = z.string().regex(/^[0-9a-f]{64}$/);
const commit = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/);
const errorSchema = z.object({ code: z.string(), message: z.string() });

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
  error: errorSchema.nullable(),
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
  error: errorSchema.nullable(),
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

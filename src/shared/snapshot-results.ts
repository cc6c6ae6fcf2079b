/**
 * What the snapshot timeline, `snapshots diff` and the rollback plan carry (versioning spec 7 and 8).
 * Shared by the core, the contract and the renderer; wire names are snake_case.
 */
import { z } from 'zod';
import { artifactTypeSchema, fileConflictSchema, snapshotInfoSchema } from './results.js';
import { changedFileSchema } from './merge-results.js';

const sha = z.string().regex(/^[0-9a-f]{64}$/);

/** An artifact of a collection, as snapshots and rollback name it. */
export const artifactKeySchema = z.object({ name: z.string(), type: artifactTypeSchema });
export type ArtifactKey = z.infer<typeof artifactKeySchema>;

/** How one artifact changed from one snapshot to the next (or to the collection now). */
export const snapshotChangesSchema = z.object({
  added: z.array(artifactKeySchema),
  modified: z.array(artifactKeySchema),
  removed: z.array(artifactKeySchema),
});
export type SnapshotChanges = z.infer<typeof snapshotChangesSchema>;

/** One snapshot on the timeline: its metadata plus what changed since the snapshot before it (null when either archive cannot be read). */
export const timelineSnapshotSchema = snapshotInfoSchema.extend({
  changes: snapshotChangesSchema.nullable(),
});
export type TimelineSnapshot = z.infer<typeof timelineSnapshotSchema>;

/** One page of the timeline, newest first, after the filters. */
export const snapshotPageSchema = z.object({
  collection: z.string(),
  /** Snapshots that pass the filters (all pages). */
  total: z.number().int(),
  offset: z.number().int(),
  snapshots: z.array(timelineSnapshotSchema),
  /** The retention policy the `retention` words refer to. */
  retention_policy: z.object({ keep_all_hours: z.number().int(), daily_days: z.number().int(), weekly_weeks: z.number().int() }),
});
export type SnapshotPage = z.infer<typeof snapshotPageSchema>;

/** One artifact a snapshot holds: its snapshot index entry (written with the archive). */
export const snapshotArtifactSchema = artifactKeySchema.extend({
  content_hash: sha,
  file_count: z.number().int(),
  size_bytes: z.number().int(),
});
export type SnapshotArtifact = z.infer<typeof snapshotArtifactSchema>;

/** A file that differs between the two sides of a snapshot diff; `path` is relative to the collection folder. */
export const snapshotDiffFileSchema = z.object({
  path: z.string(),
  change: z.enum(['added', 'removed', 'modified']),
  before_size: z.number().int().nullable(),
  after_size: z.number().int().nullable(),
});
export type SnapshotDiffFile = z.infer<typeof snapshotDiffFileSchema>;

/** What differs, artifact by artifact and file by file, from snapshot `from` to `to` (null: the collection now). */
export const snapshotDiffSchema = z.object({
  collection: z.string(),
  from: z.string(),
  to: z.string().nullable(),
  artifacts: z.array(
    artifactKeySchema.extend({
      change: z.enum(['added', 'removed', 'modified']),
      before_hash: sha.nullable(),
      after_hash: sha.nullable(),
      files: z.array(snapshotDiffFileSchema),
    }),
  ),
  /** Files outside every artifact folder that differ (collection.toml, collection.lock, strays). */
  other_files: z.array(snapshotDiffFileSchema),
});
export type SnapshotDiff = z.infer<typeof snapshotDiffSchema>;

/** The two texts of one file of a snapshot diff, for the two-pane diff (only the files asked for are read). */
export const snapshotFileDiffSchema = changedFileSchema.extend({
  from: z.string(),
  to: z.string().nullable(),
});
export type SnapshotFileDiff = z.infer<typeof snapshotFileDiffSchema>;

/** What a rollback does (or would do) with one file, relative to the collection now. */
export const ROLLBACK_ACTIONS = ['restore', 'merge', 'conflict', 'keep', 'unchanged'] as const;
export const rollbackActionSchema = z.enum(ROLLBACK_ACTIONS);
export type RollbackAction = z.infer<typeof rollbackActionSchema>;

/**
 * One artifact of a rollback plan. `action` sums its files: `restore` (becomes the snapshot's
 * content, or goes away / comes back as a whole), `merge` (SkillMeat's changes undone, hand edits
 * kept, some files line-merged), `conflict` (some file overlaps: left as it is now), `keep` (only
 * hand edits differ: kept), `unchanged`. `files` lists every file whose action is not `unchanged`.
 */
export const rollbackArtifactPlanSchema = artifactKeySchema.extend({
  action: rollbackActionSchema,
  /** What happens to the artifact as a whole: it comes back, goes away, or its content changes. */
  change: z.enum(['added', 'removed', 'modified', 'none']),
  /** Where HEAD (the content SkillMeat last recorded) came from; `missing`: recorded but not found, so differing files conflict. */
  head: z.enum(['current', 'version_store', 'snapshot', 'missing', 'none']),
  files: z.array(z.object({ path: z.string(), action: rollbackActionSchema })),
});
export type RollbackArtifactPlan = z.infer<typeof rollbackArtifactPlanSchema>;

/** A registered project whose deployed copies become outdated by the rollback. */
export const rollbackProjectSchema = z.object({
  path: z.string(),
  name: z.string(),
  artifacts: z.array(artifactKeySchema.extend({ local_edits: z.boolean() })),
  /** True when any of those deployed copies carries edits of its own (a sync will merge them). */
  local_edits: z.boolean(),
});
export type RollbackProject = z.infer<typeof rollbackProjectSchema>;

/** A rollback's outcome, or its plan (`dry_run`): the same shape, so the plan is what the run then reports. */
export const rollbackResultSchema = z.object({
  collection: z.string(),
  target_snapshot_id: z.string(),
  /** The safety snapshot taken first: rolling back to it undoes this rollback. */
  safety_snapshot_id: z.string().nullable(),
  operation_type: z.enum(['simple', 'intelligent', 'selective']),
  /** True when this is the plan only (`dry_run`): nothing was written, no safety snapshot, no audit entry. */
  dry_run: z.boolean(),
  /** `partial`: conflicts were left as they are now (see `conflicts`); `unchanged`: nothing to undo (see `message`). */
  status: z.enum(['ok', 'partial', 'unchanged']),
  message: z.string().nullable(),
  /** Paths relative to the collection folder. */
  files_restored: z.array(z.string()),
  files_merged: z.array(z.string()),
  conflicts: z.array(fileConflictSchema),
  /** The plan, artifact by artifact (every artifact of the collection or the snapshot). */
  artifacts: z.array(rollbackArtifactPlanSchema),
  /** Files outside every artifact that the rollback changes (a plain or selective rollback of collection.toml, strays). */
  other_files: z.array(z.object({ path: z.string(), action: rollbackActionSchema })),
  /** Registered projects whose deployed copies become outdated. */
  projects: z.array(rollbackProjectSchema),
  audit_id: z.string().nullable(),
});
export type RollbackResult = z.infer<typeof rollbackResultSchema>;

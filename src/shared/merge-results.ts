/**
 * Merges as data: what the merge view and "Show changes" receive from the core. A pending merge is
 * described file by file with the three texts and the regions the line merge found in them, so the
 * renderer can draw and resolve it without a merge engine of its own. Documented in docs/contract.md.
 */
import { z } from 'zod';
import { COMPARE_SIDES } from './compare-sides.js';
import { artifactTypeSchema } from './results.js';

const sha = z.string().regex(/^[0-9a-f]{64}$/);

/** Lines [start, start + count) of one text, 0-based; `count` 0 marks a point between lines. */
export const lineRangeSchema = z.object({ start: z.number().int().min(0), count: z.number().int().min(0) });
export type LineRange = z.infer<typeof lineRangeSchema>;

/**
 * One place where project and collection changed the base (the regions `git merge-file` would
 * mark, plus the changes it applied without asking). `project`: only the project changed these
 * lines; `collection`: only the collection did; `conflict`: both did, differently. Ranges are in
 * each text, and in `merged` (the text with every change applied and conflict markers around each
 * conflict, as `sync --write-markers` writes it).
 */
export const mergeRegionSchema = z.object({
  kind: z.enum(['project', 'collection', 'conflict']),
  base: lineRangeSchema,
  project: lineRangeSchema,
  collection: lineRangeSchema,
  merged: lineRangeSchema,
});
export type MergeRegionData = z.infer<typeof mergeRegionSchema>;

/** The sides of a merge, by place. */
export const mergeSideSchema = z.enum(['base', 'project', 'collection']);
export type MergeSide = z.infer<typeof mergeSideSchema>;

/** How a file of a merge was (or will be) settled. */
export const fileResolutionSchema = z.enum(['project', 'collection', 'base', 'text', 'delete']);
export type FileResolution = z.infer<typeof fileResolutionSchema>;

/**
 * One file of a pending merge.
 * - `state`: `auto_merged` (the merge settled it; only `result` is carried), `conflict` (waiting for
 *   a decision), `resolved` (decided: `resolution` says how; the merge completes when no file is in
 *   `conflict`).
 * - `kind`: `text` (line regions below), `binary`, `deletion` (one side deleted the file, the other
 *   changed it), `too_large` (a side over 8 MiB: whole-file choices only). Non-text kinds are
 *   settled by a whole-file choice.
 * - Texts are null where that side has no such file, is not text, or is too large (`omitted`).
 */
export const mergeFileSchema = z.object({
  path: z.string(),
  state: z.enum(['auto_merged', 'conflict', 'resolved']),
  kind: z.enum(['text', 'binary', 'deletion', 'too_large']),
  base: z.string().nullable(),
  project: z.string().nullable(),
  collection: z.string().nullable(),
  /** Text files: the merge with conflict markers, which `regions[].merged` index into. */
  merged: z.string().nullable(),
  /** The result so far: the resolved text, a saved draft, or (conflicts) `merged`; null for a deletion. */
  result: z.string().nullable(),
  /** True when `result` is a draft saved mid-merge (the file is still in conflict). */
  draft: z.boolean(),
  regions: z.array(mergeRegionSchema),
  resolution: fileResolutionSchema.nullable(),
  omitted: z.array(mergeSideSchema),
});
export type MergeFile = z.infer<typeof mergeFileSchema>;

/**
 * A pending merge of one artifact. `direction` says where the result goes: `sync` into the project
 * copy; `push` into the collection copy and the project copy; `rollback` into the collection copy
 * (a conflict a rollback keeping later edits left: `project` is '', the project side is the
 * collection copy and the collection side the snapshot's content).
 */
export const mergeDocumentSchema = z.object({
  project: z.string(),
  name: z.string(),
  type: artifactTypeSchema,
  collection: z.string(),
  direction: z.enum(['sync', 'push', 'rollback', 'update']),
  base_sha: sha,
  project_sha: sha.nullable(),
  collection_sha: sha,
  files: z.array(mergeFileSchema),
  /** Other registered projects whose sync of this artifact meets exactly this merge (same base, project and collection content). */
  same_merge_projects: z.array(z.string()),
});
export type MergeDocument = z.infer<typeof mergeDocumentSchema>;

/** What "Show changes" compares: a copy against the baseline, or the two copies. */
export const compareSidesSchema = z.enum(COMPARE_SIDES);
export type { CompareSides } from './compare-sides.js';

/** One file that differs between the two compared contents. Texts as in mergeFileSchema. */
export const changedFileSchema = z.object({
  path: z.string(),
  change: z.enum(['added', 'removed', 'modified']),
  binary: z.boolean(),
  /** The older side (the baseline, or the project copy for project_collection); null when absent, binary or too large. */
  before: z.string().nullable(),
  after: z.string().nullable(),
  omitted: z.array(z.enum(['before', 'after'])),
});
export type ChangedFile = z.infer<typeof changedFileSchema>;

export const artifactChangesSchema = z.object({
  project: z.string(),
  name: z.string(),
  type: artifactTypeSchema,
  collection: z.string(),
  compare: compareSidesSchema,
  /** Labels for the two sides, in the app's words (e.g. "Baseline", "Project"). */
  before_label: z.string(),
  after_label: z.string(),
  before_sha: sha.nullable(),
  after_sha: sha.nullable(),
  files: z.array(changedFileSchema),
});
export type ArtifactChanges = z.infer<typeof artifactChangesSchema>;

/** What changed from one stored version to another (`diff versions`, the history view). */
export const versionDiffSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** The artifact of `to` (two versions of different artifacts compare all the same). */
  name: z.string(),
  type: artifactTypeSchema,
  files: z.array(changedFileSchema),
});
export type VersionDiff = z.infer<typeof versionDiffSchema>;

/**
 * What upstream changed in an artifact added from a git source (the collection view's Show
 * changes): its tree at PATH of the commit the collection copy last took (`from`) against another
 * commit of the source cache (`to`, what a check found), file by file.
 */
export const upstreamChangesSchema = z.object({
  collection: z.string(),
  name: z.string(),
  type: artifactTypeSchema,
  source: z.string(),
  from: z.string(),
  to: z.string(),
  files: z.array(changedFileSchema),
});
export type UpstreamChanges = z.infer<typeof upstreamChangesSchema>;

/**
 * What the history view carries (issue 12): one page of an artifact's version DAG, each row laid out
 * by layoutHistory, the places the versions live in, and where one version stands in each place.
 * Shared by the core, the contract and the renderer; wire names are snake_case.
 */
import { z } from 'zod';
import { artifactTypeSchema } from './results.js';

const sha = z.string().regex(/^[0-9a-f]{64}$/);

/** How a row is drawn (GraphRow of history-graph.ts); columns index the page's `lanes`. */
export const graphRowSchema = z.object({
  column: z.number().int(),
  above: z.array(z.number().int()),
  below: z.array(z.number().int()),
  turns: z.array(z.number().int()),
  merge: z.boolean(),
});

/**
 * One row: a stored version, or a place's working copy that differs from the version it last
 * recorded (`kind: working`, drawn dashed above that version, like an uncommitted change).
 */
export const historyEntrySchema = z.object({
  kind: z.enum(['version', 'working']),
  /** The version id; `working:<place>` for a working copy. */
  id: z.string(),
  /** The first 12 hex digits of the content hash. */
  short: z.string(),
  content_hash: sha,
  /** When it was recorded; null for a working copy (it is not recorded). */
  created_at: z.string().nullable(),
  created_by: z.string(),
  /** The origin word (add, deploy, sync, push, merge, rollback, restore, overwritten, …); `working` for a working copy. */
  origin: z.string(),
  /** Where it lives: `collection:<name>` or `project:<path of the project copy>`. */
  place: z.string(),
  /** First parent first. A working copy's parent is the version its place last recorded. */
  parents: z.array(z.string()),
  /** The places whose current version this is (the collection's, each project's baseline). */
  labels: z.array(z.string()),
  version_tag: z.string().nullable(),
  /** For a working copy whose content is a stored version (a restore put it there): that version's id; null otherwise. */
  stored_as: z.string().nullable(),
  graph: graphRowSchema,
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** A place the artifact lives in now, or lived in. */
export const historyPlaceSchema = z.object({
  place: z.string(),
  kind: z.enum(['collection', 'project']),
  /** The collection's name, or the project's root folder. */
  where: z.string(),
  /** True for the artifact's collection and every registered project it is deployed in now. */
  live: z.boolean(),
  /** The version this place last recorded (the collection's lock, a project's baseline); null when none is stored. */
  current: z.string().nullable(),
  /** The content hash of the copy there now; null when the copy is missing (or the place is not live). */
  copy_hash: sha.nullable(),
  /** An unfinished merge of this artifact waits here (open it in the merge view). */
  pending_merge: z.boolean(),
});
export type HistoryPlace = z.infer<typeof historyPlaceSchema>;

/** One page of an artifact's history, newest first, after the filters. */
export const historyPageSchema = z.object({
  name: z.string(),
  type: artifactTypeSchema,
  collection: z.string(),
  /** Rows that pass the filters (all pages, working copies included). */
  total: z.number().int(),
  /** Versions stored for the artifact, before the filters. */
  versions_stored: z.number().int(),
  offset: z.number().int(),
  /** The graph's columns, in order: one place each. */
  lanes: z.array(z.string()),
  /** Every place, in a stable order (colours follow it), filters or not. */
  places: z.array(historyPlaceSchema),
  /** The origin words the artifact's versions use, for the origin filter. */
  origins: z.array(z.string()),
  rows: z.array(historyEntrySchema),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

/**
 * Where one version stands in each live place ("where is this version?"): `holds` it now (its
 * recorded version or its copy), `behind` (its version is an ancestor: syncing brings this one),
 * `ahead` (its version descends from this one: it moved past), or `apart` (neither).
 */
export const versionWhereaboutsSchema = z.object({
  version: z.string(),
  places: z.array(z.object({ place: z.string(), where: z.string(), kind: z.enum(['collection', 'project']), standing: z.enum(['holds', 'behind', 'ahead', 'apart']) })),
});
export type VersionWhereabouts = z.infer<typeof versionWhereaboutsSchema>;

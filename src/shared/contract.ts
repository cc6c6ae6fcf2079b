/**
 * The app contract: every method the UI may call, with zod schemas for its input and output, and
 * every event the back end pushes. It is defined once, here, and bound once to the core facade
 * (`src/core/service/contract-handlers.ts`); Electron IPC, the web-mode WebSocket and the in-memory
 * test transport all carry exactly this. Wire names are snake_case, like the CLI's JSON
 * (docs/contract.md). Bump CONTRACT_VERSION on any incompatible change.
 */
import { z } from 'zod';
import { historyPageSchema, versionWhereaboutsSchema } from './history-results.js';
import { ERROR_CODES } from './error-codes.js';
import type { EventName, MethodName } from './contract-names.js';
import {
  artifactInfoSchema,
  artifactTypeSchema,
  auditEntrySchema,
  collectionSummarySchema,
  deployResultSchema,
  driftReportSchema,
  historyResultSchema,
  mergeOperationResultSchema,
  pendingMergeInfoSchema,
  projectSummarySchema,
  snapshotInfoSchema,
  undeployResultSchema,
  unsupportedEntriesSchema,
  updateCheckResultSchema,
  updateResultSchema,
  verifyResultSchema,
} from './results.js';
import { projectDriftDeltaSchema, projectDriftSummarySchema } from './drift-summary.js';
import { artifactChangesSchema, compareSidesSchema, mergeDocumentSchema, upstreamChangesSchema, versionDiffSchema } from './merge-results.js';
import { rollbackResultSchema, snapshotArtifactSchema, snapshotDiffSchema, snapshotFileDiffSchema, snapshotPageSchema } from './snapshot-results.js';

export { CONTRACT_VERSION, EVENT_NAMES, METHOD_NAMES, isMethodName, type EventName, type MethodName } from './contract-names.js';

// Inputs come from an untrusted renderer: every string is bounded and every object strict, so an
// unexpected key is an error rather than silently ignored.
const text = z.string().min(1).max(4096);
const folderPath = text.describe('an absolute folder path; re-validated by the core');
/** A path as the user typed it: absolute, or `~/…` for their home folder (the core expands it and refuses relative paths). */
const typedPath = text.describe('a path the user typed or chose: absolute or ~/…');
const name = z.string().min(1).max(200);
const snapshotId = z.string().regex(/^[0-9A-Za-z_.-]{1,100}$/);
const collection = name.optional();
const noInput = z.strictObject({});
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** A stored version's id (`av_<artifact>_<12 hex>`); re-checked by the core. */
const versionId = z.string().min(4).max(400).startsWith('av_');
const limit = z.number().int().min(1).max(10_000).optional();
/** A file inside an artifact, as a merge names it ('' for a single-file artifact). */
const artifactFile = z.string().max(4096);
/** A side to take for a conflicted file ('local' is the CLI's older word for 'project'). */
const takeSide = z.enum(['project', 'local', 'collection', 'base']);
/** Text a user merged by hand: bounded (8 MiB, what a merge holds in memory) and well-formed (no lone surrogates, no NUL). */
const mergedText = z
  .string()
  .max(8 * 1024 * 1024)
  .refine((value) => !/[\0]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value), 'is not text (a NUL or a lone surrogate)');
/** One file's settlement: a side, the user's text, or deletion; exactly one of them. */
const oneSettlement = <T extends { take?: unknown; text?: unknown; delete?: unknown }>(value: T) => [value.take, value.text, value.delete].filter((v) => v !== undefined).length === 1;
const settlementMessage = 'give exactly one of take, text or delete';

/** What the app reports about itself: the contract version it speaks and where its home is. */
export const appInfoSchema = z.object({
  contract_version: z.number().int(),
  home: z.string(),
  active_collection: z.string().nullable(),
  monitor: z.object({ running: z.boolean(), paused: z.boolean() }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** What the native open dialog asks for: a folder or a file (a command or an agent is one `.md` file), and what the choice is for. */
export const choosePathInputSchema = z.strictObject({ kind: z.enum(['folder', 'file']), purpose: z.enum(['artifact', 'project']) });
export type ChoosePathInput = z.infer<typeof choosePathInputSchema>;

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, options: { writes: boolean }) => ({ input, output, ...options });

/**
 * The methods. `writes: true` marks operations that change files: the binding reports them with
 * `operation.*` events so every window can show progress, and the UI may disable conflicting actions.
 */
export const CONTRACT = {
  appInfo: method(noInput, appInfoSchema, { writes: false }),
  /** Asks the user for a folder or file in the desktop's native open dialog (the desktop app only); `path` null when they cancelled. */
  choosePath: method(choosePathInputSchema, z.object({ path: z.string().nullable() }), { writes: false }),

  listCollections: method(noInput, z.array(collectionSummarySchema), { writes: false }),
  initCollection: method(z.strictObject({ name }), z.object({ collection: z.string(), path: z.string(), created: z.boolean() }), { writes: true }),
  useCollection: method(z.strictObject({ name }), z.object({ collection: z.string() }), { writes: true }),

  listArtifacts: method(z.strictObject({ collection }), z.array(artifactInfoSchema), { writes: false }),
  /** Entries of collection.toml SkillMeat Desktop keeps untouched but does not manage: artifacts of other types, tables it does not read. */
  unsupportedEntries: method(z.strictObject({ collection }), unsupportedEntriesSchema, { writes: false }),
  addArtifact: method(z.strictObject({ source_path: typedPath, type: artifactTypeSchema.optional(), name: name.optional(), collection }), artifactInfoSchema, { writes: true }),
  /** Adds the tree at PATH of a git source (`github:OWNER/REPO/PATH[@REF]`, `OWNER/REPO/PATH[@REF]`, `git+URL#PATH[@REF]`), recording its commit (docs/sources.md). */
  addFromSource: method(z.strictObject({ source: text, type: artifactTypeSchema.optional(), name: name.optional(), collection }), artifactInfoSchema, { writes: true }),
  /** Upstream drift: for each artifact from a git source (or those named), whether its upstream moved, to which version, and the files that changed. Fetches; the collection is not changed. */
  checkUpdates: method(z.strictObject({ collection, names: z.array(name).max(1000).optional(), type: artifactTypeSchema.optional() }), updateCheckResultSchema, { writes: true }),
  /** Brings upstream changes into the collection, three-way merging its own edits (safety snapshot first); conflicts wait in `pendingMerges({ collection })` (direction `update`). */
  updateArtifacts: method(
    z.strictObject({ collection, names: z.array(name).max(1000).optional(), type: artifactTypeSchema.optional(), dry_run: z.boolean().optional() }),
    updateResultSchema,
    { writes: true },
  ),
  /** What upstream changed in one sourced artifact: its tree at the commit the collection copy took against `to` (a commit `checkUpdates` fetched), file by file with texts. Reads the source cache only. */
  upstreamChanges: method(z.strictObject({ name, type: artifactTypeSchema.optional(), collection, to: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/) }), upstreamChangesSchema, { writes: false }),
  removeArtifact: method(
    z.strictObject({ name, type: artifactTypeSchema.optional(), collection }),
    z.object({ name: z.string(), type: artifactTypeSchema, collection: z.string(), safety_snapshot_id: z.string().nullable() }),
    { writes: true },
  ),
  history: method(z.strictObject({ name, type: artifactTypeSchema.optional(), collection }), historyResultSchema, { writes: false }),
  /** One page of an artifact's history for the history view: rows laid out as lanes, places, working copies; filtered by place, origin or hash prefix. */
  historyPage: method(
    z.strictObject({
      name,
      type: artifactTypeSchema.optional(),
      collection,
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      places: z.array(text).max(1000).optional(),
      origins: z.array(z.string().min(1).max(40)).max(20).optional(),
      hash: z.string().max(64).optional(),
    }),
    historyPageSchema,
    { writes: false },
  ),
  /** How each place the artifact lives in stands to one of its versions: holds it, behind it, ahead of it, apart. */
  versionWhereabouts: method(z.strictObject({ name, type: artifactTypeSchema.optional(), collection, version: versionId }), versionWhereaboutsSchema, { writes: false }),
  /** What a place's working copy changed since the version it last recorded (`from` '' when none is stored). */
  workingChanges: method(z.strictObject({ name, type: artifactTypeSchema.optional(), collection, place: text }), versionDiffSchema, { writes: false }),
  /** Makes a stored version the collection's copy of its artifact (after a safety snapshot; what the copy held is kept as a version). */
  adoptVersion: method(z.strictObject({ collection, version_id: versionId }), mergeOperationResultSchema, { writes: true }),

  listProjects: method(noInput, z.array(projectSummarySchema), { writes: false }),
  addProject: method(z.strictObject({ path: typedPath }), z.object({ project: projectSummarySchema, added: z.boolean() }), { writes: true }),
  removeProject: method(z.strictObject({ path: folderPath }), z.object({ path: z.string() }), { writes: true }),

  checkDrift: method(z.strictObject({ projects: z.array(folderPath).min(1).max(1000) }), z.array(driftReportSchema), { writes: false }),
  checkAllDrift: method(noInput, z.array(driftReportSchema), { writes: false }),
  /** Checks drift and answers in counts only (no entries), for every registered project or the given ones: what the projects view draws first. */
  driftSummaries: method(z.strictObject({ projects: z.array(folderPath).min(1).max(1000).optional() }), z.array(projectDriftSummarySchema), { writes: false }),
  /** A project's unfinished merges; without `project`, the collection's own (conflicts a rollback keeping later edits left). */
  pendingMerges: method(z.strictObject({ project: folderPath.optional(), collection }), z.array(pendingMergeInfoSchema), { writes: false }),

  deploy: method(
    z.strictObject({ project: folderPath, names: z.array(name).min(1).max(1000), type: artifactTypeSchema.optional(), collection, overwrite: z.boolean().optional() }),
    deployResultSchema,
    { writes: true },
  ),
  undeploy: method(z.strictObject({ project: folderPath, name, type: artifactTypeSchema.optional(), force: z.boolean().optional() }), undeployResultSchema, { writes: true }),
  sync: method(
    z.strictObject({ project: folderPath, artifacts: z.array(name).max(1000).optional(), dry_run: z.boolean().optional(), write_markers: z.boolean().optional() }),
    mergeOperationResultSchema,
    { writes: true },
  ),
  push: method(
    z.strictObject({ project: folderPath, artifacts: z.array(name).max(1000).optional(), strategy: z.enum(['merge', 'overwrite', 'fork']).optional(), dry_run: z.boolean().optional() }),
    mergeOperationResultSchema,
    { writes: true },
  ),
  /** The unfinished merge of one artifact in a project, file by file, for the merge view. */
  mergeDocument: method(z.strictObject({ project: folderPath.optional(), collection, artifact: name, type: artifactTypeSchema.optional() }), mergeDocumentSchema, { writes: false }),
  /**
   * Settles one file of an unfinished merge (a side, the user's text, or deletion); with `draft`,
   * only keeps the text as a partial result. The merge completes when no file is left in conflict.
   */
  resolve: method(
    z
      .strictObject({ project: folderPath.optional(), collection, artifact: name, type: artifactTypeSchema.optional(), file: artifactFile.optional(), take: takeSide.optional(), text: mergedText.optional(), delete: z.literal(true).optional(), draft: z.boolean().optional() })
      .refine(oneSettlement, settlementMessage)
      .refine((value) => value.draft !== true || value.text !== undefined, 'a draft is text'),
    mergeOperationResultSchema,
    { writes: true },
  ),
  /** Settles every given file of an unfinished merge in one step and completes it; refuses conflict markers left in a text unless `allow_markers`. */
  completeMerge: method(
    z.strictObject({
      project: folderPath.optional(),
      collection,
      artifact: name,
      type: artifactTypeSchema.optional(),
      files: z.array(z.strictObject({ path: artifactFile, take: takeSide.optional(), text: mergedText.optional(), delete: z.literal(true).optional() }).refine(oneSettlement, settlementMessage)).max(1000),
      allow_markers: z.boolean().optional(),
    }),
    mergeOperationResultSchema,
    { writes: true },
  ),
  /**
   * After a merge completed in `project`, gives its result to other projects that met the same merge
   * (`same_merge_projects` of the merge document, and the document's three hashes): each its own
   * transaction, version and audit entry; a project that no longer holds those contents is skipped.
   */
  applyMergeElsewhere: method(
    z.strictObject({
      project: folderPath,
      artifact: name,
      type: artifactTypeSchema.optional(),
      base_sha: sha256,
      project_sha: sha256,
      collection_sha: sha256,
      projects: z.array(folderPath).min(1).max(1000),
    }),
    z.array(mergeOperationResultSchema),
    { writes: true },
  ),
  /** What changed from one stored version to another (`diff versions`, the history view). */
  diffVersions: method(z.strictObject({ from: versionId.optional(), to: versionId }), versionDiffSchema, { writes: false }),
  /** Puts a stored version back as a project's copy (the replaced copy is kept as a version; the baseline stays). */
  restore: method(z.strictObject({ project: folderPath, artifact: name, version_id: versionId }), mergeOperationResultSchema, { writes: true }),
  /** What differs between two contents of a deployed artifact ("Show changes"). */
  compareArtifact: method(z.strictObject({ project: folderPath, artifact: name, type: artifactTypeSchema.optional(), compare: compareSidesSchema }), artifactChangesSchema, { writes: false }),

  listSnapshots: method(z.strictObject({ collection, limit, offset: z.number().int().min(0).optional() }), z.array(snapshotInfoSchema), { writes: false }),
  createSnapshot: method(z.strictObject({ message: z.string().max(1000).optional(), collection }), snapshotInfoSchema, { writes: true }),
  deleteSnapshot: method(z.strictObject({ id: snapshotId, collection }), snapshotInfoSchema, { writes: true }),
  /** The timeline: snapshots newest first, paged, each with its changes since the one before; filtered by kind or by an artifact that changed. */
  snapshotPage: method(
    z.strictObject({
      collection,
      limit: z.number().int().min(1).max(1000).optional(),
      offset: z.number().int().min(0).optional(),
      kinds: z.array(z.enum(['manual', 'automatic', 'safety'])).max(3).optional(),
      artifact: z.strictObject({ name, type: artifactTypeSchema }).optional(),
    }),
    snapshotPageSchema,
    { writes: false },
  ),
  /** The artifacts a snapshot holds, from its index (no archive is unpacked). */
  snapshotArtifacts: method(z.strictObject({ id: snapshotId, collection }), z.array(snapshotArtifactSchema), { writes: false }),
  /** Artifacts and files added / modified / removed from snapshot `from` to `to` (absent: the collection now). */
  snapshotDiff: method(z.strictObject({ from: snapshotId, to: snapshotId.optional(), collection }), snapshotDiffSchema, { writes: false }),
  /** The two texts of one file of a snapshot diff; only that file is read from the archives. */
  snapshotFileDiff: method(z.strictObject({ from: snapshotId, to: snapshotId.optional(), path: text, collection }), snapshotFileDiffSchema, { writes: false }),
  /** Pins (or unpins) a snapshot: a pinned one is never thinned by retention. */
  pinSnapshot: method(z.strictObject({ id: snapshotId, pinned: z.boolean(), collection }), snapshotInfoSchema, { writes: true }),
  /** Rolls back (versioning spec 8); `dry_run` returns the plan and changes nothing. */
  rollback: method(
    z.strictObject({ snapshot_id: snapshotId, collection, preserve_changes: z.boolean().optional(), paths: z.array(text).max(1000).optional(), dry_run: z.boolean().optional() }),
    rollbackResultSchema,
    { writes: true },
  ),
  listAudit: method(z.strictObject({ collection, limit }), z.array(auditEntrySchema), { writes: false }),
  verify: method(noInput, verifyResultSchema, { writes: false }),

  setMonitorPaused: method(z.strictObject({ paused: z.boolean() }), z.object({ paused: z.boolean() }), { writes: false }),
} as const satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType; writes: boolean }>;

export type Contract = typeof CONTRACT;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** The typed error every transport carries (the core's codes, plus `internal` for bugs). */
export const errorEnvelopeSchema = z.object({
  code: z.enum([...ERROR_CODES, 'internal']),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ContractErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** A call's outcome as it crosses a boundary: never a thrown exception. */
export type CallEnvelope<T = unknown> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractErrorEnvelope };

export const callEnvelopeSchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: errorEnvelopeSchema })]);

/** The events the back end pushes to every client. */
export const EVENTS = {
  /** Projects whose drift changed since the last check (only those), from the drift monitor: each one's summary and the artifacts whose drift changed, never whole reports. */
  'drift.changed': z.object({ projects: z.array(projectDriftDeltaSchema), checked_at: z.string() }),
  /** A writing operation started, moved on, or finished; `operation_id` ties them together. */
  'operation.progress': z.object({
    operation_id: z.string(),
    method: z.string(),
    /** What the call acts on, as its input names it: a project path and artifact names (null when it names neither). */
    subject: z.object({ project: z.string().nullable(), artifacts: z.array(z.string()) }).nullable(),
    phase: z.enum(['started', 'working', 'finished', 'failed']),
    message: z.string().nullable(),
    /** Work done and total, when the operation can count it (files archived, artifacts synced). */
    done: z.number().int().nullable(),
    total: z.number().int().nullable(),
    error: errorEnvelopeSchema.nullable(),
  }),
  /** Something a user should know that belongs to no call (e.g. the cache was rebuilt). */
  notice: z.object({ message: z.string() }),
  /** A background check of the active collection's git sources found other updates available than it last said (the whole check, as `checkUpdates` answers it). */
  'upstream.changed': updateCheckResultSchema,
  /** The drift monitor was paused or resumed (by any window, a tab or the tray): every client shows the same state. */
  'monitor.changed': z.object({ running: z.boolean(), paused: z.boolean() }),
} as const satisfies Record<EventName, z.ZodType>;

export type EventPayload<E extends keyof typeof EVENTS> = z.output<(typeof EVENTS)[E]>;
/** Any event with its payload, as delivered to subscribers. */
export type ContractEvent = { [E in keyof typeof EVENTS]: { readonly event: E; readonly payload: EventPayload<E> } }[keyof typeof EVENTS];

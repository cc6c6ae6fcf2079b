/**
 * The result shapes of the core's operations, as zod schemas with types derived from them.
 * These are what `skillmeat --json` prints and what the IPC contract carries: one definition for
 * every transport. Field names are snake_case, as in the versioning spec. Documented in docs/cli.md.
 */
import { z } from 'zod';
import { ARTIFACT_TYPES } from './artifact-types.js';
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
});
export type ArtifactInfo = z.infer<typeof artifactInfoSchema>;

export const driftEntrySchema = z.object({
  name: z.string(),
  type: artifactTypeSchema,
  collection: z.string(),
  /** `null` when the deployed copy is in sync (including "both made the same change"). */
  drift_type: driftTypeSchema.nullable(),
  baseline_sha: sha,
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

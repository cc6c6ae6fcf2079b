/**
 * A project's drift in counts, without its entries: what the projects view draws for every project
 * (summaries first; a project's entries are read when it opens), and what a `drift.changed` event
 * carries per project together with the entries whose drift changed (deltas, never whole reports).
 * Pure: the core and the renderer derive a summary from a full report the same way.
 */
import { z } from 'zod';
import { artifactTypeSchema, driftReportSchema, type DriftReport } from './results.js';
import { DRIFT_TYPES } from './drift-types.js';

/** How a project's last check went: `checked`; `missing`, its folder no longer exists; `failed`, another reason (`error`). */
export const PROJECT_CHECK_STATES = ['checked', 'missing', 'failed'] as const;
export type ProjectCheckState = (typeof PROJECT_CHECK_STATES)[number];

export const driftCountsSchema = z.object({
  in_sync: z.number().int(),
  modified: z.number().int(),
  outdated: z.number().int(),
  conflict: z.number().int(),
  removed: z.number().int(),
  deleted: z.number().int(),
});
export type DriftCounts = z.infer<typeof driftCountsSchema>;

export const projectDriftSummarySchema = z.object({
  project: z.string(),
  checked_at: z.string(),
  state: z.enum(PROJECT_CHECK_STATES),
  /** Deployed artifacts by drift state (all zero unless `checked`). */
  counts: driftCountsSchema,
  deployed: z.number().int(),
  needs_action: z.number().int(),
  /** Artifacts new in a collection since the project's last deployment from it. */
  added: z.number().int(),
  /** Why it could not be checked (`missing`: the folder is gone; its message names the path). */
  error: driftReportSchema.shape.error,
  notices: z.array(z.string()),
});
export type ProjectDriftSummary = z.infer<typeof projectDriftSummarySchema>;

/** A deployed artifact whose drift changed: its drift now (`null`: in sync, or no longer deployed). */
export const driftChangeSchema = z.object({ name: z.string(), type: artifactTypeSchema, drift_type: z.enum(DRIFT_TYPES).nullable() });
export type DriftEntryChange = z.infer<typeof driftChangeSchema>;

/** One project in a `drift.changed` event: its new summary and the artifacts whose drift changed. */
export const projectDriftDeltaSchema = z.object({ summary: projectDriftSummarySchema, changes: z.array(driftChangeSchema) });
export type ProjectDriftDelta = z.infer<typeof projectDriftDeltaSchema>;

// Without zod, so that the page's first bundle can summarize a report without building schemas.
export { summarizeDrift } from './summarize-drift.js';

/**
 * The artifacts whose need for action changed between two reports of a project (`previous`
 * undefined: a first report, compared with nothing to report): each needing action now that did
 * not, or with another drift type, and each that needed action and no longer does (`drift_type`
 * null). Sorted by type, then name. Hashes and times do not count, as in the monitor's signature.
 */
export function driftChanges(previous: DriftReport | undefined, next: DriftReport): DriftEntryChange[] {
  const needing = (report: DriftReport | undefined) => new Map((report?.drift ?? []).map((entry) => [`${entry.type}\t${entry.name}`, { name: entry.name, type: entry.type, drift_type: entry.drift_type }]));
  const before = needing(previous);
  const after = needing(next);
  const changes: DriftEntryChange[] = [];
  for (const [key, entry] of after) if (before.get(key)?.drift_type !== entry.drift_type) changes.push(entry);
  for (const [key, entry] of before) if (!after.has(key)) changes.push({ ...entry, drift_type: null });
  return changes.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

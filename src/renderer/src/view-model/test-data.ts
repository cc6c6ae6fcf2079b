/** Small drift entries and reports for view-model tests (plain data, shaped like the contract's). */
import type { DriftEntry, DriftReport, DriftType } from '../../../shared/results.js';
import type { Recommendation } from '../../../shared/drift-types.js';

const SHA = 'a'.repeat(64);
const RECOMMENDATION: Readonly<Record<DriftType, Recommendation>> = { modified: 'push', outdated: 'sync', conflict: 'merge', removed: 'remove_from_project', deleted: 'redeploy' };

/** A skill's drift entry of the given type (null: in sync). */
export function driftEntry(name: string, driftType: DriftType | null, type: DriftEntry['type'] = 'skill'): DriftEntry {
  return {
    name,
    type,
    collection: 'default',
    drift_type: driftType,
    baseline_sha: SHA,
    upstream_sha: null,
    collection_sha: driftType === 'removed' ? null : SHA,
    project_sha: driftType === 'deleted' ? null : SHA,
    collection_version: null,
    deployed_version: null,
    last_deployed: '2026-01-01T00:00:00Z',
    recommendation: driftType === null ? null : RECOMMENDATION[driftType],
    change_origin: driftType === null ? null : driftType === 'modified' || driftType === 'conflict' ? 'local_modification' : 'sync',
    path: `skills/${name}`,
  };
}

/** A report holding `entries`, split and counted the way the core does. */
export function driftReport(project: string, entries: readonly DriftEntry[]): DriftReport {
  const drift = entries.filter((e) => e.drift_type !== null);
  const byType: Record<DriftType, number> = { modified: 0, outdated: 0, conflict: 0, removed: 0, deleted: 0 };
  for (const e of drift) if (e.drift_type !== null) byType[e.drift_type] += 1;
  return {
    project,
    checked_at: '2026-01-01T00:00:00Z',
    drift,
    in_sync: entries.filter((e) => e.drift_type === null),
    added: [],
    summary: { deployed: entries.length, needs_action: drift.length, by_type: byType },
    error: null,
    notices: [],
  };
}

import type { DriftEntry, DriftReport } from '../../shared/results.js';
import type { DriftCheckRow } from './artifact-row.js';

/** The cache rows of a drift report: every deployment record, drifted or in sync. */
export function driftRowsOf(report: DriftReport): DriftCheckRow[] {
  return [...report.drift, ...report.in_sync].map(driftRowOf);
}

function driftRowOf(entry: DriftEntry): DriftCheckRow {
  return {
    name: entry.name,
    type: entry.type,
    collection: entry.collection,
    // A drift entry does not carry the artifact's origin; the column waits for a caller that knows it.
    source: null,
    deployedVersion: entry.deployed_version,
    upstreamVersion: entry.collection_version,
    driftType: entry.drift_type,
    baselineSha: entry.baseline_sha,
    collectionSha: entry.collection_sha,
    projectSha: entry.project_sha,
    deployedAt: entry.last_deployed,
  };
}

/**
 * The rows of the project view: every deployed artifact of a drift report, most urgent first, and
 * the collection's artifacts that are not deployed yet (what "Deploy artifact" offers).
 */
import type { ArtifactInfo, DriftEntry, DriftReport } from '../../../shared/results.js';
import { DRIFT_STATUS_ORDER, driftStatusOf } from './drift-status.js';

/** Identifies a deployed artifact within a project (the same name may exist as two types). */
export function artifactKey(artifact: Pick<DriftEntry, 'type' | 'name'>): string {
  return `${artifact.type}:${artifact.name}`;
}

/** Drift and in-sync entries together, ordered by urgency, then type and name. */
export function deployedEntries(report: DriftReport): readonly DriftEntry[] {
  const rank = (entry: DriftEntry) => DRIFT_STATUS_ORDER.indexOf(driftStatusOf(entry));
  return [...report.drift, ...report.in_sync].sort((a, b) => rank(a) - rank(b) || a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

/** The collection's artifacts that this project has no deployment of, in collection order. */
export function deployableArtifacts(artifacts: readonly ArtifactInfo[], report: DriftReport): readonly ArtifactInfo[] {
  const deployed = new Set([...report.drift, ...report.in_sync].map(artifactKey));
  return artifacts.filter((artifact) => !deployed.has(artifactKey(artifact)));
}

/** Groups artifacts by type, so one deploy call per type covers a whole selection. */
export function namesByType<T extends Pick<ArtifactInfo, 'type' | 'name'>>(artifacts: readonly T[]): ReadonlyMap<T['type'], readonly string[]> {
  const groups = new Map<T['type'], string[]>();
  for (const artifact of artifacts) {
    const names = groups.get(artifact.type) ?? [];
    names.push(artifact.name);
    groups.set(artifact.type, names);
  }
  return groups;
}

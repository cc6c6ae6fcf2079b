import { describe, expect, it } from 'vitest';
import type { DriftEntry, DriftReport } from '../../shared/results.js';
import { driftRowsOf } from './drift-rows.js';

function entry(name: string, driftType: DriftEntry['drift_type']): DriftEntry {
  return {
    name,
    type: 'skill',
    collection: 'default',
    drift_type: driftType,
    baseline_sha: 'b'.repeat(64),
    upstream_sha: null,
    collection_sha: 'c'.repeat(64),
    project_sha: null,
    collection_version: '1.1.0',
    deployed_version: '1.0.0',
    last_deployed: '2026-01-01T00:00:00Z',
    recommendation: null,
    change_origin: null,
    path: `skills/${name}`,
  };
}

describe('driftRowsOf', () => {
  it('turns every deployment record of a report, drifted or in sync, into a cache row', () => {
    const report: DriftReport = {
      project: '/work/app',
      checked_at: '2026-03-01T10:00:00Z',
      drift: [entry('old', 'outdated')],
      in_sync: [entry('fine', null)],
      added: [{ name: 'new', type: 'skill', collection: 'default', added: '2026-02-01T00:00:00Z' }],
      summary: { deployed: 2, needs_action: 1, by_type: { modified: 0, outdated: 1, conflict: 0, removed: 0, deleted: 0 } },
      error: null,
      notices: [],
    };
    expect(driftRowsOf(report)).toEqual([
      { name: 'old', type: 'skill', collection: 'default', source: null, deployedVersion: '1.0.0', upstreamVersion: '1.1.0', driftType: 'outdated', baselineSha: 'b'.repeat(64), collectionSha: 'c'.repeat(64), projectSha: null, deployedAt: '2026-01-01T00:00:00Z' },
      { name: 'fine', type: 'skill', collection: 'default', source: null, deployedVersion: '1.0.0', upstreamVersion: '1.1.0', driftType: null, baselineSha: 'b'.repeat(64), collectionSha: 'c'.repeat(64), projectSha: null, deployedAt: '2026-01-01T00:00:00Z' },
    ]);
  });
});

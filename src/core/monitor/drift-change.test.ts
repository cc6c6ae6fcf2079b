import { describe, expect, it } from 'vitest';
import type { DriftEntry, DriftReport } from '../../shared/results.js';
import type { DriftType } from '../../shared/drift-types.js';
import { driftChanged, driftSignature } from './drift-change.js';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function entry(name: string, driftType: DriftType | null, projectSha = SHA_A): DriftEntry {
  return {
    name,
    type: 'skill',
    collection: 'default',
    drift_type: driftType,
    baseline_sha: SHA_A,
    upstream_sha: null,
    collection_sha: SHA_A,
    project_sha: projectSha,
    collection_version: null,
    deployed_version: null,
    last_deployed: '2026-01-01T00:00:00Z',
    recommendation: null,
    change_origin: null,
    path: `skills/${name}`,
  };
}

function report(drift: DriftEntry[], options: { added?: string[]; inSync?: DriftEntry[]; checkedAt?: string } = {}): DriftReport {
  return {
    project: '/p',
    checked_at: options.checkedAt ?? '2026-01-01T00:00:00Z',
    drift,
    in_sync: options.inSync ?? [],
    added: (options.added ?? []).map((name) => ({ name, type: 'skill', collection: 'default', added: '2026-01-01T00:00:00Z' })),
    summary: { deployed: drift.length, needs_action: drift.length, by_type: { modified: 0, outdated: 0, conflict: 0, removed: 0, deleted: 0 } },
    error: null,
    notices: [],
  };
}

describe('driftSignature', () => {
  it('does not depend on the order of entries', () => {
    expect(driftSignature(report([entry('a', 'modified'), entry('b', 'outdated')]))).toBe(driftSignature(report([entry('b', 'outdated'), entry('a', 'modified')])));
  });

  it('ignores hashes and the check time', () => {
    const before = report([entry('a', 'modified', SHA_A)], { checkedAt: '2026-01-01T00:00:00Z' });
    const after = report([entry('a', 'modified', SHA_B)], { checkedAt: '2026-01-02T00:00:00Z' });
    expect(driftSignature(after)).toBe(driftSignature(before));
  });

  it('tells drift types apart', () => {
    expect(driftSignature(report([entry('a', 'modified')]))).not.toBe(driftSignature(report([entry('a', 'conflict')])));
  });

  it('counts artifacts new in a collection', () => {
    expect(driftSignature(report([], { added: ['fresh'] }))).not.toBe(driftSignature(report([])));
  });
});

describe('driftChanged', () => {
  it('announces a first report that has drift', () => {
    expect(driftChanged(undefined, report([entry('a', 'modified')]))).toBe(true);
  });

  it('stays quiet about a first report with nothing to act on', () => {
    expect(driftChanged(undefined, report([], { inSync: [entry('a', null)] }))).toBe(false);
  });

  it('announces drift that went away', () => {
    expect(driftChanged(report([entry('a', 'modified')]), report([], { inSync: [entry('a', null)] }))).toBe(true);
  });

  it('stays quiet when the same artifact is still modified', () => {
    expect(driftChanged(report([entry('a', 'modified', SHA_A)]), report([entry('a', 'modified', SHA_B)]))).toBe(false);
  });

  it('announces a modified artifact that became a conflict', () => {
    expect(driftChanged(report([entry('a', 'modified')]), report([entry('a', 'conflict')]))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { ArtifactInfo } from '../../../shared/results.js';
import { deployableArtifacts, deployedEntries, namesByType } from './deployed-artifacts.js';
import { driftEntry, driftReport } from './test-data.js';

function artifact(name: string, type: ArtifactInfo['type'] = 'skill'): ArtifactInfo {
  return { name, type, collection: 'default', path: `skills/${name}`, origin: 'local', source: 'local:/x', version: null, added: '2026-01-01T00:00:00Z', content_hash: 'b'.repeat(64) };
}

describe('deployed artifacts of a project', () => {
  it('lists drift and in-sync entries together, most urgent first, then by name', () => {
    const report = driftReport('/p', [driftEntry('zeta', null), driftEntry('beta', 'outdated'), driftEntry('alpha', null), driftEntry('gamma', 'conflict')]);
    expect(deployedEntries(report).map((e) => e.name)).toEqual(['gamma', 'beta', 'alpha', 'zeta']);
  });

  it('offers for deployment only the artifacts not deployed yet', () => {
    const report = driftReport('/p', [driftEntry('canvas', null)]);
    expect(deployableArtifacts([artifact('canvas'), artifact('tidy')], report).map((a) => a.name)).toEqual(['tidy']);
  });

  it('tells a deployed skill apart from a command of the same name', () => {
    const report = driftReport('/p', [driftEntry('review', null, 'skill')]);
    expect(deployableArtifacts([artifact('review', 'skill'), artifact('review', 'command')], report).map((a) => a.type)).toEqual(['command']);
  });

  it('groups names by type for one deploy call per type', () => {
    expect([...namesByType([artifact('a'), artifact('b', 'command'), artifact('c')])]).toEqual([
      ['skill', ['a', 'c']],
      ['command', ['b']],
    ]);
  });
});

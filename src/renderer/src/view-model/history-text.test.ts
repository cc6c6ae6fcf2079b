import { describe, expect, it } from 'vitest';
import type { HistoryEntry, HistoryPlace } from '../../../shared/history-results.js';
import { countText, labelText, originWord, placeName, rowLabel, whereaboutsGroups } from './history-text.js';

const places: HistoryPlace[] = [
  { place: 'collection:default', kind: 'collection', where: 'default', live: true, current: 'av_a-skill_000000000001', copy_hash: null, pending_merge: false },
  { place: 'project:/work/site/.claude/skills/a', kind: 'project', where: '/work/site', live: true, current: null, copy_hash: null, pending_merge: false },
];
const row = (partial: Partial<HistoryEntry>): HistoryEntry => ({
  kind: 'version',
  id: 'av_a-skill_000000000001',
  short: '000000000001',
  content_hash: '0'.repeat(64),
  created_at: '2026-01-01T00:00:00Z',
  created_by: 'system',
  origin: 'push',
  place: 'collection:default',
  parents: [],
  labels: [],
  version_tag: null,
  stored_as: null,
  graph: { column: 0, above: [], below: [], turns: [], merge: false },
  ...partial,
});

describe('history words', () => {
  it('names places by kind and folder', () => {
    expect(placeName(places[0]!)).toBe('collection default');
    expect(placeName(places[1]!)).toBe('project site');
    expect(labelText('collection:default', places)).toBe('collection now');
    expect(labelText(places[1]!.place, places)).toBe('project site now');
  });

  it("uses ui.md's origin words, a resolved merge being a merge", () => {
    expect(originWord('resolve')).toBe('merge');
    expect(originWord('overwritten')).toBe('overwritten');
    expect(originWord('working')).toBe('working copy');
  });

  it('labels a row with hash, origin, place, time and marks', () => {
    expect(rowLabel(row({ labels: ['collection:default'], graph: { column: 0, above: [], below: [], turns: [], merge: true } }), places, '2 hours ago')).toBe(
      '000000000001, push, collection default, 2 hours ago, merge of two versions, collection now',
    );
    expect(rowLabel(row({ kind: 'working', place: places[1]!.place }), places, '')).toBe('Working copy in project site, 000000000001, not recorded');
  });

  it('groups where a version is by standing, in a fixed order', () => {
    const groups = whereaboutsGroups({
      version: 'v',
      places: [
        { place: 'p', where: '/work/b', kind: 'project', standing: 'ahead' },
        { place: 'c', where: 'default', kind: 'collection', standing: 'holds' },
      ],
    });
    expect(groups).toEqual([
      { standing: 'holds it', places: ['collection default'] },
      { standing: 'has moved past it', places: ['project b'] },
    ]);
  });

  it('counts versions, and what a filter leaves', () => {
    expect(countText(1, 1, false)).toBe('1 version');
    expect(countText(3, 10_000, true)).toBe('3 of 10,000 versions');
  });
});

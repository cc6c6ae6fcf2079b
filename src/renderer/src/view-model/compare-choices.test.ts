import { describe, expect, it } from 'vitest';
import { changedFileText, defaultCompare, offersShowChanges } from './compare-choices.js';

describe('show changes', () => {
  it('opens on the side that changed, or on both copies for a conflict', () => {
    expect(defaultCompare({ drift_type: 'modified' })).toBe('project_baseline');
    expect(defaultCompare({ drift_type: 'outdated' })).toBe('collection_baseline');
    expect(defaultCompare({ drift_type: 'conflict' })).toBe('project_collection');
  });

  it('is offered on modified, outdated and conflicted rows only', () => {
    expect((['modified', 'outdated', 'conflict', 'removed', 'deleted', null] as const).map((drift_type) => offersShowChanges({ drift_type }))).toEqual([true, true, true, false, false, false]);
  });

  it('says when a changed file cannot be shown as text', () => {
    expect(changedFileText({ change: 'modified', binary: false, omitted: [] })).toBe('modified');
    expect(changedFileText({ change: 'added', binary: true, omitted: [] })).toBe('added, binary');
    expect(changedFileText({ change: 'modified', binary: false, omitted: ['after'] })).toBe('modified, too large to show');
  });
});

import { describe, expect, it } from 'vitest';
import { decideDrift } from './decide-drift.js';

const B = 'b'.repeat(64);
const X = 'c'.repeat(64);
const Y = 'd'.repeat(64);

describe('decideDrift: each row of the drift table', () => {
  it('reports removed when the artifact is no longer in its collection, even if the project copy is gone too', () => {
    expect(decideDrift({ baseline: B, collection: undefined, project: B })).toEqual({ driftType: 'removed', recommendation: 'remove_from_project', changeOrigin: 'sync' });
    expect(decideDrift({ baseline: B, collection: undefined, project: undefined }).driftType).toBe('removed');
  });

  it('reports deleted when the project copy is missing', () => {
    expect(decideDrift({ baseline: B, collection: B, project: undefined })).toEqual({ driftType: 'deleted', recommendation: 'redeploy', changeOrigin: 'sync' });
  });

  it('is in sync when collection and project both equal the baseline', () => {
    expect(decideDrift({ baseline: B, collection: B, project: B })).toEqual({ driftType: null, recommendation: null, changeOrigin: null });
  });

  it('reports outdated when only the collection changed', () => {
    expect(decideDrift({ baseline: B, collection: X, project: B })).toEqual({ driftType: 'outdated', recommendation: 'sync', changeOrigin: 'sync' });
  });

  it('reports modified when only the project changed', () => {
    expect(decideDrift({ baseline: B, collection: B, project: X })).toEqual({ driftType: 'modified', recommendation: 'push', changeOrigin: 'local_modification' });
  });

  it('is in sync when both sides made the same change', () => {
    expect(decideDrift({ baseline: B, collection: X, project: X }).driftType).toBeNull();
  });

  it('reports conflict when both sides changed differently', () => {
    expect(decideDrift({ baseline: B, collection: X, project: Y })).toEqual({ driftType: 'conflict', recommendation: 'merge', changeOrigin: 'local_modification' });
  });

  it('after a merge, compares the collection with the content last integrated, not with the merge', () => {
    const merged = 'e'.repeat(64);
    expect(decideDrift({ baseline: merged, upstream: X, collection: X, project: merged }).driftType).toBeNull();
    expect(decideDrift({ baseline: merged, upstream: X, collection: Y, project: merged }).driftType).toBe('outdated');
    expect(decideDrift({ baseline: merged, upstream: X, collection: X, project: B }).driftType).toBe('modified');
  });
});

import { describe, expect, it } from 'vitest';
import type { UpstreamCheck } from '../../../shared/results.js';
import { createSourcesStore, withCheck } from './sources-store.js';

const check = (name: string, type: UpstreamCheck['type']): UpstreamCheck => ({
  name,
  type,
  source: `github:acme/tools/${name}`,
  version_spec: 'latest',
  resolved_sha: '1'.repeat(40),
  resolved_version: null,
  upstream_sha: '1'.repeat(40),
  upstream_version: null,
  status: 'up_to_date',
  changed_files: [],
  error: null,
});

describe('the sources store', () => {
  it('starts with nothing checked', () => {
    expect(createSourcesStore().getState()).toEqual({ collection: null, checkedAt: null, checks: {}, changes: null, merges: [] });
  });

  it('takes a check — the user\'s or the background one — whole: its collection, its time and each artifact by type and name', () => {
    const store = createSourcesStore();
    store.setState(withCheck({ collection: 'default', checked_at: '2026-01-01T00:00:00Z', artifacts: [check('review', 'skill'), check('review', 'command')], updates_available: 0 }));
    expect(store.getState()).toMatchObject({ collection: 'default', checkedAt: '2026-01-01T00:00:00Z' });
    expect(Object.keys(store.getState().checks)).toEqual(['skill:review', 'command:review']);
    // A later check replaces what the earlier one said: an artifact it no longer lists is no longer known.
    store.setState(withCheck({ collection: 'default', checked_at: '2026-01-01T06:00:00Z', artifacts: [check('review', 'command')], updates_available: 0 }));
    expect(Object.keys(store.getState().checks)).toEqual(['command:review']);
  });
});

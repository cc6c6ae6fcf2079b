import { describe, expect, it } from 'vitest';
import type { MergeOperationResult } from '../../../shared/results.js';
import { undoOfCollectionRemove, undoOfRemove, undoOfReplacedCopies } from './undo-request.js';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function resolved(replaced: string | null, dryRun = false): MergeOperationResult {
  return {
    operation: 'resolve',
    project: '/p/webapp',
    status: 'ok',
    dry_run: dryRun,
    markers_written: false,
    safety_snapshot_id: null,
    artifacts: [{ name: 'canvas', type: 'skill', collection: 'default', action: 'merged', reason: null, files: [], conflicts: [], new_sha: SHA_B, fork_name: null, replaced_version_id: replaced }],
  };
}

describe('what an undo puts back', () => {
  it('restores the project copy a completed merge replaced, from the version kept of it', () => {
    expect(undoOfReplacedCopies(resolved('av_canvas-skill_aaaaaaaaaaaa'))).toEqual({ kind: 'restore', project: '/p/webapp', versions: [{ artifact: 'canvas', versionId: 'av_canvas-skill_aaaaaaaaaaaa' }] });
  });

  it('offers no undo when nothing was replaced, or nothing was written', () => {
    expect(undoOfReplacedCopies(resolved(null))).toBeNull();
    expect(undoOfReplacedCopies(resolved('av_canvas-skill_aaaaaaaaaaaa', true))).toBeNull();
  });

  it('deploys a removed copy again only when it was the collection\'s own content', () => {
    const entry = { name: 'canvas', type: 'skill' as const, collection: 'default' };
    expect(undoOfRemove('/p/webapp', { ...entry, project_sha: SHA_A, collection_sha: SHA_A })).toEqual({ kind: 'redeploy', project: '/p/webapp', ...entry });
    expect(undoOfRemove('/p/webapp', { ...entry, project_sha: SHA_A, collection_sha: SHA_B })).toBeNull();
    expect(undoOfRemove('/p/webapp', { ...entry, project_sha: null, collection_sha: SHA_A })).toBeNull();
  });

  it('brings an artifact removed from the collection back from its safety snapshot, when one was taken', () => {
    expect(undoOfCollectionRemove({ name: 'tidy', type: 'skill', collection: 'default', safety_snapshot_id: 's-1' })).toEqual({ kind: 'bring-back', snapshotId: 's-1', collection: 'default', name: 'tidy', type: 'skill' });
    expect(undoOfCollectionRemove({ name: 'tidy', type: 'skill', collection: 'default', safety_snapshot_id: null })).toBeNull();
  });
});

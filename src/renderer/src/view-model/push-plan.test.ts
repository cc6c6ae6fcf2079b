import { describe, expect, it } from 'vitest';
import type { ArtifactMergeResult, MergeOperationResult } from '../../../shared/results.js';
import { pushPlanLines } from './push-plan.js';

const artifact = (overrides: Partial<ArtifactMergeResult>): ArtifactMergeResult => ({
  name: 'canvas', type: 'skill', collection: 'default', action: 'updated', reason: null, files: [], conflicts: [], new_sha: null, fork_name: null, replaced_version_id: null, ...overrides,
});
const plan = (artifacts: ArtifactMergeResult[], status: MergeOperationResult['status'] = 'ok'): MergeOperationResult => ({
  operation: 'push', project: '/p', status, dry_run: true, markers_written: false, safety_snapshot_id: null, artifacts,
});

describe('pushPlanLines', () => {
  it('says what each artifact would do, naming the changed files', () => {
    expect(pushPlanLines(plan([artifact({ files: [{ path: 'SKILL.md', outcome: 'took_local' }, { path: 'b.md', outcome: 'unchanged' }] })]))).toEqual(["canvas: the collection copy would take the project's edits (SKILL.md)."]);
  });

  it('names a fork and the files that would conflict (a single-file artifact by its name)', () => {
    expect(pushPlanLines(plan([artifact({ action: 'forked', fork_name: 'canvas-2' })]))).toEqual(['canvas: would be added to the collection as canvas-2; the collection copy stays as it is.']);
    const conflict: ArtifactMergeResult['conflicts'][number] = { path: '', kind: 'content', binary: false, base: 'a\n', local: 'b\n', remote: 'c\n', omitted: [], markers: null };
    expect(pushPlanLines(plan([artifact({ name: 'review', type: 'command', action: 'conflict', conflicts: [conflict] })], 'partial'))).toEqual(['review: 1 file would conflict (review): they would wait in the merge view.']);
  });

  it('puts a skip reason in the app\'s words', () => {
    expect(pushPlanLines(plan([artifact({ action: 'skipped', reason: 'It was removed; push --strategy fork adds it back as a new artifact.' })]))).toEqual(['canvas: would be skipped: It was removed; pushing it as a new artifact adds it back.']);
  });
});

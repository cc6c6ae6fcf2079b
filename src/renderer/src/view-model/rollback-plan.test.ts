import { describe, expect, it } from 'vitest';
import type { SnapshotDiff } from '../../../shared/snapshot-results.js';
import { isPathChosen, planArtifacts, planSummary, projectsSummary, rollbackChoices, rollbackOutcomeText, rollbackRequest, toggleRollbackPath } from './rollback-plan.js';
import { planArtifact, rollbackResult } from './snapshot-test-data.js';

const SHA = 'b'.repeat(64);

describe('the request of each mode', () => {
  it('restores exactly, keeps later edits, or takes back only the chosen paths; the plan asks the same as the run', () => {
    expect(rollbackRequest('s1', 'restore', ['skills/canvas'], true)).toEqual({ snapshot_id: 's1', preserve_changes: false, dry_run: true });
    expect(rollbackRequest('s1', 'keep', [], false)).toEqual({ snapshot_id: 's1', preserve_changes: true, dry_run: false });
    expect(rollbackRequest('s1', 'selected', ['skills/canvas', 'commands/review.md'], false)).toEqual({ snapshot_id: 's1', preserve_changes: false, paths: ['skills/canvas', 'commands/review.md'], dry_run: false });
  });
});

describe('choosing what a selective rollback takes back', () => {
  const diff: SnapshotDiff = {
    collection: 'default',
    from: 's1',
    to: null,
    artifacts: [
      { name: 'tidy', type: 'skill', change: 'modified', before_hash: SHA, after_hash: SHA, files: [{ path: 'skills/tidy/SKILL.md', change: 'modified', before_size: 1, after_size: 2 }] },
      { name: 'review', type: 'command', change: 'removed', before_hash: SHA, after_hash: null, files: [{ path: 'commands/review.md', change: 'removed', before_size: 1, after_size: null }] },
    ],
    other_files: [],
  };

  it('offers each differing artifact by its path in the collection, with its differing files', () => {
    expect(rollbackChoices(diff)).toEqual([
      { name: 'review', type: 'command', change: 'removed', path: 'commands/review.md', files: [] },
      { name: 'tidy', type: 'skill', change: 'modified', path: 'skills/tidy', files: [{ path: 'skills/tidy/SKILL.md', change: 'modified' }] },
    ]);
  });

  it('lets an artifact stand for its files', () => {
    const files = toggleRollbackPath(['skills/tidy/SKILL.md', 'skills/tidy/notes.md'], 'skills/tidy');
    expect(files).toEqual(['skills/tidy']);
    expect(isPathChosen(files, 'skills/tidy/SKILL.md')).toBe(true);
    expect(toggleRollbackPath(files, 'skills/tidy/SKILL.md')).toEqual(['skills/tidy']);
  });

  it('unticks what was ticked, and does not take a sibling for a file', () => {
    expect(toggleRollbackPath(['skills/tidy'], 'skills/tidy')).toEqual([]);
    expect(isPathChosen(['skills/tidy'], 'skills/tidy-extra/SKILL.md')).toBe(false);
  });
});

describe('the plan in words', () => {
  const plan = rollbackResult([
    planArtifact('canvas', 'restore', [{ path: 'skills/canvas/SKILL.md', action: 'restore' }]),
    planArtifact('zeta', 'conflict', [{ path: 'skills/zeta/SKILL.md', action: 'conflict' }]),
    planArtifact('tidy', 'keep', [{ path: 'skills/tidy/SKILL.md', action: 'keep' }]),
    planArtifact('alpha', 'unchanged'),
    planArtifact('board', 'merge', [{ path: 'skills/board/SKILL.md', action: 'merge' }]),
  ]);

  it('lists what needs attention first, then by name, and leaves out the unchanged', () => {
    expect(planArtifacts(plan).map((a) => `${a.name}: ${a.action}`)).toEqual(['zeta: conflict', 'board: merge', 'canvas: restore', 'tidy: keep']);
  });

  it('sums it up in a sentence, conflicts last', () => {
    expect(planSummary(plan)).toBe('Restores 1 artifact, merges 1 artifact and keeps 1 artifact edited by hand; 1 conflicted file will be left as it is now.');
  });

  it('says so when there is nothing to roll back', () => {
    expect(planSummary(rollbackResult([], { status: 'unchanged', message: 'Nothing to undo since 20260301_120000_abc.' }))).toBe('Nothing to undo since 20260301_120000_abc.');
  });

  it('counts the projects left with outdated copies, and those with local edits', () => {
    const projects = [
      { path: '/p/webapp', name: 'webapp', artifacts: [{ name: 'canvas', type: 'skill' as const, local_edits: true }], local_edits: true },
      { path: '/p/api', name: 'api', artifacts: [{ name: 'canvas', type: 'skill' as const, local_edits: false }], local_edits: false },
    ];
    expect(projectsSummary(rollbackResult([], { projects }))).toBe('2 projects will have outdated copies; 1 of them has local edits a sync will merge.');
    expect(projectsSummary(rollbackResult([]))).toBe('No registered project has a deployed copy this changes.');
  });
});

describe('the outcome in words', () => {
  it('names the safety snapshot that undoes it', () => {
    const result = rollbackResult([], { dry_run: false, files_restored: ['a', 'b'], files_merged: ['c'], safety_snapshot_id: '20260301_130000_xyz' });
    expect(rollbackOutcomeText(result, false)).toEqual({ tone: 'success', text: 'Rolled back to 20260301_120000_abc: 2 files restored, 1 merged. Safety snapshot 20260301_130000_xyz.' });
  });

  it('says conflicts were left as they are now', () => {
    const conflict = { path: 'skills/zeta/SKILL.md', kind: 'content' as const, binary: false, base: null, local: null, remote: null, omitted: [], markers: null };
    const result = rollbackResult([], { dry_run: false, status: 'partial', conflicts: [conflict], safety_snapshot_id: 'safe' });
    expect(rollbackOutcomeText(result, false)).toEqual({ tone: 'warning', text: 'Rolled back to 20260301_120000_abc. 1 conflicted file was left as it is now. Safety snapshot safe.' });
  });

  it('words an undo as going back to before the rollback', () => {
    const result = rollbackResult([], { dry_run: false, target_snapshot_id: 'safe', files_restored: ['a'], safety_snapshot_id: 'safe2' });
    expect(rollbackOutcomeText(result, true).text).toBe('Undone: the collection is back as it was before the rollback (safe): 1 file restored. Safety snapshot safe2.');
  });
});

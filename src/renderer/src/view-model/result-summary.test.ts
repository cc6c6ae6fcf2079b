import { describe, expect, it } from 'vitest';
import type { ArtifactMergeResult, MergeOperationResult } from '../../../shared/results.js';
import { appliedElsewhereSummary, completedMergeSummary, deployResultSummary, mergeResultSummary, settledFileSummary } from './result-summary.js';

function merged(name: string, action: ArtifactMergeResult['action'], conflictPaths: readonly string[] = []): ArtifactMergeResult {
  return {
    name,
    type: 'skill',
    collection: 'default',
    action,
    reason: null,
    files: [],
    conflicts: conflictPaths.map((path) => ({ path, kind: 'content', binary: false, base: '', local: '', remote: '', omitted: [], markers: '' })),
    new_sha: null,
    fork_name: null,
    replaced_version_id: null,
  };
}

function operation(status: MergeOperationResult['status'], artifacts: readonly ArtifactMergeResult[], operationName: MergeOperationResult['operation'] = 'sync'): MergeOperationResult {
  return { operation: operationName, project: '/p', status, dry_run: false, markers_written: false, safety_snapshot_id: null, artifacts: [...artifacts] };
}

describe('result summaries', () => {
  it('says a clean sync finished, artifact by artifact', () => {
    expect(mergeResultSummary(operation('ok', [merged('canvas', 'updated'), merged('tidy', 'merged')]))).toEqual({
      tone: 'success',
      text: 'Sync finished: canvas updated; tidy merged cleanly.',
      conflicts: [],
    });
  });

  it('lists each conflicted file of a partial sync with its artifact', () => {
    const summary = mergeResultSummary(operation('partial', [merged('canvas', 'conflict', ['SKILL.md', 'notes/a.md'])]));
    expect(summary.tone).toBe('warning');
    expect(summary.text).toBe('Sync left conflicts: canvas has 2 conflicted files.');
    expect(summary.conflicts.map((c) => `${c.artifact}/${c.path}`)).toEqual(['canvas/SKILL.md', 'canvas/notes/a.md']);
  });

  it('names the safety snapshot a push took', () => {
    const result = { ...operation('ok', [merged('canvas', 'updated')], 'push'), safety_snapshot_id: '20260101_000000_abc' };
    expect(mergeResultSummary(result).text).toBe('Push finished: canvas updated. Safety snapshot 20260101_000000_abc.');
  });

  it('says when there was nothing to do', () => {
    expect(mergeResultSummary(operation('nothing_to_do', [])).text).toBe('Sync: nothing to do.');
  });

  it('separates new, replaced and unchanged artifacts of a deploy', () => {
    const deployed = (name: string, action: 'deployed' | 'redeployed' | 'unchanged') => ({ name, type: 'skill' as const, collection: 'default', path: `skills/${name}`, sha: 'c'.repeat(64), action });
    expect(deployResultSummary({ project: '/p', deployed: [deployed('a', 'deployed'), deployed('b', 'redeployed'), deployed('c', 'unchanged'), deployed('d', 'deployed')] }).text).toBe(
      'Deployed a, d; redeployed b; c already up to date.',
    );
  });

  it('says a completed merge completed', () => {
    expect(completedMergeSummary(operation('ok', [merged('canvas', 'merged')], 'resolve')).text).toBe('Merge completed: canvas.');
  });

  it('counts the projects a resolution was applied to, and names those left with conflicts', () => {
    const ok = { ...operation('ok', [merged('canvas', 'merged')], 'resolve'), project: '/a' };
    const left = { ...operation('partial', [merged('canvas', 'conflict', ['SKILL.md'])], 'resolve'), project: '/b' };
    expect(appliedElsewhereSummary([ok, ok]).text).toBe('Applied the same resolution to 2 other projects.');
    expect(appliedElsewhereSummary([ok, left])).toMatchObject({ tone: 'warning', text: 'Applied the same resolution to 1 other project. Conflicts are left in /b.' });
  });
});

describe('settling a file by taking a side', () => {
  it('says that taking the collection version replaced the project\'s edits, never "merged cleanly"', () => {
    const summary = settledFileSummary(operation('ok', [merged('canvas', 'merged')], 'resolve'), 'canvas', 'SKILL.md', 'collection');
    expect(summary.text).toBe("Took the collection version of SKILL.md in canvas, replacing the project's edits. canvas is settled.");
    expect(summary.text).not.toContain('merged');
  });

  it('names a single-file artifact by itself and counts the files still in conflict', () => {
    const summary = settledFileSummary(operation('partial', [merged('review', 'conflict', ['a.md', 'b.md'])], 'resolve'), 'review', '', 'project');
    expect(summary).toMatchObject({ tone: 'warning', text: 'Kept the project version of review; 2 conflicted files left.' });
  });
});

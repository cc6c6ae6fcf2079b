import { describe, expect, it } from 'vitest';
import { auditText, changesText, kindText, retentionText, sizeText, snapshotTitle } from './snapshot-text.js';
import { auditEntry } from './snapshot-test-data.js';

describe('a snapshot on the timeline', () => {
  it('names the operation a safety snapshot preceded', () => {
    expect(kindText({ kind: 'safety', operation: 'push' })).toBe('safety, before push');
    expect(kindText({ kind: 'manual', operation: null })).toBe('manual');
    expect(kindText({ kind: 'automatic', operation: null })).toBe('automatic');
  });

  it('says why it is kept, with the policy behind the word', () => {
    const policy = { keep_all_hours: 24, daily_days: 30, weekly_weeks: 52 };
    expect(retentionText('daily', policy)).toEqual({ short: 'kept: daily', long: 'Kept: one automatic snapshot a day for 30 days.' });
    expect(retentionText('weekly', policy).short).toBe('kept: weekly');
    expect(retentionText('manual', policy).short).toBe('kept until deleted');
    expect(retentionText('expiring', policy).long).toContain('Pin it to keep it');
  });

  it('gives the archive size in bytes, KB or MB', () => {
    expect(sizeText(1)).toBe('1 byte');
    expect(sizeText(812)).toBe('812 bytes');
    expect(sizeText(14_540)).toBe('14.2 KB');
    expect(sizeText(3_250_000)).toBe('3.1 MB');
    expect(sizeText(null)).toBe('archive missing');
  });

  it('titles a snapshot by its message and id, or its id alone', () => {
    expect(snapshotTitle({ id: 'a1', message: 'Before the refactor' })).toBe('“Before the refactor” (a1)');
    expect(snapshotTitle({ id: 'a1', message: '' })).toBe('a1');
  });
});

describe('changes since the snapshot before', () => {
  it('counts added, modified and removed artifacts, and names them', () => {
    const text = changesText({ added: [{ name: 'canvas', type: 'skill' }, { name: 'tidy', type: 'skill' }], modified: [{ name: 'review', type: 'command' }], removed: [{ name: 'lint', type: 'skill' }] });
    expect(text.short).toBe('+2 ~1 −1');
    expect(text.label).toBe('2 added, 1 modified, 1 removed');
    expect(text.names).toBe('added: canvas, tidy; modified: review (command); removed: lint');
  });

  it('leaves out the kinds of change that did not happen', () => {
    expect(changesText({ added: [], modified: [{ name: 'canvas', type: 'skill' }], removed: [] }).short).toBe('~1');
  });

  it('says so when nothing changed, or when it cannot be known', () => {
    expect(changesText({ added: [], modified: [], removed: [] }).short).toBe('no changes');
    expect(changesText(null).short).toBe('changes unknown');
  });
});

describe('audit entries on the timeline', () => {
  it('says what a rollback did and in which mode', () => {
    const entry = auditEntry('r1', '2026-03-01T12:00:00Z', { operation_type: 'intelligent', target_snapshot_id: 's1', files_restored: ['a', 'b'], files_merged: ['c'], conflicts_pending: ['d'] });
    expect(auditText(entry)).toEqual({ title: 'Rolled back to s1 (keeping later edits)', detail: '2 files restored, 1 merged, 1 conflict left' });
  });

  it('names the project a merge was settled in', () => {
    const entry = auditEntry('m1', '2026-03-01T12:00:00Z', { operation_type: 'merge', target_snapshot_id: 'project:/home/me/webapp', conflicts_resolved: ['x'] });
    expect(auditText(entry)).toEqual({ title: 'Merge in webapp', detail: '1 conflict resolved' });
    expect(auditText({ ...entry, conflicts_resolved: [] }).detail).toBe('no conflicts');
  });

  it('says a failed rollback failed, with its error', () => {
    expect(auditText(auditEntry('r2', '2026-03-01T12:00:00Z', { success: false, error: 'disk full' })).detail).toBe('failed: disk full');
  });
});

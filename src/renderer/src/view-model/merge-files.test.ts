import { describe, expect, it } from 'vitest';
import type { MergeFile } from '../../../shared/merge-results.js';
import { completionPlan, conflictsRemainingText, draftsToSave, fileStateText, freshWork, wholeFileOptions, withModelState, type MergedText } from './merge-files.js';
import { conflictChoices, regionStateText } from './conflict-choices.js';
import { paneTitle, PROJECT_MERGE_SIDES, ROLLBACK_MERGE_SIDES, sideNamesOf, UPDATE_MERGE_SIDES } from './side-names.js';

function file(partial: Partial<MergeFile> & Pick<MergeFile, 'path'>): MergeFile {
  return { state: 'conflict', kind: 'text', base: 'b\n', project: 'p\n', collection: 'c\n', merged: 'm\n', result: 'm\n', draft: false, regions: [], resolution: null, omitted: [], ...partial };
}

/** A stand-in for the merge model: a text and how many conflicts it still holds. */
function textModel(text: string, remaining: number): MergedText {
  return { text: () => text, hasConflictMarkers: () => text.includes('<<<<<<<'), conflictsRemaining: () => remaining };
}

describe('the files of a merge', () => {
  it('counts what each file still needs and names its state', () => {
    const open = freshWork(file({ path: 'SKILL.md' }), textModel('<<<<<<< project\n', 2));
    const binary = freshWork(file({ path: 'logo.png', kind: 'binary', base: null, project: null, collection: null }), null);
    const auto = freshWork(file({ path: 'notes.md', state: 'auto_merged' }), null);
    expect([open, binary, auto].map(fileStateText)).toEqual(['2 conflicts', 'needs a choice', 'merged automatically']);
    expect([open, binary, auto].map((w) => w.remaining)).toEqual([2, 1, 0]);
    expect(fileStateText(withModelState({ ...binary, choice: 'collection' }))).toBe('ready (take collection)');
  });

  it('says so when the conflicts are settled but markers were typed back by hand', () => {
    expect(fileStateText(freshWork(file({ path: 'a' }), textModel('x\n<<<<<<< project\n', 0)))).toBe('conflict markers left');
  });

  it('offers deleting in place of the side that deleted the file', () => {
    expect(wholeFileOptions({ kind: 'deletion', project: null, collection: 'c' }).map((o) => o.label)).toEqual(['Delete file', 'Take collection', 'Use base']);
    expect(wholeFileOptions({ kind: 'deletion', project: 'p', collection: null }).map((o) => o.label)).toEqual(['Keep project', 'Delete file', 'Use base']);
    expect(wholeFileOptions({ kind: 'binary', project: null, collection: null }).map((o) => o.label)).toEqual(['Keep project', 'Take collection', 'Use base']);
  });

  it('completes with each open file: text files by their text, others by their choice', () => {
    const work = [
      freshWork(file({ path: 'SKILL.md' }), textModel('merged\n', 0)),
      withModelState({ ...freshWork(file({ path: 'gone.md', kind: 'deletion', project: null }), null), choice: 'delete' as const }),
      withModelState({ ...freshWork(file({ path: 'logo.png', kind: 'binary' }), null), choice: 'base' as const }),
      freshWork(file({ path: 'auto.md', state: 'auto_merged' }), null),
      freshWork(file({ path: 'done.md', state: 'resolved', resolution: 'project', result: 'p\n' }), textModel('p\n', 0)),
    ];
    expect(completionPlan(work)).toEqual({
      files: [
        { path: 'SKILL.md', text: 'merged\n' },
        { path: 'gone.md', delete: true },
        { path: 'logo.png', take: 'base' },
      ],
      undecided: [],
      markers: [],
    });
  });

  it('names the files that stand in the way: undecided ones, and texts with markers left', () => {
    const plan = completionPlan([freshWork(file({ path: 'SKILL.md' }), textModel('<<<<<<< project\n', 1)), freshWork(file({ path: 'logo.png', kind: 'binary' }), null)]);
    expect(plan.undecided).toEqual(['logo.png']);
    expect(plan.markers).toEqual(['SKILL.md']);
  });

  it('keeps drafts only of conflicted text files changed here', () => {
    const changed = freshWork(file({ path: 'a.md', result: 'm\n' }), textModel('mine\n', 0));
    const untouched = freshWork(file({ path: 'b.md', result: 'm\n' }), textModel('m\n', 1));
    expect(draftsToSave([changed, untouched])).toEqual([{ path: 'a.md', text: 'mine\n' }]);
  });

  it('words the header count as the spec does', () => {
    expect([0, 1, 3].map(conflictsRemainingText)).toEqual(['No conflicts remaining', '1 conflict remaining', '3 conflicts remaining']);
  });
});

describe("a rollback's merge names its sides by place", () => {
  it('words the whole-file choices and the conflict buttons with "collection now" and "snapshot"', () => {
    expect(wholeFileOptions({ kind: 'binary', project: null, collection: null }, ROLLBACK_MERGE_SIDES).map((o) => o.label)).toEqual(['Keep collection now', 'Take snapshot', 'Use base']);
    expect(conflictChoices(ROLLBACK_MERGE_SIDES).map((c) => c.label)).toEqual(['Accept collection now', 'Accept snapshot', 'Accept both', 'Both, snapshot first', 'Back to base']);
    expect(conflictChoices().map((c) => c.label)).toEqual(['Accept project', 'Accept collection', 'Accept both', 'Both, collection first', 'Back to base']);
    expect(regionStateText('collection', ROLLBACK_MERGE_SIDES)).toBe('snapshot accepted');
    expect(paneTitle('project', ROLLBACK_MERGE_SIDES)).toBe('Collection now');
    expect(sideNamesOf('push')).toBe(PROJECT_MERGE_SIDES);
  });
});

describe("an upstream update's merge names its sides by place", () => {
  it('words the panes, the conflict buttons and the whole-file choices with "collection" (its own edits) and "upstream"', () => {
    expect(sideNamesOf('update')).toBe(UPDATE_MERGE_SIDES);
    expect((['project', 'result', 'collection'] as const).map((pane) => paneTitle(pane, UPDATE_MERGE_SIDES))).toEqual(['Collection', 'Result', 'Upstream']);
    expect(conflictChoices(UPDATE_MERGE_SIDES).map((c) => c.label)).toEqual(['Accept collection', 'Accept upstream', 'Accept both', 'Both, upstream first', 'Back to base']);
    expect(wholeFileOptions({ kind: 'binary', project: null, collection: null }, UPDATE_MERGE_SIDES).map((o) => o.label)).toEqual(['Keep collection', 'Take upstream', 'Use base']);
  });
});

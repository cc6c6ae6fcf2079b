/**
 * The files of a merge as the merge view lists them: what each one needs, the whole-file choices
 * a file that cannot be merged by lines offers, and what completing the merge sends.
 */
import type { MergeFile } from '../../../shared/merge-results.js';
import { PROJECT_MERGE_SIDES, type SideNames } from './side-names.js';
import { plural } from './result-summary.js';

/** A whole-file choice: a side's copy, the base's, or no file. */
export type WholeFileChoice = 'project' | 'collection' | 'base' | 'delete';

/** The button of a whole-file choice. */
export interface WholeFileOption {
  readonly choice: WholeFileChoice;
  readonly label: string;
  readonly description: string;
}

/** The whole-file choices, worded with the merge's side names. */
function optionsOf(names: SideNames): Readonly<Record<WholeFileChoice, WholeFileOption>> {
  return {
    project: { choice: 'project', label: `Keep ${names.project}`, description: `Keep the ${names.project} copy of this file as it is.` },
    collection: { choice: 'collection', label: `Take ${names.collection}`, description: `Replace the file with the ${names.collection} copy.` },
    base: { choice: 'base', label: 'Use base', description: 'Go back to the file as it was last integrated (the base).' },
    delete: { choice: 'delete', label: 'Delete file', description: 'Remove the file from the artifact.' },
  };
}

const OPTIONS = optionsOf(PROJECT_MERGE_SIDES);

/** What a merged text exposes to the file list: its text and whether conflict markers are left. */
export interface MergedText {
  text(): string;
  hasConflictMarkers(): boolean;
  conflictsRemaining(): number;
}

/** One file of the merge while the user works on it. */
export interface MergeFileWork<M extends MergedText = MergedText> {
  readonly file: MergeFile;
  /** The line merge of a text file whose three texts arrived; null for whole-file choices. */
  readonly model: M | null;
  /** The whole-file choice made in this view (files without a model). */
  readonly choice: WholeFileChoice | null;
  /** The model's text differs from the file's result as it was read. */
  readonly dirty: boolean;
  /** Open conflicts: the model's, or 1 for a file still waiting for a whole-file choice. */
  readonly remaining: number;
}

/** The work on a file as it was read: a model when there is one, nothing chosen. */
export function freshWork<M extends MergedText>(file: MergeFile, model: M | null): MergeFileWork<M> {
  return withModelState({ file, model, choice: null, dirty: false, remaining: 0 });
}

/** The work with the model's counts read again (after an edit). */
export function withModelState<M extends MergedText>(work: MergeFileWork<M>): MergeFileWork<M> {
  if (work.model !== null) {
    const dirty = work.model.text() !== (work.file.result ?? work.file.merged ?? '');
    return { ...work, dirty, remaining: work.model.conflictsRemaining() };
  }
  return { ...work, remaining: work.file.state === 'conflict' && work.choice === null ? 1 : 0 };
}

/** The whole-file choices of a file: a deletion offers deleting instead of the side that deleted it. */
export function wholeFileOptions(file: Pick<MergeFile, 'kind' | 'project' | 'collection'>, names: SideNames = PROJECT_MERGE_SIDES): readonly WholeFileOption[] {
  const options = optionsOf(names);
  if (file.kind === 'deletion') {
    if (file.project === null && file.collection !== null) return [options.delete, options.collection, options.base];
    if (file.collection === null && file.project !== null) return [options.project, options.delete, options.base];
    return [options.project, options.collection, options.base, options.delete];
  }
  return [options.project, options.collection, options.base];
}

/** The label of a whole-file choice. */
export function wholeFileLabel(choice: WholeFileChoice, names: SideNames = PROJECT_MERGE_SIDES): string {
  return (names === PROJECT_MERGE_SIDES ? OPTIONS : optionsOf(names))[choice].label;
}

const KIND_TEXT: Readonly<Record<MergeFile['kind'], string>> = {
  text: 'text',
  binary: 'binary, changed on both sides',
  deletion: 'deleted on one side, changed on the other',
  too_large: 'too large to merge by lines',
};

/** What a file is, in a few words ("binary, changed on both sides"). */
export function fileKindText(kind: MergeFile['kind']): string {
  return KIND_TEXT[kind];
}

const RESOLUTION_TEXT: Readonly<Record<NonNullable<MergeFile['resolution']>, string>> = {
  project: 'kept project',
  collection: 'took collection',
  base: 'used base',
  text: 'merged',
  delete: 'deleted',
};

/** A file's state in the file list: what is left to do, or how it was settled. */
export function fileStateText(work: Pick<MergeFileWork, 'file' | 'model' | 'choice' | 'remaining' | 'dirty'>): string {
  const { file } = work;
  if (file.state === 'auto_merged') return 'merged automatically';
  if (work.model !== null) {
    if (work.remaining > 0) return plural(work.remaining, 'conflict');
    if (file.state === 'resolved' && !work.dirty) return `resolved (${RESOLUTION_TEXT[file.resolution ?? 'text']})`;
    return work.model.hasConflictMarkers() ? 'conflict markers left' : 'ready';
  }
  if (work.choice !== null) return `ready (${wholeFileLabel(work.choice).toLowerCase()})`;
  if (file.state === 'resolved') return `resolved (${RESOLUTION_TEXT[file.resolution ?? 'text']})`;
  return 'needs a choice';
}

/** One file as `completeMerge` takes it. */
export type CompletedFile =
  | { readonly path: string; readonly text: string }
  | { readonly path: string; readonly take: 'project' | 'collection' | 'base' }
  | { readonly path: string; readonly delete: true };

/** What completing the merge sends, and what stands in its way. */
export interface CompletionPlan {
  readonly files: readonly CompletedFile[];
  /** Files still waiting for a whole-file choice: the merge cannot complete. */
  readonly undecided: readonly string[];
  /** Files whose text still holds conflict markers: complete only after asking. */
  readonly markers: readonly string[];
}

/**
 * The files to settle: every file still in conflict, and any settled file changed here; text files
 * send their text, others their whole-file choice. Files merged automatically are not sent.
 */
export function completionPlan(work: readonly MergeFileWork[]): CompletionPlan {
  const files: CompletedFile[] = [];
  const undecided: string[] = [];
  const markers: string[] = [];
  for (const { file, model, choice, dirty } of work) {
    if (file.state === 'auto_merged') continue;
    if (model !== null) {
      if (file.state === 'resolved' && !dirty) continue;
      files.push({ path: file.path, text: model.text() });
      if (model.hasConflictMarkers()) markers.push(file.path);
    } else if (choice !== null) {
      files.push(choice === 'delete' ? { path: file.path, delete: true } : { path: file.path, take: choice });
    } else if (file.state === 'conflict') {
      undecided.push(file.path);
    }
  }
  return { files, undecided, markers };
}

/** The files to keep as drafts when the view is left mid-merge: conflicted text files changed here. */
export function draftsToSave(work: readonly MergeFileWork[]): readonly { readonly path: string; readonly text: string }[] {
  return work.filter((w) => w.model !== null && w.file.state === 'conflict' && w.dirty).map((w) => ({ path: w.file.path, text: w.model?.text() ?? '' }));
}

/** The open conflicts of the whole merge. */
export function conflictsRemaining(work: readonly Pick<MergeFileWork, 'remaining'>[]): number {
  return work.reduce((sum, w) => sum + w.remaining, 0);
}

/** The header's count, in the spec's words. */
export function conflictsRemainingText(count: number): string {
  if (count === 0) return 'No conflicts remaining';
  return `${count} ${count === 1 ? 'conflict' : 'conflicts'} remaining`;
}

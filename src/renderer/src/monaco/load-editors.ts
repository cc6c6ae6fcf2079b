/**
 * The Monaco-based editors, each imported on demand: Monaco and its worker land in their own
 * chunks, loaded only when a merge or diff view opens, so the first bundle does not carry them.
 */
import type * as MergeEditorModule from './merge-editor.js';
import type * as DiffEditorModule from './diff-editor.js';

let mergeEditor: Promise<typeof MergeEditorModule> | undefined;
let diffEditor: Promise<typeof DiffEditorModule> | undefined;

/** The three-pane merge editor's module. */
export function loadMergeEditor(): Promise<typeof MergeEditorModule> {
  mergeEditor ??= retryable(import('./merge-editor.js'), () => (mergeEditor = undefined));
  return mergeEditor;
}

/** The "Show changes" diff editor's module. */
export function loadDiffEditor(): Promise<typeof DiffEditorModule> {
  diffEditor ??= retryable(import('./diff-editor.js'), () => (diffEditor = undefined));
  return diffEditor;
}

/** A load that is forgotten when it fails (a chunk missing after an update), so the next view tries again. */
function retryable<T>(loading: Promise<T>, forget: () => void): Promise<T> {
  loading.catch(forget);
  return loading;
}

/**
 * Monaco, offline: the editor API with only the features the merge and diff views use, and its
 * worker bundled by Vite (`?worker`). Never import this module statically: load-editors.ts imports
 * it on demand, so Monaco lands in its own chunk and the first bundle does not carry it.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/languages/definitions/markdown/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

// Diffs and word computations run in this worker; it is served from the app's own origin ('self').
self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export { monaco };

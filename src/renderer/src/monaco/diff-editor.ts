/**
 * "Show changes" on Monaco's diff editor: two panes side by side, or one inline pane when the view
 * is narrow. Loaded only through `loadDiffEditor()` (its own chunk, with Monaco).
 */
import { monaco } from './monaco-runtime.js';

/** Below this width the diff is shown inline (one pane), as the app works at 900 px. */
export const SIDE_BY_SIDE_MIN_WIDTH = 900;

export interface ChangesDiff {
  /** Shows one file: its text before and after. */
  show(file: { readonly path: string; readonly before: string; readonly after: string }): void;
  setSideBySide(sideBySide: boolean): void;
  dispose(): void;
}

/** A read-only diff editor in `container`. */
export function createChangesDiff(container: HTMLElement, options: { readonly sideBySide: boolean }): ChangesDiff {
  const editor = monaco.editor.createDiffEditor(container, {
    readOnly: true,
    originalEditable: false,
    renderSideBySide: options.sideBySide,
    useInlineViewWhenSpaceIsLimited: true,
    renderSideBySideInlineBreakpoint: SIDE_BY_SIDE_MIN_WIDTH,
    automaticLayout: true,
    minimap: { enabled: false },
    ignoreTrimWhitespace: false,
    renderOverviewRuler: true,
    scrollBeyondLastLine: false,
    fontSize: 13,
    stickyScroll: { enabled: false },
    tabFocusMode: true,
    accessibilityVerbose: false,
    originalAriaLabel: 'Before (read-only)',
    modifiedAriaLabel: 'After (read-only)',
  });
  let models: monaco.editor.ITextModel[] = [];
  return {
    show(file) {
      const language = /\.(md|markdown|mdx)$/i.test(file.path) || file.path === '' ? 'markdown' : 'plaintext';
      const next = [monaco.editor.createModel(file.before, language), monaco.editor.createModel(file.after, language)];
      editor.setModel({ original: next[0]!, modified: next[1]! });
      for (const model of models) model.dispose();
      models = next;
    },
    setSideBySide(sideBySide) {
      editor.updateOptions({ renderSideBySide: sideBySide });
    },
    dispose() {
      editor.dispose();
      for (const model of models) model.dispose();
      models = [];
    },
  };
}

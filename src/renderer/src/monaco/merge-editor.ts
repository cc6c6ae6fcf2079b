/**
 * The three-pane merge editor on Monaco: Project | Result | Collection (and Base on demand), one
 * Monaco editor per pane, lined up with view zones and scrolled together.
 *
 * The merge model is the truth of the result's bytes; the Result editor is a view of it.
 * - A choice (a button) asks the model, which returns the LineEdit it made; that edit is mirrored
 *   into the Result editor, and the change event it raises is ignored.
 * - Typing in the Result raises content changes; each becomes a LineEdit of whole lines
 *   (result-edits.ts) that the model applies and reads region states back from.
 * After either, the panes are painted again: decorations from merge-decorations.ts and view zones
 * from merge-alignment.ts (each stretch padded to the tallest pane, a header row above each block
 * holding conflicts). Every pane is then equally tall, so scrolling one sets the same scrollTop on
 * the others. Loaded only through `loadMergeEditor()` (its own chunk, with Monaco).
 */
import type { MergeModel } from '../merge-model/merge-model.js';
import type { LineEdit, RegionChoice, RegionView } from '../merge-model/region-view.js';
import { splitLines } from '../merge-model/split-lines.js';
import { alignmentZones, regionBlocks, type RegionBlock, type ZoneSpec } from '../view-model/merge-alignment.js';
import { charMarks, lineMarks, type CharMark, type LineMark, type MergePane } from '../view-model/merge-decorations.js';
import { lineEditOfChange, textChangeOfEdit } from '../view-model/result-edits.js';
import { rowsNeeded } from '../view-model/action-rows.js';
import { conflictChoices, REOPEN_LABEL } from '../view-model/conflict-choices.js';
import { paneTitle, PROJECT_MERGE_SIDES, type SideNames } from '../view-model/side-names.js';
import { monaco } from './monaco-runtime.js';

type Editor = monaco.editor.IStandaloneCodeEditor;

/** One pane's editor and what was last put into it (so a repaint changes only what differs). */
interface PaneView {
  readonly editor: Editor;
  readonly decorations: monaco.editor.IEditorDecorationsCollection;
  /** The zones in the pane by their spec's key. */
  zones: Map<string, string>;
  /** The decorations last set, as a key. */
  decorationKey: string;
}

/** The blocks that hold conflicts, each with the node its actions are rendered into (above it in the Result). */
export interface ConflictHeader {
  /** The node above the block in the Result pane; the same node for the same first region across repaints. */
  readonly node: HTMLElement;
  /** The conflict regions of the block, one row of actions each. */
  readonly conflicts: readonly RegionView[];
  /** The height of each conflict's row, in pixels (its buttons wrap within it). */
  readonly rowHeight: number;
  /** The pane is too narrow for every action on one line: main actions short, the rest in a list. */
  readonly compact: boolean;
}

export interface MergeEditorOptions {
  readonly containers: Readonly<Record<MergePane, HTMLElement>>;
  readonly base: string;
  readonly project: string;
  readonly collection: string;
  readonly model: MergeModel;
  /** The file's path, for its language. */
  readonly path: string;
  readonly showBase: boolean;
  /** The merge's side names (pane labels, the widths of the conflict buttons); a project's merge when left out. */
  readonly names?: SideNames;
  /** The model changed (a choice or typing). */
  onChange(): void;
  /** The header nodes changed: render each block's actions into its node. */
  onHeaders(headers: readonly ConflictHeader[]): void;
}

/** What the merge view can do with the panes. */
export interface MergeEditor {
  accept(index: number, choice: RegionChoice): void;
  reopen(index: number): void;
  acceptAll(side: 'project' | 'collection'): void;
  /** Moves to the next (previous) unresolved conflict; false when there is none. */
  next(): boolean;
  previous(): boolean;
  setShowBase(show: boolean): void;
  dispose(): void;
}

/** One line of a conflict's action buttons, and the room around them, in pixels (as app.css draws them). */
const ACTION_LINE_PX = 22;
const ACTION_PADDING_PX = 6;
/** What a button adds to its text's width: padding and borders (app.css: .conflict-action, .minor); the icon's width; the gap. */
const BUTTON_EXTRA_PX = 16;
const MINOR_EXTRA_PX = 10;
const ICON_PX = 16;
/** The "More…" list's width (app.css: .conflict-more). */
const MORE_PX = 64;
const ACTION_GAP_PX = 4;
const ACTION_FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const PANES: readonly MergePane[] = ['base', 'project', 'result', 'collection'];

const OVERVIEW: Readonly<Partial<Record<LineMark['tone'], string>>> = {
  conflict: '#e5484d',
  project: '#3b82f6',
  collection: '#d9a21b',
  resolved: '#30a46c',
  taken: '#30a46c',
  hand: '#8e4ec6',
};

/** Builds the editors into the containers. */
export function createMergeEditor(options: MergeEditorOptions): MergeEditor {
  return new MonacoMergeEditor(options);
}

class MonacoMergeEditor implements MergeEditor {
  /** The panes' editors; the Base's is made the first time it is shown. */
  private readonly views: Partial<Record<MergePane, PaneView>> = {};
  private readonly result: PaneView;
  private readonly sideLines: Readonly<Record<'base' | 'project' | 'collection', readonly string[]>>;
  private readonly language: string;
  /** Header nodes by the index of the block's first region, kept across repaints so focus and React portals survive. */
  private readonly headerNodes = new Map<number, HTMLElement>();
  private readonly disposables: monaco.IDisposable[] = [];
  private showBase: boolean;
  /** True while the editor applies an edit the model made (its change event is not the user's). */
  private mirroring = false;
  private syncingScroll = false;
  private navigated = false;
  private paintScheduled = 0;
  /** Widths of a conflict's actions, measured once: all of them, and the compact set. */
  private readonly actionWidths: ReturnType<typeof measureActions>;
  private actionLayout = { rowHeight: 0, compact: false };

  constructor(private readonly options: MergeEditorOptions) {
    this.showBase = options.showBase;
    this.actionWidths = measureActions(options.names ?? PROJECT_MERGE_SIDES);
    this.sideLines = { base: splitLines(options.base), project: splitLines(options.project), collection: splitLines(options.collection) };
    this.language = /\.(md|markdown|mdx)$/i.test(options.path) || options.path === '' ? 'markdown' : 'plaintext';
    this.result = this.view('result');
    this.view('project');
    this.view('collection');
    const result = this.result.editor.getModel();
    if (result !== null) this.disposables.push(result.onDidChangeContent((e) => this.typed(e)));
    // A narrower Result wraps the actions into more rows: the zones above conflicts grow.
    this.disposables.push(this.result.editor.onDidLayoutChange(() => this.actionLayout.rowHeight !== this.layoutActions().rowHeight && this.schedulePaint()));
    this.paint();
  }

  /** The editor of a pane, made on first use. */
  private view(pane: MergePane): PaneView {
    const existing = this.views[pane];
    if (existing !== undefined) return existing;
    const text = pane === 'result' ? this.options.model.text() : this.options[pane];
    const model = monaco.editor.createModel(text, this.language);
    const editor = monaco.editor.create(this.options.containers[pane], {
      model,
      readOnly: pane !== 'result',
      ariaLabel: pane === 'result' ? 'Result' : `${paneTitle(pane, this.options.names ?? PROJECT_MERGE_SIDES)} (read-only)`,
      automaticLayout: true,
      minimap: { enabled: false },
      wordWrap: 'off',
      scrollBeyondLastLine: false,
      folding: false,
      glyphMargin: false,
      lineNumbersMinChars: 3,
      fontSize: 13,
      renderLineHighlight: pane === 'result' ? 'line' : 'none',
      // Tab moves focus, so keyboard users can leave the Result for the conflict actions.
      tabFocusMode: true,
      stickyScroll: { enabled: false },
      overviewRulerLanes: 1,
      unicodeHighlight: { ambiguousCharacters: false },
      scrollbar: { alwaysConsumeMouseWheel: false },
      // What a merge does not need, and every edit of a long file would pay for.
      bracketPairColorization: { enabled: false },
      guides: { bracketPairs: false, indentation: false },
      matchBrackets: 'never',
      occurrencesHighlight: 'off',
      selectionHighlight: false,
      links: false,
      colorDecorators: false,
      codeLens: false,
    });
    // Monaco hides its view zones from assistive technology (they hold decoration, as a rule);
    // ours hold each conflict's buttons, which must be reachable. Monaco sets this only once.
    editor.getDomNode()?.querySelector('.view-zones')?.removeAttribute('aria-hidden');
    this.disposables.push(model, editor.onDidScrollChange((e) => e.scrollTopChanged && this.followScroll(pane, e.scrollTop)));
    const view: PaneView = { editor, decorations: editor.createDecorationsCollection(), zones: new Map(), decorationKey: '' };
    this.views[pane] = view;
    return view;
  }

  accept(index: number, choice: RegionChoice): void {
    this.mirror([this.options.model.accept(index, choice)]);
  }

  reopen(index: number): void {
    this.mirror([this.options.model.reopen(index)]);
  }

  acceptAll(side: 'project' | 'collection'): void {
    this.mirror(this.options.model.acceptAll(side));
  }

  next(): boolean {
    return this.reveal(this.options.model.nextUnresolved(this.cursorLine()));
  }

  previous(): boolean {
    const line = this.cursorLine();
    return this.reveal(this.options.model.previousUnresolved(line < 0 ? Number.MAX_SAFE_INTEGER : line));
  }

  setShowBase(show: boolean): void {
    if (show === this.showBase) return;
    this.showBase = show;
    this.paint();
  }

  dispose(): void {
    cancelAnimationFrame(this.paintScheduled);
    for (const pane of PANES) this.views[pane]?.editor.dispose();
    for (const disposable of this.disposables) disposable.dispose();
    this.headerNodes.clear();
  }

  /** The Result's cursor line (0-based), or -1 before the first move, so "next" starts at the top. */
  private cursorLine(): number {
    if (!this.navigated) return -1;
    return (this.result.editor.getPosition()?.lineNumber ?? 1) - 1;
  }

  private reveal(region: RegionView | undefined): boolean {
    if (region === undefined) return false;
    this.navigated = true;
    const line = region.result.start + 1;
    this.result.editor.setPosition({ lineNumber: line, column: 1 });
    this.result.editor.revealLineInCenter(line, monaco.editor.ScrollType.Immediate);
    return true;
  }

  /** Mirrors the model's edits into the Result (one undo step), then repaints. */
  private mirror(edits: readonly LineEdit[]): void {
    const model = this.result.editor.getModel();
    if (model === null) return;
    this.mirroring = true;
    try {
      model.pushStackElement();
      for (const edit of edits) {
        const change = textChangeOfEdit(edit);
        const range = new monaco.Range(change.startLineNumber, change.startColumn, change.endLineNumber, change.endColumn);
        model.pushEditOperations([], [{ range, text: change.text, forceMoveMarkers: true }], () => null);
      }
      model.pushStackElement();
      this.resyncIfApart(model);
    } finally {
      this.mirroring = false;
    }
    this.paint();
    this.options.onChange();
  }

  /** The user typed (or undid) in the Result: the model takes the same lines. */
  private typed(event: monaco.editor.IModelContentChangedEvent): void {
    if (this.mirroring) return;
    // Monaco orders the changes of one event from the end of the text to the start, so each
    // applies to the lines left by the one before.
    for (const change of event.changes) this.options.model.applyEdit(lineEditOfChange(this.options.model.lines, { ...change.range, text: change.text }));
    this.schedulePaint();
    this.options.onChange();
  }

  /**
   * A safety net: where the text has no CR (Monaco may normalise line endings, so CRLF texts are
   * not compared), the editor must be as long as the model's text; if it is not, it is set to it.
   */
  private resyncIfApart(model: monaco.editor.ITextModel): void {
    const text = this.options.model.text();
    if (text.includes('\r') || model.getValueLength() === text.length) return;
    console.error('The Result editor and the merge model disagreed; the editor was set to the model.');
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  }

  private schedulePaint(): void {
    cancelAnimationFrame(this.paintScheduled);
    this.paintScheduled = requestAnimationFrame(() => this.paint());
  }

  private followScroll(from: MergePane, scrollTop: number): void {
    if (this.syncingScroll) return;
    this.syncingScroll = true;
    try {
      for (const pane of this.visiblePanes()) if (pane !== from) this.views[pane]?.editor.setScrollTop(scrollTop);
    } finally {
      this.syncingScroll = false;
    }
  }

  private visiblePanes(): readonly MergePane[] {
    return this.showBase ? PANES : PANES.filter((pane) => pane !== 'base');
  }

  /** Decorations and view zones of every visible pane, from the model's regions now. */
  private paint(): void {
    cancelAnimationFrame(this.paintScheduled);
    const blocks = regionBlocks(this.options.model.regions());
    const panes = this.visiblePanes();
    const lines = { ...this.sideLines, result: this.options.model.lines };
    this.actionLayout = this.layoutActions();
    // A zone is as wide as the longest line; the actions wrap within what the pane shows.
    const visibleWidth = `${this.result.editor.getLayoutInfo().contentWidth}px`;
    for (const node of this.headerNodes.values()) node.style.width = visibleWidth;
    const lineHeight = this.result.editor.getOption(monaco.editor.EditorOption.lineHeight);
    const headerLines = blocks.map((block) => (conflictsOf(block).length * this.actionLayout.rowHeight) / lineHeight);
    const zones = alignmentZones(
      panes.map((pane) => ({ lineCount: lines[pane].length, blocks: blocks.map((block) => block[pane]) })),
      headerLines,
    );
    const focused = document.activeElement;
    panes.forEach((pane, p) => {
      const view = this.view(pane);
      this.placeZones(pane, view, zones[p] ?? [], blocks);
      this.paintDecorations(pane, view, blocks, lines);
    });
    // A focused action button whose zone was put back keeps the focus.
    if (focused instanceof HTMLElement && focused !== document.activeElement && focused.isConnected) focused.focus();
    this.followScroll('result', this.result.editor.getScrollTop());
    const live = new Set(blocks.map((block) => block.regions[0]?.index));
    for (const index of this.headerNodes.keys()) if (!live.has(index)) this.headerNodes.delete(index);
    this.options.onHeaders(blocks.filter((block) => conflictsOf(block).length > 0).map((block) => ({ node: this.headerNode(block), conflicts: conflictsOf(block), ...this.actionLayout })));
  }

  /** How a conflict's actions fit the Result as wide as it is now: all on one line, or the compact set in as many rows as it takes. */
  private layoutActions(): { readonly rowHeight: number; readonly compact: boolean } {
    // A little to spare: the fonts the page ends up with may be wider than measured.
    const available = Math.max((this.result.editor.getLayoutInfo().contentWidth - 2 * ACTION_PADDING_PX) * 0.95, 1);
    const compact = rowsNeeded(this.actionWidths.full, available, ACTION_GAP_PX) > 1;
    const rows = compact ? rowsNeeded(this.actionWidths.compact, available, ACTION_GAP_PX) : 1;
    return { rowHeight: rows * ACTION_LINE_PX + ACTION_PADDING_PX, compact };
  }

  /**
   * Puts a pane's zones in place. Side panes keep every zone that is still wanted (their texts
   * never change, so a zone's place never moves) and add or remove only the others. In the Result
   * an edit moves the zones below it, so any change puts them all back.
   */
  private placeZones(pane: MergePane, view: PaneView, specs: readonly ZoneSpec[], blocks: readonly RegionBlock<RegionView>[]): void {
    const keyOf = (z: ZoneSpec) => `${z.afterLineNumber}:${z.heightInLines}:${z.kind}:${z.ordinal}:${z.kind === 'header' ? (blocks[z.block]?.regions[0]?.index ?? '') : ''}`;
    const wanted = new Map(specs.map((spec) => [keyOf(spec), spec]));
    const kept = pane === 'result' && (wanted.size !== view.zones.size || [...wanted.keys()].some((key) => !view.zones.has(key))) ? new Set<string>() : new Set([...view.zones.keys()].filter((key) => wanted.has(key)));
    if (kept.size === wanted.size && kept.size === view.zones.size) return;
    view.editor.changeViewZones((accessor) => {
      for (const [key, id] of view.zones) {
        if (kept.has(key)) continue;
        accessor.removeZone(id);
        view.zones.delete(key);
      }
      for (const [key, spec] of wanted) {
        if (kept.has(key)) continue;
        const block = blocks[spec.block];
        const domNode = spec.kind === 'header' && pane === 'result' && block !== undefined ? this.headerNode(block) : blankZone(spec.kind);
        view.zones.set(key, accessor.addZone({ afterLineNumber: spec.afterLineNumber, heightInLines: spec.heightInLines, ordinal: spec.ordinal, domNode }));
      }
    });
  }

  /** Sets a pane's decorations, unless they are what it already shows. */
  private paintDecorations(pane: MergePane, view: PaneView, blocks: readonly RegionBlock<RegionView>[], lines: Readonly<Record<MergePane, readonly string[]>>): void {
    const marks = lineMarks(pane, blocks, lines[pane].length);
    const chars = pane === 'base' ? [] : charMarks(pane, blocks, lines).map((mark) => ({ mark, pane }));
    const key = JSON.stringify([marks, chars]);
    if (key === view.decorationKey) return;
    view.decorationKey = key;
    view.decorations.set([...marks.map(lineDecoration), ...chars.map(({ mark, pane: tone }) => charDecoration(mark, tone))]);
  }

  private headerNode(block: RegionBlock<RegionView>): HTMLElement {
    const first = block.regions[0]?.index ?? -1;
    let node = this.headerNodes.get(first);
    if (node === undefined) {
      node = document.createElement('div');
      node.className = 'merge-zone merge-zone-header';
      // The buttons inside are the page's, not the editor's: Monaco must not take their pointer events.
      for (const type of ['mousedown', 'pointerdown', 'mouseup', 'pointerup', 'click', 'dblclick', 'contextmenu']) node.addEventListener(type, (e) => e.stopPropagation());
      this.headerNodes.set(first, node);
    }
    node.style.width = `${this.result.editor.getLayoutInfo().contentWidth}px`;
    return node;
  }

}

/** The widths of a conflict's icon and actions: all of them (Reopen included, so a row does not grow when a conflict is settled), and the compact set. */
function measureActions(names: SideNames): { readonly full: readonly number[]; readonly compact: readonly number[] } {
  const choices = conflictChoices(names);
  const context = document.createElement('canvas').getContext('2d');
  const width = (text: string) => {
    if (context === null) return text.length * 7;
    context.font = ACTION_FONT;
    return Math.ceil(context.measureText(text).width);
  };
  return {
    full: [ICON_PX, ...choices.map((c) => width(c.label) + (c.minor ? MINOR_EXTRA_PX : BUTTON_EXTRA_PX)), width(REOPEN_LABEL) + MINOR_EXTRA_PX],
    compact: [ICON_PX, ...choices.filter((c) => !c.minor).map((c) => width(c.short) + BUTTON_EXTRA_PX), MORE_PX],
  };
}

function conflictsOf(block: RegionBlock<RegionView>): readonly RegionView[] {
  return block.regions.filter((region) => region.kind === 'conflict');
}

function blankZone(kind: ZoneSpec['kind']): HTMLElement {
  const node = document.createElement('div');
  node.className = `merge-zone merge-zone-${kind === 'header' ? 'header-blank' : 'padding'}`;
  return node;
}

function lineDecoration(mark: LineMark): monaco.editor.IModelDeltaDecoration {
  const color = OVERVIEW[mark.tone];
  const point = mark.point === undefined ? '' : ` merge-point-${mark.point}`;
  return {
    range: new monaco.Range(mark.startLine, 1, mark.endLine, 1),
    options: {
      isWholeLine: true,
      className: mark.point === undefined ? `merge-line merge-tone-${mark.tone}` : `merge-point${point} merge-tone-${mark.tone}`,
      linesDecorationsClassName: `merge-gutter merge-tone-${mark.tone}`,
      ...(color === undefined ? {} : { overviewRuler: { color, position: monaco.editor.OverviewRulerLane.Full } }),
    },
  };
}

function charDecoration(mark: CharMark, tone: 'project' | 'collection' | 'result'): monaco.editor.IModelDeltaDecoration {
  return { range: new monaco.Range(mark.line, mark.startColumn, mark.line, mark.endColumn), options: { inlineClassName: `merge-char merge-char-${tone}` } };
}

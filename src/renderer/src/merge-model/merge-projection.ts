// A merge model as text that reads like the merge itself, for tests to assert on (as VS Code's
// merge editor tests do): result lines indented by two spaces, each region framed by its index,
// kind and state. Regions joined by a hand edit share one frame. Line endings are made visible
// where they are not a plain "\n": "␍" marks a CRLF line, and a last line without a newline is
// followed by diff's "\ No newline at end of file".
import type { MergeModel, RegionView } from './merge-model.js';

/** The result of `model` with each region framed, one line per line, joined by "\n". */
export function projectMerge(model: MergeModel): string {
  const out: string[] = [];
  const lines = model.lines;
  let next = 0;
  const copyTo = (end: number): void => {
    for (; next < end; next++) out.push(...showLine(lines[next]!));
  };
  for (const frame of framesOf(model.regions())) {
    const { start, count } = frame[0]!.result;
    copyTo(start);
    const names = frame.map((view) => `${view.index} ${view.kind}`).join(' + ');
    out.push(`[${names}: ${frame[0]!.state}]`);
    copyTo(start + count);
    out.push(`[/${frame.map((view) => view.index).join(' + ')}]`);
  }
  copyTo(lines.length);
  return out.join('\n');
}

/** A projection written in a test as an indented template string: its first and last blank lines and common indentation dropped. */
export function projection(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  const lines = strings.reduce((text, part, i) => text + String(values[i - 1]) + part).split('\n');
  if (lines[0]?.trim() === '') lines.shift();
  if (lines[lines.length - 1]?.trim() === '') lines.pop();
  const indents = lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length);
  const indent = Math.min(...indents, Infinity);
  return lines.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

/** Regions grouped by frame: a joined group's members share one span (and are all 'hand'). */
function framesOf(views: readonly RegionView[]): RegionView[][] {
  const frames: RegionView[][] = [];
  for (const view of views) {
    // The model hands a group's members one shared span object, so equal spans of distinct
    // regions (two empty ones at one place) are not mistaken for a group.
    const last = frames[frames.length - 1];
    if (last !== undefined && last[0]!.result === view.result) last.push(view);
    else frames.push([view]);
  }
  return frames;
}

function showLine(line: string): string[] {
  const body = line.replace(/\r?\n$/, '');
  const shown = `  ${body === '' ? '(empty line)' : body}${line.endsWith('\r\n') ? '␍' : ''}`;
  return line.endsWith('\n') ? [shown] : [shown, '\\ No newline at end of file'];
}

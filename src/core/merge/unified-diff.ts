// Unified diff hunks of two texts, as `git diff` prints them (three lines of context, hunks closer
// than that joined), over the same line diff the merge uses, so the CLI's `diff versions` reads like
// git's and agrees with it line for line.
import { diffLines, type LineChange } from './line-diff.js';
import { LineIdTable } from './line-ids.js';
import { splitLines } from './text-lines.js';

const CONTEXT = 3;
const NO_NEWLINE = '\\ No newline at end of file';

/** The hunks (`@@ … @@` headers and their lines) turning `before` into `after`; empty when equal. */
export function unifiedHunks(before: string, after: string): string[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const ids = new LineIdTable();
  const changes = diffLines(ids.idsOf(a), ids.idsOf(b));
  const out: string[] = [];
  for (const group of groups(changes)) {
    const first = group[0]!;
    const last = group.at(-1)!;
    const aStart = Math.max(0, first.aStart - CONTEXT);
    const aEnd = Math.min(a.length, last.aStart + last.aCount + CONTEXT);
    const bStart = first.bStart - (first.aStart - aStart);
    const bEnd = bStart + (aEnd - aStart) + group.reduce((sum, c) => sum + c.bCount - c.aCount, 0);
    const heading = functionLine(a, aStart);
    out.push(`@@ -${range(aStart, aEnd - aStart)} +${range(bStart, bEnd - bStart)} @@${heading === undefined ? '' : ` ${heading}`}`);
    let at = aStart;
    for (const change of group) {
      for (; at < change.aStart; at++) line(out, ' ', a[at]!);
      for (let i = 0; i < change.aCount; i++) line(out, '-', a[change.aStart + i]!);
      for (let i = 0; i < change.bCount; i++) line(out, '+', b[change.bStart + i]!);
      at = change.aStart + change.aCount;
    }
    for (; at < aEnd; at++) line(out, ' ', a[at]!);
  }
  return out;
}

/**
 * git's default hunk heading: the nearest line above the hunk that starts with a letter, `_` or `$`
 * (what xdiff takes for a function's first line), without trailing white space, at most 80 bytes.
 */
function functionLine(lines: readonly string[], hunkStart: number): string | undefined {
  for (let i = hunkStart - 1; i >= 0; i--) {
    const text = lines[i]!;
    if (/^[A-Za-z_$]/.test(text)) {
      const trimmed = text.replace(/\s+$/, '');
      const bytes = Buffer.from(trimmed, 'utf8');
      return bytes.length <= 80 ? trimmed : bytes.subarray(0, 80).toString('utf8');
    }
  }
  return undefined;
}

/** Changes whose context would touch or overlap go in one hunk. */
function groups(changes: readonly LineChange[]): LineChange[][] {
  const result: LineChange[][] = [];
  for (const change of changes) {
    const current = result.at(-1);
    const previous = current?.at(-1);
    if (current !== undefined && previous !== undefined && change.aStart - (previous.aStart + previous.aCount) <= 2 * CONTEXT) current.push(change);
    else result.push([change]);
  }
  return result;
}

/** git's range: `start,count` (1-based), `start` alone for one line, and the line before for none. */
function range(start: number, count: number): string {
  if (count === 1) return `${start + 1}`;
  return `${count === 0 ? start : start + 1},${count}`;
}

function line(out: string[], mark: string, text: string): void {
  const newline = text.endsWith('\n');
  out.push(`${mark}${newline ? text.slice(0, -1) : text}`);
  if (!newline) out.push(NO_NEWLINE);
}

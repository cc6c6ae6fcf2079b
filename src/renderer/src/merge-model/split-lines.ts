// The merge model sees texts as the core's line merge does (src/core/merge/text-lines.ts, which the
// renderer may not import): each line keeps its own ending, so lines put together give back the
// exact bytes, and two lines are equal only when their bytes are.

/** Splits text into lines, each keeping its "\n" (or "\r\n"); a last line without one is a line; empty text has none. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let from = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', from)) {
    lines.push(text.slice(from, at + 1));
    from = at + 1;
  }
  if (from < text.length) lines.push(text.slice(from));
  return lines;
}

/** True when the line ends in "\n" (every line but possibly a text's last one does). */
export function hasNewline(line: string): boolean {
  return line.endsWith('\n');
}

/**
 * How many rows a conflict's actions take in a pane of a given width: the buttons flow left to
 * right and wrap, as the CSS lays them out. The merge editor reserves that much height above each
 * conflict (a view zone must be given its height before it is drawn).
 */

/** The number of rows `widths` (each item's width, in pixels) wrap into within `available` pixels, `gap` apart. */
export function rowsNeeded(widths: readonly number[], available: number, gap: number): number {
  let rows = 1;
  let used = 0;
  for (const width of widths) {
    const needed = used === 0 ? width : used + gap + width;
    if (needed > available && used > 0) {
      rows++;
      used = width;
    } else {
      used = needed;
    }
  }
  return rows;
}

/** The search and filter of long lists: by words in a row's name (and type or path), and to what needs action. */

export interface ListFilter {
  /** Words a row's text must all contain, in any case. */
  readonly query: string;
  readonly needsActionOnly: boolean;
}

export const NO_FILTER: ListFilter = { query: '', needsActionOnly: false };

/** Lists longer than this get a search field (a shorter one fits on a screen as it is). */
export const FILTER_FROM_ROWS = 8;

/** True when a row with these texts and this state passes the filter. */
export function passesFilter(filter: ListFilter, texts: readonly string[], needsAction: boolean): boolean {
  if (filter.needsActionOnly && !needsAction) return false;
  const haystack = texts.join(' ').toLocaleLowerCase();
  return filter.query
    .toLocaleLowerCase()
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}

/** True when the filter leaves some rows out. */
export function isFiltering(filter: ListFilter): boolean {
  return filter.query.trim() !== '' || filter.needsActionOnly;
}

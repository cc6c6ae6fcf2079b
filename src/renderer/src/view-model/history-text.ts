/** The history view's words: places, origins, where a version stands, what a row says to a screen reader. */
import type { HistoryEntry, HistoryPlace, VersionWhereabouts } from '../../../shared/history-results.js';

/** The last segment of a path (a project's folder name). */
function folderName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || trimmed;
}

/** A place as the view names it: `collection default`, `project site` (its folder's name; the full path on hover). */
export function placeName(place: Pick<HistoryPlace, 'kind' | 'where'>): string {
  return place.kind === 'collection' ? `collection ${place.where}` : `project ${folderName(place.where)}`;
}

/** The name of a place key, through the page's places (a key the page does not know is shown as it is). */
export function placeNameOf(key: string, places: readonly HistoryPlace[]): string {
  const place = places.find((p) => p.place === key);
  return place === undefined ? key : placeName(place);
}

/** The full text of a place, for titles: the collection's name or the project's folder. */
export function placeTitle(place: Pick<HistoryPlace, 'kind' | 'where'>): string {
  return place.kind === 'collection' ? `The collection "${place.where}"` : `The project at ${place.where}`;
}

/** The words of the operations that record versions, as ui.md names version origins. */
const ORIGIN_WORDS: Readonly<Record<string, string>> = {
  add: 'add',
  update: 'update',
  deploy: 'deploy',
  sync: 'sync',
  push: 'push',
  merge: 'merge',
  resolve: 'merge',
  rollback: 'rollback',
  restore: 'restore',
  overwritten: 'overwritten',
  fork: 'fork',
  import: 'import',
  working: 'working copy',
};

export function originWord(origin: string): string {
  return ORIGIN_WORDS[origin] ?? origin;
}

/** What a label on a version says: whose current version it is. */
export function labelText(placeKey: string, places: readonly HistoryPlace[]): string {
  const place = places.find((p) => p.place === placeKey);
  if (place === undefined) return placeKey;
  return place.kind === 'collection' ? `collection now` : `${placeName(place)} now`;
}

/** How a place stands to a version, in words. */
export function standingText(standing: VersionWhereabouts['places'][number]['standing']): string {
  switch (standing) {
    case 'holds':
      return 'holds it';
    case 'behind':
      return 'is behind it (holds one of its ancestors)';
    case 'ahead':
      return 'has moved past it';
    case 'apart':
      return 'went another way';
  }
}

/** "Where is this version?" grouped by standing, in a fixed order, each with the places' names. */
export function whereaboutsGroups(whereabouts: VersionWhereabouts): { standing: string; places: string[] }[] {
  const order = ['holds', 'behind', 'ahead', 'apart'] as const;
  return order
    .map((standing) => ({
      standing: standingText(standing),
      places: whereabouts.places.filter((p) => p.standing === standing).map((p) => placeName(p)),
    }))
    .filter((group) => group.places.length > 0);
}

/** A row's accessible name: what it is, where, when, and what marks it. */
export function rowLabel(row: HistoryEntry, places: readonly HistoryPlace[], when: string): string {
  const where = placeNameOf(row.place, places);
  if (row.kind === 'working') return `Working copy in ${where}, ${row.short}, ${row.stored_as === null ? 'not recorded' : `holds version ${row.stored_as.slice(-12)}`}`;
  const marks = [row.graph.merge ? 'merge of two versions' : null, ...row.labels.map((label) => labelText(label, places))].filter((m): m is string => m !== null);
  return [`${row.short}`, originWord(row.origin), where, when, ...marks].join(', ');
}

/** "12 versions" / "3 of 12 versions" when filtered. */
export function countText(total: number, stored: number, filtered: boolean): string {
  const noun = (n: number) => `${n.toLocaleString('en')} version${n === 1 ? '' : 's'}`;
  return filtered ? `${total.toLocaleString('en')} of ${noun(stored)}` : noun(stored);
}

import type { RegionChoice, RegionState, RegionView } from '../merge-model/region-view.js';

const STATE_TEXT: Readonly<Record<RegionState, string>> = {
  unresolved: 'unresolved',
  project: 'project accepted',
  collection: 'collection accepted',
  both: 'both accepted',
  both_collection_first: 'both accepted, collection first',
  base: 'back to base',
  hand: 'edited by hand',
};

const CHOICES: readonly { readonly choice: RegionChoice; readonly label: string; readonly title: string; readonly minor?: true }[] = [
  { choice: 'project', label: 'Accept project', title: "Put the project's lines here" },
  { choice: 'collection', label: 'Accept collection', title: "Put the collection's lines here" },
  { choice: 'both', label: 'Accept both', title: "The project's lines, then the collection's" },
  { choice: 'both_collection_first', label: 'Both, collection first', title: "The collection's lines, then the project's", minor: true },
  { choice: 'base', label: 'Back to base', title: 'The lines as they were before either side changed them', minor: true },
];

/**
 * The actions beside each conflict in the Result: one row per conflict of a block, named
 * "Conflict N of M: <state>" so a screen reader (and a test) can tell the rows apart.
 */
export function ConflictActions({ conflicts, numberOf, total, onAccept, onReopen }: { conflicts: readonly RegionView[]; numberOf: (index: number) => number; total: number; onAccept: (index: number, choice: RegionChoice) => void; onReopen: (index: number) => void }) {
  return (
    <>
      {conflicts.map((region) => (
        <div key={region.index} className={`conflict-row conflict-${region.resolved ? 'resolved' : 'open'}`} role="group" aria-label={`Conflict ${numberOf(region.index)} of ${total}: ${STATE_TEXT[region.state]}`}>
          <span className="conflict-state" aria-hidden="true">
            {region.resolved ? '✓' : '⚠'} {STATE_TEXT[region.state]}
          </span>
          {CHOICES.map(({ choice, label, title, minor }) => (
            <button key={choice} type="button" className={minor ? 'conflict-action minor' : 'conflict-action'} title={title} aria-pressed={region.state === choice} onClick={() => onAccept(region.index, choice)}>
              {label}
            </button>
          ))}
          {region.resolved ? (
            <button type="button" className="conflict-action minor" title="Put the conflict markers back" onClick={() => onReopen(region.index)}>
              Reopen
            </button>
          ) : null}
        </div>
      ))}
    </>
  );
}

import type { RegionChoice, RegionView } from '../merge-model/region-view.js';
import { conflictChoices, MORE_LABEL, REOPEN_LABEL, regionStateText } from '../view-model/conflict-choices.js';
import type { SideNames } from '../view-model/side-names.js';

/**
 * The actions beside each conflict in the Result: one row per conflict of a block, named
 * "Conflict N of M: <state>" so a screen reader (and a test) can tell the rows apart. `height` is
 * what the editor reserved for each row (its buttons wrap within it). `compact` (a narrow pane):
 * the three main buttons show one word each (their names stay whole) and the other choices are
 * the options of a "More…" list.
 */
export function ConflictActions({
  conflicts,
  height,
  compact,
  numberOf,
  total,
  names,
  onAccept,
  onReopen,
}: {
  conflicts: readonly RegionView[];
  height: number;
  compact: boolean;
  numberOf: (index: number) => number;
  total: number;
  /** The merge's side names, for the buttons' words. */
  names: SideNames;
  onAccept: (index: number, choice: RegionChoice) => void;
  onReopen: (index: number) => void;
}) {
  const choices = conflictChoices(names);
  return (
    <>
      {conflicts.map((region) => {
        const state = regionStateText(region.state, names);
        const name = `Conflict ${numberOf(region.index)} of ${total}`;
        const shown = compact ? choices.filter((c) => !c.minor) : choices;
        return (
          <div key={region.index} className={`conflict-row conflict-${region.resolved ? 'resolved' : 'open'}`} style={{ height }} role="group" aria-label={`${name}: ${state}`}>
            <span className="conflict-state" title={state} aria-hidden="true">
              {region.state === 'unresolved' ? '⚠' : region.state === 'hand' ? '✎' : '✓'}
            </span>
            {shown.map(({ choice, label, short, title, minor }) => (
              <button key={choice} type="button" className={minor ? 'conflict-action minor' : 'conflict-action'} title={title} aria-label={compact ? label : undefined} aria-pressed={region.state === choice} onClick={() => onAccept(region.index, choice)}>
                {compact ? short : label}
              </button>
            ))}
            {compact ? (
              <select
                className="conflict-more"
                aria-label={`More choices for ${name.toLowerCase()}`}
                value=""
                onChange={(event) => {
                  const value = event.target.value;
                  if (value === 'reopen') onReopen(region.index);
                  else if (value !== '') onAccept(region.index, value as RegionChoice);
                }}
              >
                <option value="" disabled hidden>
                  {MORE_LABEL}
                </option>
                {choices.filter((c) => c.minor).map(({ choice, label }) => (
                  <option key={choice} value={choice}>
                    {label}
                  </option>
                ))}
                {region.resolved ? <option value="reopen">{REOPEN_LABEL}</option> : null}
              </select>
            ) : region.resolved ? (
              <button type="button" className="conflict-action minor" title="Put the conflict markers back" onClick={() => onReopen(region.index)}>
                {REOPEN_LABEL}
              </button>
            ) : null}
          </div>
        );
      })}
    </>
  );
}

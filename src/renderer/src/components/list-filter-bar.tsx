import { useId } from 'react';
import type { ListFilter } from '../view-model/list-filter.js';

/** The search field (and, for lists with drift, "Needs action only") above a long list, with how many rows it shows. */
export function ListFilterBar({ label, filter, onChange, shown, total, offersNeedsAction = true }: { label: string; filter: ListFilter; onChange: (filter: ListFilter) => void; shown: number; total: number; offersNeedsAction?: boolean }) {
  const id = useId();
  return (
    <div className="list-filter" role="search" aria-label={label}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} type="search" placeholder={`${label}…`} value={filter.query} onChange={(event) => onChange({ ...filter, query: event.target.value })} />
      {offersNeedsAction ? (
        <label className="list-filter-toggle">
          <input type="checkbox" checked={filter.needsActionOnly} onChange={(event) => onChange({ ...filter, needsActionOnly: event.target.checked })} />
          Needs action only
        </label>
      ) : null}
      {shown !== total ? (
        <span className="muted" role="status">
          {shown} of {total} shown
        </span>
      ) : null}
    </div>
  );
}

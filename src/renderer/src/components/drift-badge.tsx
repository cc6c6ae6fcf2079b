import { driftStatusView, type DriftStatus } from '../view-model/drift-status.js';

/** A drift status as the whole UI shows it: colour, icon and the spec's word (with a count, when given). */
export function DriftBadge({ status, count }: { status: DriftStatus; count?: number }) {
  const view = driftStatusView(status);
  const text = count === undefined ? view.label : `${count} ${view.label}`;
  return (
    <span className={`drift-badge drift-${view.tone}`} data-drift={status} title={view.description}>
      <span className="drift-icon" aria-hidden="true">
        {view.icon}
      </span>
      {text}
    </span>
  );
}

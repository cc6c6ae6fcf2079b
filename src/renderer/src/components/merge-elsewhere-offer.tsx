import { useState } from 'react';
import type { MergeOffer } from '../state/merge-store.js';
import { plural } from '../view-model/result-summary.js';
import { useServices } from '../app-context.js';
import { ConfirmDialog } from './confirm-dialog.js';

/** After a merge completed: other projects met the same merge; offer to settle them the same way. */
export function MergeElsewhereOffer({ offer, busy }: { offer: MergeOffer; busy: boolean }) {
  const { actions } = useServices();
  const [asking, setAsking] = useState(false);
  const artifact = { name: offer.artifact, type: offer.type };
  const label = `Apply the same resolution to ${plural(offer.projects.length, 'other project')}`;
  return (
    <div className="merge-offer" role="group" aria-label="Same merge elsewhere">
      <span>
        The same merge of {offer.artifact} is waiting in {plural(offer.projects.length, 'other project')}.
      </span>
      <button type="button" className="primary" disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
      <button type="button" disabled={busy} onClick={() => actions.dismissMergeOffer(offer.project, artifact)}>
        Not now
      </button>
      {asking ? (
        <ConfirmDialog
          title={`${label}?`}
          confirmLabel={label}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void actions.applyMergeElsewhere(offer.project, artifact);
          }}
        >
          <p>Each of these projects gets the same result, with its own record and audit entry:</p>
          <ul>
            {offer.projects.map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

import { useState, type ReactNode } from 'react';
import { ActionButton } from './action-button.js';
import { ConfirmDialog } from './confirm-dialog.js';

/** What the confirmation of a destructive action says: its question, the confirm button's words (naming the action) and what will happen. */
export interface Confirmation {
  readonly title: string;
  readonly confirmLabel: string;
  readonly body: ReactNode;
}

/**
 * The button of a destructive action: it asks first (`ConfirmDialog`), and runs `onConfirm` only
 * when the user confirms; Cancel leaves everything as it was. The focus is back on this button
 * when the dialog closes.
 */
export function ConfirmButton({ label, confirmation, onConfirm, busy = false, className, title }: { label: string; confirmation: Confirmation; onConfirm: () => void; busy?: boolean; className?: string; title?: string }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <ActionButton className={className} title={title} busy={busy} onClick={() => setAsking(true)}>
        {label}
      </ActionButton>
      {asking ? (
        <ConfirmDialog
          title={confirmation.title}
          confirmLabel={confirmation.confirmLabel}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmation.body}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

import './everyday-actions.css';
import { useEffect, useId, useState } from 'react';
import type { DriftEntry } from '../../../shared/results.js';
import { useServices } from '../app-context.js';
import { PUSH_STRATEGIES, pushPlanLines, type PushStrategy } from '../view-model/push-plan.js';
import { ActionButton } from './action-button.js';
import { ConfirmDialog } from './confirm-dialog.js';

type Plan = { readonly phase: 'reading' } | { readonly phase: 'read'; readonly lines: readonly string[] } | { readonly phase: 'failed'; readonly message: string };

/**
 * **Push…** on a deployed artifact: the dialog to choose how the project's edits go into the
 * collection (merge, overwrite, or as a new artifact), showing what that would do — a dry run,
 * asked again whenever the strategy changes — before **Push <name>** writes anything.
 */
export function PushButton({ project, entry, busy, primary, title }: { project: string; entry: DriftEntry; busy: boolean; primary: boolean; title: string }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <ActionButton className={primary ? 'primary' : undefined} title={title} busy={busy} onClick={() => setAsking(true)}>
        Push…
      </ActionButton>
      {asking ? <PushDialog project={project} entry={entry} onClose={() => setAsking(false)} /> : null}
    </>
  );
}

function PushDialog({ project, entry, onClose }: { project: string; entry: DriftEntry; onClose: () => void }) {
  const { actions } = useServices();
  const [strategy, setStrategy] = useState<PushStrategy>('merge');
  const [plan, setPlan] = useState<Plan>({ phase: 'reading' });
  const name = useId();

  useEffect(() => {
    let current = true;
    setPlan({ phase: 'reading' });
    void actions.planPush(project, entry, strategy).then((answer) => {
      if (!current) return;
      setPlan('plan' in answer ? { phase: 'read', lines: pushPlanLines(answer.plan) } : { phase: 'failed', message: answer.error });
    });
    // A plan that arrives after the strategy changed again is not the one on screen.
    return () => {
      current = false;
    };
  }, [actions, project, entry, strategy]);

  return (
    <ConfirmDialog
      title={`Push ${entry.name} to the collection?`}
      confirmLabel={`Push ${entry.name}`}
      confirmDisabled={plan.phase !== 'read'}
      wide
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        void actions.pushArtifact(project, entry, strategy);
      }}
    >
      <fieldset className="push-strategies">
        <legend>How</legend>
        {PUSH_STRATEGIES.map((choice) => (
          <label key={choice.strategy} className="push-strategy">
            <input type="radio" name={name} value={choice.strategy} checked={strategy === choice.strategy} onChange={() => setStrategy(choice.strategy)} />
            <span>
              <strong>{choice.label}</strong> — {choice.description}
            </span>
          </label>
        ))}
      </fieldset>
      <section aria-label="What the push would do" className="push-plan">
        <h3>What it would do</h3>
        {plan.phase === 'reading' ? (
          <p className="muted" role="status">
            Reading the plan…
          </p>
        ) : plan.phase === 'failed' ? (
          <p className="task task-error" role="alert">
            {plan.message}
          </p>
        ) : (
          <ul>
            {plan.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        <p className="muted">A safety snapshot of the collection is taken before it changes.</p>
      </section>
    </ConfirmDialog>
  );
}

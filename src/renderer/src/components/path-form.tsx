import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ChoosePathInput } from '../../../shared/contract.js';
import { useServices } from '../app-context.js';

/** The native open dialog a path field offers in the desktop app: what it is for, which kinds it opens, and the task that shows a failure. */
export interface PathChoice {
  readonly purpose: ChoosePathInput['purpose'];
  readonly kinds: readonly ChoosePathInput['kind'][];
  readonly taskKey: string;
}

const CHOOSE_LABELS: Readonly<Record<ChoosePathInput['kind'], string>> = { folder: 'Choose folder…', file: 'Choose file…' };

/**
 * A path field with a submit button. In the desktop app, **Choose folder…** / **Choose file…**
 * fill it from the native open dialog (main process, through the contract); in a browser, which
 * cannot open one, the path is typed: full, or `~/…` (the back end expands it). `children` are
 * extra controls placed before the submit button (the artifact type).
 */
export function PathForm({ label, button, placeholder, busy, onSubmit, choose, children }: { label: string; button: string; placeholder: string; busy: boolean; onSubmit: (path: string) => void; choose?: PathChoice; children?: ReactNode }) {
  const { stores, actions } = useServices();
  const native = useStore(stores.connection, (s) => s.transport === 'bridge');
  const [path, setPath] = useState('');
  const id = useId();
  const hintId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (trimmed === '' || busy) return;
    onSubmit(trimmed);
  };
  return (
    <form className="path-form" onSubmit={submit} aria-label={label}>
      <label htmlFor={id}>{label}</label>
      <div className="path-form-row">
        <input id={id} type="text" value={path} placeholder={placeholder} spellCheck={false} autoComplete="off" aria-describedby={hintId} onChange={(e) => setPath(e.target.value)} />
        {native && choose !== undefined
          ? choose.kinds.map((kind) => (
              <button
                key={kind}
                type="button"
                disabled={busy}
                onClick={() =>
                  void actions.choosePath({ kind, purpose: choose.purpose }, choose.taskKey).then((chosen) => {
                    if (chosen !== null) setPath(chosen);
                  })
                }
              >
                {CHOOSE_LABELS[kind]}
              </button>
            ))
          : null}
        {children}
        <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
          {button}
        </button>
      </div>
      <p id={hintId} className="hint">
        A full path, starting with / — or ~/ for a folder in your home. Relative paths are not accepted: the app has no current folder they could start from.
      </p>
    </form>
  );
}

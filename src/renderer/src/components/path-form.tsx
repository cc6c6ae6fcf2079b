import { useId, useState, type FormEvent } from 'react';

/** A folder path field with a submit button: the folder picker of web mode (a browser cannot open a native one). */
export function PathForm({ label, button, placeholder, busy, onSubmit }: { label: string; button: string; placeholder: string; busy: boolean; onSubmit: (path: string) => void }) {
  const [path, setPath] = useState('');
  const id = useId();
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
        <input id={id} type="text" value={path} placeholder={placeholder} spellCheck={false} autoComplete="off" onChange={(e) => setPath(e.target.value)} />
        <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
          {button}
        </button>
      </div>
    </form>
  );
}

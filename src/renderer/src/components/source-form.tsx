import './upstream.css';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { isExplicitSource, parseSource, SourceSpecError } from '../../../shared/source-spec.js';

/**
 * The field for a git source (`github:OWNER/REPO/PATH[@REF]`, `OWNER/REPO/PATH[@REF]` or
 * `git+URL#PATH[@REF]`) with its submit button. A source that cannot be one is said at once, in
 * the field's words, before anything is fetched; the back end checks it again. `children` are
 * extra controls placed before the button (the artifact type).
 */
export function SourceForm({ busy, onSubmit, children }: { busy: boolean; onSubmit: (source: string) => void; children?: ReactNode }) {
  const [source, setSource] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const hintId = useId();
  const problemId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = source.trim();
    if (trimmed === '' || busy) return;
    const found = sourceProblem(trimmed);
    setProblem(found);
    if (found === null) onSubmit(trimmed);
  };
  return (
    <form className="path-form source-form" onSubmit={submit} aria-label="Git source">
      <label htmlFor={id}>Git source</label>
      <div className="path-form-row">
        <input
          id={id}
          type="text"
          value={source}
          placeholder="github:anthropics/skills/canvas-design@v1.0.0"
          spellCheck={false}
          autoComplete="off"
          aria-describedby={problem === null ? hintId : `${problemId} ${hintId}`}
          aria-invalid={problem === null ? undefined : true}
          onChange={(e) => {
            setSource(e.target.value);
            setProblem(null);
          }}
        />
        {children}
        <button type="submit" className="primary" disabled={busy || source.trim() === ''}>
          Add from source
        </button>
      </div>
      {problem === null ? null : (
        <p id={problemId} className="task task-error" role="alert">
          {problem}
        </p>
      )}
      <p id={hintId} className="hint">
        A folder or file of a git repository: github:OWNER/REPO/PATH, or git+ and any URL git understands then #PATH (git+https://…, git+ssh://…, git+file:///…). End with @ and a tag, branch or commit to follow it; without one, the default branch is followed. It is fetched with your own git, so your credentials and SSH keys apply.
      </p>
    </form>
  );
}

/** Why a typed source cannot be one, or null when it can (the bare OWNER/REPO/PATH form included). */
function sourceProblem(text: string): string | null {
  try {
    parseSource(text, { bare: !isExplicitSource(text) });
    return null;
  } catch (error) {
    if (error instanceof SourceSpecError) return error.message;
    throw error;
  }
}

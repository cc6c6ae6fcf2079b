import { describe, expect, it } from 'vitest';
import { createToastsStore, dismissToast, pushToast, setUndone, TOASTS_KEPT } from './toasts-store.js';

const result = { view: '#/projects', tone: 'success' as const, text: 'Forgot webapp.', undo: { kind: 'reimport' as const, path: '/p/webapp' } };

describe('results shown apart', () => {
  it('keeps the newest few, each with its undo not yet asked for', () => {
    const store = createToastsStore();
    for (let i = 0; i < TOASTS_KEPT + 2; i++) pushToast(store, { ...result, text: `result ${i}` });
    expect(store.getState().toasts.map((t) => t.text)).toEqual(['result 2', 'result 3', 'result 4']);
    expect(store.getState().toasts.every((t) => t.undone === null)).toBe(true);
  });

  it('records how an undo went, and hides a dismissed result', () => {
    const store = createToastsStore();
    const id = pushToast(store, result);
    setUndone(store, id, { phase: 'done', text: 'Imported webapp again.' });
    expect(store.getState().toasts[0]?.undone).toEqual({ phase: 'done', text: 'Imported webapp again.' });
    dismissToast(store, id);
    expect(store.getState().toasts).toEqual([]);
  });
});

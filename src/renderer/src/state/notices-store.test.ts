import { describe, expect, it } from 'vitest';
import { createNoticesStore, pushNotice, setNoticesDisconnected, showNoticesOf } from './notices-store.js';

describe('notices', () => {
  it('gives one notice for one cause raised again while it is shown', () => {
    const store = createNoticesStore();
    showNoticesOf(store, '#/projects');
    pushNotice(store, 'error', 'Lost the connection to SkillMeat.');
    pushNotice(store, 'error', 'Lost the connection to SkillMeat.');
    pushNotice(store, 'info', 'Lost the connection to SkillMeat.');
    expect(store.getState().notices.map((n) => [n.tone, n.message])).toEqual([
      ['error', 'Lost the connection to SkillMeat.'],
      ['info', 'Lost the connection to SkillMeat.'],
    ]);
  });

  it('keeps the notices of the view that raised them, and drops them when another view is shown', () => {
    const store = createNoticesStore();
    showNoticesOf(store, '#/projects');
    pushNotice(store, 'error', 'Could not list projects.');
    showNoticesOf(store, '#/projects');
    expect(store.getState().notices).toHaveLength(1);

    showNoticesOf(store, '#/collection');
    pushNotice(store, 'error', 'Could not read the collection.');
    expect(store.getState().notices.map((n) => n.message)).toEqual(['Could not read the collection.']);
    showNoticesOf(store, '#/projects');
    expect(store.getState().notices).toEqual([]);
  });

  it('gives a notice raised before any view to the first view shown, and only to it', () => {
    const store = createNoticesStore();
    pushNotice(store, 'info', 'The cache database was rebuilt.');
    showNoticesOf(store, '#/projects');
    expect(store.getState().notices).toHaveLength(1);
    showNoticesOf(store, '#/snapshots');
    expect(store.getState().notices).toEqual([]);
  });

  it('raises no error notice of its own while the page is disconnected: the connection banner tells that cause', () => {
    const store = createNoticesStore();
    showNoticesOf(store, '#/projects');
    setNoticesDisconnected(store, true);
    pushNotice(store, 'error', 'Could not list projects: Lost the connection to SkillMeat.');
    pushNotice(store, 'error', 'Drift check failed: Lost the connection to SkillMeat.');
    expect(store.getState().notices).toEqual([]);

    setNoticesDisconnected(store, false);
    pushNotice(store, 'error', 'Could not list projects: the cache is corrupt.');
    expect(store.getState().notices).toHaveLength(1);
  });
});

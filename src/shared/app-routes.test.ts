import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './app-routes.js';

describe('routes', () => {
  it('opens the projects view on an empty hash', () => {
    expect(parseRoute('')).toEqual({ view: 'projects' });
  });

  it('round-trips a project path holding slashes, spaces and a hash sign', () => {
    const route: Route = { view: 'project', path: '/home/me/my app #2' };
    expect(routeHash(route)).toBe('#/project/%2Fhome%2Fme%2Fmy%20app%20%232');
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('round-trips the history route, by type and name or by name alone', () => {
    const typed: Route = { view: 'history', name: 'review notes', type: 'command' };
    expect(routeHash(typed)).toBe('#/history/command/review%20notes');
    expect(parseRoute(routeHash(typed))).toEqual(typed);
    expect(parseRoute('#/history/canvas')).toEqual({ view: 'history', name: 'canvas' });
    expect(parseRoute('#/history/widget/canvas')).toMatchObject({ view: 'not_found' });
    expect(parseRoute('#/history/')).toMatchObject({ view: 'not_found' });
  });

  it('round-trips the merge route of an artifact in a project', () => {
    const route: Route = { view: 'merge', project: '/p', artifact: 'canvas' };
    expect(routeHash(route)).toBe('#/merge/%2Fp/canvas');
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it("round-trips the route of a rollback's merge in the collection (no project)", () => {
    const route: Route = { view: 'merge', project: '', artifact: 'canvas', type: 'skill' };
    expect(routeHash(route)).toBe('#/rollback-merge/canvas/skill');
    expect(parseRoute(routeHash(route))).toEqual(route);
    expect(parseRoute('#/rollback-merge/canvas')).toEqual({ view: 'merge', project: '', artifact: 'canvas' });
    expect(parseRoute('#/rollback-merge/')).toMatchObject({ view: 'not_found' });
    expect(parseRoute('#/merge//canvas')).toMatchObject({ view: 'not_found' });
  });

  it("round-trips the route of an upstream update's merge in the collection", () => {
    const route: Route = { view: 'merge', project: '', artifact: 'canvas', type: 'skill', update: true };
    expect(routeHash(route)).toBe('#/update-merge/canvas/skill');
    expect(parseRoute(routeHash(route))).toEqual(route);
    expect(parseRoute('#/update-merge/canvas')).toEqual({ view: 'merge', project: '', artifact: 'canvas', update: true });
    expect(parseRoute('#/update-merge/')).toMatchObject({ view: 'not_found' });
  });

  it('round-trips the merge route of an artifact named with its type', () => {
    const route: Route = { view: 'merge', project: '/p', artifact: 'review', type: 'command' };
    expect(routeHash(route)).toBe('#/merge/%2Fp/review/command');
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('round-trips each comparison of the diff route, with and without a type', () => {
    for (const compare of ['project_baseline', 'collection_baseline', 'project_collection'] as const) {
      const plain: Route = { view: 'diff', project: '/p q', artifact: 'canvas', compare };
      const typed: Route = { ...plain, type: 'skill' };
      expect(parseRoute(routeHash(plain))).toEqual(plain);
      expect(parseRoute(routeHash(typed))).toEqual(typed);
    }
    expect(routeHash({ view: 'diff', project: '/p', artifact: 'canvas', compare: 'project_baseline', type: 'skill' })).toBe('#/diff/%2Fp/canvas/project_baseline/skill');
  });

  it('reports an unknown type or comparison as not found', () => {
    expect(parseRoute('#/merge/%2Fp/canvas/widget')).toMatchObject({ view: 'not_found' });
    expect(parseRoute('#/merge/%2Fp/canvas/skill/extra')).toMatchObject({ view: 'not_found' });
    expect(parseRoute('#/diff/%2Fp/canvas')).toMatchObject({ view: 'not_found' });
    expect(parseRoute('#/diff/%2Fp/canvas/ours_theirs')).toMatchObject({ view: 'not_found' });
    expect(parseRoute('#/diff/%2Fp/canvas/project_baseline/widget')).toMatchObject({ view: 'not_found' });
  });

  it('reports an unknown or malformed hash as not found', () => {
    expect(parseRoute('#/nowhere')).toEqual({ view: 'not_found', hash: '#/nowhere' });
    expect(parseRoute('#/project/%E0%A4%A')).toMatchObject({ view: 'not_found' });
    expect(parseRoute('#/project/')).toMatchObject({ view: 'not_found' });
  });
});

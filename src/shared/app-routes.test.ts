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

  it('round-trips the merge route of an artifact in a project', () => {
    const route: Route = { view: 'merge', project: '/p', artifact: 'canvas' };
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('reports an unknown or malformed hash as not found', () => {
    expect(parseRoute('#/nowhere')).toEqual({ view: 'not_found', hash: '#/nowhere' });
    expect(parseRoute('#/project/%E0%A4%A')).toMatchObject({ view: 'not_found' });
    expect(parseRoute('#/project/')).toMatchObject({ view: 'not_found' });
  });
});

import { describe, it, expect } from 'vitest';
import { APP_ENTRY_URL } from './protocol-path.js';
import { projectRoute, withRoute } from './renderer-route.js';

describe('projectRoute', () => {
  it('encodes the whole project path as one fragment segment', () => {
    expect(projectRoute('/home/me/my api')).toBe('#/project/%2Fhome%2Fme%2Fmy%20api');
  });

  it('encodes a Windows path and a hash sign', () => {
    expect(projectRoute('C:\\work\\c#')).toBe('#/project/C%3A%5Cwork%5Cc%23');
  });
});

describe('withRoute', () => {
  it('appends the route to the entry URL', () => {
    expect(withRoute(APP_ENTRY_URL, '#/project/x')).toBe('app://skillmeat/index.html#/project/x');
  });

  it('replaces an earlier route', () => {
    expect(withRoute('http://localhost:5173/#/project/a', '#/project/b')).toBe('http://localhost:5173/#/project/b');
  });

  it('drops the fragment when no route is given', () => {
    expect(withRoute('app://skillmeat/index.html#/project/a')).toBe(APP_ENTRY_URL);
  });
});

import { describe, expect, it } from 'vitest';
import { closedMessage, connectionBanner, connectionLabel, reconnectDelay, tokenForPage, withoutToken, LONGEST_RETRY_MS } from './reconnect-policy.js';

describe('reconnecting', () => {
  it('waits a quarter second first, twice as long after each failed attempt, and never more than the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map(reconnectDelay)).toEqual([250, 500, 1000, 2000, 4000, 8000]);
    expect(reconnectDelay(40)).toBe(LONGEST_RETRY_MS);
  });

  it("keeps the URL's token for the tab, and takes the kept one when the URL has none", () => {
    expect(tokenForPage('http://127.0.0.1:5000/?token=abc#/projects', null)).toEqual({ pageUrl: 'http://127.0.0.1:5000/?token=abc#/projects', keep: 'abc' });
    expect(tokenForPage('http://127.0.0.1:5000/?token=new', 'old')).toEqual({ pageUrl: 'http://127.0.0.1:5000/?token=new', keep: 'new' });
    expect(tokenForPage('http://127.0.0.1:5000/#/collection', 'abc')).toEqual({ pageUrl: 'http://127.0.0.1:5000/?token=abc#/collection', keep: 'abc' });
    expect(tokenForPage('http://127.0.0.1:5000/', null)).toEqual({ pageUrl: 'http://127.0.0.1:5000/', keep: null });
  });

  it('takes the token out of the address, keeping the route', () => {
    expect(withoutToken('http://127.0.0.1:5000/?token=abc#/projects')).toBe('http://127.0.0.1:5000/#/projects');
  });

  it('says nothing while connected or connecting', () => {
    expect(connectionBanner({ phase: 'open' })).toBeNull();
    expect(connectionBanner({ phase: 'connecting' })).toBeNull();
    expect(connectionLabel({ phase: 'open' })).toBe('Connected');
  });

  it('says a page without its token cannot connect, without telling to start a server that runs', () => {
    const words = connectionBanner({ phase: 'closed', reason: 'no_token', message: closedMessage('no_token') })!;
    expect(words).toContain('without its access token');
    expect(words).not.toMatch(/start/i);
  });

  it('tells a lost connection, a server not answering, and a server refusing this page apart', () => {
    const reconnecting = { phase: 'reconnecting', attempt: 2, wasOpen: true } as const;
    expect(connectionBanner({ ...reconnecting, server: 'unknown' })).toContain('reconnecting');
    expect(connectionBanner({ ...reconnecting, server: 'down' })).toContain('not answering');
    expect(connectionBanner({ ...reconnecting, server: 'refusing' })).toContain('no longer accepts this page');
    expect(connectionBanner({ ...reconnecting, server: 'unknown', wasOpen: false })).toContain('Cannot reach SkillMeat yet');
    expect(connectionLabel({ ...reconnecting, server: 'down' })).toBe('Reconnecting…');
  });
});

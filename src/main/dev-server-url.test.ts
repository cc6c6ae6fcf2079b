import { describe, it, expect } from 'vitest';
import { decideDevServerUrl, isLoopbackDevServer } from './dev-server-url.js';

const dev = { isPackaged: false };
const packaged = { isPackaged: true };

function usedUrl(value: string): string | undefined {
  const decision = decideDevServerUrl(dev, value);
  return decision.kind === 'use' ? decision.url : undefined;
}

describe('decideDevServerUrl', () => {
  it('uses electron-vite’s dev server on localhost in an unpackaged build', () => {
    expect(decideDevServerUrl(dev, 'http://localhost:5173/')).toEqual({ kind: 'use', url: 'http://localhost:5173/' });
  });

  it('uses the IPv4 and IPv6 loopback addresses', () => {
    expect(usedUrl('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173/');
    expect(usedUrl('http://[::1]:5173')).toBe('http://[::1]:5173/');
  });

  it('uses https as well as http', () => {
    expect(usedUrl('https://localhost:5173/')).toBe('https://localhost:5173/');
  });

  it('normalises an upper-case scheme and host before deciding', () => {
    expect(usedUrl('HTTP://LOCALHOST:5173/')).toBe('http://localhost:5173/');
  });

  it('decides nothing when the variable is unset or empty', () => {
    expect(decideDevServerUrl(dev, undefined)).toEqual({ kind: 'none' });
    expect(decideDevServerUrl(dev, '')).toEqual({ kind: 'none' });
  });

  it('ignores even a loopback dev server in a packaged app, saying why', () => {
    expect(decideDevServerUrl(packaged, 'http://localhost:5173/')).toEqual({
      kind: 'ignored',
      reason: 'Ignored ELECTRON_RENDERER_URL: a packaged app never loads a dev server.',
    });
  });

  it.each([
    ['a host that merely starts with a loopback address', 'http://127.0.0.1.evil.com:5173/'],
    ['a host behind user info that reads as localhost', 'http://localhost@evil.com/'],
    ['a host that merely starts with localhost', 'http://localhost.evil.example:5173/'],
    ['a remote host', 'https://example.com/'],
    ['a private-network address', 'http://192.168.1.10:5173/'],
    ['the any-address', 'http://0.0.0.0:5173/'],
    ['a trailing-dot localhost', 'http://localhost.:5173/'],
  ])('ignores %s', (_what, value) => {
    const decision = decideDevServerUrl(dev, value);
    expect(decision.kind).toBe('ignored');
    expect(decision.kind === 'ignored' && decision.reason).toMatch(/is not a loopback host/);
  });

  it.each([
    ['file://', 'file:///srv/app/out/renderer/index.html'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['ws://', 'ws://localhost:5173/'],
    ['the app scheme', 'app://skillmeat/index.html'],
  ])('ignores a %s URL', (_what, value) => {
    const decision = decideDevServerUrl(dev, value);
    expect(decision.kind === 'ignored' && decision.reason).toMatch(/is not http or https/);
  });

  it('ignores a loopback URL that carries a user name or password', () => {
    expect(decideDevServerUrl(dev, 'http://me:secret@localhost:5173/')).toEqual({
      kind: 'ignored',
      reason: 'Ignored ELECTRON_RENDERER_URL: it carries a user name or password.',
    });
    expect(decideDevServerUrl(dev, 'http://evil.com@127.0.0.1:5173/').kind).toBe('ignored');
  });

  it('ignores a value that is not a URL', () => {
    // Without a scheme, `localhost:` parses as one; a bare path does not parse at all.
    expect(decideDevServerUrl(dev, 'localhost:5173')).toEqual({ kind: 'ignored', reason: 'Ignored ELECTRON_RENDERER_URL: localhost: is not http or https.' });
    expect(decideDevServerUrl(dev, '/index.html')).toEqual({ kind: 'ignored', reason: 'Ignored ELECTRON_RENDERER_URL: it is not a URL: "/index.html".' });
  });
});

describe('isLoopbackDevServer', () => {
  it('accepts a loopback http URL and refuses anything else', () => {
    expect(isLoopbackDevServer(new URL('http://localhost:5173/'))).toBe(true);
    expect(isLoopbackDevServer(new URL('http://example.com/'))).toBe(false);
    expect(isLoopbackDevServer(new URL('file:///tmp/page.html'))).toBe(false);
  });
});

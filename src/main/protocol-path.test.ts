import { describe, it, expect } from 'vitest';
import { join, resolve } from 'node:path';
import { APP_ENTRY_URL, resolveRendererFile } from './protocol-path.js';

const root = resolve('/srv/app/out/renderer');

function servedPath(url: string): string | undefined {
  const lookup = resolveRendererFile(root, url);
  return lookup.kind === 'file' ? lookup.path : undefined;
}

describe('resolveRendererFile', () => {
  it('serves the entry page from the renderer folder', () => {
    expect(servedPath(APP_ENTRY_URL)).toBe(join(root, 'index.html'));
  });

  it('serves a nested asset', () => {
    expect(servedPath('app://skillmeat/assets/index-Ba1AL8i6.js')).toBe(join(root, 'assets', 'index-Ba1AL8i6.js'));
  });

  it('serves index.html for the bare origin', () => {
    expect(servedPath('app://skillmeat/')).toBe(join(root, 'index.html'));
    expect(servedPath('app://skillmeat')).toBe(join(root, 'index.html'));
  });

  it('ignores the query string and fragment', () => {
    expect(servedPath('app://skillmeat/assets/app.css?v=3#top')).toBe(join(root, 'assets', 'app.css'));
  });

  it('decodes percent-escapes in a file name', () => {
    expect(servedPath('app://skillmeat/assets/my%20icon.png')).toBe(join(root, 'assets', 'my icon.png'));
  });

  it('keeps literal dot-dot segments inside the folder', () => {
    expect(servedPath('app://skillmeat/../../etc/passwd')).toBe(join(root, 'etc', 'passwd'));
  });

  it('keeps %2e%2e-encoded dot-dot segments inside the folder', () => {
    expect(servedPath('app://skillmeat/%2e%2e/%2E%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'));
  });

  it('refuses dot-dot hidden behind an encoded slash', () => {
    expect(resolveRendererFile(root, 'app://skillmeat/assets/..%2F..%2F..%2Fetc%2Fpasswd').kind).toBe('refused');
  });

  it('refuses an encoded absolute path', () => {
    expect(resolveRendererFile(root, 'app://skillmeat/%2Fetc%2Fpasswd').kind).toBe('refused');
  });

  it('refuses an absolute path written as an empty first segment', () => {
    expect(resolveRendererFile(root, 'app://skillmeat//etc/passwd').kind).toBe('refused');
  });

  it('refuses a Windows drive path', () => {
    expect(resolveRendererFile(root, 'app://skillmeat/C:%5CWindows%5Cwin.ini').kind).toBe('refused');
  });

  it('refuses literal backslashes', () => {
    expect(resolveRendererFile(root, 'app://skillmeat/assets\\..\\..\\secret.txt').kind).toBe('refused');
  });

  it('refuses encoded backslashes', () => {
    expect(resolveRendererFile(root, 'app://skillmeat/..%5C..%5Csecret.txt').kind).toBe('refused');
  });

  it('refuses a NUL byte', () => {
    expect(resolveRendererFile(root, 'app://skillmeat/index.html%00.png').kind).toBe('refused');
  });

  it('refuses a malformed escape', () => {
    expect(resolveRendererFile(root, 'app://skillmeat/%E0%A4%A').kind).toBe('refused');
  });

  it('refuses another host on the app scheme', () => {
    expect(resolveRendererFile(root, 'app://elsewhere/index.html').kind).toBe('refused');
  });

  it('refuses another scheme', () => {
    expect(resolveRendererFile(root, 'file:///etc/passwd').kind).toBe('refused');
  });

  it('says why it refused', () => {
    expect(resolveRendererFile(root, 'app://skillmeat/a%2F..%2F..%2Fb')).toEqual({
      kind: 'refused',
      reason: 'path segment "a/../../b" is not allowed in app://skillmeat/a%2F..%2F..%2Fb',
    });
  });
});

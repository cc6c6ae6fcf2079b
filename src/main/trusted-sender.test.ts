import { describe, it, expect } from 'vitest';
import { APP_ENTRY_URL } from './protocol-path.js';
import { isTrustedSender, type SenderFrame } from './trusted-sender.js';

const appFrame: SenderFrame = { url: APP_ENTRY_URL, isMainFrame: true, isAppWindow: true };
const devServerUrl = 'http://localhost:5173/';

function frameAt(url: string | undefined): SenderFrame {
  return { ...appFrame, url };
}

describe('isTrustedSender', () => {
  it('trusts the main frame of the app window on the app origin', () => {
    expect(isTrustedSender(appFrame)).toBe(true);
  });

  it('trusts any page and route on the app origin', () => {
    expect(isTrustedSender(frameAt('app://skillmeat/index.html#/project/%2Fhome%2Fme%2Fapi'))).toBe(true);
  });

  it('refuses an iframe inside the app window', () => {
    expect(isTrustedSender({ ...appFrame, isMainFrame: false })).toBe(false);
  });

  it('refuses a page that is not the app window', () => {
    expect(isTrustedSender({ ...appFrame, isAppWindow: false })).toBe(false);
  });

  it('refuses a frame that is gone', () => {
    expect(isTrustedSender(frameAt(undefined))).toBe(false);
  });

  it('refuses another host on the app scheme', () => {
    expect(isTrustedSender(frameAt('app://elsewhere/index.html'))).toBe(false);
  });

  it('refuses a file:// page', () => {
    expect(isTrustedSender(frameAt('file:///srv/app/out/renderer/index.html'))).toBe(false);
  });

  it('refuses a remote page', () => {
    expect(isTrustedSender(frameAt('https://example.com/'))).toBe(false);
  });

  it('refuses a URL that does not parse', () => {
    expect(isTrustedSender(frameAt('not a url'))).toBe(false);
  });

  it('trusts the dev server when one is given', () => {
    expect(isTrustedSender(frameAt('http://localhost:5173/#/projects'), { devServerUrl })).toBe(true);
  });

  it('refuses the dev server address when none is given, as in a packaged app', () => {
    expect(isTrustedSender(frameAt('http://localhost:5173/'))).toBe(false);
  });

  it('refuses another port on the dev server host', () => {
    expect(isTrustedSender(frameAt('http://localhost:5174/'), { devServerUrl })).toBe(false);
  });

  it('refuses a look-alike host that merely starts with the dev server host', () => {
    expect(isTrustedSender(frameAt('http://localhost.evil.example:5173/'), { devServerUrl })).toBe(false);
  });

  it('does not let a non-http dev server URL widen trust', () => {
    expect(isTrustedSender(frameAt('file:///tmp/page.html'), { devServerUrl: 'file:///tmp/page.html' })).toBe(false);
  });

  it('does not let a remote dev server URL widen trust, even if a caller passes one', () => {
    const remote = 'https://evil.example/';
    expect(isTrustedSender(frameAt('https://evil.example/#/projects'), { devServerUrl: remote })).toBe(false);
  });

  it('does not let a dev server URL with user info widen trust to its real host', () => {
    const lookAlike = 'http://localhost@evil.example:5173/';
    expect(isTrustedSender(frameAt('http://evil.example:5173/'), { devServerUrl: lookAlike })).toBe(false);
  });
});

import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest';
import { EventEmitter } from 'node:events';
import type { App, WebContents } from 'electron';
import { hardenAllWebContents, type HardeningOptions } from './harden-web-contents.js';

// harden-web-contents.ts imports only electron's types, so plain fakes stand in for the app and
// its web contents: the app emits 'web-contents-created', a contents records what was set on it.
type PermissionCheck = (...args: unknown[]) => boolean;
type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type WindowOpenHandler = (details: { url: string }) => { action: string };

class FakeContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | undefined;
  devToolsClosed = 0;
  readonly session = {
    check: undefined as PermissionCheck | undefined,
    request: undefined as PermissionRequest | undefined,
    device: undefined as PermissionCheck | undefined,
    setPermissionCheckHandler: (handler: PermissionCheck) => (this.session.check = handler),
    setPermissionRequestHandler: (handler: PermissionRequest) => (this.session.request = handler),
    setDevicePermissionHandler: (handler: PermissionCheck) => (this.session.device = handler),
  };
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  closeDevTools(): void {
    this.devToolsClosed += 1;
  }
}

/** A cancellable event as Electron passes it; `prevented` tells whether a handler cancelled it. */
function navigationEvent(details: Record<string, unknown> = {}): { prevented: boolean; preventDefault(): void } & Record<string, unknown> {
  const event = { ...details, prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

function createdContents(options: HardeningOptions): FakeContents {
  const app = new EventEmitter();
  hardenAllWebContents(app as unknown as App, options);
  const contents = new FakeContents();
  app.emit('web-contents-created', {}, contents as unknown as WebContents);
  return contents;
}

const packaged: HardeningOptions = { devTools: false };
const development: HardeningOptions = { devTools: true };

describe('hardenAllWebContents', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('denies every permission check, whatever the permission and origin', () => {
    const { session } = createdContents(packaged);
    expect(session.check?.(null, 'clipboard-read', 'app://skillmeat', {})).toBe(false);
    expect(session.check?.(null, 'media', 'http://localhost:5173', {})).toBe(false);
    expect(session.check?.(null, 'geolocation', 'app://skillmeat', {})).toBe(false);
  });

  it('denies every permission request', () => {
    const { session } = createdContents(packaged);
    const answers: boolean[] = [];
    session.request?.(null, 'notifications', (granted) => answers.push(granted));
    session.request?.(null, 'media', (granted) => answers.push(granted));
    expect(answers).toEqual([false, false]);
  });

  it('denies every device permission', () => {
    const { session } = createdContents(packaged);
    expect(session.device?.({ deviceType: 'usb', origin: 'app://skillmeat' })).toBe(false);
  });

  it('cancels the navigation of an iframe', () => {
    const contents = createdContents(packaged);
    const event = navigationEvent({ url: 'https://evil.example/', isMainFrame: false });
    contents.emit('will-frame-navigate', event);
    expect(event.prevented).toBe(true);
  });

  it('cancels a top-frame navigation reported as a frame navigation too', () => {
    const contents = createdContents(packaged);
    const event = navigationEvent({ url: 'https://evil.example/', isMainFrame: true });
    contents.emit('will-frame-navigate', event);
    expect(event.prevented).toBe(true);
  });

  it('still cancels top-frame navigations and redirects', () => {
    const contents = createdContents(packaged);
    const navigation = navigationEvent();
    const redirect = navigationEvent();
    contents.emit('will-navigate', navigation, 'https://evil.example/');
    contents.emit('will-redirect', redirect, 'https://evil.example/');
    expect([navigation.prevented, redirect.prevented]).toEqual([true, true]);
  });

  it('denies new windows and <webview>', () => {
    const contents = createdContents(packaged);
    const webview = navigationEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(webview.prevented).toBe(true);
  });

  it('closes DevTools opened anyway when the build allows none', () => {
    const contents = createdContents(packaged);
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(1);
  });

  it('leaves DevTools open in a development build', () => {
    const contents = createdContents(development);
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(0);
  });
});

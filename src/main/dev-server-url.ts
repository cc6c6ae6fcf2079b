// `electron-vite dev` tells main where its dev server is through ELECTRON_RENDERER_URL. Whatever
// that variable names is loaded into the window and trusted to call the app, so anyone who can set
// the environment of a launch could otherwise point the app at their own page: it is honoured only
// in an unpackaged build, and only for a plain http(s) address on this machine's loopback.

/** What the build is: only an unpackaged (development) build may load a dev server. */
export interface BuildKind {
  readonly isPackaged: boolean;
}

/** Whether to load the dev server: its normalised URL, or why the variable's value was ignored. */
export type DevServerDecision =
  | { readonly kind: 'use'; readonly url: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'ignored'; readonly reason: string };

/** Host names (as WHATWG URL normalises them) that always mean this machine. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Decides whether `value` (ELECTRON_RENDERER_URL) is the dev server to load: only when the build is
 * not packaged and the value is an http(s) URL on a loopback host without user info.
 */
export function decideDevServerUrl(build: BuildKind, value: string | undefined): DevServerDecision {
  if (value === undefined || value === '') return { kind: 'none' };
  if (build.isPackaged) return ignored('a packaged app never loads a dev server');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return ignored(`it is not a URL: ${JSON.stringify(value.slice(0, 200))}`);
  }
  const problem = devServerUrlProblem(url);
  return problem === undefined ? { kind: 'use', url: url.href } : ignored(problem);
}

/** True when `url` may be a dev server at all: http(s), a loopback host, no user info. */
export function isLoopbackDevServer(url: URL): boolean {
  return devServerUrlProblem(url) === undefined;
}

function devServerUrlProblem(url: URL): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} is not http or https`;
  // The parsed host decides, never the text: `http://localhost@evil.example` is evil.example.
  if (!LOOPBACK_HOSTS.has(url.hostname)) return `${url.hostname} is not a loopback host (localhost, 127.0.0.1, [::1])`;
  // A dev server needs no credentials; refusing user info leaves no URL that reads as another host.
  if (url.username !== '' || url.password !== '') return 'it carries a user name or password';
  return undefined;
}

function ignored(reason: string): DevServerDecision {
  return { kind: 'ignored', reason: `Ignored ELECTRON_RENDERER_URL: ${reason}.` };
}

/**
 * The renderer's Content-Security-Policy, built in one place for both ways the renderer is served:
 * Electron's `app://` protocol (src/main) and web mode's loopback HTTP server (src/server).
 */

// Monaco needs blob: workers, data: fonts and inline styles; nothing needs inline or eval'd scripts.
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['worker-src', "'self' blob:"],
  ['font-src', "'self' data:"],
  ['img-src', "'self' data:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

// A source expression is one token: whitespace, ';' or ',' would start a new source, directive or policy.
const SOURCE_TOKEN = /^[^\s;,'"]+$/;

/** Why `source` cannot be a connect-src source (it is not one single origin), or null when it can. */
export function connectSourceProblem(source: string): string | null {
  return SOURCE_TOKEN.test(source) ? null : `Content-Security-Policy connect source ${JSON.stringify(source)} is not a single origin: pass something like ws://127.0.0.1:49152.`;
}

/**
 * The policy, with `connectSources` (already checked by `connectSourceProblem`) allowed after
 * 'self' in connect-src. A source that is not a single origin is refused, never joined in.
 */
export function buildContentSecurityPolicy(connectSources: readonly string[] = []): string {
  for (const source of connectSources) {
    const problem = connectSourceProblem(source);
    if (problem !== null) throw new TypeError(problem);
  }
  const connect: readonly [string, string] = ['connect-src', ["'self'", ...connectSources].join(' ')];
  return [...DIRECTIVES, connect].map(([name, value]) => `${name} ${value}`).join('; ');
}

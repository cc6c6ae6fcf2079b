import { SkillmeatError } from '../core/errors.js';

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

/**
 * The renderer's Content-Security-Policy header value. `connectSources` are origins the page may
 * also connect to (web mode's loopback WebSocket, e.g. `ws://127.0.0.1:49152`).
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  for (const source of connectSources) {
    if (!SOURCE_TOKEN.test(source)) {
      throw new SkillmeatError(
        'invalid_input',
        `Content-Security-Policy connect source ${JSON.stringify(source)} is not a single origin: pass something like ws://127.0.0.1:49152.`,
        { source },
      );
    }
  }
  const connect: readonly [string, string] = ['connect-src', ["'self'", ...connectSources].join(' ')];
  return [...DIRECTIVES, connect].map(([name, value]) => `${name} ${value}`).join('; ');
}

/** The policy of the desktop app, whose renderer talks to main over IPC and connects nowhere else. */
export const APP_CONTENT_SECURITY_POLICY = contentSecurityPolicy();

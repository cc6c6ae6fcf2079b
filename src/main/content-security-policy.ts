import { SkillmeatError } from '../core/errors.js';
import { buildContentSecurityPolicy, connectSourceProblem } from '../shared/content-security-policy.js';

/**
 * The renderer's Content-Security-Policy header value. `connectSources` are origins the page may
 * also connect to (web mode's loopback WebSocket, e.g. `ws://127.0.0.1:49152`).
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  for (const source of connectSources) {
    const problem = connectSourceProblem(source);
    if (problem !== null) throw new SkillmeatError('invalid_input', problem, { source });
  }
  return buildContentSecurityPolicy(connectSources);
}

/** The policy of the desktop app, whose renderer talks to main over IPC and connects nowhere else. */
export const APP_CONTENT_SECURITY_POLICY = contentSecurityPolicy();

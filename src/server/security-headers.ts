import { buildContentSecurityPolicy } from '../shared/content-security-policy.js';
import { allowedAuthorities } from './request-guard.js';

/**
 * Headers on every web-mode response, errors included: the renderer's CSP (connecting only back to
 * this server's WebSocket), no MIME sniffing, no framing, and no Referer, so the token in the page
 * URL never leaves it. Nothing is stored, but content-hashed assets (static-files.ts: cachingOf).
 */
export function securityHeaders(port: number): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': buildContentSecurityPolicy(allowedAuthorities(port).map((authority) => `ws://${authority}`)),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

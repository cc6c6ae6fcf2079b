import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The only host the server binds: web mode never listens beyond this machine. */
export const LOOPBACK_HOST = '127.0.0.1';

/** The `host:port` authorities a request may name: the loopback address, or `localhost`. */
export function allowedAuthorities(port: number): readonly string[] {
  return [`${LOOPBACK_HOST}:${port}`, `localhost:${port}`];
}

/**
 * True when a request's Host header names this server. A page on another site that re-points its
 * own name at 127.0.0.1 (DNS rebinding) still sends its own name here, and is refused.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedAuthorities(port).includes(host.toLowerCase());
}

/** True when a WebSocket upgrade comes from a page this server served (browsers always send Origin). */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && allowedAuthorities(port).some((authority) => origin.toLowerCase() === `http://${authority}`);
}

/** A fresh one-time access token: 32 random bytes, base64url (URL-safe, no padding). */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares a presented token with the real one in constant time (hashing first hides the length too). */
export function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (presented === null || presented === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

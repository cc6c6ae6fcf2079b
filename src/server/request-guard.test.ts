import { describe, expect, it } from 'vitest';
import { isAllowedHost, isAllowedOrigin, newAccessToken, tokenMatches } from './request-guard.js';

describe('request guard', () => {
  it('matches only the exact token', () => {
    const token = newAccessToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token.slice(0, -1), token)).toBe(false);
    expect(tokenMatches(`${token}x`, token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
  });

  it('makes 32-byte base64url tokens', () => {
    expect(Buffer.from(newAccessToken(), 'base64url')).toHaveLength(32);
  });

  it('accepts 127.0.0.1 and localhost with the port as Host, in any case', () => {
    expect(isAllowedHost('127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedHost('LocalHost:5000', 5000)).toBe(true);
  });

  it.each([undefined, '127.0.0.1', '127.0.0.1:5001', 'evil.example:5000', '127.0.0.1.evil.example:5000', '[::1]:5000'])('refuses the Host %s', (host) => {
    expect(isAllowedHost(host, 5000)).toBe(false);
  });

  it.each([undefined, 'null', 'http://evil.example', 'https://127.0.0.1:5000', 'http://127.0.0.1:5000.evil.example', 'http://127.0.0.1'])('refuses the Origin %s', (origin) => {
    expect(isAllowedOrigin(origin, 5000)).toBe(false);
  });

  it('accepts the Origin of a page this server served', () => {
    expect(isAllowedOrigin('http://127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5000', 5000)).toBe(true);
  });
});

import { describe, it, expect } from 'vitest';
import { SkillmeatError } from '../core/errors.js';
import { APP_CONTENT_SECURITY_POLICY, contentSecurityPolicy } from './content-security-policy.js';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split('; ').map((directive) => {
      const [name = '', ...values] = directive.split(' ');
      return [name, values.join(' ')];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('is the policy Monaco was measured to work under, plus connect-src and lockdowns', () => {
    expect(APP_CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; " +
        "font-src 'self' data:; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'; connect-src 'self'",
    );
  });

  it('allows no inline or eval-ed script', () => {
    expect(directives(APP_CONTENT_SECURITY_POLICY).get('script-src')).toBe("'self'");
  });

  it('adds connect sources after self', () => {
    const policy = contentSecurityPolicy(['ws://127.0.0.1:49152']);
    expect(directives(policy).get('connect-src')).toBe("'self' ws://127.0.0.1:49152");
  });

  it('refuses a connect source that would inject another directive', () => {
    expect(() => contentSecurityPolicy(["ws://127.0.0.1:1; script-src 'unsafe-inline'"])).toThrow(SkillmeatError);
  });

  it('refuses a connect source holding two sources', () => {
    expect(() => contentSecurityPolicy(['ws://127.0.0.1:1 https://example.com'])).toThrow(/not a single origin/);
  });
});

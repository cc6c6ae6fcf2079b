import { describe, expect, it } from 'vitest';
import { MAX_NAME_BYTES, nameProblem } from './names.js';

describe('nameProblem', () => {
  it.each([
    ['U+202E right-to-left override', 'invoice\u202egpj.exe'],
    ['U+202A left-to-right embedding', 'a\u202ab'],
    ['U+2066 left-to-right isolate', 'a\u2066b'],
    ['U+2069 pop directional isolate', 'a\u2069b'],
    ['U+200E left-to-right mark', 'a\u200eb'],
    ['U+200F right-to-left mark', 'a\u200fb'],
    ['U+061C Arabic letter mark', 'a\u061cb'],
  ])('refuses a name with the bidirectional control %s', (_what, name) => {
    expect(nameProblem(name)).toMatch(/bidirectional/);
  });

  it.each([
    ['a zero-width space', 'can\u200bvas'],
    ['a zero-width joiner', 'can\u200dvas'],
    ['a word joiner', 'can\u2060vas'],
    ['a byte-order mark inside', 'can\ufeffvas'],
    ['a soft hyphen', 'can\u00advas'],
    ['a tag character', 'canvas\u{e0041}'],
    ['a line separator', 'can\u2028vas'],
  ])('refuses a name with %s (invisible)', (_what, name) => {
    expect(nameProblem(name)).toMatch(/invisible/);
  });

  it('refuses C1 controls as it refuses C0 ones and DEL (a C1 CSI starts a terminal escape sequence too)', () => {
    for (const name of ['can\u009b31mvas', 'can\u0085vas', 'can\u001b[31mvas', 'can\u007fvas']) expect(nameProblem(name)).toMatch(/control character \(U\+/);
  });

  it('refuses a lone surrogate, which UTF-8 cannot hold', () => {
    expect(nameProblem('can\ud800vas')).toMatch(/surrogate/);
  });

  it('counts bytes, not characters: 130 × "é" (260 bytes) is refused, 64 × "é" (128 bytes) is accepted', () => {
    expect(nameProblem('é'.repeat(130))).toMatch(/260 bytes/);
    for (const name of ['Café crème', 'обзор-кода', '代码审查', 'rocket-🚀']) expect(nameProblem(name)).toBeUndefined();
    expect(nameProblem('é'.repeat(64))).toBeUndefined();
    expect(nameProblem('é'.repeat(65))).toMatch(/130 bytes/);
  });

  it(`accepts ${MAX_NAME_BYTES} ASCII characters and refuses one more`, () => {
    expect(nameProblem('a'.repeat(MAX_NAME_BYTES))).toBeUndefined();
    expect(nameProblem('a'.repeat(MAX_NAME_BYTES + 1))).toMatch(/bytes/);
  });

  it.each([
    ['ASCII', 'a'],
    ['accented Latin', 'é'],
    ['Chinese', '代'],
    ['emoji', '🚀'],
  ])('keeps the longest %s name within the 255-byte file-name limit, side files included', (_script, char) => {
    let name = char;
    while (nameProblem(name + char) === undefined) name += char;
    // The longest file built from a name: a lock's take-over claim beside `collection-<name>.lock`.
    const longest = `.collection-${name}.lock.${'f'.repeat(32)}.takeover`;
    expect(new TextEncoder().encode(longest).length).toBeLessThanOrEqual(255);
    expect(nameProblem(name)).toBeUndefined();
  });
});

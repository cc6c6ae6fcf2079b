const SLASH = 0x2f;

/**
 * Order of relative POSIX paths inside an artifact (versioning spec section 2): component by
 * component, each component by Unicode code point, a component that is a prefix of another first.
 * So `a/z.md` < `a-b.md` (whole-string order puts `-` before `/`), and U+1F600 > U+FFFD (UTF-16
 * code-unit order, which JS `<` uses, puts surrogates before U+E000–U+FFFF).
 *
 * Walks both strings once without splitting: up to the first difference the components agree, and
 * a `/` at that point means one side's component ended first, i.e. is a prefix of the other's.
 */
export function comparePaths(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  if (i === length) return a.length - b.length;
  if (a.charCodeAt(i) === SLASH) return -1;
  if (b.charCodeAt(i) === SLASH) return 1;
  // At a high surrogate codePointAt yields the whole astral code point; at a low surrogate (the
  // high halves were equal) both sides are low surrogates, so comparing the units is right too.
  return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
}

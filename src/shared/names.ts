/**
 * The longest name, in UTF-8 bytes. File systems limit a file name to 255 bytes, and a name becomes
 * part of longer file names: `<name>.md`, the temporary `.<name>.md.<pid>.<hex>.tmp` of an atomic
 * write, the audit trail's `.<name>_rollback_audit.toml.<pid>.<hex>.tmp`, a lock's side files (about
 * 60 bytes around the name). 128 leaves room for all of them and for suffixes yet to come
 * (docs/decisions.md, "Hostile input").
 */
export const MAX_NAME_BYTES = 128;

const utf8 = new TextEncoder();

/**
 * Naming rules for artifacts and collections (versioning spec, section 1): non-empty, no `/` or `\`,
 * no `..`, no leading `.`; and, because a name is shown to people and becomes a file name, no
 * control or invisible formatting characters (bidirectional overrides make `gpj.exe` display as
 * `exe.jpg`) and at most MAX_NAME_BYTES bytes. Kept in shared (no Node modules) so the UI can
 * validate as the user types. Returns the reason a name is refused, or undefined when it is acceptable.
 */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.trim() !== name) return 'it starts or ends with white space';
  if (name.includes('/') || name.includes('\\')) return 'it contains a path separator';
  if (name.includes('..')) return 'it contains ".."';
  if (name.startsWith('.')) return 'it starts with "."';
  if (name.includes('\0')) return 'it contains a NUL character';
  const control = /\p{Cc}/u.exec(name);
  if (control) return `it contains a control character (${codePoint(control[0])})`;
  // A lone surrogate cannot be written in UTF-8: two different names would become the same file.
  if (/\p{Cs}/u.test(name)) return 'it contains a lone UTF-16 surrogate (not a character)';
  const bidi = BIDI_CONTROL.exec(name);
  if (bidi) return `it contains a bidirectional-text control character (${codePoint(bidi[0])}), which can make a name display as another`;
  // Zero-width spaces and joiners, soft hyphens, tag characters, line separators: invisible, so two
  // names that look the same would be different artifacts (and tag characters can hide text).
  const invisible = /[\p{Cf}\p{Zl}\p{Zp}]/u.exec(name);
  if (invisible) return `it contains an invisible formatting character (${codePoint(invisible[0])})`;
  const bytes = utf8.encode(name).length;
  if (bytes > MAX_NAME_BYTES) return `it is ${bytes} bytes long in UTF-8; the limit is ${MAX_NAME_BYTES} bytes (${MAX_NAME_BYTES} plain ASCII characters, fewer accented or non-Latin ones)`;
  return undefined;
}

/** Bidirectional embeddings, overrides and isolates, and the implicit direction marks. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

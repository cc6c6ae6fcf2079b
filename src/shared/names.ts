/**
 * Naming rules for artifacts and collections (versioning spec, section 1): non-empty, no `/` or `\`,
 * no `..`, no leading `.`. Kept in shared so the UI can validate as the user types.
 * Returns the reason a name is refused, or undefined when it is acceptable.
 */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.trim() !== name) return 'it starts or ends with white space';
  if (name.includes('/') || name.includes('\\')) return 'it contains a path separator';
  if (name.includes('..')) return 'it contains ".."';
  if (name.startsWith('.')) return 'it starts with "."';
  if (name.includes('\0')) return 'it contains a NUL character';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'it contains a control character';
  if (name.length > 200) return 'it is longer than 200 characters';
  return undefined;
}

/** Small, deterministic text formats shared by the views. */

/** The first 12 hex digits of a content hash, as git shows short ids. */
export function shortHash(sha: string): string {
  return sha.slice(0, 12);
}

/** An RFC 3339 time as "2026-01-01 12:00 UTC" (the back end's times are UTC). */
export function formatTime(iso: string | null): string {
  if (iso === null) return 'never';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match === null ? iso : `${match[1]} ${match[2]} UTC`;
}

/** The last segment of a folder path: a project's name when the registry has none to tell. */
export function folderName(path: string): string {
  return path.split(/[\\/]/).filter((s) => s !== '').pop() ?? path;
}

/** Small, deterministic text formats shared by the views. */

/** The first 12 hex digits of a content hash, as git shows short ids. */
export function shortHash(sha: string): string {
  return sha.slice(0, 12);
}

/** The last segment of a folder path: a project's name when the registry has none to tell. */
export function folderName(path: string): string {
  return path.split(/[\\/]/).filter((s) => s !== '').pop() ?? path;
}

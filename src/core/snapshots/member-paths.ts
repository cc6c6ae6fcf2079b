// Which member names and link targets a snapshot archive may hold. The writer applies the same
// rules as the reader, so it never produces an archive the reader would refuse.

const WINDOWS = process.platform === 'win32';

/**
 * The path segments of archive member `name` below `root/`, or the reason it is refused:
 * absolute, a `..` segment, outside `root/`, or (on Windows) a segment that is not a plain name there.
 * An empty array is the root folder itself.
 */
export function memberSegments(name: string, root: string): readonly string[] | string {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'it is an absolute path';
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return 'it contains a ".." segment';
  if (WINDOWS && segments.some((s) => /[\\:]/.test(s))) return 'it contains "\\" or ":", which Windows reads as a path';
  if (segments[0] !== root) return `it is not inside "${root}/"`;
  return segments.slice(1);
}

/**
 * Why the symlink at `linkSegments` (below the root) with target `target` could leave the root,
 * or undefined when it cannot. The target may climb with leading `..` no higher than the root and
 * then only descend: a `..` after a descent could climb out through another symlink, so it is refused
 * even when the text alone would stay inside.
 */
export function symlinkTargetProblem(linkSegments: readonly string[], target: string): string | undefined {
  if (target.length === 0) return 'its target is empty';
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.startsWith('\\')) return `its target "${target}" is absolute`;
  const segments = target.split('/').filter((s) => s !== '' && s !== '.');
  let climbs = 0;
  while (segments[climbs] === '..') climbs++;
  if (segments.slice(climbs).includes('..')) return `its target "${target}" has ".." after a folder name`;
  if (climbs > linkSegments.length - 1) return `its target "${target}" leaves the archive root`;
  return undefined;
}

import { lstatSync, type Stats } from 'node:fs';
import { sep } from 'node:path';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';

/**
 * The absolute path of `relPath` (POSIX, relative, already checked to be plain: no `..`, `.`, empty
 * segment, backslash or NUL) under `base`, checked on disk so that using it can never lead outside
 * `base`: no segment of it — the folders on the way nor the last one — may be a symbolic link, and
 * every folder on the way that exists must be a real folder. Segments that do not exist yet are
 * fine: a write creates them. `base` itself is the caller's (a project's `.claude/`, which
 * `resolveProject` already requires to be a real folder, or a collection's root).
 *
 * Real paths are checked, not path text: `.claude/skills` being a link to `/etc` is refused here
 * even though the text `.claude/skills/x` looks contained. Synchronous: a few lstat calls of
 * microseconds each, run for every record of a drift round.
 */
export function containedPath(base: string, relPath: string, where: string): string {
  const segments = relPath.split('/');
  let path = base;
  for (const [index, segment] of segments.entries()) {
    path = `${path}${sep}${segment}`;
    const stats = lstatOrUndefined(path);
    if (stats === undefined) return base + sep + segments.join(sep);
    if (stats.isSymbolicLink()) throw linkOnTheWay(path, where);
    const last = index === segments.length - 1;
    if (!last && !stats.isDirectory()) {
      throw new SkillmeatError('invalid_input', `${path} is not a folder, but ${relPath} in ${where} needs it to be one. Move it aside and try again.`, { path });
    }
  }
  return path;
}

/** Refuses `path` when it is a symbolic link (a record file, a lock or the like that must never be read or written through one). */
export function assertNotLink(path: string, where: string): void {
  if (lstatOrUndefined(path)?.isSymbolicLink()) throw linkOnTheWay(path, where);
}

function linkOnTheWay(path: string, where: string): SkillmeatError {
  return new SkillmeatError(
    'symlink_escape',
    `${path} is a symbolic link. SkillMeat never follows links inside ${where}, so nothing was read or written through it. Replace the link with a real folder or file, or remove it.`,
    { path },
  );
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return undefined;
    throw ioError('check', path, error);
  }
}

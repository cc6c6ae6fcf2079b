import { SkillmeatError } from '../errors.js';

/**
 * A path a user gave inside a collection (`snapshots diff`'s file, a selective rollback's paths),
 * checked and made canonical: relative, POSIX, no `..`, no `.` or empty parts, no control
 * characters. `outcome` ends each refusal, e.g. "Nothing was rolled back.".
 */
export function normalizeCollectionPath(path: string, outcome: string): string {
  // A NUL can be in no file name, so such a path matches nothing and an operation would "succeed"
  // doing nothing; other controls are refused with it (they are how a pasted path goes wrong).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) {
    throw new SkillmeatError('invalid_input', `The path ${JSON.stringify(path)} contains a control character (NUL, newline, escape, ...); give the path without it, or the folder that holds such a file. ${outcome}`, { path });
  }
  const unix = path.replace(/\\/g, '/');
  const parts = unix.split('/').filter((part) => part !== '' && part !== '.');
  if (unix.startsWith('/') || /^[A-Za-z]:/.test(unix) || parts.includes('..')) {
    throw new SkillmeatError('path_outside', `The path ${JSON.stringify(path)} is not a path inside the collection (relative, no ".."). ${outcome}`, { path });
  }
  if (parts.length === 0) {
    throw new SkillmeatError('invalid_input', `The path ${JSON.stringify(path)} names no file or folder inside the collection. ${outcome}`, { path });
  }
  return parts.join('/');
}

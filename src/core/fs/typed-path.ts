import { homedir } from 'node:os';
import { isAbsolute, join, normalize } from 'node:path';
import { SkillmeatError } from '../errors.js';

/**
 * A path as a person typed it into the app, made absolute: `~` and `~/…` mean the user's home
 * folder (a browser's field has no shell to expand them). A relative path is refused rather than
 * read against the back end's working folder, which the user neither sees nor chose.
 */
export function typedPath(typed: string, home: string = homedir()): string {
  const path = typed.trim();
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2));
  if (path.startsWith('~')) {
    throw new SkillmeatError('invalid_input', `${path} names another user's home folder; type the full path instead (it starts with /).`, { path });
  }
  if (!isAbsolute(path)) {
    throw new SkillmeatError(
      'invalid_input',
      `${path} is a relative path, and the app has no current folder to read it from. Type the full path (it starts with /), or ~/ for a folder in your home.`,
      { path },
    );
  }
  return normalize(path);
}

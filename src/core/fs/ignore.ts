/**
 * The one ignore set (versioning spec section 2). Copy, hash, diff and merge all ask this module,
 * so a file that hashing skips can never show up as a difference in a diff, or the reverse.
 *
 * Patterns use .gitignore's meaning: a trailing `/` matches folders only; any other pattern matches
 * an entry's base name whatever its type (a folder named `old~` is ignored like a file would be).
 * Folder patterns match a folder of that name at any depth. The artifact root itself is never
 * matched: only entries inside it are.
 */
export const IGNORE_PATTERNS = [
  '.git/',
  '.DS_Store',
  'Thumbs.db',
  '__pycache__/',
  '*.pyc',
  '*.pyo',
  'node_modules/',
  '.venv/',
  'venv/',
  '*.swp',
  '*.swo',
  '*~',
  '.#*',
] as const;

/**
 * Our own files, ignored as well so that a crash mid-write never shows up as content:
 * - names starting with `.skillmeat-`: SkillMeat's bookkeeping (staging folders, records, locks).
 *   User content has no reason to use that prefix, and one left inside an artifact by an interrupted
 *   operation must be neither hashed (false drift) nor copied into other projects.
 * - `tempPathBeside`'s default names, `.<name>.<pid>.<8 hex>.tmp`: `writeFileAtomic` writes one beside
 *   every file it replaces, so a crash between write and rename can leave one inside an artifact.
 *   Only that exact shape is matched, not every `*.tmp`: a user's `notes.tmp` is content. Other
 *   tags (`stale`, for lock takeover) name files that never live inside an artifact.
 */
export const OWN_TEMPORARY_PATTERNS = ['.skillmeat-*', '.<name>.<pid>.<8 hex>.tmp'] as const;

const OWN_PREFIX = '.skillmeat-';
const OWN_TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

interface CompiledPattern {
  readonly foldersOnly: boolean;
  readonly matches: (name: string) => boolean;
}

function compile(pattern: string): CompiledPattern {
  const foldersOnly = pattern.endsWith('/');
  const body = foldersOnly ? pattern.slice(0, -1) : pattern;
  if (body.startsWith('*')) {
    const suffix = body.slice(1);
    return { foldersOnly, matches: (name) => name.endsWith(suffix) };
  }
  if (body.endsWith('*')) {
    const prefix = body.slice(0, -1);
    return { foldersOnly, matches: (name) => name.startsWith(prefix) };
  }
  return { foldersOnly, matches: (name) => name === body };
}

const COMPILED: readonly CompiledPattern[] = IGNORE_PATTERNS.map(compile);

/** True when an entry with this base name (a folder when `isDirectory`) is left out of every artifact operation. */
export function isIgnoredName(name: string, isDirectory: boolean): boolean {
  if (isOwnTemporaryName(name)) return true;
  for (const pattern of COMPILED) {
    if ((isDirectory || !pattern.foldersOnly) && pattern.matches(name)) return true;
  }
  return false;
}

/** True for a name SkillMeat itself writes transiently (see OWN_TEMPORARY_PATTERNS). */
export function isOwnTemporaryName(name: string): boolean {
  return name.startsWith(OWN_PREFIX) || OWN_TEMP_FILE.test(name);
}

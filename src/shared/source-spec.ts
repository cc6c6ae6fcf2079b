/**
 * Upstream sources: where an artifact added from a git repository comes from, in the three forms
 * `add` accepts (cli.md), parsed and checked strictly. Every part ends up on a `git` command line
 * or in a path, so anything that could read as an option, leave the repository's tree, or pick a
 * transport that runs commands is refused here, before anything runs. Kept in shared (no Node
 * modules) so the app's add form can check a source as it is typed.
 */

/** A parsed source: what to fetch, which folder or file of its tree, at which ref. */
export interface SourceSpec {
  /** `github`: `github:OWNER/REPO/PATH[@REF]` (or the Python tool's `OWNER/REPO/PATH[@REF]`); `git`: `git+URL#PATH[@REF]`. */
  readonly kind: 'github' | 'git';
  /** What `git fetch` is given: `https://github.com/OWNER/REPO.git`, or the URL after `git+`. */
  readonly url: string;
  /** The repository's owner and name (github), or its name from the URL's last segment (git). */
  readonly owner: string | undefined;
  readonly repo: string;
  /** POSIX path of the artifact inside the repository's tree; '' for the whole tree. */
  readonly path: string;
  /** A tag, branch or commit; undefined for the remote's default branch (the Python tool's `latest`). */
  readonly ref: string | undefined;
}

/** The `version_spec` the Python tool writes when no ref was given: follow the default branch. */
export const LATEST = 'latest';

/** A source that cannot be used, with the reason (a sentence fragment a message can end with). */
export class SourceSpecError extends Error {
  constructor(
    readonly source: string,
    readonly problem: string,
  ) {
    super(`${JSON.stringify(source)} is not a usable source: ${problem}.`);
    this.name = 'SourceSpecError';
  }
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
/** URL schemes git fetches over; anything else (`ext::`, `fd::`, other remote helpers) is refused. */
const URL_SCHEMES = ['https', 'http', 'ssh', 'git', 'file'] as const;
/** `[user@]host:path`, the scp-like form of an SSH URL. */
const SCP_LIKE = /^(?:[A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+:(?!\/\/)[^:]/;

/** True when `text` is written in one of the git-source forms that need no guessing (`github:`, `git+`). */
export function isExplicitSource(text: string): boolean {
  return text.startsWith('github:') || text.startsWith('git+');
}

/**
 * True when `text` could be the Python tool's `OWNER/REPO[/PATH][@REF]`: a relative path-like text
 * whose first two segments are a valid owner and repository. (Whether it is one, or a local path,
 * is the caller's call: a path that exists on disk is local.)
 */
export function looksLikeBareGithub(text: string): boolean {
  if (text.startsWith('.') || text.startsWith('/') || text.startsWith('~') || text.includes('\\')) return false;
  const [owner, repo] = splitRef(text).rest.split('/');
  return owner !== undefined && repo !== undefined && OWNER.test(owner) && REPO.test(repo) && !repo.startsWith('.');
}

/** Parses a source in any of the three forms (`bare`: also the Python tool's `OWNER/REPO/PATH[@REF]`); throws SourceSpecError. */
export function parseSource(text: string, options: { bare?: boolean } = {}): SourceSpec {
  const unsafe = unsafeCharacter(text);
  if (unsafe) throw new SourceSpecError(text, unsafe);
  if (text.length > 4096) throw new SourceSpecError(text, 'it is longer than 4096 characters');
  if (text.startsWith('github:')) return parseGithub(text, text.slice('github:'.length));
  if (text.startsWith('git+')) return parseGitUrl(text);
  if (options.bare) return parseGithub(text, text);
  throw new SourceSpecError(text, 'write it as github:OWNER/REPO/PATH[@REF], OWNER/REPO/PATH[@REF] or git+URL#PATH[@REF]');
}

/** The source written back in its canonical form: `github:OWNER/REPO/PATH[@REF]` or `git+URL#PATH[@REF]`. */
export function formatSource(spec: SourceSpec): string {
  const at = spec.ref === undefined ? '' : `@${spec.ref}`;
  if (spec.kind === 'github') return `github:${spec.owner}/${spec.repo}${spec.path === '' ? '' : `/${spec.path}`}${at}`;
  return `git+${spec.url}${spec.path === '' && at === '' ? '' : `#${spec.path}${at}`}`;
}

/** The name an artifact from this source gets by default: the last segment of its path, else the repository's name. */
export function sourceArtifactName(spec: SourceSpec): string {
  const last = spec.path.split('/').pop() ?? '';
  return last !== '' ? last : spec.repo;
}

/** The problem with `ref`, or undefined when it is a ref git can be given safely (git check-ref-format's rules, and never an option). */
export function refProblem(ref: string): string | undefined {
  if (ref.length === 0) return 'the ref after "@" is empty';
  if (ref.length > 255) return 'the ref is longer than 255 characters';
  if (ref.startsWith('-')) return 'the ref starts with "-" (it would read as an option to git)';
  if (ref === '@' || ref.includes('@{')) return 'the ref contains "@{"';
  if (ref.includes('..')) return 'the ref contains ".."';
  if (/[\s~^:?*[\\\x7f]/.test(ref) || /\p{Cc}/u.test(ref)) return 'the ref contains a space, a control character or one of ~ ^ : ? * [ \\';
  if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//')) return 'the ref has an empty segment';
  if (ref.endsWith('.') || ref.endsWith('.lock')) return 'the ref ends with "." or ".lock"';
  if (ref.split('/').some((part) => part.startsWith('.'))) return 'a segment of the ref starts with "."';
  return undefined;
}

/** The problem with a path inside the repository, or undefined when it is a plain relative path. */
export function repoPathProblem(path: string): string | undefined {
  if (path.startsWith('/')) return 'the path inside the repository is absolute';
  if (path.includes('\\')) return 'the path inside the repository contains "\\"';
  const parts = path.split('/');
  if (parts.some((part) => part === '')) return 'the path inside the repository has an empty segment';
  if (parts.some((part) => part === '.' || part === '..')) return 'the path inside the repository contains "." or ".." segments';
  if (parts.some((part) => part === '.git')) return 'the path inside the repository goes through ".git"';
  return undefined;
}

/** The problem with a URL git would fetch, or undefined when it is one of the plain forms. */
export function urlProblem(url: string): string | undefined {
  if (url.length === 0) return 'the URL is empty';
  if (url.startsWith('-')) return 'the URL starts with "-" (it would read as an option to git)';
  if (/\s/.test(url)) return 'the URL contains white space';
  if (url.includes('::')) return 'the URL names a git remote helper ("transport::address"), which SkillMeat does not use';
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (!(URL_SCHEMES as readonly string[]).includes(scheme)) return `the URL's scheme "${scheme}" is not one of ${URL_SCHEMES.join(', ')}`;
    if (scheme === 'file' && !url.startsWith('file:///')) return 'a file URL must be absolute (file:///path/to/repo)';
    const rest = url.slice(scheme.length + 3);
    if (scheme !== 'file' && (rest === '' || rest.startsWith('/'))) return 'the URL names no host';
    return undefined;
  }
  if (SCP_LIKE.test(url)) return undefined;
  return `write the URL with a scheme (${URL_SCHEMES.map((s) => `${s}://`).join(', ')}) or as user@host:path`;
}

function parseGithub(source: string, body: string): SourceSpec {
  const { rest, ref } = splitRef(body);
  const refIssue = ref === undefined ? undefined : refProblem(ref);
  if (refIssue) throw new SourceSpecError(source, refIssue);
  const [owner = '', repo = '', ...pathParts] = rest.replace(/\/+$/, '').split('/');
  if (!OWNER.test(owner)) throw new SourceSpecError(source, `"${owner}" is not a GitHub owner (letters, digits and "-", at most 39)`);
  const name = repo.endsWith('.git') ? repo.slice(0, -'.git'.length) : repo;
  if (!REPO.test(name) || name.startsWith('.')) throw new SourceSpecError(source, `"${repo}" is not a GitHub repository name`);
  const path = pathParts.join('/');
  const pathIssue = path === '' ? undefined : repoPathProblem(path);
  if (pathIssue) throw new SourceSpecError(source, pathIssue);
  return { kind: 'github', url: `https://github.com/${owner}/${name}.git`, owner, repo: name, path, ref: normalRef(ref) };
}

function parseGitUrl(source: string): SourceSpec {
  const body = source.slice('git+'.length);
  const hash = body.indexOf('#');
  const url = hash < 0 ? body : body.slice(0, hash);
  const fragment = hash < 0 ? '' : body.slice(hash + 1);
  const urlIssue = urlProblem(url);
  if (urlIssue) throw new SourceSpecError(source, urlIssue);
  const { rest, ref } = splitRef(fragment);
  const refIssue = ref === undefined ? undefined : refProblem(ref);
  if (refIssue) throw new SourceSpecError(source, refIssue);
  const path = rest.replace(/\/+$/, '');
  const pathIssue = path === '' ? undefined : repoPathProblem(path);
  if (pathIssue) throw new SourceSpecError(source, pathIssue);
  const last = url.replace(/\/+$/, '').split(/[/:]/).pop() ?? '';
  const repo = last.endsWith('.git') ? last.slice(0, -'.git'.length) : last;
  return { kind: 'git', url, owner: undefined, repo: repo === '' ? 'repository' : repo, path, ref: normalRef(ref) };
}

/** `latest` (the Python tool's word for "no ref") is the default branch. */
function normalRef(ref: string | undefined): string | undefined {
  return ref === LATEST ? undefined : ref;
}

/** Splits `PATH@REF` at its last `@` (a ref never holds one alone, a path seldom does). */
function splitRef(text: string): { rest: string; ref: string | undefined } {
  const at = text.lastIndexOf('@');
  // `user@host:path` of an scp-like URL is not a ref: only the part after the URL is ever passed here.
  return at < 0 ? { rest: text, ref: undefined } : { rest: text.slice(0, at), ref: text.slice(at + 1) };
}

function unsafeCharacter(text: string): string | undefined {
  if (text.length === 0) return 'it is empty';
  if (/\p{Cc}/u.test(text)) return 'it contains a control character';
  if (/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u.test(text)) return 'it contains a bidirectional-text control character';
  return undefined;
}

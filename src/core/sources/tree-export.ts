/**
 * Copies exactly the tree at PATH of a commit out of a source cache into a folder (or one file), as
 * plain files: read with `git ls-tree` and `git cat-file --batch`, never checked out (no
 * `.gitattributes` filter, hook or `export-subst` of the repository runs). The repository is
 * hostile input: a path that leaves the tree or goes through `.git`, a symbolic link that leaves
 * PATH or names a folder, and a submodule are refused with a clear error; files of the ignore set
 * are left out, as every copy of an artifact leaves them out. Contents stream to disk: memory
 * stays bounded whatever the size of a file.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { ArtifactKind } from '../../shared/artifact-types.js';
import { SkillmeatError, ioError } from '../errors.js';
import { isIgnoredName } from '../fs/ignore.js';
import { runGit, spawnGit } from './git-runner.js';

/** One entry of the tree at PATH: its path inside PATH ('' for PATH itself when a file), mode and object. */
interface TreeEntry {
  readonly path: string;
  readonly mode: string;
  readonly type: string;
  readonly oid: string;
}

const REGULAR = new Set(['100644', '100755', '100664']);
const SYMLINK = '120000';
const SUBMODULE = '160000';
/** Links followed one after another before a chain is refused. */
const MAX_LINK_HOPS = 8;

/**
 * Writes the tree at `repoPath` of `commit` to `dest` (a folder created for a tree, a file for a
 * blob) and says which it was. `not_found` when the commit holds nothing at that path.
 */
export async function exportTree(gitDir: string, commit: string, repoPath: string, dest: string): Promise<ArtifactKind> {
  const where = repoPath === '' ? `the root of commit ${commit.slice(0, 12)}` : `${repoPath} at commit ${commit.slice(0, 12)}`;
  const top = await topEntry(gitDir, commit, repoPath);
  if (top === undefined) throw new SkillmeatError('not_found', `The repository has nothing at ${where}. Check the path after the repository (or after "#").`, { path: repoPath, commit });
  if (top.mode === SUBMODULE) throw refused(where, 'it is a submodule (another repository), whose files this repository does not hold');
  if (top.mode === SYMLINK) throw refused(where, 'it is a symbolic link');
  if (top.type === 'blob') {
    if (!REGULAR.has(top.mode)) throw refused(where, `it has the unknown file mode ${top.mode}`);
    await mkdir(dirname(dest), { recursive: true });
    await writeBlobs(gitDir, [{ oid: top.oid, dest, executable: top.mode === '100755' }], where);
    return 'file';
  }
  const entries = await listTree(gitDir, top.oid, where);
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  const writes: BlobWrite[] = [];
  for (const entry of entries) {
    if (entry.mode === SUBMODULE) throw refused(where, `${entry.path} is a submodule (another repository), whose files this repository does not hold`);
    const problem = entryPathProblem(entry.path);
    if (problem) throw refused(where, `it holds the path ${JSON.stringify(entry.path)}, which ${problem}`);
    if (entry.path.split('/').some((part, index, parts) => isIgnoredName(part, index < parts.length - 1))) continue;
    const target = entry.mode === SYMLINK ? await followLink(gitDir, entry, byPath, where) : entry;
    if (!REGULAR.has(target.mode)) throw refused(where, `${entry.path} has the unknown file mode ${target.mode}`);
    writes.push({ oid: target.oid, dest: join(dest, ...entry.path.split('/')), executable: target.mode === '100755' });
  }
  await mkdir(dest, { recursive: true });
  await writeBlobs(gitDir, writes, where);
  return 'folder';
}

/** The entry at `repoPath` itself (the root tree for ''), or undefined when there is none. */
async function topEntry(gitDir: string, commit: string, repoPath: string): Promise<TreeEntry | undefined> {
  if (repoPath === '') {
    const tree = (await runGit(['rev-parse', '--verify', '--end-of-options', `${commit}^{tree}`], { gitDir, doing: `read commit ${commit}` })).toString('utf8').trim();
    return { path: '', mode: '040000', type: 'tree', oid: tree };
  }
  // Literal pathspecs: a path holding `*` or `:` names exactly that path, nothing it would match as a pattern.
  const out = await runGit(['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', commit, '--', repoPath], { gitDir, doing: `read ${repoPath} at commit ${commit}` });
  return parseTreeListing(out).find((entry) => entry.path === repoPath);
}

/** Every file, link and submodule under tree `oid`, with paths relative to it. */
async function listTree(gitDir: string, oid: string, where: string): Promise<TreeEntry[]> {
  const out = await runGit(['ls-tree', '-r', '-z', '--full-tree', oid], { gitDir, doing: `list the files of ${where}` });
  return parseTreeListing(out);
}

/** `<mode> <type> <oid>\t<path>\0` records. */
function parseTreeListing(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of out.toString('utf8').split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode = '', type = '', oid = ''] = record.slice(0, tab).split(' ');
    entries.push({ path: record.slice(tab + 1), mode, type, oid });
  }
  return entries;
}

/** Why a path of the tree cannot be written as it is, or undefined when it can. */
function entryPathProblem(path: string): string | undefined {
  if (path.includes('\\')) return 'contains a backslash';
  if (/\p{Cc}/u.test(path)) return 'contains a control character';
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return 'is not a plain relative path';
  if (parts.some((part) => part.toLowerCase() === '.git')) return 'goes through a .git folder';
  return undefined;
}

/**
 * The file a symbolic link of the tree names, when it stays inside PATH: its content is copied in
 * the link's place (spec 2: a link inside the artifact counts as its target). A link that leaves
 * PATH, names a folder, dangles or loops is refused.
 */
async function followLink(gitDir: string, link: TreeEntry, byPath: ReadonlyMap<string, TreeEntry>, where: string): Promise<TreeEntry> {
  let current = link;
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const target = (await runGit(['cat-file', 'blob', current.oid], { gitDir, doing: `read the link ${current.path}` })).toString('utf8');
    if (target.startsWith('/')) throw linkEscape(where, link.path, target);
    const resolved = posix.normalize(posix.join(posix.dirname(current.path), target));
    if (resolved === '..' || resolved.startsWith('../') || resolved === '.') throw linkEscape(where, link.path, target);
    const next = byPath.get(resolved);
    if (next === undefined) throw refused(where, `the symbolic link ${link.path} points to ${JSON.stringify(target)}, which is not a file there (a folder, or nothing)`);
    if (next.mode !== SYMLINK) return next;
    current = next;
  }
  throw refused(where, `the symbolic link ${link.path} is a chain of more than ${MAX_LINK_HOPS} links`);
}

interface BlobWrite {
  readonly oid: string;
  readonly dest: string;
  readonly executable: boolean;
}

/**
 * Writes each blob to its file with one `git cat-file --batch`: requests go in on standard input,
 * `<oid> <type> <size>\n<bytes>\n` comes back for each, in order, and is written as it arrives.
 */
async function writeBlobs(gitDir: string, writes: readonly BlobWrite[], where: string): Promise<void> {
  if (writes.length === 0) return;
  const { child, done } = await spawnGit(['cat-file', '--batch'], { gitDir, doing: `read the files of ${where}` });
  child.stdin!.on('error', () => undefined); // a git that died says why through `done`
  child.stdin!.end(writes.map((w) => `${w.oid}\n`).join(''));
  let index = 0;
  let header = Buffer.alloc(0);
  let contentLeft = -1; // -1: reading a header
  let newlineLeft = 0;
  let fd: number | undefined;
  const closeFile = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  try {
    for await (const chunk of child.stdout! as AsyncIterable<Buffer>) {
      let buf: Buffer = chunk;
      while (buf.length > 0) {
        if (contentLeft < 0 && newlineLeft === 0) {
          const nl = buf.indexOf(10);
          if (nl < 0) {
            header = Buffer.concat([header, buf]);
            break;
          }
          const line = Buffer.concat([header, buf.subarray(0, nl)]).toString('utf8');
          header = Buffer.alloc(0);
          buf = buf.subarray(nl + 1);
          const write = writes[index];
          const [, type, size] = line.split(' ');
          if (write === undefined || type !== 'blob' || size === undefined || !/^\d+$/.test(size)) throw refused(where, `git answered ${JSON.stringify(line)} for a file it listed`);
          const path = write.dest;
          try {
            mkdirSync(dirname(path), { recursive: true });
            // `wx`: a path written twice (two spellings git would keep apart) is refused, never overwritten.
            fd = openSync(path, 'wx', write.executable ? 0o755 : 0o644);
          } catch (error) {
            throw ioError('write', path, error);
          }
          contentLeft = Number(size);
          newlineLeft = 1;
          continue;
        }
        if (contentLeft > 0) {
          const take = Math.min(contentLeft, buf.length);
          writeAll(fd!, buf.subarray(0, take));
          contentLeft -= take;
          buf = buf.subarray(take);
          continue;
        }
        // contentLeft is 0: the newline that ends an object.
        buf = buf.subarray(1);
        newlineLeft = 0;
        contentLeft = -1;
        closeFile();
        index++;
      }
    }
    await done;
  } finally {
    closeFile();
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  if (index !== writes.length) throw refused(where, `git returned ${index} of its ${writes.length} files`);
}

function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

function refused(where: string, problem: string): SkillmeatError {
  return new SkillmeatError('invalid_input', `Refused ${where}: ${problem}.`, { where });
}

function linkEscape(where: string, link: string, target: string): SkillmeatError {
  return new SkillmeatError('symlink_escape', `Refused ${where}: the symbolic link ${link} points to ${JSON.stringify(target)}, outside the artifact.`, { link, target });
}

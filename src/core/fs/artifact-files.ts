import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { ArtifactKind } from '../../shared/artifact-types.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { comparePaths } from '../hash/path-order.js';
import { isIgnoredName, isOwnTemporaryName } from './ignore.js';

/**
 * What to do with a symlink that is not followed: one that leaves the artifact, dangles, or points
 * at a folder containing itself. `refuse` (add, deploy, copy) throws `symlink_escape`; `skip`
 * (hashing a copy the user may have tampered with) leaves it out.
 */
export type EscapingLinkPolicy = 'refuse' | 'skip';

/** The stat fields that change when a file's content, or a folder's list of names, changes. */
export interface Stamp {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

/** One regular file of an artifact. */
export interface ArtifactFile extends Stamp {
  /** Path inside the artifact, POSIX `/`; `''` for a file artifact. */
  readonly relPath: string;
  /** Where to read the bytes: the file itself, or the real path of the target of an in-artifact link. */
  readonly absPath: string;
  readonly mode: number;
}

/** A folder met by the walk, with its stamp: its mtime changes when a name is added, removed or renamed in it. */
export interface FolderStamp extends Stamp {
  readonly absPath: string;
}

/** Everything a walk of an artifact saw. */
export interface ArtifactListing {
  /** The regular files, in hash order (`comparePaths` on `relPath`). */
  readonly files: readonly ArtifactFile[];
  /** Every folder walked, root first; only when `stampFolders` was asked for (empty for a file artifact). */
  readonly folders: readonly FolderStamp[] | undefined;
  /** True when the walk met a symlink: then stamps of the folders walked cannot vouch for the file list. */
  readonly throughLinks: boolean;
}

export interface WalkOptions {
  readonly onEscapingLink: EscapingLinkPolicy;
  /** Also stat every folder walked (for the hash cache). */
  readonly stampFolders?: boolean;
  /**
   * Every file, the ignore set not applied (our own transient files still left out): the files the
   * Python SkillMeat's hash covers, to honour a hash it recorded (versioning spec 10).
   */
  readonly everyFile?: boolean;
}

/**
 * The regular files of an artifact, sorted in hash order, with the ignore set applied; undefined
 * when nothing is at `root`. A file artifact is `root` itself (relPath `''`). A symlink that resolves
 * inside the artifact stands for its target (a folder is walked at the link's path); any other is
 * handled per `onEscapingLink`. `root` itself is followed if it is a link: it is the caller's path.
 */
export async function listArtifactFiles(root: string, kind: ArtifactKind, options: WalkOptions): Promise<readonly ArtifactFile[] | undefined> {
  return (await walkArtifact(root, kind, options))?.files;
}

/**
 * `listArtifactFiles` plus what the hash cache needs to revalidate the list later by stats alone.
 * The I/O is synchronous, one artifact at a time: on small files it measured several times faster
 * than fs.promises, whose every call is a thread-pool round trip. Callers walking many artifacts
 * yield to the event loop between them.
 */
export async function walkArtifact(root: string, kind: ArtifactKind, options: WalkOptions): Promise<ArtifactListing | undefined> {
  const rootPath = resolve(root);
  const rootStat = statIfPresent(rootPath, 'read');
  if (rootStat === undefined) return undefined;
  if (kind === 'file') {
    if (!rootStat.isFile()) throw wrongKind(rootPath, kind, rootStat);
    return { files: [artifactFile('', rootPath, rootStat)], folders: options.stampFolders ? [] : undefined, throughLinks: false };
  }
  if (!rootStat.isDirectory()) throw wrongKind(rootPath, kind, rootStat);
  const walk = new FolderWalk(rootPath, options);
  walk.stampFolder(rootPath, rootStat);
  walk.walkFolder({ absDir: rootPath, relDir: '', parent: undefined, realDir: undefined });
  return walk.listing();
}

/** A folder on the current walk path; `realDir` is filled in only when a link needs the loop check. */
interface Frame {
  readonly absDir: string;
  readonly relDir: string;
  readonly parent: Frame | undefined;
  realDir: string | undefined;
}

type Unfollowed = 'outside' | 'dangling' | 'loop';

class FolderWalk {
  private readonly files: ArtifactFile[] = [];
  private readonly folders: FolderStamp[] | undefined;
  private throughLinks = false;
  private realRoot: string | undefined;

  constructor(
    private readonly root: string,
    private readonly options: WalkOptions,
  ) {
    this.folders = options.stampFolders ? [] : undefined;
  }

  listing(): ArtifactListing {
    this.files.sort((a, b) => comparePaths(a.relPath, b.relPath));
    return { files: this.files, folders: this.throughLinks ? undefined : this.folders, throughLinks: this.throughLinks };
  }

  stampFolder(absPath: string, stats: Stats): void {
    this.folders?.push({ absPath, ...stamp(stats) });
  }

  walkFolder(frame: Frame): void {
    let entries;
    try {
      entries = readdirSync(frame.absDir, { withFileTypes: true });
    } catch (error) {
      // A sub-folder removed while we walk is simply not there any more.
      if (frame.parent !== undefined && isGone(error)) return;
      throw ioError('read the folder', frame.absDir, error);
    }
    for (const entry of entries) {
      const name = entry.name;
      const absPath = frame.absDir + sep + name;
      const relPath = frame.relDir === '' ? name : `${frame.relDir}/${name}`;
      if (entry.isFile()) {
        if (!this.ignored(name, false)) this.addFile(absPath, relPath);
      } else if (entry.isDirectory()) {
        if (!this.ignored(name, true)) this.addFolder(absPath, relPath, frame);
      } else if (entry.isSymbolicLink()) {
        this.addLink(absPath, relPath, name, frame);
      }
      // Sockets, pipes and devices are not content: only regular files are.
    }
  }

  private ignored(name: string, isDirectory: boolean): boolean {
    return this.options.everyFile === true ? isOwnTemporaryName(name) : isIgnoredName(name, isDirectory);
  }

  private addFile(absPath: string, relPath: string): void {
    // lstat, not stat: if the entry became a link since readdir, it must not be followed unchecked.
    const stats = lstatIfPresent(absPath);
    if (stats?.isFile()) this.files.push(artifactFile(relPath, absPath, stats));
  }

  private addFolder(absPath: string, relPath: string, parent: Frame): void {
    if (this.folders !== undefined) {
      const stats = statIfPresent(absPath, 'read');
      if (stats === undefined) return;
      this.stampFolder(absPath, stats);
    }
    this.walkFolder({ absDir: absPath, relDir: relPath, parent, realDir: undefined });
  }

  private addLink(linkPath: string, relPath: string, name: string, parent: Frame): void {
    const realRoot = (this.realRoot ??= realpathOf(this.root));
    const target = realpathOrUndefined(linkPath);
    const inside = target !== undefined && isWithin(target, realRoot);
    const stats = inside ? statIfPresent(target, 'read') : undefined;
    if (target === undefined || stats === undefined) {
      // Never followed, so its type is moot: a name the ignore set covers as anything (a `.venv`
      // link to a system Python) is left out rather than refused.
      if (this.ignored(name, true)) return;
      this.throughLinks = true;
      return this.unfollowed(linkPath, relPath, inside || target === undefined ? 'dangling' : 'outside', target);
    }
    if (this.ignored(name, stats.isDirectory())) return;
    this.throughLinks = true;
    if (stats.isDirectory()) {
      if (this.onWalkPath(parent, target)) return this.unfollowed(linkPath, relPath, 'loop', target);
      this.walkFolder({ absDir: target, relDir: relPath, parent, realDir: target });
    } else if (stats.isFile()) {
      this.files.push(artifactFile(relPath, target, stats));
    }
  }

  /** True when `realDir` is the folder being walked or one of its ancestors on this walk path: following it would never end. */
  private onWalkPath(frame: Frame | undefined, realDir: string): boolean {
    for (let f = frame; f !== undefined; f = f.parent) {
      f.realDir ??= realpathOf(f.absDir);
      if (f.realDir === realDir) return true;
    }
    return false;
  }

  private unfollowed(linkPath: string, relPath: string, reason: Unfollowed, target: string | undefined): void {
    if (this.options.onEscapingLink === 'skip') return;
    const text = linkText(linkPath);
    const what =
      reason === 'outside'
        ? `which is outside the artifact ${this.root}. Replace the link with a copy of what it points to, or remove it.`
        : reason === 'dangling'
          ? 'which does not exist. Remove the link or restore its target.'
          : 'a folder that contains the link itself, so its content would repeat forever. Remove the link.';
    throw new SkillmeatError('symlink_escape', `${linkPath} is a symbolic link to ${text}, ${what}`, {
      link: linkPath,
      relPath,
      target: text,
      ...(target !== undefined ? { resolved: target } : {}),
      reason,
    });
  }
}

function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

function artifactFile(relPath: string, absPath: string, stats: Stats): ArtifactFile {
  return { relPath, absPath, mode: stats.mode, ...stamp(stats) };
}

function stamp(stats: Stats): Stamp {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs };
}

function wrongKind(path: string, kind: ArtifactKind, stats: Stats): SkillmeatError {
  const found = stats.isDirectory() ? 'a folder' : stats.isFile() ? 'a file' : 'neither a file nor a folder';
  return new SkillmeatError('invalid_input', `Expected a ${kind} at ${path}, but found ${found}. Move it aside and try again.`, { path, kind });
}

/** ENOENT, or ENOTDIR when a parent turned into a file: either way, nothing is there. */
function isGone(error: unknown): boolean {
  return isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR');
}

function statIfPresent(path: string, action: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if (isGone(error)) return undefined;
    throw ioError(action, path, error);
  }
}

function lstatIfPresent(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (isGone(error)) return undefined;
    throw ioError('read', path, error);
  }
}

function realpathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    throw ioError('resolve', path, error);
  }
}

/** The real path a link leads to, or undefined when it dangles or loops through other links. */
function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch (error) {
    if (isGone(error) || isErrnoCode(error, 'ELOOP')) return undefined;
    throw ioError('resolve', path, error);
  }
}

function linkText(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '(unreadable link)';
  }
}

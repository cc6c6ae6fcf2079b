import { chmodSync, createReadStream, lstatSync, lutimesSync, mkdirSync, symlinkSync, utimesSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { createHash } from '../lazy-crypto.js';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { FileCreationFailure, FileCreationThread } from './file-creation-thread.js';
import { InlineFileCreator, type FileCreator } from './file-creator.js';
import { memberSegments, symlinkTargetProblem } from './member-paths.js';
import { BLOCK, cString, decodeHeader, isZeroBlock, parsePaxRecords } from './tar-header.js';

/** One validated member of a snapshot archive. `name` is the full member name, without a trailing slash. */
export interface ArchiveMember {
  readonly name: string;
  readonly type: 'folder' | 'file' | 'symlink' | 'hardlink';
  readonly size: number;
  readonly mode: number;
  readonly mtime: number;
  readonly linkTarget?: string;
}

/** What `extractArchive` wrote: regular files (hardlinks included). */
export interface ArchiveExtractResult {
  readonly fileCount: number;
}

/** Extended headers and GNU long names larger than this are not names anyone wrote: refuse them. */
const MAX_EXTENDED_BYTES = 1 << 20;
/**
 * From this compressed archive size on, extracted files are created on their own thread (see
 * FileCreationThread); below it, starting the thread (~30 ms) costs more than it saves.
 */
export const THREAD_FROM_BYTES = 2 << 20;

/**
 * Extracts the gzip tar at `archivePath` into `destinationFolder`, which must not exist yet: the
 * archive's `expectedRoot/` becomes that folder. Every header is validated before its member is
 * written; one hostile member (absolute, `..`, outside the root, a link that leaves it, a special
 * file) or any corruption refuses the whole archive, and the destination is removed again.
 */
export async function extractArchive(archivePath: string, destinationFolder: string, expectedRoot: string): Promise<ArchiveExtractResult> {
  const destination = resolve(destinationFolder);
  try {
    await mkdir(destination);
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) {
      throw new SkillmeatError('already_exists', `Cannot extract into ${destination}: it already exists. Extraction needs a new folder.`, { path: destination });
    }
    throw ioError('create the folder', destination, error);
  }
  const creator = await fileCreatorFor(archivePath);
  try {
    const sink = new ExtractSink(destination, creator);
    await readArchive(archivePath, expectedRoot, sink);
    return { fileCount: sink.fileCount };
  } catch (error) {
    // The thread must have stopped writing before the destination is removed.
    await creator.stop().catch(() => undefined);
    await rm(destination, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** A thread for archives big enough to repay starting one; otherwise this thread. */
async function fileCreatorFor(archivePath: string): Promise<FileCreator> {
  // A missing or unreadable archive is reported by readArchive, in its own words.
  const size = await stat(archivePath).then((info) => info.size, () => 0);
  if (size < THREAD_FROM_BYTES) return new InlineFileCreator();
  try {
    return new FileCreationThread();
  } catch {
    // Where worker threads are unavailable (a locked-down embedder), extraction still works, only slower.
    return new InlineFileCreator();
  }
}

/**
 * The members of the archive at `archivePath`, validated exactly as `extractArchive` does. Without
 * `expectedRoot`, the first member's top folder is the root every other member must share.
 */
export async function listArchive(archivePath: string, expectedRoot?: string): Promise<readonly ArchiveMember[]> {
  const members: ArchiveMember[] = [];
  const sink: MemberSink = {
    member: (member) => void members.push(member),
    fileData: () => undefined,
    fileEnd: () => undefined,
    ready: () => undefined,
    finish: () => Promise.resolve(),
  };
  await readArchive(archivePath, expectedRoot, sink);
  return members;
}

/** A regular file of an archive, read without extracting: its size and SHA-256, and its bytes when the caller kept them. */
export interface ArchiveFile {
  readonly size: number;
  readonly sha256: string;
  /** Present when `keepBytes` said so for this file. */
  readonly bytes?: Uint8Array;
  readonly executable: boolean;
}

/**
 * The regular files of the archive at `archivePath` (hardlinks included, symlinks and folders left
 * out), keyed by their POSIX path below `expectedRoot`, each hashed as it streams by; nothing is
 * written to disk. Validated exactly as `extractArchive` validates. `keepBytes` says which files'
 * bytes to hold in memory (default none), so a caller bounds its memory by what it asks for.
 */
export async function readArchiveFiles(archivePath: string, expectedRoot: string, keepBytes: (path: string, size: number) => boolean = () => false): Promise<Map<string, ArchiveFile>> {
  const files = new Map<string, ArchiveFile>();
  let current: { path: string; size: number; executable: boolean; hash: ReturnType<typeof createHash>; parts: Buffer[] | undefined } | undefined;
  const sink: MemberSink = {
    member: (member, segments, linkSegments) => {
      const path = segments.join('/');
      if (member.type === 'file') {
        current = { path, size: member.size, executable: (member.mode & 0o111) !== 0, hash: createHash('sha256'), parts: keepBytes(path, member.size) ? [] : undefined };
      } else if (member.type === 'hardlink') {
        const target = files.get((linkSegments ?? []).join('/'));
        // The parser has checked that the target is an earlier file of the archive.
        if (target) files.set(path, { ...target, executable: (member.mode & 0o111) !== 0 });
      }
    },
    fileData: (chunk) => {
      current?.hash.update(chunk);
      // The parser reuses its buffers: a kept piece is copied.
      current?.parts?.push(Buffer.from(chunk));
    },
    fileEnd: () => {
      if (current === undefined) return;
      const { path, size, executable, hash, parts } = current;
      files.set(path, { size, sha256: hash.digest('hex'), executable, ...(parts ? { bytes: new Uint8Array(Buffer.concat(parts)) } : {}) });
      current = undefined;
    },
    ready: () => undefined,
    finish: () => Promise.resolve(),
  };
  await readArchive(archivePath, expectedRoot, sink);
  return files;
}

/** What `visitArchive` reports, member by member in archive order; paths are POSIX, below the root. */
export interface ArchiveVisitor {
  /** A regular file, before its bytes; returns where its bytes go (each chunk valid only during the call), if anywhere. */
  file(path: string, size: number, executable: boolean): ((chunk: Buffer) => void) | undefined;
  /** After the last byte of the file just announced. */
  fileEnd(): void;
  /** A hardlink to `target`, an earlier regular file of the archive (no bytes follow). */
  hardlink(path: string, target: string): void;
  /** A symlink whose `target` the parser has checked stays inside the root. */
  symlink(path: string, target: string): void;
}

/**
 * Streams the archive at `archivePath` past `visitor`, validated exactly as `extractArchive`
 * validates, writing nothing: for readers that fold the bytes as they pass (a snapshot's index
 * hashes each artifact in one pass) rather than keep them.
 */
export async function visitArchive(archivePath: string, expectedRoot: string, visitor: ArchiveVisitor): Promise<void> {
  let receiver: ((chunk: Buffer) => void) | undefined;
  let open = false;
  const sink: MemberSink = {
    member: (member, segments, linkSegments) => {
      const path = segments.join('/');
      if (member.type === 'file') {
        receiver = visitor.file(path, member.size, (member.mode & 0o111) !== 0);
        open = true;
      } else if (member.type === 'hardlink') {
        visitor.hardlink(path, (linkSegments ?? []).join('/'));
      } else if (member.type === 'symlink') {
        visitor.symlink(path, member.linkTarget ?? '');
      }
    },
    fileData: (chunk) => receiver?.(chunk),
    fileEnd: () => {
      if (!open) return;
      open = false;
      receiver = undefined;
      visitor.fileEnd();
    },
    ready: () => undefined,
    finish: () => Promise.resolve(),
  };
  await readArchive(archivePath, expectedRoot, sink);
}

/** Receives members in archive order, each already validated; file bytes follow `member` for files. */
interface MemberSink {
  member(member: ArchiveMember, segments: readonly string[], linkSegments?: readonly string[]): void;
  fileData(chunk: Buffer): void;
  fileEnd(): void;
  /** Undefined when the sink can take more now; otherwise a promise that settles when it can. */
  ready(): Promise<void> | undefined;
  /** Called once, after the end-of-archive marker. */
  finish(): Promise<void>;
}

async function readArchive(archivePath: string, root: string | undefined, sink: MemberSink): Promise<void> {
  const path = resolve(archivePath);
  const parser = new TarParser(path, root, sink);
  // pipeline() reports a consumer's own error as an abort; keep the refusal to rethrow it as is.
  let refusal: unknown;
  try {
    await pipeline(
      createReadStream(path, { highWaterMark: 1 << 20 }),
      // A deep buffer lets gunzip (on the thread pool) run ahead while this thread writes files,
      // as GNU tar's separate gzip process does.
      createGunzip({ chunkSize: 256 * 1024, highWaterMark: 16 << 20 } as ZlibOptions & { highWaterMark: number }),
      async (source: AsyncIterable<Buffer>) => {
        try {
          for await (const chunk of source) {
            parser.push(chunk);
            await sink.ready();
          }
          parser.end();
          await sink.finish();
        } catch (error) {
          refusal = error;
          throw error;
        }
      },
    );
  } catch (caught) {
    const error = refusal ?? caught;
    if (error instanceof SkillmeatError) throw error;
    if (isErrnoCode(error, 'ENOENT')) throw new SkillmeatError('not_found', `The snapshot archive ${path} does not exist.`, { path });
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new SkillmeatError('corrupt_file', `The snapshot archive ${path} is damaged or truncated (gzip: ${(error as Error).message}).`, { path });
    }
    throw ioError('read the snapshot archive', path, error);
  }
}

/** Overrides from pax extended headers or GNU long-name members, applying to the next member. */
interface PendingOverrides {
  path?: string;
  linkpath?: string;
  size?: number;
  mtime?: number;
}

type Collecting = { readonly kind: 'pax' | 'long-name' | 'long-link' | 'ignore'; readonly parts: Buffer[] };

/** Streaming tar parser: validates each header, then hands the member to the sink before its data arrives. */
class TarParser {
  private readonly header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private state: 'header' | 'data' | 'end' = 'header';
  private dataLeft = 0;
  private padLeft = 0;
  private fileOpen = false;
  private collecting: Collecting | undefined;
  private pending: PendingOverrides = {};
  private readonly seen = new Set<string>();
  private readonly impliedFolders = new Set<string>();
  private readonly symlinks = new Set<string>();
  private readonly files = new Set<string>();

  constructor(
    private readonly archivePath: string,
    private root: string | undefined,
    private readonly sink: MemberSink,
  ) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.state === 'end') return; // zero padding after the end marker
      if (this.state === 'header') {
        if (this.headerFill === 0 && chunk.length - at >= BLOCK) {
          this.onHeader(chunk, at);
          at += BLOCK;
        } else {
          const n = Math.min(BLOCK - this.headerFill, chunk.length - at);
          chunk.copy(this.header, this.headerFill, at, at + n);
          this.headerFill += n;
          at += n;
          if (this.headerFill === BLOCK) {
            this.headerFill = 0;
            this.onHeader(this.header, 0);
          }
        }
        continue;
      }
      if (this.dataLeft > 0) {
        const n = Math.min(this.dataLeft, chunk.length - at);
        const piece = chunk.subarray(at, at + n);
        if (this.fileOpen) this.sink.fileData(piece);
        else this.collecting?.parts.push(piece);
        this.dataLeft -= n;
        at += n;
      }
      if (this.dataLeft === 0) {
        const n = Math.min(this.padLeft, chunk.length - at);
        this.padLeft -= n;
        at += n;
        if (this.padLeft === 0) this.endOfData();
      }
    }
  }

  end(): void {
    if (this.state !== 'end') this.corrupt('it ends before the end-of-archive marker (the file is truncated)');
  }

  private onHeader(block: Buffer, offset: number): void {
    if (isZeroBlock(block, offset)) {
      if (Object.keys(this.pending).length > 0) this.corrupt('an extended header is not followed by a member');
      this.state = 'end';
      return;
    }
    const header = decodeHeader(block, offset);
    if (typeof header === 'string') this.corrupt(header);
    const flag = header.typeflag;
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (header.size > MAX_EXTENDED_BYTES) this.corrupt(`an extended header claims ${header.size} bytes`);
      const kind = flag === 'x' ? 'pax' : flag === 'L' ? 'long-name' : flag === 'K' ? 'long-link' : 'ignore';
      this.collecting = { kind, parts: [] };
      this.startData(header.size);
      return;
    }
    const pending = this.pending;
    this.pending = {};
    const name = pending.path ?? header.name;
    const size = pending.size ?? header.size;
    const mtime = pending.mtime ?? header.mtime;
    const linkTarget = pending.linkpath ?? header.linkname;
    const type = flag === '0' || flag === '7' ? 'file' : flag === '5' ? 'folder' : flag === '2' ? 'symlink' : flag === '1' ? 'hardlink' : undefined;
    if (type === undefined) {
      const what = flag === '3' ? 'a character device' : flag === '4' ? 'a block device' : flag === '6' ? 'a fifo' : `a special member (type "${flag}")`;
      this.hostile(name, `it is ${what}; a snapshot holds only folders, files and links`);
    }
    this.root ??= name.split('/').find((s) => s !== '' && s !== '.') ?? '';
    const segments = memberSegments(name, this.root);
    if (typeof segments === 'string') this.hostile(name, segments);
    const key = segments.join('/');
    if (segments.length === 0 && type !== 'folder') this.hostile(name, 'it replaces the archive root with something other than a folder');
    this.checkParents(name, segments);
    if (this.seen.has(key) || (type !== 'folder' && this.impliedFolders.has(key))) this.corrupt(`the member "${name}" appears twice`);
    this.seen.add(key);
    for (let i = segments.length - 1; i > 0; i--) {
      const parent = segments.slice(0, i).join('/');
      if (this.impliedFolders.has(parent)) break;
      this.impliedFolders.add(parent);
    }

    const member: ArchiveMember = { name: segments.length === 0 ? this.root : `${this.root}/${key}`, type, size: type === 'file' ? size : 0, mode: header.mode & 0o7777, mtime };
    if (type === 'symlink') {
      const problem = symlinkTargetProblem(segments, linkTarget);
      if (problem !== undefined) this.hostile(name, `it is a symlink and ${problem}`);
      this.symlinks.add(key);
      this.sink.member({ ...member, linkTarget }, segments);
    } else if (type === 'hardlink') {
      const target = memberSegments(linkTarget, this.root);
      if (typeof target === 'string') this.hostile(name, `it is a hardlink to "${linkTarget}" and ${target}`);
      if (!this.files.has(target.join('/'))) this.corrupt(`the hardlink "${name}" points to "${linkTarget}", which is not an earlier file in the archive`);
      this.files.add(key);
      this.sink.member({ ...member, linkTarget }, segments, target);
    } else {
      if (type === 'file') this.files.add(key);
      this.sink.member(member, segments);
    }
    this.fileOpen = type === 'file';
    this.collecting = type === 'file' ? undefined : { kind: 'ignore', parts: [] };
    this.startData(size);
  }

  // Writing `a/b` after the symlink `a` would write through it; after the file `a`, it cannot.
  private checkParents(name: string, segments: readonly string[]): void {
    let prefix = '';
    for (let i = 0; i < segments.length - 1; i++) {
      prefix = i === 0 ? (segments[0] ?? '') : `${prefix}/${segments[i] ?? ''}`;
      if (this.symlinks.has(prefix)) this.hostile(name, `it lies under the symlink "${this.root}/${prefix}"`);
      if (this.files.has(prefix)) this.corrupt(`the member "${name}" lies under the file "${this.root}/${prefix}"`);
    }
  }

  private startData(size: number): void {
    this.state = 'data';
    this.dataLeft = size;
    this.padLeft = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.endOfData();
  }

  private endOfData(): void {
    this.state = 'header';
    if (this.fileOpen) {
      this.fileOpen = false;
      this.sink.fileEnd();
      return;
    }
    const collecting = this.collecting;
    this.collecting = undefined;
    if (collecting === undefined || collecting.kind === 'ignore') return;
    const body = Buffer.concat(collecting.parts);
    if (collecting.kind === 'long-name') this.pending.path = cString(body, 0, body.length);
    else if (collecting.kind === 'long-link') this.pending.linkpath = cString(body, 0, body.length);
    else this.applyPax(body);
  }

  private applyPax(body: Buffer): void {
    const records = parsePaxRecords(body);
    if (records === undefined) this.corrupt('a pax extended header is malformed');
    const path = records.get('path');
    const linkpath = records.get('linkpath');
    const size = records.get('size');
    const mtime = records.get('mtime');
    if (path !== undefined) this.pending.path = path;
    if (linkpath !== undefined) this.pending.linkpath = linkpath;
    if (size !== undefined) {
      if (!/^\d+$/.test(size) || !Number.isSafeInteger(Number(size))) this.corrupt(`a pax size "${size}" is not a byte count`);
      this.pending.size = Number(size);
    }
    if (mtime !== undefined) {
      const value = Number(mtime);
      if (!Number.isFinite(value)) this.corrupt(`a pax mtime "${mtime}" is not a time`);
      this.pending.mtime = value;
    }
  }

  private hostile(name: string, reason: string): never {
    throw new SkillmeatError('path_outside', `Refusing the snapshot archive ${this.archivePath}: member "${name}" is unsafe (${reason}). Nothing was restored.`, {
      path: this.archivePath,
      member: name,
    });
  }

  private corrupt(reason: string): never {
    throw new SkillmeatError('corrupt_file', `The snapshot archive ${this.archivePath} is damaged: ${reason}. Nothing was restored.`, { path: this.archivePath });
  }
}

interface DeferredMeta {
  readonly path: string;
  readonly mode: number;
  readonly mtime: number;
}

/**
 * Writes members below `destination`. Symlinks are created only after every other member, and
 * folder modes and mtimes are applied last (deepest first), as GNU tar does: no write can pass
 * through a link from this archive, and a read-only folder still receives its contents. Folders are
 * made here, before any file inside them is handed to the creator.
 */
class ExtractSink implements MemberSink {
  fileCount = 0;
  private filePath = '';
  /** Permission bits the umask (or a default ACL) strips from what `open` asks for: those need an fchmod. */
  private readonly stripped: number;
  private readonly madeFolders = new Set<string>();
  private readonly folders: DeferredMeta[] = [];
  private readonly symlinks: { readonly path: string; readonly target: string; readonly mtime: number }[] = [];

  constructor(
    private readonly destination: string,
    private readonly creator: FileCreator,
  ) {
    // The destination was just made with mode 0o777: what it lacks is what creation strips.
    this.stripped = 0o777 & ~lstatSync(destination).mode;
  }

  member(member: ArchiveMember, segments: readonly string[], linkSegments?: readonly string[]): void {
    const path = segments.length === 0 ? this.destination : join(this.destination, ...segments);
    const mode = member.mode & 0o777; // never setuid, setgid or sticky from an archive
    try {
      if (member.type === 'folder') {
        if (segments.length > 0) this.makeFolder(segments, path);
        this.folders.push({ path, mode, mtime: member.mtime });
      } else if (member.type === 'file') {
        this.makeParent(segments);
        this.filePath = path;
        this.creator.openFile(path, mode, member.mtime, (mode & this.stripped) !== 0);
        this.fileCount += 1;
      } else if (member.type === 'hardlink') {
        this.makeParent(segments);
        this.filePath = path;
        this.creator.hardlink(join(this.destination, ...(linkSegments ?? [])), path);
        this.fileCount += 1;
      } else {
        this.symlinks.push({ path, target: member.linkTarget ?? '', mtime: member.mtime });
      }
    } catch (error) {
      throw this.failure(path, error);
    }
  }

  fileData(chunk: Buffer): void {
    try {
      this.creator.write(chunk);
    } catch (error) {
      throw this.failure(this.filePath, error);
    }
  }

  fileEnd(): void {
    try {
      this.creator.closeFile();
    } catch (error) {
      throw this.failure(this.filePath, error);
    }
  }

  ready(): Promise<void> | undefined {
    try {
      return this.creator.ready()?.catch((error: unknown) => {
        throw this.failure(this.filePath, error);
      });
    } catch (error) {
      throw this.failure(this.filePath, error);
    }
  }

  async finish(): Promise<void> {
    try {
      await this.creator.finish();
    } catch (error) {
      throw this.failure(this.filePath, error);
    }
    for (const link of this.symlinks) {
      try {
        this.makeParent(link.path.slice(this.destination.length + 1).split(/[\\/]/));
        symlinkSync(link.target, link.path);
        lutimesSync(link.path, link.mtime, link.mtime);
      } catch (error) {
        throw this.failure(link.path, error);
      }
    }
    for (let i = this.folders.length - 1; i >= 0; i--) {
      const folder = this.folders[i];
      if (folder === undefined) continue;
      try {
        chmodSync(folder.path, folder.mode);
        utimesSync(folder.path, folder.mtime, folder.mtime);
      } catch (error) {
        throw this.failure(folder.path, error);
      }
    }
  }

  private makeFolder(segments: readonly string[], path: string): void {
    const key = segments.join('/');
    if (this.madeFolders.has(key)) return;
    this.makeParent(segments);
    try {
      mkdirSync(path, 0o700);
    } catch (error) {
      // Made earlier as the parent of a member listed before its folder; it is a real folder (no symlinks exist yet).
      if (!isErrnoCode(error, 'EEXIST') || !lstatSync(path).isDirectory()) throw error;
    }
    this.madeFolders.add(key);
  }

  private makeParent(segments: readonly string[]): void {
    if (segments.length < 2) return;
    const parent = segments.slice(0, -1);
    const key = parent.join('/');
    if (this.madeFolders.has(key)) return;
    mkdirSync(join(this.destination, ...parent), { recursive: true, mode: 0o755 });
    for (let i = 1; i <= parent.length; i++) this.madeFolders.add(parent.slice(0, i).join('/'));
  }

  private failure(path: string, error: unknown): SkillmeatError {
    if (error instanceof SkillmeatError) return error;
    // The thread reports failures later than the member they concern: it names the file itself.
    if (error instanceof FileCreationFailure) return this.failure(error.path, error.cause);
    if (isErrnoCode(error, 'EEXIST') || isErrnoCode(error, 'ENOTDIR') || isErrnoCode(error, 'EISDIR') || isErrnoCode(error, 'ELOOP')) {
      return new SkillmeatError('corrupt_file', `The snapshot archive collides with itself at ${path} (a member appears twice or under a file). Nothing was restored.`, { path });
    }
    return ioError('extract', path, error);
  }
}

import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { syncFolder, tempPathBeside } from '../fs/atomic-write.js';
import { nameProblem } from '../../shared/names.js';
import { symlinkTargetProblem } from './member-paths.js';
import { BLOCK, encodeHeader, fitsUstar, paxBody, splitUstarName } from './tar-header.js';
import type { HeaderFields } from './tar-header.js';
import type { ProgressListener } from '../progress.js';

/** What `writeArchive` wrote: regular files stored and the archive's size on disk. */
export interface ArchiveWriteResult {
  readonly fileCount: number;
  readonly bytes: number;
}

/** gzip level 6 is GNU gzip's default: the same size class as `tar czf`. */
const GZIP_LEVEL = 6;
/**
 * Tar bytes are cut into batches of this size, each compressed as its own gzip member on the thread
 * pool, several at once, while the next batch is read. A multi-member gzip is plain RFC 1952 that
 * gzip, GNU tar and Python read as one stream; restarting the dictionary every few MB costs ~0.1%.
 */
const BATCH_BYTES = 4 << 20;
const BATCHES_IN_FLIGHT = Math.max(2, Math.min(4, availableParallelism()));
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const gzipAsync = promisify(gzip);

interface TreeEntry {
  readonly path: string;
  /** Member name below the root, POSIX separators; '' for the root folder itself. */
  readonly relative: string;
  readonly kind: 'folder' | 'file' | 'symlink';
}

/**
 * Writes `sourceFolder` as a gzip tar whose members sit under `rootName/`, atomically (temp file
 * beside `archivePath`, fsync, rename). Folders, files and inside-pointing symlinks are stored in
 * sorted order with permission bits and mtimes; any other file type, or a symlink that leaves the
 * folder, refuses the whole archive and leaves no file behind.
 */
export async function writeArchive(sourceFolder: string, archivePath: string, rootName: string, onProgress?: ProgressListener): Promise<ArchiveWriteResult> {
  const problem = nameProblem(rootName);
  if (problem !== undefined) throw new SkillmeatError('invalid_name', `Cannot use "${rootName}" as an archive root: ${problem}.`, { rootName });
  const source = resolve(sourceFolder);
  const target = resolve(archivePath);
  await requireFolder(source);
  const inside = relative(source, target);
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    throw new SkillmeatError('invalid_input', `Cannot write the archive ${target} inside the folder it archives (${source}); choose a path outside it.`, { source, archivePath: target });
  }

  const temp = tempPathBeside(target);
  const counts = { files: 0 };
  try {
    const entries = listTree(source);
    const handle = await open(temp, 'wx', 0o644);
    let bytes = 0;
    try {
      const compressing: Promise<Buffer>[] = [];
      const writeNext = async (): Promise<void> => {
        const compressed = await (compressing.shift() ?? Promise.resolve(Buffer.alloc(0)));
        // A write may be short (a disk filling up takes what fits, and only the next write fails):
        // write the rest until all is written, so a full disk is an error, never a truncated archive.
        for (let at = 0; at < compressed.length; ) {
          const { bytesWritten } = await handle.write(compressed, at, compressed.length - at);
          at += bytesWritten;
        }
        bytes += compressed.length;
      };
      const total = entries.filter((e) => e.kind === 'file').length;
      for await (const batch of tarChunks(entries, rootName, counts)) {
        onProgress?.({ done: counts.files, total });
        compressing.push(gzipAsync(batch, { level: GZIP_LEVEL }));
        if (compressing.length >= BATCHES_IN_FLIGHT) await writeNext();
      }
      while (compressing.length > 0) await writeNext();
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    await syncFolder(dirname(target));
    return { fileCount: counts.files, bytes };
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof SkillmeatError) throw error;
    throw ioError('write the snapshot archive', target, error);
  }
}

async function requireFolder(path: string): Promise<void> {
  try {
    if ((await stat(path)).isDirectory()) return;
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) throw new SkillmeatError('not_found', `Cannot archive ${path}: it does not exist.`, { path });
    throw ioError('read', path, error);
  }
  throw new SkillmeatError('invalid_input', `Cannot archive ${path}: it is not a folder.`, { path });
}

// Depth-first, each folder before its contents, names sorted by code unit: the same tree always
// gives the same member order.
function listTree(root: string): TreeEntry[] {
  const entries: TreeEntry[] = [{ path: root, relative: '', kind: 'folder' }];
  const visit = (folder: string, prefix: string): void => {
    const dirents = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const dirent of dirents) {
      const path = join(folder, dirent.name);
      const rel = prefix + dirent.name;
      if (dirent.isDirectory()) {
        entries.push({ path, relative: rel, kind: 'folder' });
        visit(path, `${rel}/`);
      } else if (dirent.isFile()) {
        entries.push({ path, relative: rel, kind: 'file' });
      } else if (dirent.isSymbolicLink()) {
        entries.push({ path, relative: rel, kind: 'symlink' });
      } else {
        throw new SkillmeatError('invalid_input', `Cannot snapshot ${path}: it is a socket, fifo or device, and a snapshot holds only folders, files and symlinks. Remove it and try again.`, { path });
      }
    }
  };
  visit(root, '');
  return entries;
}

/** Tar bytes in batches: file contents are read (synchronously, straight into the batch) as gzip consumes earlier batches. */
async function* tarChunks(entries: readonly TreeEntry[], root: string, counts: { files: number }): AsyncGenerator<Buffer> {
  let batch = Buffer.allocUnsafe(BATCH_BYTES);
  let used = 0;
  const take = (): Buffer => {
    const full = batch.subarray(0, used);
    batch = Buffer.allocUnsafe(BATCH_BYTES);
    used = 0;
    return full;
  };
  function* putHeaders(name: string, fields: HeaderFields): Generator<Buffer> {
    const split = splitUstarName(name);
    const records: Record<string, string> = {};
    if (split === undefined) records.path = name;
    if (!fitsUstar(fields)) {
      if (fields.size > 0o77777777777) records.size = String(fields.size);
      records.mtime = String(fields.mtime);
      if (fields.linkname !== undefined) records.linkpath = fields.linkname;
    }
    const pax = Object.keys(records).length > 0 ? paxBody(records) : undefined;
    const needed = BLOCK + (pax === undefined ? 0 : BLOCK + padded(pax.length));
    if (used + needed > batch.length) yield take();
    if (needed > batch.length) batch = Buffer.allocUnsafe(needed);
    if (pax !== undefined) {
      encodeHeader(batch, used, 'PaxHeader', '', { typeflag: 'x', mode: 0o644, size: pax.length, mtime: Math.max(0, Math.min(fields.mtime, 0o77777777777)) });
      pax.copy(batch, used + BLOCK);
      batch.fill(0, used + BLOCK + pax.length, used + needed - BLOCK);
      used += needed - BLOCK;
    }
    const ustar = split ?? { name: name.slice(0, 100), prefix: '' };
    encodeHeader(batch, used, ustar.name, ustar.prefix, fields);
    used += BLOCK;
  }

  for (const entry of entries) {
    const name = entry.relative === '' ? `${root}/` : `${root}/${entry.relative}`;
    if (entry.kind === 'folder') {
      const info = lstatSync(entry.path);
      yield* putHeaders(name.endsWith('/') ? name : `${name}/`, { typeflag: '5', mode: info.mode, size: 0, mtime: seconds(info) });
    } else if (entry.kind === 'symlink') {
      const info = lstatSync(entry.path);
      const linkname = readlinkSync(entry.path);
      const problem = symlinkTargetProblem(entry.relative.split('/'), linkname.split('\\').join('/'));
      if (problem !== undefined) {
        throw new SkillmeatError('symlink_escape', `Cannot snapshot the symlink ${entry.path}: ${problem}. A snapshot keeps only symlinks that point inside the collection; replace it with the file it points to.`, { path: entry.path, target: linkname });
      }
      yield* putHeaders(name, { typeflag: '2', mode: info.mode, size: 0, mtime: seconds(info), linkname });
    } else {
      yield* putFile(entry.path, name);
      counts.files += 1;
    }
    if (used >= BATCH_BYTES - BLOCK) yield take();
  }
  if (used + 2 * BLOCK > batch.length) yield take();
  batch.fill(0, used, used + 2 * BLOCK);
  used += 2 * BLOCK;
  yield take();

  function* putFile(path: string, name: string): Generator<Buffer> {
    const fd = openSync(path, constants.O_RDONLY | NO_FOLLOW);
    try {
      const info = fstatSync(fd);
      if (!info.isFile()) throw new SkillmeatError('invalid_input', `Cannot snapshot ${path}: it stopped being a regular file while being archived.`, { path });
      const size = info.size;
      yield* putHeaders(name, { typeflag: '0', mode: info.mode, size, mtime: seconds(info) });
      let remaining = size;
      while (remaining > 0) {
        if (used === batch.length) yield take();
        const want = Math.min(remaining, batch.length - used);
        const got = readSync(fd, batch, used, want, size - remaining);
        if (got === 0) throw new SkillmeatError('io_error', `Cannot snapshot ${path}: it shrank while being archived. Try again when nothing is writing to the collection.`, { path });
        used += got;
        remaining -= got;
      }
      const pad = padded(size) - size;
      if (pad > 0) {
        if (used + pad > batch.length) yield take();
        batch.fill(0, used, used + pad);
        used += pad;
      }
    } finally {
      closeSync(fd);
    }
  }
}

function seconds(info: Stats): number {
  return Math.floor(info.mtimeMs / 1000);
}

function padded(length: number): number {
  return Math.ceil(length / BLOCK) * BLOCK;
}

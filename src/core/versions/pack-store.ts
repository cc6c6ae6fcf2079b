/**
 * Packs: many small blobs kept in one file, as git's packs keep many objects. A deploy of a
 * 20,000-file skill used to create 20,000 loose blob files beside the 20,000 it copies, and file
 * creation is what costs most; one pack per operation makes that one file.
 *
 *   objects/packs/pack-<16 hex>.pack   the blobs' bytes, one after another
 *   objects/packs/pack-<16 hex>.idx    "SMPACK01", u32 count, then per blob (sorted by SHA-256):
 *                                      32-byte SHA-256, u64 offset, u32 size; then the SHA-256 of
 *                                      everything before it (so a torn index is never trusted)
 *
 * A pack is complete before its index appears (both renamed into place, index last), and a version
 * names a blob only after that, so a kill leaves at most a pack without an index: unused, harmless.
 * Blobs are checked against their SHA-256 whenever they are read, packed or loose.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from '../lazy-crypto.js';
import { join } from 'node:path';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';

/** Where one packed blob is. */
export interface PackedBlob {
  readonly pack: string;
  readonly offset: number;
  readonly size: number;
}

const MAGIC = Buffer.from('SMPACK01', 'latin1');
const ENTRY = 32 + 8 + 4;
const INDEX = /^(pack-[0-9a-f]{16})\.idx$/;

/** The folder holding the packs. */
export function packsDir(objectsDir: string): string {
  return join(objectsDir, 'packs');
}

/**
 * The packed blobs of one store, as this process knows them: the indexes of every pack, loaded on
 * first use and again when a blob is not found (another process may have written a pack since).
 */
export class PackIndex {
  private static readonly byStore = new Map<string, PackIndex>();
  private readonly blobs = new Map<string, PackedBlob>();
  private readonly loaded = new Set<string>();
  /** Indexes that could not be trusted (torn, or not an index), for `verify`. */
  readonly unreadable = new Map<string, string>();

  private constructor(private readonly dir: string) {}

  /** The index of the store at `objectsDir` (one per store and process). */
  static of(objectsDir: string): PackIndex {
    let index = PackIndex.byStore.get(objectsDir);
    if (index === undefined) {
      index = new PackIndex(packsDir(objectsDir));
      index.refresh();
      PackIndex.byStore.set(objectsDir, index);
    }
    return index;
  }

  /** A fresh reading of the store's packs, shared with nobody (for `verify`, which must see the disk as it is now). */
  static read(objectsDir: string): PackIndex {
    const index = new PackIndex(packsDir(objectsDir));
    index.refresh();
    return index;
  }

  /** Where blob `sha` is packed; with `refresh`, packs written since the last look are read first when it is not known. */
  find(sha: string, refresh: boolean): PackedBlob | undefined {
    const found = this.blobs.get(sha);
    if (found !== undefined || !refresh) return found;
    this.refresh();
    return this.blobs.get(sha);
  }

  /** Every packed blob. */
  entries(): IterableIterator<[string, PackedBlob]> {
    this.refresh();
    return this.blobs.entries();
  }

  /** Adds the blobs of a pack this process just wrote. */
  add(name: string, entries: ReadonlyMap<string, { offset: number; size: number }>): void {
    const pack = join(this.dir, `${name}.pack`);
    for (const [sha, at] of entries) if (!this.blobs.has(sha)) this.blobs.set(sha, { pack, ...at });
    this.loaded.add(name);
  }

  private refresh(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return;
      throw ioError('list the folder', this.dir, error);
    }
    for (const file of names) {
      const name = INDEX.exec(file)?.[1];
      if (name === undefined || this.loaded.has(name) || this.unreadable.has(file)) continue;
      const problem = this.load(name);
      if (problem !== undefined) this.unreadable.set(file, problem);
      else this.loaded.add(name);
    }
  }

  /** Reads one pack's index; the reason it cannot be trusted, if it cannot. */
  private load(name: string): string | undefined {
    const indexPath = join(this.dir, `${name}.idx`);
    const pack = join(this.dir, `${name}.pack`);
    let bytes: Buffer;
    let packSize: number;
    try {
      bytes = readFileSync(indexPath);
      const fd = openSync(pack, 'r');
      try {
        packSize = fstatSync(fd).size;
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return 'its pack file is missing';
      throw ioError('read the pack index', indexPath, error);
    }
    if (bytes.length < MAGIC.length + 4 + 32 || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return 'it is not a pack index';
    const count = bytes.readUInt32BE(MAGIC.length);
    const body = MAGIC.length + 4 + count * ENTRY;
    if (bytes.length !== body + 32) return 'its length does not match its count';
    if (!createHash('sha256').update(bytes.subarray(0, body)).digest().equals(bytes.subarray(body))) return 'its checksum does not match';
    for (let i = 0, at = MAGIC.length + 4; i < count; i++, at += ENTRY) {
      const sha = bytes.toString('hex', at, at + 32);
      const offset = Number(bytes.readBigUInt64BE(at + 32));
      const size = bytes.readUInt32BE(at + 40);
      if (offset + size > packSize) return `blob ${sha} lies past the end of the pack`;
      if (!this.blobs.has(sha)) this.blobs.set(sha, { pack, offset, size });
    }
    return undefined;
  }
}

/** The bytes of a packed blob (not checked here: readers check every blob against its SHA-256). */
export function readPacked(blob: PackedBlob): Uint8Array {
  const fd = openSync(blob.pack, 'r');
  try {
    const bytes = Buffer.allocUnsafe(blob.size);
    let filled = 0;
    while (filled < blob.size) {
      const count = readSync(fd, bytes, filled, blob.size - filled, blob.offset + filled);
      if (count === 0) throw new SkillmeatError('corrupt_file', `${blob.pack} ends before the blob at ${blob.offset} (${blob.size} bytes) it indexes.`, { path: blob.pack });
      filled += count;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes small blobs into one new pack: `add` appends a blob (unless the store has it already),
 * `finish` puts pack and index in place. Nothing is fsynced: whoever names these blobs in a version
 * makes the batch durable first (durability.ts). `abandon` (or a kill) leaves no index, so nothing
 * of the pack is ever used.
 */
export class PackWriter {
  private readonly name = `pack-${randomBytes(8).toString('hex')}`;
  private readonly entries = new Map<string, { offset: number; size: number }>();
  private fd: number | undefined;
  private size = 0;

  constructor(
    private readonly objectsDir: string,
    private readonly index: PackIndex,
  ) {}

  /** True when the store (or this pack) already holds blob `sha`. */
  has(sha: string): boolean {
    return this.entries.has(sha) || this.index.find(sha, false) !== undefined;
  }

  /** Appends `bytes` as blob `sha`; false when the store already held it (nothing written). */
  add(sha: string, bytes: Uint8Array): boolean {
    if (this.has(sha)) return false;
    const fd = (this.fd ??= this.open());
    for (let written = 0; written < bytes.byteLength; ) written += writeSync(fd, bytes, written, bytes.byteLength - written, this.size + written);
    this.entries.set(sha, { offset: this.size, size: bytes.byteLength });
    this.size += bytes.byteLength;
    return true;
  }

  /** Puts the pack and then its index in place (nothing when no blob was added). */
  finish(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    const dir = packsDir(this.objectsDir);
    const sorted = [...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const index = Buffer.alloc(MAGIC.length + 4 + sorted.length * ENTRY + 32);
    MAGIC.copy(index, 0);
    index.writeUInt32BE(sorted.length, MAGIC.length);
    sorted.forEach(([sha, at], i) => {
      const base = MAGIC.length + 4 + i * ENTRY;
      index.write(sha, base, 'hex');
      index.writeBigUInt64BE(BigInt(at.offset), base + 32);
      index.writeUInt32BE(at.size, base + 40);
    });
    const body = index.length - 32;
    createHash('sha256').update(index.subarray(0, body)).digest().copy(index, body);
    const indexTemp = join(dir, `.${this.name}.idx.tmp`);
    try {
      const fd = openSync(indexTemp, 'wx', 0o444);
      try {
        for (let written = 0; written < index.length; ) written += writeSync(fd, index, written);
      } finally {
        closeSync(fd);
      }
      renameSync(this.tempPack(), join(dir, `${this.name}.pack`));
      renameSync(indexTemp, join(dir, `${this.name}.idx`));
    } catch (error) {
      rmSync(indexTemp, { force: true });
      this.abandon();
      throw ioError('write the pack', join(dir, this.name), error);
    }
    this.index.add(this.name, this.entries);
  }

  /** Drops what was written (nothing of it was ever named). */
  abandon(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.tempPack(), { force: true });
  }

  private open(): number {
    const dir = packsDir(this.objectsDir);
    try {
      mkdirSync(dir, { recursive: true });
      return openSync(this.tempPack(), 'wx', 0o444);
    } catch (error) {
      throw ioError('start a pack in', dir, error);
    }
  }

  private tempPack(): string {
    return join(packsDir(this.objectsDir), `.${this.name}.pack.tmp`);
  }
}

// The 512-byte ustar header (POSIX.1-1988) with the pax (POSIX.1-2001) and GNU extensions a reader
// meets in practice. Encoding writes straight into the caller's buffer: the writer packs thousands
// of headers into one batch without copying.

export const BLOCK = 512;

/** Member types this project stores or must recognise to refuse. */
export type TarTypeFlag = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | 'x' | 'g' | 'L' | 'K' | string;

/** One decoded header, before pax or GNU long-name overrides are applied. */
export interface TarHeader {
  readonly name: string;
  readonly mode: number;
  readonly size: number;
  readonly mtime: number;
  readonly typeflag: TarTypeFlag;
  readonly linkname: string;
}

/** What the writer needs to encode one member; `size` is 0 for anything but a regular file. */
export interface HeaderFields {
  readonly typeflag: '0' | '1' | '2' | '3' | '5' | '6' | 'x';
  readonly mode: number;
  readonly size: number;
  readonly mtime: number;
  readonly linkname?: string;
}

const MAX_OCTAL_11 = 0o77777777777; // 8 GiB - 1: the largest size or mtime an 11-digit field holds

/** The ustar name/prefix split of `path`, or undefined when it needs a pax `path` record. */
export function splitUstarName(path: string): { name: string; prefix: string } | undefined {
  const length = Buffer.byteLength(path);
  if (length <= 100) return { name: path, prefix: '' };
  if (length > 256) return undefined;
  // A folder's trailing slash belongs to the name part; search for a separator before it.
  for (let cut = path.lastIndexOf('/', path.length - 2); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (Buffer.byteLength(name) > 100) return undefined;
    if (Buffer.byteLength(prefix) <= 155) return { name, prefix };
  }
  return undefined;
}

/** True when the header fields fit ustar without pax records (apart from the path). */
export function fitsUstar(fields: HeaderFields): boolean {
  return (
    fields.size <= MAX_OCTAL_11 &&
    fields.mtime >= 0 &&
    fields.mtime <= MAX_OCTAL_11 &&
    (fields.linkname === undefined || Buffer.byteLength(fields.linkname) <= 100)
  );
}

/** The body of a pax extended header holding `records` (`"<len> key=value\n"` each). */
export function paxBody(records: Readonly<Record<string, string>>): Buffer {
  let text = '';
  for (const [key, value] of Object.entries(records)) {
    const tail = ` ${key}=${value}\n`;
    const tailLength = Buffer.byteLength(tail);
    // The length counts its own digits: grow until the total is self-consistent.
    let length = tailLength + String(tailLength).length;
    if (String(length).length > String(tailLength).length) length = tailLength + String(length).length;
    text += `${length}${tail}`;
  }
  return Buffer.from(text, 'utf8');
}

/** Encodes one ustar header into `target` at `offset` (512 bytes, fully overwritten). */
export function encodeHeader(target: Buffer, offset: number, name: string, prefix: string, fields: HeaderFields): void {
  target.fill(0, offset, offset + BLOCK);
  target.write(name, offset, 100, 'utf8');
  writeOctal(target, offset + 100, 8, fields.mode & 0o7777);
  writeOctal(target, offset + 108, 8, 0);
  writeOctal(target, offset + 116, 8, 0);
  writeOctal(target, offset + 124, 12, fields.size <= MAX_OCTAL_11 ? fields.size : 0);
  writeOctal(target, offset + 136, 12, fields.mtime >= 0 && fields.mtime <= MAX_OCTAL_11 ? fields.mtime : 0);
  target[offset + 156] = fields.typeflag.charCodeAt(0);
  if (fields.linkname !== undefined && Buffer.byteLength(fields.linkname) <= 100) target.write(fields.linkname, offset + 157, 100, 'utf8');
  target.write('ustar\u000000', offset + 257, 8, 'latin1');
  if (prefix.length > 0) target.write(prefix, offset + 345, 155, 'utf8');
  const sum = checksum(target, offset);
  target.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, offset + 148, 8, 'latin1');
}

/** True when all 512 bytes are zero: the end-of-archive marker. */
export function isZeroBlock(block: Buffer, offset: number): boolean {
  for (let i = offset; i < offset + BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

/**
 * Decodes the header at `offset`, or returns a reason it is not a valid header (bad checksum,
 * unknown magic, unparsable number). The caller turns the reason into a `corrupt_file` error.
 */
export function decodeHeader(block: Buffer, offset: number): TarHeader | string {
  const stored = parseNumber(block, offset + 148, 8);
  if (stored === undefined) return 'a header checksum is not a number';
  const unsigned = checksum(block, offset);
  if (stored !== unsigned && stored !== signedChecksum(block, offset)) return 'a header checksum does not match';
  const magic = block.toString('latin1', offset + 257, offset + 263);
  const isUstar = magic === 'ustar\u0000';
  if (!isUstar && magic !== 'ustar ') return 'a header has no ustar magic';
  const mode = parseNumber(block, offset + 100, 8);
  const size = parseNumber(block, offset + 124, 12);
  const mtime = parseNumber(block, offset + 136, 12);
  if (mode === undefined || size === undefined || mtime === undefined) return 'a header holds an unparsable number';
  const name = cString(block, offset, 100);
  // GNU-format headers reuse the prefix bytes for other fields; only ustar has a prefix.
  const prefix = isUstar ? cString(block, offset + 345, 155) : '';
  const flag = block[offset + 156] ?? 0;
  return {
    name: prefix.length > 0 ? `${prefix}/${name}` : name,
    mode,
    size,
    mtime,
    typeflag: flag === 0 ? '0' : String.fromCharCode(flag),
    linkname: cString(block, offset + 157, 100),
  };
}

/** Parses a pax extended header body into its records; undefined when malformed. */
export function parsePaxRecords(body: Buffer): Map<string, string> | undefined {
  const records = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space < 0) return undefined;
    const length = Number(body.toString('latin1', at, space));
    if (!Number.isInteger(length) || length <= space - at || at + length > body.length) return undefined;
    if (body[at + length - 1] !== 0x0a) return undefined;
    const record = body.toString('utf8', space + 1, at + length - 1);
    const equals = record.indexOf('=');
    if (equals <= 0) return undefined;
    records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

/** Text up to the first NUL of a fixed-width field, read as UTF-8. */
export function cString(block: Buffer, offset: number, width: number): string {
  let end = offset;
  while (end < offset + width && block[end] !== 0) end++;
  return block.toString('utf8', offset, end);
}

function checksum(block: Buffer, offset: number): number {
  let sum = 8 * 0x20; // the checksum field itself counts as spaces
  for (let i = offset; i < offset + 148; i++) sum += block[i] ?? 0;
  for (let i = offset + 156; i < offset + BLOCK; i++) sum += block[i] ?? 0;
  return sum;
}

// Some historic tars summed signed chars; GNU tar accepts either, so do we.
function signedChecksum(block: Buffer, offset: number): number {
  let sum = 8 * 0x20;
  for (let i = offset; i < offset + BLOCK; i++) {
    if (i >= offset + 148 && i < offset + 156) continue;
    const byte = block[i] ?? 0;
    sum += byte > 127 ? byte - 256 : byte;
  }
  return sum;
}

function writeOctal(target: Buffer, offset: number, width: number, value: number): void {
  target.write(value.toString(8).padStart(width - 1, '0'), offset, width - 1, 'latin1');
  target[offset + width - 1] = 0;
}

// Octal text (space/NUL padded) or GNU base-256 (high bit of the first byte set).
function parseNumber(block: Buffer, offset: number, width: number): number | undefined {
  const first = block[offset] ?? 0;
  if (first & 0x80) {
    if (first !== 0x80) return undefined; // negative or beyond 2^53: nothing we store
    let value = 0;
    for (let i = offset + 1; i < offset + width; i++) value = value * 256 + (block[i] ?? 0);
    return Number.isSafeInteger(value) ? value : undefined;
  }
  const text = block.toString('latin1', offset, offset + width).replace(/[\0 ]+$/, '').replace(/^ +/, '');
  if (text.length === 0) return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  return parseInt(text, 8);
}

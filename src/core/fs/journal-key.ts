/**
 * The per-home secret that tells SkillMeat's own staging folders and journals from planted ones
 * (versioning spec 9). Recovery moves files on a journal's word, and a project's `.claude/` comes
 * from anywhere — a cloned repository may carry a `.skillmeat-staging-…/journal.json` that would
 * swap `settings.local.json` or delete a skill. So every staging folder name and every journal
 * carries an HMAC under a key only this home holds; recovery replays only what verifies, and leaves
 * anything else where it is (drift and `verify` report it).
 */
import { createHmac, randomBytes, timingSafeEqual } from '../lazy-crypto.js';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { tempPathBeside } from './atomic-write.js';

const KEY_BYTES = 32;
const KEY_TEXT = /^[0-9a-f]{64}\n?$/;

/** A home's journal key: signs and checks what a transaction leaves on disk. */
export class JournalKey {
  private constructor(private readonly secret: Buffer) {}

  /** A key from its bytes (tests, and `load`). */
  static fromBytes(secret: Uint8Array): JournalKey {
    return new JournalKey(Buffer.from(secret));
  }

  /** HMAC-SHA256 of `text` under this key, lowercase hex. */
  sign(text: string): string {
    return createHmac('sha256', this.secret).update(text, 'utf8').digest('hex');
  }

  /** True when `tag` is `sign(text)` (or its first `tag.length` hex digits, at least 16), compared in constant time. */
  verifies(text: string, tag: unknown): boolean {
    if (typeof tag !== 'string' || tag.length < 16 || !/^[0-9a-f]+$/.test(tag)) return false;
    const expected = Buffer.from(this.sign(text).slice(0, tag.length));
    const given = Buffer.from(tag);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

const loaded = new Map<string, Promise<JournalKey>>();

/**
 * The key kept at `keyFile` (the home's `journal.key`), created on first use: 32 random bytes as
 * hex, readable by the user alone. Two processes creating it at once agree on one: each writes a
 * whole temp file and links it into place, and the one that loses reads the winner's.
 */
export function journalKey(keyFile: string): Promise<JournalKey> {
  let key = loaded.get(keyFile);
  if (key === undefined) {
    key = loadOrCreate(keyFile);
    loaded.set(keyFile, key);
    key.catch(() => loaded.delete(keyFile));
  }
  return key;
}

/**
 * The key at `keyFile` if this home has one, without creating it: for reads (drift), which must
 * write nothing. No key means this home never wrote a journal, so no staging folder is its own.
 */
export async function existingJournalKey(keyFile: string): Promise<JournalKey | undefined> {
  const known = loaded.get(keyFile);
  if (known !== undefined) return known;
  const key = await readKey(keyFile);
  // Found once, it never changes: later drift rounds need not read it again.
  if (key !== undefined) loaded.set(keyFile, Promise.resolve(key));
  return key;
}

async function loadOrCreate(keyFile: string): Promise<JournalKey> {
  const existing = await readKey(keyFile);
  if (existing !== undefined) return existing;
  await mkdir(dirname(keyFile), { recursive: true }).catch((error: unknown) => {
    throw ioError('create the folder', dirname(keyFile), error);
  });
  const temp = tempPathBeside(keyFile);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${randomBytes(KEY_BYTES).toString('hex')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temp, keyFile).catch((error: unknown) => {
      if (!isErrnoCode(error, 'EEXIST')) throw error;
    });
  } catch (error) {
    throw ioError('create the journal key', keyFile, error);
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
  const created = await readKey(keyFile);
  if (created === undefined) throw new SkillmeatError('io_error', `The journal key ${keyFile} vanished just after it was created. Try again.`, { path: keyFile });
  return created;
}

async function readKey(keyFile: string): Promise<JournalKey | undefined> {
  let text: string;
  try {
    text = await readFile(keyFile, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw ioError('read the journal key', keyFile, error);
  }
  if (!KEY_TEXT.test(text)) {
    throw new SkillmeatError(
      'corrupt_file',
      `${keyFile} is not a SkillMeat journal key (64 hex digits). Delete it to have a new one made; interrupted operations signed with the old key will then be reported instead of recovered.`,
      { path: keyFile },
    );
  }
  return JournalKey.fromBytes(Buffer.from(text.trim(), 'hex'));
}

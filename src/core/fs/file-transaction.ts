import { readdirSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { randomBytes } from '../lazy-crypto.js';
import type { ArtifactKind } from '../../shared/artifact-types.js';
import type { FileMap } from '../merge/file-map.js';
import { SkillmeatError, ioError, isErrnoCode } from '../errors.js';
import { syncFolder, writeFileAtomic } from './atomic-write.js';
import { pathExists } from './path-exists.js';
import type { FileWriter } from './file-writer.js';
import { stageTree } from './stage-tree.js';
import { flushFileSystems } from './durability.js';
import type { JournalKey } from './journal-key.js';

const STAGING_PREFIX = '.skillmeat-staging-';
const JOURNAL = 'journal.json';
const COMMITTED = 'committed.json';

/**
 * Marks, around the moment a transaction puts its changes in place, that what it changes is
 * changing: readers that must not see half a change check it (collection-lock.ts).
 */
export interface CommitFence {
  enter(): Promise<void>;
  leave(): Promise<void>;
}

export interface TransactionOptions {
  /** Tags the staging folder when its parent is shared by several locks. */
  readonly owner?: string;
  readonly fence?: CommitFence;
}

/** One place the transaction changes: `staged` replaces (or creates) `target`; no `staged` deletes it. */
interface Change {
  readonly target: string;
  readonly staged: string | null;
  readonly aside: string;
}

/**
 * Changes to many files and folders, prepared in a staging folder and put in place as one step
 * that a crash cannot leave half done. Everything is staged first (trees, and the records that
 * describe them); `commit` then writes a journal of the renames, moves each target aside and the
 * staged copy in, and marks the journal committed. A process killed at any point leaves a staging
 * folder that `recoverTransactions` (run by the next holder of the same lock) resolves: no
 * journal or no mark means the old state is put back; a mark means the new state stands.
 * The staging folder must be on the targets' file system, so every step is a rename. Its name and
 * its journal are signed with the home's journal key: recovery replays only what this home wrote.
 */
export class FileTransaction implements FileWriter {
  private readonly changes: Change[] = [];
  private committed = false;

  private constructor(
    readonly stagingDir: string,
    private readonly key: JournalKey,
    private readonly fence: CommitFence | undefined,
  ) {}

  /**
   * Starts a transaction staging under `parent`. The staging folder's name is signed with the
   * home's journal key, so recovery knows it for its own (see journal-key.ts).
   */
  static async begin(parent: string, key: JournalKey, options: TransactionOptions = {}): Promise<FileTransaction> {
    const dir = join(parent, stagingName(key, options.owner, randomBytes(6).toString('hex')));
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw ioError('create the staging folder', dir, error);
    }
    return new FileTransaction(dir, key, options.fence);
  }

  /** A fresh path inside the staging folder for the caller to build a copy at (then `replace`). */
  stagingPath(): string {
    return join(this.stagingDir, `new-${this.changes.length}-${randomBytes(3).toString('hex')}`);
  }

  /** Puts the copy already built at `staged` (inside the staging folder) in place of `target`. */
  replace(target: string, staged: string): void {
    this.add(target, staged);
  }

  /** Stages an in-memory tree to replace `target` (see stageTree for modes). */
  async writeTree(target: string, files: FileMap, kind: ArtifactKind, modeSources: readonly (string | undefined)[]): Promise<void> {
    const staged = this.stagingPath();
    await stageTree(staged, files, kind, modeSources);
    this.add(target, staged);
  }

  /** Deletes `target` (file or folder) at commit. */
  delete(target: string): void {
    this.add(target, null);
  }

  async writeFile(path: string, data: string | Uint8Array): Promise<void> {
    const staged = this.stagingPath();
    await writeFileAtomic(staged, data);
    this.add(path, staged);
  }

  async deleteFile(path: string): Promise<void> {
    this.delete(path);
  }

  /** Puts every staged change in place as one step, then removes the staging folder. */
  async commit(): Promise<void> {
    if (this.committed) throw new Error('transaction already committed');
    this.committed = true;
    const journal = join(this.stagingDir, JOURNAL);
    // Paths relative to the staging folder's parent, so a project folder moved after a crash still recovers.
    const base = dirname(this.stagingDir);
    const stored = this.changes.map((c) => ({ target: relative(base, c.target), staged: c.staged === null ? null : relative(base, c.staged), aside: relative(base, c.aside) }));
    // Staged trees were written without an fsync each: durable together before the journal names them.
    if (this.changes.some((c) => c.staged !== null)) await flushFileSystems([this.stagingDir]);
    await writeFileAtomic(journal, signedJournal(this.key, this.stagingDir, stored));
    await this.fence?.enter();
    let applied = 0;
    try {
      for (const change of this.changes) {
        await applyChange(change);
        applied++;
      }
    } catch (error) {
      // Undo in reverse, the very steps recovery would take after a crash here.
      for (const change of this.changes.slice(0, applied + 1).reverse()) await undoChange(change);
      await rm(this.stagingDir, { recursive: true, force: true }).catch(() => undefined);
      await this.fence?.leave();
      throw error instanceof SkillmeatError ? error : ioError('move into place', this.changes[applied]?.target ?? this.stagingDir, error);
    }
    // The commit point: from here on recovery keeps the new state.
    await rename(journal, join(this.stagingDir, COMMITTED));
    await this.fence?.leave();
    for (const folder of new Set(this.changes.map((c) => dirname(c.target)))) await syncFolder(folder);
    await this.discard();
  }

  /** Drops everything staged (nothing was put in place). Safe to call after `commit`. */
  async discard(): Promise<void> {
    await rm(this.stagingDir, { recursive: true, force: true }).catch(() => undefined);
  }

  private add(target: string, staged: string | null): void {
    if (this.committed) throw new Error('transaction already committed');
    if (this.changes.some((c) => c.target === target)) throw new Error(`transaction changes ${target} twice`);
    this.changes.push({ target, staged, aside: join(this.stagingDir, `aside-${this.changes.length}`) });
  }
}

/**
 * Runs `work` on a new transaction and commits it; if `work` throws, nothing is put in place.
 * The staging folder is removed either way.
 */
export async function inTransaction<T>(parent: string, key: JournalKey, work: (tx: FileTransaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const tx = await FileTransaction.begin(parent, key, options);
  try {
    const result = await work(tx);
    await tx.commit();
    return result;
  } finally {
    await tx.discard();
  }
}

async function applyChange(change: Change): Promise<void> {
  if (await pathExists(change.target)) await rename(change.target, change.aside);
  if (change.staged !== null) {
    await mkdir(dirname(change.target), { recursive: true });
    await rename(change.staged, change.target);
  }
}

/**
 * Returns one change to its old state from whatever step it reached. Each step is a rename that
 * moves the state back one stage, so running this again after a crash inside it is harmless.
 */
async function undoChange(change: Change): Promise<void> {
  const asideExists = await pathExists(change.aside);
  const movedIn = change.staged !== null && !(await pathExists(change.staged)) && (await pathExists(change.target));
  // The new copy goes back to its staging place first, then the old one returns.
  if (movedIn) await rename(change.target, change.staged!);
  if (asideExists) await rename(change.aside, change.target);
}

/** What recovery did under one folder. */
export interface Recovery {
  /** How many interrupted transactions were rolled back. */
  readonly rolledBack: number;
  /** Staging folders this home did not write (planted, or another home's): left exactly as they are. */
  readonly foreign: readonly string[];
}

/**
 * Resolves transactions that a killed process left under `parent` (only those tagged `owner`
 * when given): committed ones are finished, all others rolled back; then their staging folders
 * go. Only staging folders signed with this home's `key` are touched: any other is left alone
 * and listed in `foreign`. Run only by whoever holds the lock guarding `parent` — never by a read.
 */
export async function recoverTransactions(parent: string, key: JournalKey, owner?: string): Promise<Recovery> {
  const { ours, foreign } = stagedTransactions(parent, key, owner);
  let rolledBack = 0;
  for (const name of ours) {
    const dir = join(parent, name);
    try {
      if (!(await pathExists(join(dir, COMMITTED)))) {
        const changes = await readJournal(parent, dir, key);
        for (const change of [...changes].reverse()) await undoChange(change);
        if (changes.length > 0) rolledBack++;
      }
      await rm(dir, { recursive: true, force: true });
    } catch (error) {
      throw error instanceof SkillmeatError ? error : ioError('recover the interrupted operation in', dir, error);
    }
  }
  return { rolledBack, foreign };
}

/** Staging folders under a folder, told apart by their signed names. */
export interface StagedTransactions {
  /** Written by this home: a transaction running now, or one a kill interrupted. */
  readonly ours: readonly string[];
  /** Named like a staging folder but not signed with this home's key: never touched. */
  readonly foreign: readonly string[];
}

/**
 * The staging folders under `parent` (of `owner`, when given), by name. Without a key (this home
 * never wrote a journal) every one is foreign. Synchronous: drift asks this of every project each
 * round, and one readdir of a small folder takes microseconds where a thread-pool round trip costs
 * many times that. Reads nothing inside the folders and changes nothing.
 */
export function stagedTransactions(parent: string, key: JournalKey | undefined, owner?: string): StagedTransactions {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return { ours: [], foreign: [] };
    throw ioError('read', parent, error);
  }
  const prefix = stagingPrefix(owner);
  const ours: string[] = [];
  const foreign: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    // Another owner's folders share the plain prefix: they are theirs, not foreign.
    if (owner === undefined && stagingOwner(name) !== undefined) continue;
    const signed = SIGNED_SUFFIX.exec(name.slice(prefix.length));
    if (key !== undefined && signed !== null && key.verifies(stagingText(owner, signed[1]!), signed[2])) ours.push(name);
    else foreign.push(name);
  }
  return { ours, foreign };
}

/** The owner a tagged staging folder name carries (`.skillmeat-staging-<owner>--<nonce>-<tag>`), if any. */
export function stagingOwner(name: string): string | undefined {
  const match = /^\.skillmeat-staging-(.+)--[0-9a-f]{12}-[0-9a-f]{16}$/.exec(name);
  return match?.[1];
}

const JOURNAL_FORMAT = 2;
const SIGNED_SUFFIX = /^([0-9a-f]{12})-([0-9a-f]{16})$/;

function stagingPrefix(owner: string | undefined): string {
  return `${STAGING_PREFIX}${owner === undefined ? '' : `${owner}--`}`;
}

function stagingName(key: JournalKey, owner: string | undefined, nonce: string): string {
  return `${stagingPrefix(owner)}${nonce}-${key.sign(stagingText(owner, nonce)).slice(0, 16)}`;
}

/** What a staging folder's name signs: its owner and nonce. */
function stagingText(owner: string | undefined, nonce: string): string {
  return `skillmeat-staging\0${owner ?? ''}\0${nonce}`;
}

/** A stored change: paths relative to the staging folder's parent. */
export interface StoredChange {
  readonly target: string;
  readonly staged: string | null;
  readonly aside: string;
}

/** The text of the journal of `stagingDir` listing `changes`, signed with `key` (exported for tests that stage an interrupted transaction). */
export function signedJournal(key: JournalKey, stagingDir: string, changes: readonly StoredChange[]): string {
  return JSON.stringify({ format: JOURNAL_FORMAT, changes, mac: key.sign(journalText(basename(stagingDir), changes)) });
}

/** What a journal signs: the folder it belongs to and its changes, exactly as stored. */
function journalText(stagingName: string, changes: unknown): string {
  return `skillmeat-journal\0${stagingName}\0${JSON.stringify(changes)}`;
}

/**
 * The changes a staging folder's journal lists, with absolute paths. A journal is only ever trusted
 * as far as the folders it belongs to: every target must lie inside `parent` and every staged and
 * aside path inside the staging folder, so a journal planted in a project (a cloned repository may
 * carry anything) cannot make recovery move files elsewhere; and its signature must verify under
 * this home's key. Anything else is `corrupt_file`, and nothing is moved.
 */
async function readJournal(parent: string, stagingDir: string, key: JournalKey): Promise<Change[]> {
  const path = join(stagingDir, JOURNAL);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return []; // killed while staging: nothing was put in place
    throw error;
  }
  const refuse = (reason: string) =>
    new SkillmeatError('corrupt_file', `${path} is not a journal SkillMeat can trust (${reason}); the interrupted operation in ${stagingDir} needs a look by hand. Nothing was moved.`, { path });
  let parsed: { format?: unknown; changes?: unknown; mac?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw refuse('it is not JSON');
  }
  if (parsed.format !== JOURNAL_FORMAT || !Array.isArray(parsed.changes)) throw refuse('unknown format');
  if (!key.verifies(journalText(basename(stagingDir), parsed.changes), parsed.mac)) throw refuse('its signature does not match this home\'s journal key');
  const inside = (folder: string, value: unknown): string => {
    if (typeof value !== 'string') throw refuse('a path is not a string');
    const absolute = resolve(parent, value);
    const rel = relative(folder, absolute);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw refuse(`${JSON.stringify(value)} lies outside ${folder}`);
    return absolute;
  };
  return parsed.changes.map((change: unknown) => {
    if (typeof change !== 'object' || change === null) throw refuse('a change is not an object');
    const { target, staged, aside } = change as { target?: unknown; staged?: unknown; aside?: unknown };
    return { target: inside(parent, target), staged: staged === null ? null : inside(stagingDir, staged), aside: inside(stagingDir, aside) };
  });
}

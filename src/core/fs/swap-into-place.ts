import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SkillmeatError, ioError } from '../errors.js';
import { pathExists } from './path-exists.js';

/** One staged copy (a folder or a file) and the place it replaces or creates. `staged` undefined = delete `target`. */
export interface StagedChange {
  readonly staged: string | undefined;
  readonly target: string;
}

/**
 * Moves staged copies into place as one step: each current target is first renamed aside into
 * `asideDir` (same file system, so renames are atomic), then the staged copy is renamed in. If any
 * step fails, every target already swapped is put back as it was. Adds, updates and deletes alike.
 * Returns the aside paths of replaced targets (the caller deletes `asideDir` when it is done with them).
 */
export async function swapIntoPlace(changes: readonly StagedChange[], asideDir: string): Promise<(string | undefined)[]> {
  const done: { target: string; aside: string | undefined; created: boolean }[] = [];
  try {
    await mkdir(asideDir, { recursive: true });
    for (const [index, change] of changes.entries()) {
      let aside: string | undefined;
      if (await pathExists(change.target)) {
        aside = join(asideDir, `replaced-${index}`);
        await rename(change.target, aside);
      }
      done.push({ target: change.target, aside, created: change.staged !== undefined });
      if (change.staged !== undefined) {
        await mkdir(dirname(change.target), { recursive: true });
        await rename(change.staged, change.target);
      }
    }
  } catch (error) {
    for (const { target, aside, created } of done.reverse()) {
      if (created) await rm(target, { recursive: true, force: true });
      if (aside !== undefined) await rename(aside, target);
    }
    throw error instanceof SkillmeatError ? error : ioError('move into place', changes[done.length - 1]?.target ?? asideDir, error);
  }
  return done.map((d) => d.aside);
}

/** Puts back what `swapIntoPlace` replaced (used when the step after the swap, e.g. writing a record, fails). */
export async function undoSwap(changes: readonly StagedChange[], asides: readonly (string | undefined)[]): Promise<void> {
  for (let i = changes.length - 1; i >= 0; i--) {
    const target = changes[i]!.target;
    if (changes[i]!.staged !== undefined) await rm(target, { recursive: true, force: true });
    const aside = asides[i];
    if (aside !== undefined) await rename(aside, target);
  }
}


import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

// Kept free of the core facade so that unit tests of low-level modules do not load the whole core.

const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `cleanup` after the current test; cleanups run last-registered first. */
export function afterThisTest(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

/** A fresh temporary folder, removed after the test. */
export async function tempDir(prefix = 'skillmeat-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  afterThisTest(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh temporary folder made now, removed after the test; its real path, so it equals paths the code resolves itself. */
export function workDir(prefix = 'skillmeat-test-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  afterThisTest(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Files of a tree, by POSIX path relative to its root. */
export type Tree = Readonly<Record<string, string>>;

/** Writes `tree` under `root`, creating folders as needed. */
export async function writeTree(root: string, tree: Tree): Promise<void> {
  for (const [rel, content] of Object.entries(tree)) {
    const path = join(root, ...rel.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}

/** Writes `files` (POSIX relative path → content) under `root`, creating `root` even when empty; returns `root`. */
export function writeTreeSync(root: string, files: Readonly<Record<string, string | Uint8Array>>): string {
  mkdirSync(root, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, ...rel.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return root;
}

/** Reads every regular file under `root` (recursively) as a Tree; links are reported as `-> link`. */
export async function readTree(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  async function walk(dir: string, prefix: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path, rel);
      else if (entry.isSymbolicLink()) result[rel] = '-> link';
      else result[rel] = await readFile(path, 'utf8');
    }
  }
  if (await lstat(root).then(() => true, () => false)) await walk(root, '');
  return result;
}

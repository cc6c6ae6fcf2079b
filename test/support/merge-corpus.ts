import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

/**
 * Real text to merge: the named files (e.g. README.md) of every installed package, 400 B to 60 KB,
 * in a fixed order, so the generated merge cases are the same on every machine after `npm ci`.
 */
export function packageTextCorpus(fileNames: readonly string[], encoding: BufferEncoding): string[] {
  const files: string[] = [];
  for (const name of readdirSync(NODE_MODULES).sort()) {
    for (const file of fileNames) {
      const path = join(NODE_MODULES, name, file);
      if (existsSync(path) && statSync(path).isFile() && statSync(path).size > 400 && statSync(path).size < 60_000) files.push(path);
    }
  }
  if (files.length < 20) throw new Error(`Only ${files.length} corpus files under ${NODE_MODULES}: run npm ci first.`);
  return files.map((path) => readFileSync(path, encoding));
}

/** A small seeded PRNG (mulberry32): the same cases on every machine and run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

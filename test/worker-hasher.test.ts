import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { InProcessHasher } from '../src/core/hash/batch-hasher.js';
import type * as WorkerHasherModule from '../src/core/hash/worker-hasher.js';
import { errorOf, sampleSkill, tempDir, writeTree } from './support/fixtures.js';

// Worker threads run compiled JavaScript, so this suite drives the build `npm test` makes first.
const compiled = fileURLToPath(new URL('../dist/core/hash/worker-hasher.js', import.meta.url));
const { WorkerHasher } = (await import(compiled)) as typeof WorkerHasherModule;

async function fixture() {
  const dir = await tempDir();
  const skill = await sampleSkill(dir, 'canvas');
  await writeTree(dir, { 'commands/review.md': '# Review\n' });
  return {
    dir,
    requests: [
      { root: skill, kind: 'folder' as const },
      { root: join(dir, 'commands/review.md'), kind: 'file' as const },
      { root: join(dir, 'missing'), kind: 'folder' as const },
    ],
  };
}

describe('WorkerHasher', () => {
  it('gives the same hashes as hashing in this thread, in request order', async () => {
    const { requests } = await fixture();
    const pool = WorkerHasher.tryCreate({ maxWorkers: 2 });
    expect(pool, 'a 2-core machine with the compiled worker gets a pool').toBeDefined();
    try {
      const expected = await new InProcessHasher().hashAll(requests);
      expect(await pool!.hashAll(requests)).toEqual(expected);
      expect(expected[2]).toBeUndefined();
    } finally {
      await pool!.close();
    }
  });

  it('sees a change made between two rounds', async () => {
    const { requests, dir } = await fixture();
    const pool = WorkerHasher.tryCreate({ maxWorkers: 2 })!;
    try {
      const first = await pool.hashAll(requests);
      await sleep(5);
      await writeFile(join(dir, 'commands/review.md'), '# Review, edited\n');
      const second = await pool.hashAll(requests);
      expect(second[0]).toBe(first[0]);
      expect(second[1]).not.toBe(first[1]);
    } finally {
      await pool.close();
    }
  });

  it('passes a worker-side error back as the same SkillmeatError', async () => {
    const { requests } = await fixture();
    const pool = WorkerHasher.tryCreate({ maxWorkers: 2 })!;
    try {
      const error = await errorOf(() => pool.hashAll([{ root: requests[1]!.root, kind: 'folder' }]));
      expect(error.code).toBe('invalid_input');
    } finally {
      await pool.close();
    }
  });

  it('keeps answering after it is closed, in this thread', async () => {
    const { requests } = await fixture();
    const pool = WorkerHasher.tryCreate({ maxWorkers: 2 })!;
    await pool.close();
    expect(await pool.hashAll(requests)).toEqual(await new InProcessHasher().hashAll(requests));
  });
});

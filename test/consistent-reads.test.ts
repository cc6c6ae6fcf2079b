// Versioning spec 9: readers that copy from a collection (deploy, sync, push, drift) see one
// consistent state — never half of a rollback — and say "busy" rather than tear.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collectionFence, readCollectionConsistently } from '../src/core/collection/collection-lock.js';
import { openCollection } from '../src/core/collection/collections.js';
import { hashArtifact } from '../src/core/hash/content-hash.js';
import { collectionLockPath, type HomePaths } from '../src/core/home/home-paths.js';
import { withWriteLock } from '../src/core/locks/write-lock.js';
import { errorOf, readTree, sampleSkill, tempCore, tempDir, writeTree } from './support/fixtures.js';

const DIST_CORE = join(import.meta.dirname, '../dist/core/skillmeat.js');

async function homeWithCanvas() {
  const { core, home } = await tempCore();
  await core.init();
  await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
  return { core, home };
}

describe('reading a collection in one consistent state', () => {
  /** Runs `work` while this process is a collection writer of `default` in the middle of its commit: lock held, fence up. */
  async function midCommit(paths: HomePaths, work: () => Promise<void>): Promise<void> {
    await withWriteLock(collectionLockPath(paths, 'default'), 'push', async () => {
      const fence = collectionFence(paths, 'default');
      await fence.enter();
      await work();
      await fence.leave();
    });
  }

  it('a deploy while a collection writer is putting its change in place says busy and writes nothing', async () => {
    const { core } = await homeWithCanvas();
    const project = await tempDir('skillmeat-project-');
    await midCommit(core.paths, async () => {
      const error = await errorOf(() => core.deploy({ project, names: ['canvas'] }));
      expect(error.code).toBe('busy');
      expect(error.message).toContain('collection "default"');
    });
    expect(await readTree(project)).toEqual({});
    expect((await core.deploy({ project, names: ['canvas'] })).deployed[0]?.action).toBe('deployed');
  });

  it('a writer settles a change a killed writer left marked under way, then reads', async () => {
    const { core } = await homeWithCanvas();
    const project = await tempDir('skillmeat-project-');
    await collectionFence(core.paths, 'default').enter(); // and then the writer was killed: no lock, no leave
    expect((await core.deploy({ project, names: ['canvas'] })).deployed[0]?.action).toBe('deployed');
  });

  it('a drift check while a collection writer is mid-change reports those projects busy, not torn', async () => {
    const { core } = await homeWithCanvas();
    const project = await tempDir('skillmeat-project-');
    await core.deploy({ project, names: ['canvas'] });
    await midCommit(core.paths, async () => {
      const [report] = await core.checkDrift([project]);
      expect(report?.error).toMatchObject({ code: 'busy' });
    });
    expect((await core.checkDrift([project]))[0]?.in_sync.map((e) => e.name)).toEqual(['canvas']);
  });

  it('a read that a collection change overlapped is thrown away and made again on the new state', async () => {
    const { core } = await homeWithCanvas();
    const src = await tempDir();
    let tries = 0;
    const names = await readCollectionConsistently(core.paths, 'default', async () => {
      tries++;
      const seen = (await openCollection(core.paths, 'default')).manifest.artifacts.map((a) => a.name);
      // A writer changes the collection while this first read is under way.
      if (tries === 1) await core.addArtifact(await sampleSkill(src, 'later'));
      return seen;
    });
    expect(tries).toBe(2);
    expect(names).toEqual(['canvas', 'later']);
  });

  it('a read that never sees the collection hold still ends in busy', async () => {
    const { core } = await homeWithCanvas();
    const src = await tempDir();
    let tries = 0;
    const error = await errorOf(() =>
      readCollectionConsistently(core.paths, 'default', async () => {
        tries++;
        await core.addArtifact(await sampleSkill(src, `change-${tries}`));
      }),
    );
    expect(error.code).toBe('busy');
    expect(tries).toBe(3);
  });

  it('a push whose collection copy changed after it was planned refuses, keeping the newer collection content', async () => {
    const { core, home } = await homeWithCanvas();
    const project = await tempDir('skillmeat-project-');
    await core.deploy({ project, names: ['canvas'] });
    await writeFile(join(project, '.claude/skills/canvas/SKILL.md'), '# Project edit\n');
    const inCollection = join(home, 'collections/default/skills/canvas/SKILL.md');
    // The collection changes between push's plan and its write: here, inside the safety snapshot push takes first.
    const racing = new (await import('../src/core/skillmeat.js')).SkillMeat({
      home,
      safetySnapshot: async () => {
        await writeFile(inCollection, '# Changed meanwhile\n');
        return undefined;
      },
    });
    const error = await errorOf(() => racing.push({ project, strategy: 'overwrite' }));
    await racing.close();
    expect(error.code).toBe('busy');
    expect(await readFile(inCollection, 'utf8')).toBe('# Changed meanwhile\n');
  });

  it('deploys racing rollbacks never record a torn baseline', { timeout: 120_000 }, async () => {
    const { core, home } = await tempCore();
    await core.init();
    const src = await tempDir();
    const files = (tag: string) => Object.fromEntries([['SKILL.md', `# Big ${tag}\n`], ...Array.from({ length: 400 }, (_, i) => [`part/${String(i).padStart(3, '0')}.md`, `${tag} ${i}\n`])]);
    await writeTree(join(src, 'big'), files('one'));
    await core.addArtifact(join(src, 'big'));
    const one = await core.snapshot('one');
    const two = join(src, 'two');
    await writeTree(join(two, 'big'), files('two'));
    const hashes = new Set([await hashArtifact(join(src, 'big'), 'folder'), await hashArtifact(join(two, 'big'), 'folder')]);
    await core.removeArtifact('big');
    await core.addArtifact(join(two, 'big'));
    const other = await core.snapshot('two');

    // Another process rolls the collection back and forth between the two versions while we deploy.
    const script = `const { SkillMeat } = await import(${JSON.stringify(DIST_CORE)});
      const core = new SkillMeat({ home: ${JSON.stringify(home)} });
      // A writer meeting another writer (our deploys settle the collection first) is told busy: it tries again.
      for (let i = 0; i < 12; ) {
        try {
          await core.rollback(i % 2 === 0 ? ${JSON.stringify(one.id)} : ${JSON.stringify(other.id)});
          i++;
        } catch (error) {
          if (error.code !== 'busy') throw error;
        }
      }
      await core.close();`;
    const roller = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    roller.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<number>((resolve) => roller.on('exit', (code) => resolve(code ?? 1)));
    let finished = false;
    void done.then(() => (finished = true));

    const project = await tempDir('skillmeat-project-');
    let deployed = 0;
    let busy = 0;
    while (!finished) {
      try {
        const [result] = (await core.deploy({ project, names: ['big'], overwrite: true })).deployed;
        expect(hashes).toContain(result!.sha);
        expect(await hashArtifact(join(project, '.claude/skills/big'), 'folder')).toBe(result!.sha);
        deployed++;
      } catch (error) {
        if ((error as { code?: string }).code !== 'busy' && (error as { code?: string }).code !== 'not_found') throw error;
        busy++;
      }
    }
    expect(await done, stderr).toBe(0);
    console.log(`deploys racing 12 rollbacks: ${deployed} deployed (each baseline one whole version), ${busy} refused as busy`);
  });
});

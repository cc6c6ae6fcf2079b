import { beforeAll, describe, expect, it } from 'vitest';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readUpstreamCheckMinutes } from '../src/core/home/config.js';
import type { UpdateCheckResult } from '../src/shared/results.js';
import type { ContractEvent } from '../src/shared/contract.js';
import { ContractService } from '../src/core/service/contract-service.js';
import { UpstreamMonitor } from '../src/core/monitor/upstream-monitor.js';
import { afterThisTest, steppingClock, tempCore, tempDir } from './support/fixtures.js';
import { isolateGit, Upstream } from './support/git-upstream.js';

beforeAll(() => isolateGit());

async function sourcedCore(): Promise<{ up: Upstream; core: Awaited<ReturnType<typeof tempCore>>['core'] }> {
  const up = Upstream.create();
  up.commit({ 'skills/canvas/SKILL.md': '# Canvas\none\n' });
  const { core } = await tempCore();
  await core.init();
  await core.addArtifact(up.source('skills/canvas'));
  return { up, core };
}

describe('the background check of git sources', () => {
  it('says when the updates available change, and only then', async () => {
    const { up, core } = await sourcedCore();
    const said: UpdateCheckResult[] = [];
    const monitor = new UpstreamMonitor({ intervalMs: 0, check: () => core.checkUpdates(), onUpdates: (result) => said.push(result) });
    afterThisTest(() => monitor.close());

    await monitor.checkNow();
    expect(said).toEqual([]);
    const next = up.commit({ 'skills/canvas/SKILL.md': '# Canvas\ntwo\n' });
    await monitor.checkNow();
    await monitor.checkNow();
    expect(said.map((r) => r.artifacts[0]?.upstream_sha)).toEqual([next]);
    const further = up.commit({ 'skills/canvas/SKILL.md': '# Canvas\nthree\n' });
    await monitor.checkNow();
    expect(said.map((r) => r.artifacts[0]?.upstream_sha)).toEqual([next, further]);
  });

  it('says nothing when no upstream can be reached (offline)', async () => {
    const { up, core } = await sourcedCore();
    const said: UpdateCheckResult[] = [];
    const errors: unknown[] = [];
    const monitor = new UpstreamMonitor({ intervalMs: 0, check: () => core.checkUpdates(), onUpdates: (result) => said.push(result), onError: (error) => errors.push(error) });
    afterThisTest(() => monitor.close());
    await rm(up.bare, { recursive: true, force: true });
    await monitor.checkNow();
    expect(said).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('runs in the app at the configured interval and pushes upstream.changed', async () => {
    const up = Upstream.create();
    up.commit({ 'skills/canvas/SKILL.md': '# Canvas\none\n' });
    const home = await tempDir('skillmeat-home-');
    // A check every 30 ms (0.0005 minutes): the schedule, not the interval, is under test.
    const service = new ContractService({ home, now: steppingClock(), watch: true, upstreamCheckMinutes: 0.0005 });
    afterThisTest(() => service.close());
    const events: ContractEvent[] = [];
    service.subscribe((event) => events.push(event));
    await service.core.init();
    await service.core.addArtifact(up.source('skills/canvas'));
    await service.start();
    const next = up.commit({ 'skills/canvas/SKILL.md': '# Canvas\ntwo\n' });
    const deadline = Date.now() + 15_000;
    while (!events.some((e) => e.event === 'upstream.changed') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const changed = events.find((e) => e.event === 'upstream.changed');
    expect(changed?.payload).toMatchObject({ updates_available: 1, artifacts: [{ name: 'canvas', status: 'update_available', upstream_sha: next }] });
  });

  it('reads its interval from [desktop] upstream-check-minutes, refusing a negative one', async () => {
    const { core, home } = await tempCore();
    expect(await readUpstreamCheckMinutes(core.paths, 360)).toBe(360);
    await writeFile(join(home, 'config.toml'), '[desktop]\nupstream-check-minutes = 0\n');
    expect(await readUpstreamCheckMinutes(core.paths, 360)).toBe(0);
    await writeFile(join(home, 'config.toml'), '[desktop]\nupstream-check-minutes = -5\n');
    await expect(readUpstreamCheckMinutes(core.paths, 360)).rejects.toMatchObject({ code: 'corrupt_file', message: expect.stringContaining('upstream-check-minutes') });
  });

  it('never checks on its own with an interval of 0', async () => {
    const { core } = await sourcedCore();
    let checks = 0;
    const monitor = new UpstreamMonitor({ intervalMs: 0, check: async () => (checks++, core.checkUpdates()), onUpdates: () => undefined });
    afterThisTest(() => monitor.close());
    monitor.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(checks).toBe(0);
  });
});

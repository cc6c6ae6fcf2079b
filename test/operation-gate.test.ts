// The test hook that lets an end-to-end test hold a web-mode operation open (src/cli/operation-gate.ts)
// and where the back end awaits it (ContractService's `beforeOperation`).
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATION_GATE_ENV, operationGate } from '../src/cli/operation-gate.js';
import { ContractService } from '../src/core/service/contract-service.js';
import type { ContractEvent } from '../src/shared/contract.js';
import { afterThisTest, steppingClock, tempDir } from './support/fixtures.js';

/** A promise the test resolves with `open`. */
function deferred(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A `pause` the test steps by hand: each call waits for `step()`; `calls` counts them. */
function steppedPause(): { pause: () => Promise<void>; step: () => void; calls: () => number; nextCall: () => Promise<void> } {
  let calls = 0;
  let current = deferred();
  let called = deferred();
  return {
    pause: () => {
      calls++;
      called.open();
      return current.promise;
    },
    step: () => {
      const done = current;
      current = deferred();
      called = deferred();
      done.open();
    },
    calls: () => calls,
    nextCall: () => called.promise,
  };
}

describe('operationGate', () => {
  it('is off unless the environment names a folder', () => {
    expect(operationGate({})).toBeUndefined();
    expect(operationGate({ [OPERATION_GATE_ENV]: '' })).toBeUndefined();
  });

  it('lets an operation through at once when nothing holds it', async () => {
    const folder = await tempDir();
    const pause = steppedPause();
    await operationGate({ [OPERATION_GATE_ENV]: folder }, pause.pause)!('deploy');
    expect(pause.calls()).toBe(0);
  });

  it('holds an operation while its hold file exists, and lets it go once the file is gone', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'deploy.hold'), '');
    const pause = steppedPause();
    let passed = false;
    const gate = operationGate({ [OPERATION_GATE_ENV]: folder }, pause.pause)!;
    const through = gate('deploy').then(() => (passed = true));

    await pause.nextCall();
    pause.step();
    await pause.nextCall(); // looked again: the file is still there
    expect(pause.calls()).toBe(2);
    expect(passed).toBe(false);

    await rm(join(folder, 'deploy.hold'));
    pause.step();
    await through;
    expect(pause.calls()).toBe(2);
  });

  it('holds only the operation its file names', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'deploy.hold'), '');
    const pause = steppedPause();
    await operationGate({ [OPERATION_GATE_ENV]: folder }, pause.pause)!('sync');
    expect(pause.calls()).toBe(0);
  });
});

describe('ContractService beforeOperation', () => {
  it('announces a held operation, answers reads meanwhile, and runs the operation once released', async () => {
    const gate = deferred();
    const held: string[] = [];
    const home = await tempDir('skillmeat-home-');
    const service = new ContractService({
      home,
      now: steppingClock(),
      beforeOperation: (method) => {
        held.push(method);
        return gate.promise;
      },
    });
    afterThisTest(() => service.close());
    const phases: string[] = [];
    service.subscribe((event: ContractEvent) => {
      if (event.event === 'operation.progress') phases.push(`${event.payload.method}: ${event.payload.phase}`);
    });

    const init = service.call('initCollection', { name: 'default' });
    expect(await service.call('listCollections', {})).toEqual({ ok: true, value: [] });
    expect(held).toEqual(['initCollection']);
    expect(phases).toEqual(['initCollection: started']);

    gate.open();
    expect(await init).toMatchObject({ ok: true, value: { collection: 'default', created: true } });
    expect(phases).toEqual(['initCollection: started', 'initCollection: finished']);
    expect(await service.call('listCollections', {})).toMatchObject({ ok: true, value: [{ name: 'default' }] });
  });

  it('is never asked about reads', async () => {
    const held: string[] = [];
    const service = new ContractService({ home: await tempDir('skillmeat-home-'), beforeOperation: async (method) => void held.push(method) });
    afterThisTest(() => service.close());
    await service.call('listCollections', {});
    expect(held).toEqual([]);
  });
});

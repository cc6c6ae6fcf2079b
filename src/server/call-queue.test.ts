import { describe, expect, it } from 'vitest';
import { CallQueue } from './call-queue.js';

/** A call that runs until the test finishes it, noting when it starts. */
function heldCall(log: string[], name: string) {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  return {
    call: () => {
      log.push(`start ${name}`);
      return finished;
    },
    finish: async () => {
      finish();
      // Let the queue's bookkeeping (a promise callback) run.
      await finished;
      await Promise.resolve();
    },
  };
}

function queue(log: string[], maxInFlight: number, maxQueued: number) {
  return new CallQueue({ maxInFlight, maxQueued, onFull: () => log.push('full'), onRoom: () => log.push('room') });
}

describe('CallQueue: a bounded number of calls in flight', () => {
  it('starts at most maxInFlight calls, then the waiting ones in arrival order as slots free', async () => {
    const log: string[] = [];
    const calls = queue(log, 2, 10);
    const [a, b, c, d] = [heldCall(log, 'a'), heldCall(log, 'b'), heldCall(log, 'c'), heldCall(log, 'd')];
    for (const held of [a, b, c, d]) calls.push(held.call);
    expect(log).toEqual(['start a', 'start b']);
    expect([calls.inFlight, calls.waiting]).toEqual([2, 2]);
    await b.finish();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    await a.finish();
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
    expect([calls.inFlight, calls.waiting]).toEqual([2, 0]);
  });

  it('says full once when maxQueued calls wait, and has room again once one of them starts', async () => {
    const log: string[] = [];
    const calls = queue(log, 1, 2);
    const [a, b, c, d] = [heldCall(log, 'a'), heldCall(log, 'b'), heldCall(log, 'c'), heldCall(log, 'd')];
    for (const held of [a, b, c, d]) calls.push(held.call);
    expect(log).toEqual(['start a', 'full']);
    await a.finish();
    expect(log).toEqual(['start a', 'full', 'start b']);
    await b.finish();
    expect(log).toEqual(['start a', 'full', 'start b', 'start c', 'room']);
  });

  it('drop forgets the waiting calls: the running one finishes and nothing starts after it', async () => {
    const log: string[] = [];
    const calls = queue(log, 1, 2);
    const [a, b, c] = [heldCall(log, 'a'), heldCall(log, 'b'), heldCall(log, 'c')];
    for (const held of [a, b, c]) calls.push(held.call);
    calls.drop();
    await a.finish();
    expect(log).toEqual(['start a', 'full']);
    expect([calls.inFlight, calls.waiting]).toEqual([0, 0]);
  });
});

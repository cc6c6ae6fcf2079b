import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract.js';
import { FINISHED_KEPT, withProgress } from './operations-store.js';

const event = (id: string, phase: EventPayload<'operation.progress'>['phase'], counts: { done?: number; total?: number } = {}): EventPayload<'operation.progress'> => ({
  operation_id: id,
  method: 'createSnapshot',
  phase,
  message: phase === 'working' ? 'archiving' : null,
  done: counts.done ?? null,
  total: counts.total ?? null,
  error: null,
});

describe('operations from progress events', () => {
  it('updates an operation in place as its events arrive', () => {
    const ops = [event('op-1', 'started'), event('op-1', 'working', { done: 3, total: 9 })].reduce(withProgress, []);
    expect(ops).toEqual([{ id: 'op-1', method: 'createSnapshot', phase: 'working', message: 'archiving', done: 3, total: 9 }]);
  });

  it('keeps the last counts when the finished event carries none', () => {
    const ops = [event('op-1', 'working', { done: 9, total: 9 }), event('op-1', 'finished')].reduce(withProgress, []);
    expect(ops[0]).toMatchObject({ phase: 'finished', done: 9, total: 9 });
  });

  it('drops the oldest finished operations beyond the limit, never a running one', () => {
    let ops = withProgress([], event('running', 'started'));
    for (let i = 0; i < FINISHED_KEPT + 2; i++) ops = withProgress(withProgress(ops, event(`op-${i}`, 'started')), event(`op-${i}`, 'finished'));
    expect(ops.map((op) => op.id)).toEqual(['running', ...Array.from({ length: FINISHED_KEPT }, (_, i) => `op-${i + 2}`)]);
  });
});

import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract.js';
import type { OperationView } from '../view-model/operation-text.js';
import { FINISHED_KEPT, withProgress } from './operations-store.js';

const event = (id: string, phase: EventPayload<'operation.progress'>['phase'], counts: { done?: number; total?: number } = {}): EventPayload<'operation.progress'> => ({
  operation_id: id,
  method: 'createSnapshot',
  subject: null,
  phase,
  message: phase === 'working' ? 'archiving' : null,
  done: counts.done ?? null,
  total: counts.total ?? null,
  error: null,
});

describe('operations from progress events', () => {
  it('updates an operation in place as its events arrive', () => {
    const at = new Date('2026-03-04T05:06:07Z');
    const ops = [event('op-1', 'started'), event('op-1', 'working', { done: 3, total: 9 })].reduce<readonly OperationView[]>((all, e) => withProgress(all, e, at), []);
    expect(ops).toEqual([{ id: 'op-1', method: 'createSnapshot', subject: null, at: '2026-03-04T05:06:07.000Z', phase: 'working', message: 'archiving', done: 3, total: 9 }]);
  });

  it('keeps the last counts when the finished event carries none', () => {
    const ops = [event('op-1', 'working', { done: 9, total: 9 }), event('op-1', 'finished')].reduce<readonly OperationView[]>((all, e) => withProgress(all, e), []);
    expect(ops[0]).toMatchObject({ phase: 'finished', done: 9, total: 9 });
  });

  it('drops the oldest finished operations beyond the limit, never a running one', () => {
    let ops = withProgress([], event('running', 'started'));
    for (let i = 0; i < FINISHED_KEPT + 2; i++) ops = withProgress(withProgress(ops, event(`op-${i}`, 'started')), event(`op-${i}`, 'finished'));
    expect(ops.map((op) => op.id)).toEqual(['running', ...Array.from({ length: FINISHED_KEPT }, (_, i) => `op-${i + 2}`)]);
  });
});

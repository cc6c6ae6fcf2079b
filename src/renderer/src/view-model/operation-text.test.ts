import { describe, expect, it } from 'vitest';
import { operationName, operationStateText, type OperationView } from './operation-text.js';

const op = (over: Partial<OperationView>): OperationView => ({ id: 'op-1', method: 'createSnapshot', phase: 'started', message: null, done: null, total: null, ...over });

describe('operation text', () => {
  it('names a method the way the UI does', () => {
    expect(operationName('createSnapshot')).toBe('Create snapshot');
  });

  it('falls back to the method name for a method it does not know', () => {
    expect(operationName('somethingNew')).toBe('somethingNew');
  });

  it('shows the progress message with its count', () => {
    expect(operationStateText(op({ phase: 'working', message: 'archiving', done: 12, total: 40 }))).toBe('archiving (12 of 40)');
  });

  it('says why an operation failed', () => {
    expect(operationStateText(op({ phase: 'failed', message: 'disk full' }))).toBe('failed: disk full');
  });
});

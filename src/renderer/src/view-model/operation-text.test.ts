import { describe, expect, it } from 'vitest';
import { operationName, operationStateText, operationTitle, type OperationView } from './operation-text.js';

const op = (over: Partial<OperationView>): OperationView => ({ id: 'op-1', method: 'createSnapshot', subject: null, at: '2026-03-04T05:06:07Z', phase: 'started', message: null, done: null, total: null, ...over });

describe('operation text', () => {
  it('names a method the way the UI does', () => {
    expect(operationName('createSnapshot')).toBe('Create snapshot');
    expect(operationName('updateArtifacts')).toBe('Update from upstream');
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

describe('what an activity entry names', () => {
  const projectName = (path: string) => path.split('/').pop()!;

  it('says what the operation acted on, and where', () => {
    expect(operationTitle(op({ method: 'deploy', subject: { project: '/p/api-server', artifacts: ['canvas-design'] } }), projectName)).toBe('Deploy canvas-design in api-server');
    expect(operationTitle(op({ method: 'addProject', subject: { project: '/p/webapp', artifacts: [] } }), projectName)).toBe('Import project webapp');
  });

  it('names three artifacts at most', () => {
    expect(operationTitle(op({ method: 'deploy', subject: { project: '/p/w', artifacts: ['a', 'b', 'c', 'd', 'e'] } }), projectName)).toBe('Deploy a, b, c and 2 more in w');
  });

  it('is the operation alone when the call named nothing', () => {
    expect(operationTitle(op({ method: 'createSnapshot' }), projectName)).toBe('Create snapshot');
  });
});

describe('failures in the activity panel', () => {
  it('names no command-line flag', () => {
    expect(operationStateText(op({ phase: 'failed', message: '/p/x has local edits; undeploying would delete them. Push them first, or pass --force.' }))).not.toContain('--');
  });
});

/** How a running (or just finished) back-end operation is described in the activity panel. */
import type { MethodName } from '../../../shared/contract-names.js';
import { inAppWords } from './error-words.js';

/** What the activity panel knows of one operation, from its `operation.progress` events. */
export interface OperationView {
  readonly id: string;
  readonly method: string;
  readonly phase: 'started' | 'working' | 'finished' | 'failed';
  readonly message: string | null;
  readonly done: number | null;
  readonly total: number | null;
}

const NAMES: Partial<Readonly<Record<MethodName, string>>> = {
  initCollection: 'Create collection',
  useCollection: 'Switch collection',
  addArtifact: 'Add artifact',
  removeArtifact: 'Remove artifact',
  addProject: 'Import project',
  removeProject: 'Forget project',
  deploy: 'Deploy',
  undeploy: 'Remove from project',
  sync: 'Sync',
  push: 'Push',
  resolve: 'Resolve conflict',
  createSnapshot: 'Create snapshot',
  deleteSnapshot: 'Delete snapshot',
  rollback: 'Rollback',
};

/** The operation's name as the user knows it ("Create snapshot"); the method name when unknown. */
export function operationName(method: string): string {
  return NAMES[method as MethodName] ?? method;
}

/** The state line: "working: archiving the collection (12 of 40)", "finished", "failed: <why>". */
export function operationStateText(operation: OperationView): string {
  const count = operation.done !== null && operation.total !== null ? ` (${operation.done} of ${operation.total})` : operation.done !== null ? ` (${operation.done})` : '';
  switch (operation.phase) {
    case 'started':
      return `started${count}`;
    case 'working':
      return `${operation.message ?? 'working'}${count}`;
    case 'finished':
      return 'finished';
    case 'failed':
      return `failed: ${operation.message === null ? 'unknown error' : inAppWords(operation.message)}`;
  }
}

/** True while the operation has neither finished nor failed. */
export function isRunning(operation: Pick<OperationView, 'phase'>): boolean {
  return operation.phase === 'started' || operation.phase === 'working';
}

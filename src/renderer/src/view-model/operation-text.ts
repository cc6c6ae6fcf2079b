/** How a running (or just finished) back-end operation is described in the activity panel. */
import type { MethodName } from '../../../shared/contract-names.js';
import { inAppWords } from './error-words.js';

/** What the activity panel knows of one operation, from its `operation.progress` events. */
export interface OperationView {
  readonly id: string;
  readonly method: string;
  /** The project and artifacts the call named (null when none). */
  readonly subject: { readonly project: string | null; readonly artifacts: readonly string[] } | null;
  /** When the panel last heard of it (RFC 3339, this machine's clock). */
  readonly at: string;
  readonly phase: 'started' | 'working' | 'finished' | 'failed';
  readonly message: string | null;
  readonly done: number | null;
  readonly total: number | null;
}

const NAMES: Partial<Readonly<Record<MethodName, string>>> = {
  initCollection: 'Create collection',
  useCollection: 'Switch collection',
  addArtifact: 'Add artifact',
  addFromSource: 'Add from source',
  checkUpdates: 'Check for updates',
  updateArtifacts: 'Update from upstream',
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

/**
 * The entry's title: the operation and what it acted on, "Deploy canvas, tidy in webapp" (three
 * names at most, then "and N more"). `projectName` names a project path as the app does.
 */
export function operationTitle(operation: Pick<OperationView, 'method' | 'subject'>, projectName: (path: string) => string): string {
  const { subject } = operation;
  if (subject === null) return operationName(operation.method);
  const names = subject.artifacts.length > 3 ? `${subject.artifacts.slice(0, 3).join(', ')} and ${subject.artifacts.length - 3} more` : subject.artifacts.join(', ');
  const where = subject.project === null ? '' : `${names === '' ? '' : ' in'} ${projectName(subject.project)}`;
  return `${operationName(operation.method)}${names === '' ? '' : ` ${names}`}${where}`;
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

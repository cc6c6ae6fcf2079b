/**
 * What the user started from a view and how it ended, by task key (one per row or form), so the
 * view shows "Syncing…" and then the result next to the button that started it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ResultSummary } from '../view-model/result-summary.js';

export type TaskState =
  | { readonly phase: 'running'; readonly text: string }
  | { readonly phase: 'done'; readonly summary: ResultSummary }
  | { readonly phase: 'failed'; readonly code: string; readonly message: string };

export interface TasksState {
  readonly tasks: Readonly<Record<string, TaskState>>;
}

export type TasksStore = StoreApi<TasksState>;

/** A tasks store with nothing started. */
export function createTasksStore(): TasksStore {
  return createStore<TasksState>()(() => ({ tasks: {} }));
}

/** The key of a task on one artifact of a project (`scope` is an artifact key) or on a project-wide form (`deploy`). */
export function taskKey(project: string, scope: string): string {
  return `${project}\n${scope}`;
}

/** Keys of tasks that are not tied to a project. */
export const IMPORT_TASK = 'import';
export const ADD_ARTIFACT_TASK = 'add-artifact';
export const CREATE_COLLECTION_TASK = 'create-collection';
export const CREATE_SNAPSHOT_TASK = 'create-snapshot';
export const ADD_SOURCE_TASK = 'add-source';
export const CHECK_UPDATES_TASK = 'check-updates';

/** Sets one task's state. */
export function setTask(store: TasksStore, key: string, state: TaskState): void {
  store.setState((s) => ({ tasks: { ...s.tasks, [key]: state } }));
}

/** True when the task is running. */
export function isTaskRunning(state: TasksState, key: string): boolean {
  return state.tasks[key]?.phase === 'running';
}

/** Forgets a task (its result is shown elsewhere, or its row went away). */
export function clearTask(store: TasksStore, key: string): void {
  store.setState((s) => {
    const { [key]: _cleared, ...tasks } = s.tasks;
    return { tasks };
  });
}

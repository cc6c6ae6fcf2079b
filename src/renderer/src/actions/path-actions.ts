/** Choosing a folder or a file in the desktop's native open dialog (the back end's `choosePath`; web mode types paths instead). */
import type { ChoosePathInput } from '../../../shared/contract.js';
import { setTask } from '../state/tasks-store.js';
import { failureOf, type ActionContext } from './action-context.js';

export interface PathActions {
  /** The path the user chose, or null when they cancelled (a failure is shown as the task `taskKey`'s result). */
  choosePath(request: ChoosePathInput, taskKey: string): Promise<string | null>;
}

/** The path actions over a client and the stores. */
export function pathActions({ client, stores }: ActionContext): PathActions {
  return {
    async choosePath(request, taskKey) {
      try {
        return (await client.choosePath(request)).path;
      } catch (error) {
        setTask(stores.tasks, taskKey, { phase: 'failed', ...failureOf(error) });
        return null;
      }
    },
  };
}

/**
 * Pushing a project's edits into the collection: the strategies the user chooses from, and a dry
 * run's plan in words ("would …"), read before anything is written.
 */
import type { ArtifactMergeResult, MergeOperationResult } from '../../../shared/results.js';
import { inAppWords } from './error-words.js';

export type PushStrategy = 'merge' | 'overwrite' | 'fork';

/** The strategies, the default first, each with what it does. */
export const PUSH_STRATEGIES: readonly { readonly strategy: PushStrategy; readonly label: string; readonly description: string }[] = [
  { strategy: 'merge', label: 'Merge', description: "Three-way merge the project's edits with the collection's changes; conflicts wait in the merge view." },
  { strategy: 'overwrite', label: 'Overwrite', description: "Replace the collection copy with the project's, whatever the collection changed." },
  { strategy: 'fork', label: 'Push as a new artifact', description: "Keep the collection copy as it is and add the project's copy beside it under a new name." },
];

/** What a dry run says the push would do, one line per artifact. */
export function pushPlanLines(plan: MergeOperationResult): readonly string[] {
  if (plan.status === 'nothing_to_do' && plan.artifacts.every((a) => a.action === 'skipped' && a.reason === null)) return ['Nothing to push: the collection already has these edits.'];
  return plan.artifacts.map((artifact) => `${artifact.name}: ${wouldDo(artifact)}`);
}

function wouldDo(artifact: ArtifactMergeResult): string {
  const changed = artifact.files.filter((f) => f.outcome !== 'unchanged').map((f) => f.path || artifact.name);
  const files = changed.length === 0 ? '' : ` (${changed.join(', ')})`;
  switch (artifact.action) {
    case 'updated':
      return `the collection copy would take the project's edits${files}.`;
    case 'merged':
      return `the project's edits would be merged with the collection's changes cleanly${files}.`;
    case 'conflict':
      return `${artifact.conflicts.length === 1 ? '1 file' : `${artifact.conflicts.length} files`} would conflict (${artifact.conflicts.map((c) => c.path || artifact.name).join(', ')}): they would wait in the merge view.`;
    case 'rebaselined':
      return 'both copies already agree; only the record would change.';
    case 'skipped':
      return artifact.reason === null ? 'nothing to push.' : `would be skipped: ${inAppWords(artifact.reason)}`;
    case 'forked':
      return `would be added to the collection as ${artifact.fork_name ?? 'a new artifact'}; the collection copy stays as it is.`;
  }
}

/**
 * Which actions a deployed artifact offers, decided by the recommendation the drift check gave it
 * (versioning spec section 4). The first action is the recommended one.
 */
import type { DriftEntry, Recommendation } from '../../../shared/results.js';

/** What the project view can do to one deployed artifact. */
export type ArtifactAction = 'sync' | 'push' | 'redeploy' | 'remove';

export interface ActionChoice {
  readonly action: ArtifactAction;
  /** Button text. */
  readonly label: string;
  /** What it does, for the button's title and accessible description. */
  readonly description: string;
  /** The drift check recommends it. */
  readonly recommended: boolean;
}

const DESCRIPTIONS: Readonly<Record<ArtifactAction, { label: string; description: string }>> = {
  sync: { label: 'Sync', description: "Take the collection's changes into the project, three-way merging local edits." },
  push: { label: 'Push', description: "Take the project's edits into the collection (a safety snapshot is taken first)." },
  redeploy: { label: 'Redeploy', description: 'Copy the collection version into the project again.' },
  remove: { label: 'Remove', description: 'Remove the deployed copy from the project (local edits are refused unless pushed).' },
};

// A recommendation names what to do; `merge` is done by a sync, which merges and lists what conflicts.
const RECOMMENDED: Readonly<Record<Recommendation, ArtifactAction>> = {
  sync: 'sync',
  merge: 'sync',
  push: 'push',
  redeploy: 'redeploy',
  remove_from_project: 'remove',
};

/** The actions of one drift entry, the recommended one first; an in-sync entry can only be removed. */
export function actionsFor(entry: Pick<DriftEntry, 'recommendation'>): readonly ActionChoice[] {
  const recommended = entry.recommendation === null ? undefined : RECOMMENDED[entry.recommendation];
  const actions: ArtifactAction[] = recommended === undefined ? ['remove'] : [recommended, ...(recommended === 'remove' ? [] : ['remove' as const])];
  return actions.map((action) => ({ action, ...DESCRIPTIONS[action], recommended: action === recommended }));
}

/** The words of an action while it runs ("Syncing"), for progress text. */
export function actionProgressWord(action: ArtifactAction | 'deploy'): string {
  switch (action) {
    case 'sync':
      return 'Syncing';
    case 'push':
      return 'Pushing';
    case 'redeploy':
      return 'Redeploying';
    case 'remove':
      return 'Removing';
    case 'deploy':
      return 'Deploying';
  }
}

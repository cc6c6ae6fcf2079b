/**
 * The first-run guide: the steps from an empty home to a deployed artifact, and which of them are
 * done. A step is done when what it makes exists, so the guide reads true after a reload too.
 */

export type FirstRunStepId = 'collection' | 'artifacts' | 'project';

export interface FirstRunStep {
  readonly id: FirstRunStepId;
  readonly title: string;
  readonly state: 'done' | 'next' | 'later';
}

/** What the guide reads: whether a collection exists, how many artifacts it holds, how many projects are imported. */
export interface HomeContents {
  readonly hasCollection: boolean;
  readonly artifacts: number;
  readonly projects: number;
}

const TITLES: Readonly<Record<FirstRunStepId, string>> = {
  collection: 'Create a collection',
  artifacts: 'Add artifacts to it',
  project: 'Import a project',
};

/** The steps in order, the first one not done marked next; an empty list once all are done. */
export function firstRunSteps(home: HomeContents): readonly FirstRunStep[] {
  const done: Readonly<Record<FirstRunStepId, boolean>> = { collection: home.hasCollection, artifacts: home.artifacts > 0, project: home.projects > 0 };
  const order: readonly FirstRunStepId[] = ['collection', 'artifacts', 'project'];
  if (order.every((id) => done[id])) return [];
  const next = order.find((id) => !done[id]);
  return order.map((id) => ({ id, title: TITLES[id], state: done[id] ? 'done' : id === next ? 'next' : 'later' }));
}

/**
 * The contract's method and event names, apart from their schemas: the sandboxed preload builds its
 * API from these without bundling zod. `contract.ts` checks that its schemas cover exactly this list.
 */

/** Bumped on any incompatible change to a method, an event or the envelope. */
export const CONTRACT_VERSION = 2;

export const METHOD_NAMES = [
  'appInfo',
  'choosePath',
  'listCollections',
  'initCollection',
  'useCollection',
  'listArtifacts',
  'unsupportedEntries',
  'addArtifact',
  'addFromSource',
  'checkUpdates',
  'updateArtifacts',
  'upstreamChanges',
  'removeArtifact',
  'history',
  'historyPage',
  'versionWhereabouts',
  'workingChanges',
  'adoptVersion',
  'listProjects',
  'addProject',
  'removeProject',
  'checkDrift',
  'checkAllDrift',
  'driftSummaries',
  'pendingMerges',
  'deploy',
  'undeploy',
  'sync',
  'push',
  'mergeDocument',
  'resolve',
  'completeMerge',
  'applyMergeElsewhere',
  'compareArtifact',
  'diffVersions',
  'restore',
  'listSnapshots',
  'createSnapshot',
  'deleteSnapshot',
  'snapshotPage',
  'snapshotArtifacts',
  'snapshotDiff',
  'snapshotFileDiff',
  'pinSnapshot',
  'rollback',
  'listAudit',
  'verify',
  'setMonitorPaused',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export const EVENT_NAMES = ['drift.changed', 'operation.progress', 'notice', 'upstream.changed', 'monitor.changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** True when `value` names a contract method (for transports that receive names as strings). */
export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value);
}

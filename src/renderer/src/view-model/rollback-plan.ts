/**
 * The rollback dialog's logic, pure: its three modes and the request each makes, the choice of
 * artifacts and files for a selective rollback, and the plan and the result in words.
 */
import { artifactRelativePath } from '../../../shared/artifact-types.js';
import type { RollbackAction, RollbackArtifactPlan, RollbackResult, SnapshotDiff } from '../../../shared/snapshot-results.js';
import { artifactText } from './snapshot-text.js';
import { plural } from './result-summary.js';

export type RollbackMode = 'restore' | 'keep' | 'selected';

export interface RollbackModeOption {
  readonly mode: RollbackMode;
  readonly label: string;
  readonly description: string;
}

/** The modes, in the dialog's order, with the spec's labels. */
export const ROLLBACK_MODES: readonly RollbackModeOption[] = [
  { mode: 'restore', label: 'Restore exactly', description: 'The collection becomes exactly this snapshot. Everything changed since is undone.' },
  { mode: 'keep', label: 'Keep later edits', description: 'Undo what SkillMeat’s operations changed since this snapshot, and keep the edits made by hand after the last one.' },
  { mode: 'selected', label: 'Only selected artifacts', description: 'Only the artifacts or files you choose return to this snapshot; everything else stays as it is.' },
];

/** What the contract's `rollback` is asked, for a plan (`dry_run`) or the real run: the same options both times. */
export function rollbackRequest(snapshotId: string, mode: RollbackMode, paths: readonly string[], dryRun: boolean): { snapshot_id: string; preserve_changes: boolean; paths?: string[]; dry_run: boolean } {
  return {
    snapshot_id: snapshotId,
    preserve_changes: mode === 'keep',
    ...(mode === 'selected' ? { paths: [...paths] } : {}),
    dry_run: dryRun,
  };
}

/** An artifact a selective rollback can take back, with the files that differ from the snapshot. */
export interface RollbackChoice {
  readonly name: string;
  readonly type: RollbackArtifactPlan['type'];
  readonly change: SnapshotDiff['artifacts'][number]['change'];
  /** Its path in the collection (`skills/canvas`, `commands/review.md`): what `paths` carries. */
  readonly path: string;
  /** Files of a folder artifact that differ (collection-relative paths); none for a single-file artifact. */
  readonly files: readonly { readonly path: string; readonly change: string }[];
}

/** The artifacts that differ between the snapshot and now, by name: the choices of "Only selected artifacts". */
export function rollbackChoices(diff: SnapshotDiff): RollbackChoice[] {
  return diff.artifacts
    .map((artifact) => {
      const path = artifactRelativePath(artifact.type, artifact.name);
      const files = artifact.files.filter((f) => f.path !== path).map((f) => ({ path: f.path, change: f.change }));
      return { name: artifact.name, type: artifact.type, change: artifact.change, path, files };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
}

/**
 * Ticks or unticks a path. An artifact's path covers its files: ticking it drops its files from the
 * selection; ticking a file of an artifact already chosen changes nothing.
 */
export function toggleRollbackPath(selected: readonly string[], path: string): string[] {
  if (selected.includes(path)) return selected.filter((p) => p !== path);
  if (selected.some((p) => path.startsWith(`${p}/`))) return [...selected];
  return [...selected.filter((p) => !p.startsWith(`${path}/`)), path];
}

/** True when a path is chosen, itself or through its artifact. */
export function isPathChosen(selected: readonly string[], path: string): boolean {
  return selected.some((p) => p === path || path.startsWith(`${p}/`));
}

/** The order plan rows are listed in: what needs attention first. */
const ACTION_ORDER: readonly RollbackAction[] = ['conflict', 'merge', 'restore', 'keep', 'unchanged'];

/** What the plan does, artifact by artifact, needing attention first, then by name; unchanged artifacts are left out. */
export function planArtifacts(plan: RollbackResult): RollbackArtifactPlan[] {
  return plan.artifacts
    .filter((a) => a.action !== 'unchanged')
    .sort((a, b) => ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) || a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
}

/** A plan action in words, for a chip beside an artifact or file. */
export function actionText(action: RollbackAction): string {
  switch (action) {
    case 'restore':
      return 'restore';
    case 'merge':
      return 'merge';
    case 'conflict':
      return 'conflict: left as it is now';
    case 'keep':
      return 'keep (edited by hand)';
    case 'unchanged':
      return 'unchanged';
  }
}

/** What an artifact's plan does to it as a whole, when it comes back or goes away. */
export function artifactChangeText(artifact: Pick<RollbackArtifactPlan, 'change' | 'action'>): string {
  if (artifact.action === 'restore' && artifact.change === 'added') return 'comes back';
  if (artifact.action === 'restore' && artifact.change === 'removed') return 'goes away';
  return '';
}

/** The plan in one sentence: "Restores 2 artifacts, merges 1 and keeps 1 edited by hand; 1 conflict is left as it is now." */
export function planSummary(plan: RollbackResult): string {
  if (plan.status === 'unchanged') return plan.message ?? 'Nothing to roll back: the collection already matches this snapshot.';
  const count = (action: RollbackAction) => plan.artifacts.filter((a) => a.action === action).length;
  const parts = [
    count('restore') > 0 ? `restores ${plural(count('restore'), 'artifact')}` : '',
    count('merge') > 0 ? `merges ${plural(count('merge'), 'artifact')}` : '',
    count('keep') > 0 ? `keeps ${plural(count('keep'), 'artifact')} edited by hand` : '',
    plan.other_files.length > 0 ? `rewrites ${plural(plan.other_files.length, 'other file')}` : '',
  ].filter((p) => p !== '');
  const conflicts = plan.artifacts.flatMap((a) => a.files.filter((f) => f.action === 'conflict'));
  const first = parts.length === 0 ? 'Changes no artifact' : capitalise(joinWords(parts));
  const left = conflicts.length === 0 ? '' : `; ${plural(conflicts.length, 'conflicted file')} will be left as ${conflicts.length === 1 ? 'it is' : 'they are'} now`;
  return `${first}${left}.`;
}

/** The registered projects whose deployed copies become outdated, in words. */
export function projectsSummary(plan: RollbackResult): string {
  if (plan.projects.length === 0) return 'No registered project has a deployed copy this changes.';
  const edited = plan.projects.filter((p) => p.local_edits).length;
  const outdated = `${plural(plan.projects.length, 'project')} will have outdated copies`;
  return edited === 0 ? `${outdated}.` : `${outdated}; ${edited} of them ${edited === 1 ? 'has' : 'have'} local edits a sync will merge.`;
}

/** What a finished rollback (or its undo) did, in words, with the conflicts it left. */
export function rollbackOutcomeText(result: RollbackResult, undo: boolean): { readonly tone: 'success' | 'warning'; readonly text: string } {
  if (result.status === 'unchanged') return { tone: 'success', text: result.message ?? 'Nothing to roll back: the collection already matched.' };
  const files = [result.files_restored.length > 0 ? `${plural(result.files_restored.length, 'file')} restored` : '', result.files_merged.length > 0 ? `${result.files_merged.length} merged` : ''].filter((p) => p !== '');
  const done = undo ? `Undone: the collection is back as it was before the rollback (${result.target_snapshot_id})` : `Rolled back to ${result.target_snapshot_id}`;
  const counts = files.length === 0 ? '' : `: ${files.join(', ')}`;
  const safety = result.safety_snapshot_id === null ? '' : ` Safety snapshot ${result.safety_snapshot_id}.`;
  if (result.status === 'partial') {
    return { tone: 'warning', text: `${done}${counts}. ${plural(result.conflicts.length, 'conflicted file')} ${result.conflicts.length === 1 ? 'was' : 'were'} left as ${result.conflicts.length === 1 ? 'it is' : 'they are'} now.${safety}` };
  }
  return { tone: 'success', text: `${done}${counts}.${safety}` };
}

/** An artifact of the plan, as a list item names it. */
export function planArtifactLabel(artifact: RollbackArtifactPlan): string {
  const whole = artifactChangeText(artifact);
  return `${artifactText(artifact)}: ${actionText(artifact.action)}${whole === '' ? '' : `, ${whole}`}`;
}

function joinWords(parts: readonly string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

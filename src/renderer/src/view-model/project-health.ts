/**
 * A project's drift at a glance, from whatever is known: a fresh drift report, or only the cached
 * count `listProjects` returns before the first check of this session.
 */
import type { DriftReport, ProjectSummary } from '../../../shared/results.js';
import type { ProjectDriftSummary } from '../../../shared/drift-summary.js';
import { summarizeDrift } from '../../../shared/summarize-drift.js';
import { DRIFT_STATUS_ORDER, type DriftStatus } from './drift-status.js';
import { inAppWords } from './error-words.js';

export interface StatusCount {
  readonly status: DriftStatus;
  readonly count: number;
}

export type ProjectHealth =
  /** Never checked: nothing to show yet. */
  | { readonly kind: 'unchecked' }
  /** Only the cache's count is known (first paint, before this session's check). */
  | { readonly kind: 'cached'; readonly needsAction: number; readonly checkedAt: string | null }
  /** The project's folder no longer exists (moved or deleted): `path` is where it was. */
  | { readonly kind: 'missing'; readonly path: string; readonly checkedAt: string }
  /** The check could not be made (a corrupt file, a link inside .claude/, a busy collection). */
  | { readonly kind: 'failed'; readonly message: string; readonly checkedAt: string }
  /** A drift report: a count per status, most urgent first, zero counts left out. */
  | { readonly kind: 'checked'; readonly counts: readonly StatusCount[]; readonly needsAction: number; readonly deployed: number; readonly checkedAt: string };

/**
 * The health of a project: its drift (a summary, or a full report, summarized) when there is one,
 * else the cached summary.
 */
export function projectHealth(summary: Pick<ProjectSummary, 'needs_action' | 'last_checked'>, drift: ProjectDriftSummary | DriftReport | undefined): ProjectHealth {
  const known = drift === undefined || 'state' in drift ? drift : summarizeDrift(drift);
  if (known?.state === 'missing') return { kind: 'missing', path: known.project, checkedAt: known.checked_at };
  if (known?.error) return { kind: 'failed', message: inAppWords(known.error.message), checkedAt: known.checked_at };
  if (known !== undefined) {
    const counts = DRIFT_STATUS_ORDER.map((status) => ({ status, count: known.counts[status] })).filter((c) => c.count > 0);
    return { kind: 'checked', counts, needsAction: known.needs_action, deployed: known.deployed, checkedAt: known.checked_at };
  }
  if (summary.needs_action === null) return { kind: 'unchecked' };
  return { kind: 'cached', needsAction: summary.needs_action, checkedAt: summary.last_checked };
}

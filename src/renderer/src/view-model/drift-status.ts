/**
 * How a drift status looks, everywhere in the UI: the spec's word (versioning spec section 4), a
 * colour and an icon. `<DriftBadge>` renders this and nothing else decides it.
 */
import type { DriftEntry, DriftType } from '../../../shared/results.js';

/** A deployed copy's state: one of the spec's drift types, or in sync. */
export type DriftStatus = DriftType | 'in_sync';

export interface DriftStatusView {
  readonly status: DriftStatus;
  /** The spec's word, shown as is. */
  readonly label: string;
  /** A glyph that tells the states apart without colour. */
  readonly icon: string;
  /** The CSS modifier carrying the colour (`drift-<tone>`). */
  readonly tone: 'ok' | 'local' | 'upstream' | 'conflict' | 'gone' | 'missing';
  /** One sentence for tooltips and screen readers. */
  readonly description: string;
}

const VIEWS: Readonly<Record<DriftStatus, DriftStatusView>> = {
  in_sync: { status: 'in_sync', label: 'in sync', icon: '✓', tone: 'ok', description: 'The project copy matches what was deployed, and the collection has not changed.' },
  modified: { status: 'modified', label: 'modified', icon: '✎', tone: 'local', description: 'Edited in the project since it was deployed; the collection has not changed.' },
  outdated: { status: 'outdated', label: 'outdated', icon: '↓', tone: 'upstream', description: 'The collection has changed since it was deployed; the project copy has not.' },
  conflict: { status: 'conflict', label: 'conflict', icon: '⚠', tone: 'conflict', description: 'Changed differently in the project and in the collection.' },
  removed: { status: 'removed', label: 'removed', icon: '⊘', tone: 'gone', description: 'No longer in its collection.' },
  deleted: { status: 'deleted', label: 'deleted', icon: '✕', tone: 'missing', description: 'The project copy is missing.' },
};

/** Every status, in the order the UI lists them (most urgent first after in sync). */
export const DRIFT_STATUS_ORDER: readonly DriftStatus[] = ['conflict', 'modified', 'outdated', 'deleted', 'removed', 'in_sync'];

/** The status of one drift entry (`drift_type: null` is in sync). */
export function driftStatusOf(entry: Pick<DriftEntry, 'drift_type'>): DriftStatus {
  return entry.drift_type ?? 'in_sync';
}

/** Label, icon, colour and description of a status. */
export function driftStatusView(status: DriftStatus): DriftStatusView {
  return VIEWS[status];
}

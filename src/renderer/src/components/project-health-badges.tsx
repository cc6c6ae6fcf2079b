import type { DriftReport, ProjectSummary } from '../../../shared/results.js';
import type { ProjectDriftSummary } from '../../../shared/drift-summary.js';
import { projectHealth } from '../view-model/project-health.js';
import { plural } from '../view-model/result-summary.js';
import { DriftBadge } from './drift-badge.js';

/** A project's drift summary: one badge per status with its count, or the cached count before the first check; a folder gone says so. */
export function ProjectHealthBadges({ summary, drift }: { summary: ProjectSummary; drift: ProjectDriftSummary | DriftReport | undefined }) {
  const health = projectHealth(summary, drift);
  switch (health.kind) {
    case 'unchecked':
      return <span className="muted">not checked yet</span>;
    case 'cached':
      return health.needsAction === 0 ? <DriftBadge status="in_sync" /> : <span className="chip chip-attention">{plural(health.needsAction, 'artifact')} need action</span>;
    case 'missing':
      return (
        <span className="chip chip-attention" data-state="missing" title={`${health.path} no longer exists: move the folder back, or forget the project.`}>
          Folder not found
        </span>
      );
    case 'failed':
      return (
        <span className="chip chip-attention" title={health.message}>
          cannot check drift
        </span>
      );
    case 'checked':
      if (health.deployed === 0) return <span className="muted">nothing deployed</span>;
      return (
        <span className="badges" aria-label="Drift summary">
          {health.counts.map((c) => (
            <DriftBadge key={c.status} status={c.status} count={c.count} />
          ))}
        </span>
      );
  }
}

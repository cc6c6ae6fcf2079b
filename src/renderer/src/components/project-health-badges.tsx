import type { DriftReport, ProjectSummary } from '../../../shared/results.js';
import { projectHealth } from '../view-model/project-health.js';
import { plural } from '../view-model/result-summary.js';
import { DriftBadge } from './drift-badge.js';

/** A project's drift summary: one badge per status with its count, or the cached count before the first check. */
export function ProjectHealthBadges({ summary, report }: { summary: ProjectSummary; report: DriftReport | undefined }) {
  const health = projectHealth(summary, report);
  switch (health.kind) {
    case 'unchecked':
      return <span className="muted">not checked yet</span>;
    case 'cached':
      return health.needsAction === 0 ? <DriftBadge status="in_sync" /> : <span className="chip chip-attention">{plural(health.needsAction, 'artifact')} need action</span>;
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

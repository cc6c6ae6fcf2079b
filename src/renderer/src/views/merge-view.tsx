import { routeHash } from '../../../shared/app-routes.js';

/** The Monaco three-pane merge of one artifact's conflicted files goes here (pendingMerges + resolve). */
export function MergeView({ project, artifact }: { project: string; artifact: string }) {
  return (
    <section className="view" aria-labelledby="merge-title">
      <header className="view-header">
        <div>
          <p className="breadcrumb">
            <a href={routeHash({ view: 'project', path: project })}>Project</a> /
          </p>
          <h1 id="merge-title">Merge {artifact}</h1>
        </div>
      </header>
      <p className="empty">The three-pane merge editor is coming next. Until then, settle each conflicted file from the project view by keeping one side.</p>
    </section>
  );
}

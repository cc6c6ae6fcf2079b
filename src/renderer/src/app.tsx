import { Suspense, lazy, useEffect, useRef, useState } from 'react';
import { ActivityPanel } from './components/activity-panel.js';
import { ConnectionBanner } from './components/connection-banner.js';
import { ConnectionGate } from './components/connection-gate.js';
import { FolderDropZone } from './components/folder-drop-zone.js';
import { NavBar } from './components/nav-bar.js';
import { NoticeList } from './components/notice-list.js';
import { ResultToasts } from './components/result-toasts.js';
import { routeHash, type Route } from '../../shared/app-routes.js';
import { useRoute } from './routing/use-route.js';
import { CollectionView } from './views/collection-view.js';
import { ProjectView } from './views/project-view.js';
import { ProjectsView } from './views/projects-view.js';

// The first screens (projects, a project, the collection) come with the window; the views a user
// opens from them load when first opened, so the first paint waits for none of their code.
const DiffView = lazy(() => import('./views/diff-view.js').then((m) => ({ default: m.DiffView })));
const HistoryView = lazy(() => import('./views/history-view.js').then((m) => ({ default: m.HistoryView })));
const MergeView = lazy(() => import('./views/merge-view.js').then((m) => ({ default: m.MergeView })));
const SnapshotsView = lazy(() => import('./views/snapshots-view.js').then((m) => ({ default: m.SnapshotsView })));

/** The window: navigation and activity on the left, the routed view on the right, notices and the drop overlay on top. */
export function App() {
  const route = useRoute();
  // Below 900 px the sidebar folds into a bar with a menu button; choosing a view folds it again.
  const [menuOpen, setMenuOpen] = useState(false);
  // A new view starts at the top. (Not the first: the page is at the top already, and scrolling
  // would force a layout of the page before its first rows arrive.)
  const viewShown = useRef(false);
  useEffect(() => {
    if (viewShown.current) window.scrollTo(0, 0);
    viewShown.current = true;
    setMenuOpen(false);
  }, [route.view]);
  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => document.querySelector<HTMLElement>('main h1')?.focus()}>
        Skip to content
      </button>
      <aside className={menuOpen ? 'sidebar menu-open' : 'sidebar'}>
        <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="sidebar-menu" onClick={() => setMenuOpen((open) => !open)}>
          <span aria-hidden="true">☰</span> Menu
        </button>
        <div id="sidebar-menu" className="sidebar-menu">
          <NavBar route={route} />
          <ActivityPanel />
        </div>
      </aside>
      <main className="content">
        <ConnectionBanner />
        <NoticeList />
        {route.view === 'not_found' ? null : <ResultToasts view={routeHash(route)} />}
        <ConnectionGate>
          <Suspense fallback={<section className="view" aria-busy="true" />}>
            <RoutedView route={route} />
          </Suspense>
        </ConnectionGate>
      </main>
      <FolderDropZone />
    </div>
  );
}

function RoutedView({ route }: { route: Route }) {
  switch (route.view) {
    case 'projects':
      return <ProjectsView />;
    case 'project':
      return <ProjectView key={route.path} path={route.path} />;
    case 'collection':
      return <CollectionView />;
    case 'snapshots':
      return <SnapshotsView />;
    case 'history':
      return <HistoryView key={`${route.type ?? ''}:${route.name}`} name={route.name} type={route.type} />;
    case 'merge':
      return <MergeView key={routeHash(route)} project={route.project} artifact={route.artifact} type={route.type} update={route.update === true} />;
    case 'diff':
      // One view per artifact: choosing another comparison keeps it (and the focus) in place.
      return <DiffView key={`${route.project}\n${route.type ?? ''}:${route.artifact}`} project={route.project} artifact={route.artifact} compare={route.compare} type={route.type} />;
    case 'not_found':
      return (
        <section className="view">
          <h1>Not found</h1>
          <p>
            Nothing lives at <code>{route.hash}</code>. <a href="#/projects">Back to projects</a>.
          </p>
        </section>
      );
  }
}

import { useStore } from 'zustand';
import { useServices } from '../app-context.js';
import { connectionLabel } from '../client/reconnect-policy.js';
import { routeHash, type Route } from '../../../shared/app-routes.js';

const LINKS: readonly { readonly view: 'projects' | 'collection' | 'snapshots'; readonly label: string }[] = [
  { view: 'projects', label: 'Projects' },
  { view: 'collection', label: 'Collection' },
  { view: 'snapshots', label: 'Snapshots' },
];

/** The left navigation, with the connection state under it. */
export function NavBar({ route }: { route: Route }) {
  const link = useStore(useServices().stores.connection, (s) => s.link);
  // A merge without a project is a rollback's, reached from the snapshots.
  const current = route.view === 'merge' && route.project === '' ? 'snapshots' : route.view === 'project' || route.view === 'merge' || route.view === 'diff' ? 'projects' : route.view === 'history' ? 'collection' : route.view;
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        SkillMeat
      </div>
      <ul>
        {LINKS.map((link) => (
          <li key={link.view}>
            <a href={routeHash({ view: link.view })} aria-current={current === link.view ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
      <p className={`connection connection-${link.phase}`} role="status" aria-label="Connection">
        {connectionLabel(link)}
      </p>
    </nav>
  );
}

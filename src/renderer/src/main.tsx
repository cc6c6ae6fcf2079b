import { createClient } from '../../shared/contract-client.js';
import { createAppActions } from './actions/app-actions.js';
import type { AppServices } from './app-context.js';
import { bridgeOf, pickTransport } from './client/pick-transport.js';
import { createAppStores } from './state/app-stores.js';
import { withLink } from './state/connection-store.js';
import { setNoticesDisconnected } from './state/notices-store.js';
import './app.css';

const container = document.getElementById('root');
if (container === null) {
  throw new Error('index.html has no #root element to render SkillMeat into.');
}

// The first bundle holds only what opens the connection and starts the first reads (transport,
// client, stores, actions); React and the views come in their own chunk, fetched and evaluated while
// the socket's handshake and those reads are under way.

// One client for the whole page, over whichever transport this window has.
const stores = createAppStores(bridgeOf(window) !== undefined ? 'bridge' : 'socket');
const picked = pickTransport(window, (link) => {
  const wasLost = stores.connection.getState().status === 'reconnecting';
  stores.connection.setState(withLink(link));
  setNoticesDisconnected(stores.notices, link.phase === 'reconnecting' || link.phase === 'closed');
  // Events were missed while the connection was down: read the state again.
  if (wasLost && link.phase === 'open') {
    void actions.loadProjects();
    void actions.loadCollection();
  }
});
const actions = createAppActions({ client: createClient(picked.transport), stores });
const services: AppServices = { stores, actions, platform: { pathOfFile: picked.pathOfFile } };
actions.start();

import('./render-app.js').then(
  ({ renderApp }) => renderApp(container, services),
  (error: unknown) => {
    container.textContent = 'SkillMeat could not load its window. Reload the page to try again.';
    throw error;
  },
);

/**
 * The window's React tree, loaded as its own chunk by main.tsx: while React and the views are
 * fetched, parsed and evaluated, the connection is already open and the first reads are under way,
 * so the first render draws what has arrived by then.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { AppProvider, type AppServices } from './app-context.js';

/** Renders the app into `container` with the page's services. */
export function renderApp(container: HTMLElement, services: AppServices): void {
  createRoot(container).render(
    <StrictMode>
      <AppProvider services={services}>
        <App />
      </AppProvider>
    </StrictMode>,
  );
}

/**
 * How web mode's page keeps (or regains) its connection, as pure functions: the backoff between
 * attempts, where the access token comes from, and what the page says about the connection. The
 * socket transport (socket-transport.ts) does the waiting and the connecting; these decide.
 */
import { TOKEN_PARAM } from '../../../shared/socket-frames.js';

/** First wait after a connection is lost; each failed attempt doubles it, up to the cap. */
export const FIRST_RETRY_MS = 250;
export const LONGEST_RETRY_MS = 8_000;

/** How long to wait before reconnect attempt `attempt` (1 for the first after a loss). */
export function reconnectDelay(attempt: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
}

/** Why the page cannot reach SkillMeat and will not try again by itself. */
export type ClosedReason = 'no_token' | 'other_version' | 'no_websocket' | 'page_closed';

/** What the page knows of the server while it reconnects: not yet probed, not answering, or answering but refusing this page's token. */
export type ServerPresence = 'unknown' | 'down' | 'refusing';

/** The connection as the page shows it. */
export type LinkState =
  | { readonly phase: 'connecting' }
  | { readonly phase: 'open' }
  /** `wasOpen`: the page had a connection and lost it (else it never got one). */
  | { readonly phase: 'reconnecting'; readonly attempt: number; readonly server: ServerPresence; readonly wasOpen: boolean }
  | { readonly phase: 'closed'; readonly reason: ClosedReason; readonly message: string };

/**
 * The page URL to connect with, and the token to keep for the tab: the URL's own token (kept), or
 * the one kept earlier in this tab when the URL has none (a reload after the address bar lost it).
 */
export function tokenForPage(pageUrl: string, kept: string | null): { readonly pageUrl: string; readonly keep: string | null } {
  const url = new URL(pageUrl);
  const token = url.searchParams.get(TOKEN_PARAM);
  if (token !== null && token !== '') return { pageUrl, keep: token };
  if (kept === null || kept === '') return { pageUrl, keep: null };
  url.searchParams.set(TOKEN_PARAM, kept);
  return { pageUrl: url.href, keep: kept };
}

/** The page URL without its token (what the address bar keeps once the tab holds the token). */
export function withoutToken(pageUrl: string): string {
  const url = new URL(pageUrl);
  url.searchParams.delete(TOKEN_PARAM);
  return url.href;
}

/** The short word under the navigation. */
export function connectionLabel(state: LinkState): string {
  switch (state.phase) {
    case 'connecting':
      return 'Connecting…';
    case 'open':
      return 'Connected';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'closed':
      return 'Disconnected';
  }
}

/** What the banner says while the page cannot act, true to what the page knows; null when connected. */
export function connectionBanner(state: LinkState): string | null {
  switch (state.phase) {
    case 'connecting':
    case 'open':
      return null;
    case 'closed':
      return state.message;
    case 'reconnecting':
      switch (state.server) {
        case 'unknown':
          return state.wasOpen
            ? 'Lost the connection to SkillMeat; reconnecting… Nothing on this page can change until it is back.'
            : 'Cannot reach SkillMeat yet; trying again… Nothing on this page can change until it answers.';
        case 'down':
          return 'SkillMeat is not answering (its web server stopped?); this page reconnects by itself when it runs again at the same address. Nothing on this page can change until then.';
        case 'refusing':
          return 'SkillMeat runs at this address but no longer accepts this page (it was started again with a new token). Open the address it printed when it started.';
      }
  }
}

/** The words for a connection that will not be retried. */
export function closedMessage(reason: ClosedReason, detail = ''): string {
  switch (reason) {
    case 'no_token':
      return 'This page was opened without its access token, so it cannot reach SkillMeat. Open the exact address that skillmeat ui --web printed (it ends in ?token=…).';
    case 'other_version':
      return `The SkillMeat server speaks contract version ${detail}, this page another: reload the page.`;
    case 'no_websocket':
      return 'This browser has no WebSocket support, which web mode needs.';
    case 'page_closed':
      return 'This page closed its connection to SkillMeat: reload it to connect again.';
  }
}

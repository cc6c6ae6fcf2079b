import { Notification } from 'electron';
import type { DriftNotice } from './drift-notifications.js';

// Held until the next notice: a Notification that is garbage-collected loses its click handler.
let current: Notification | undefined;

/** Shows a drift notice as a desktop notification (where the system supports them); `onClick` runs when it is clicked. */
export function showDriftNotice(notice: DriftNotice, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  current?.close();
  const notification = new Notification({ title: notice.title, body: notice.body, silent: true });
  notification.on('click', onClick);
  notification.on('close', () => {
    if (current === notification) current = undefined;
  });
  notification.show();
  current = notification;
}

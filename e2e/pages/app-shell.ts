/** The parts of the window every view shares: the navigation and the activity panel. Works on any Playwright `Page` (browser or Electron). */
import { expect, type Locator, type Page } from '@playwright/test';

export class AppShell {
  constructor(readonly page: Page) {}

  /** The main navigation. */
  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }

  /** The activity panel (operations reported by `operation.progress` events). */
  get activity(): Locator {
    return this.page.getByRole('region', { name: 'Activity' });
  }

  /** Goes to a view by its navigation link. */
  async goTo(view: 'Projects' | 'Collection' | 'Snapshots'): Promise<void> {
    await this.nav.getByRole('link', { name: view, exact: true }).click();
    await expect(this.nav.getByRole('link', { name: view, exact: true })).toHaveAttribute('aria-current', 'page');
  }

  /** The activity entry of an operation ("Deploy") in a phase (`started`, `working`, `finished`, `failed`). */
  operation(name: string, phase: 'started' | 'working' | 'finished' | 'failed'): Locator {
    return this.activity.getByRole('listitem', { name: `${name}: ${phase}` });
  }

  /** The activity entry of an operation while it runs. */
  runningOperation(name: string): Locator {
    return this.activity.getByRole('listitem', { name: new RegExp(`^${name}: (started|working)$`) });
  }

  /** Waits until the page is connected to the back end. */
  async expectConnected(): Promise<void> {
    await expect(this.nav.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  }
}

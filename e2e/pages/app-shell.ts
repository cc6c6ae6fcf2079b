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

  /** The confirmation a destructive action asks first (one `alertdialog` at a time). */
  get dialog(): Locator {
    return this.page.getByRole('alertdialog');
  }

  /** Answers the open confirmation with one of its buttons ("Cancel", or the action it names) and waits for it to close. */
  async answer(button: string): Promise<void> {
    await this.dialog.getByRole('button', { name: button, exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** A result shown apart from its control (with Undo when the action can be undone), by its text. */
  result(text: string | RegExp): Locator {
    return this.page.getByRole('region', { name: 'Results' }).getByRole('status', { name: 'Result' }).filter({ hasText: text });
  }

  /** Waits until the page is connected to the back end. */
  async expectConnected(): Promise<void> {
    await expect(this.nav.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  }
}

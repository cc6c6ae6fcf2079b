/**
 * The history view of one artifact: its version rows (graph, short hash, origin, place, time), the
 * selected version's details, changes and actions, and the restore dialog. Works on any Playwright `Page`.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class HistoryPage {
  constructor(readonly page: Page) {}

  heading(artifact: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `History of ${artifact}`, exact: true });
  }

  /** Opens the history of a collection artifact from its link in the collection view. */
  async openFromCollection(artifact: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Collection', exact: true }).click();
    await this.page.getByRole('table', { name: 'Artifacts' }).getByRole('link', { name: artifact, exact: true }).click();
    await expect(this.heading(artifact)).toBeFocused();
    await expect(this.list).toBeVisible();
  }

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Versions' });
  }

  /** Every row, in order (versions and working copies). */
  get rows(): Locator {
    return this.list.getByRole('button');
  }

  /** The rows of an origin word ("push", "merge", ...): their accessible name holds it after the hash. */
  rowsOf(origin: string): Locator {
    return this.list.getByRole('button', { name: new RegExp(`^[0-9a-f]{12}, ${origin}, `) });
  }

  /** A working copy's row, by place name ("project webapp"). */
  working(place: string): Locator {
    return this.list.getByRole('button', { name: new RegExp(`^Working copy in ${place}, `) });
  }

  get details(): Locator {
    return this.page.getByRole('region', { name: /^(Version [0-9a-f]{12}|Working copy in .*)$/ });
  }

  get changes(): Locator {
    return this.page.getByRole('region', { name: /^Changes: / });
  }

  get changedFiles(): Locator {
    return this.page.getByRole('list', { name: 'Changed files' });
  }

  get whereabouts(): Locator {
    return this.page.getByRole('list', { name: 'Where is this version' });
  }
}

/**
 * The snapshot timeline: its entries, the selected snapshot's actions, comparisons with their
 * per-file diff, and the rollback dialog. Works on any Playwright `Page`.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.js';

/** The rollback dialog's modes. */
export type RollbackMode = 'Restore exactly' | 'Keep later edits' | 'Only selected artifacts';

export class SnapshotsPage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Snapshots', exact: true });
  }

  /** Shows the timeline by its navigation link. */
  async show(): Promise<void> {
    await this.shell.goTo('Snapshots');
    await expect(this.heading).toBeFocused();
    await expect(this.timeline).toBeVisible();
  }

  get timeline(): Locator {
    return this.page.getByRole('list', { name: 'Snapshots' });
  }

  /** A snapshot's entry, by its message (its accessible name starts with it, then its id and kind). */
  entry(message: string): Locator {
    return this.timeline.getByRole('button', { name: new RegExp(`^${escape(message)}, `) });
  }

  /** Selects a snapshot and waits for its details. */
  async select(message: string): Promise<void> {
    await this.entry(message).click();
    await expect(this.entry(message)).toHaveAttribute('aria-pressed', 'true');
    await expect(this.page.getByRole('heading', { level: 2, name: message, exact: true })).toBeVisible();
  }

  /** One of the selected snapshot's actions ("Compare with now", "Roll back…", "Pin", "Delete…"). */
  action(name: string): Locator {
    return this.page.getByRole('group', { name: 'Snapshot actions' }).getByRole('button', { name, exact: true });
  }

  /** The tree of a comparison. */
  get comparedArtifacts(): Locator {
    return this.page.getByRole('navigation', { name: 'Compared artifacts' });
  }

  /** A file of the comparison, by its collection-relative path. */
  comparedFile(path: string): Locator {
    return this.comparedArtifacts.getByRole('button', { name: new RegExp(`^${escape(path)}: `) });
  }

  /** The newer side's text as the diff editor renders it. */
  get afterText(): Locator {
    return this.page.locator('.diff-editor .editor.modified .view-lines');
  }

  /** The older side's text. */
  get beforeText(): Locator {
    return this.page.locator('.diff-editor .editor.original .view-lines');
  }

  get rollbackDialog(): Locator {
    return this.page.getByRole('alertdialog', { name: /^Roll back to / });
  }

  /** Opens the rollback dialog on the selected snapshot and picks a mode. */
  async openRollback(mode: RollbackMode): Promise<void> {
    await this.action('Roll back…').click();
    await expect(this.rollbackDialog).toBeVisible();
    await this.rollbackDialog.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
  }

  /** The plan in the dialog, once worked out. */
  get plan(): Locator {
    return this.rollbackDialog.getByRole('region', { name: 'Rollback plan' });
  }

  /** A line of the plan: an artifact or a file, named with its action ("skills/canvas/SKILL.md: restore"). */
  planLine(name: string | RegExp): Locator {
    return this.plan.getByRole('listitem', { name });
  }

  /** The last rollback's outcome above the timeline. */
  get outcome(): Locator {
    return this.page.getByRole('region', { name: 'Rollback result' });
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

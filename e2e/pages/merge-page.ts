/**
 * The merge view (Project | Result | Collection, or for a rollback's merge Collection now | Result |
 * Snapshot; one conflict's actions above it in the Result) and
 * the "Show changes" diff view, reached from a project's rows. Works on any Playwright `Page`.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.js';
import type { ProjectPage } from './project-page.js';

/** The choices beside each conflict (a rollback's merge names its sides "collection now" and "snapshot", an update's "collection" and "upstream"). */
export type ConflictChoice = 'Accept project' | 'Accept collection' | 'Accept both' | 'Both, collection first' | 'Back to base' | 'Accept collection now' | 'Accept snapshot' | 'Accept upstream';

/** The panes' titles: a project's merge has Project and Collection, a rollback's Collection now and Snapshot, an update's Collection and Upstream. */
export type PaneTitle = 'Project' | 'Result' | 'Collection' | 'Base' | 'Collection now' | 'Snapshot' | 'Upstream';

export class MergePage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  /** Opens the merge of an artifact from its row in the project view (Merge… syncs first when no merge is waiting). */
  static async openFrom(project: ProjectPage, artifact: string): Promise<MergePage> {
    await project.artifact(artifact).getByRole('button', { name: 'Merge…' }).first().click();
    const merge = new MergePage(project.page);
    await expect(merge.heading(artifact)).toBeVisible();
    await expect(merge.paneText('Result')).toBeVisible();
    return merge;
  }

  heading(artifact: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Merge ${artifact}`, exact: true });
  }

  /** "N conflicts remaining" / "No conflicts remaining". */
  get remaining(): Locator {
    return this.page.getByRole('status', { name: 'Conflicts remaining' });
  }

  /** A pane by its title: Project, Result, Collection or Base. */
  pane(title: PaneTitle): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** The text a pane shows (Monaco's rendered lines; spaces as they render). */
  paneText(title: PaneTitle): Locator {
    return this.pane(title).locator('.view-lines');
  }

  /** The row of actions of conflict `n` (1-based) in the Result. */
  conflict(n: number): Locator {
    return this.pane('Result').getByRole('group', { name: new RegExp(`^Conflict ${n} of \\d+:`) });
  }

  /** Moves to the next unresolved conflict (the button; Alt+↓ does the same). */
  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next conflict' }).click();
  }

  /** Settles conflict `n` with one of its choices, scrolling it into view first. */
  async choose(n: number, choice: ConflictChoice): Promise<void> {
    const row = this.conflict(n);
    if (!(await row.isVisible())) await this.next();
    await expect(row).toBeVisible();
    // A narrow Result lists the lesser choices under "More…".
    const button = row.getByRole('button', { name: choice, exact: true });
    if ((await button.count()) > 0) await button.click();
    else await row.getByRole('combobox').selectOption({ label: choice });
    await expect(row).toHaveAccessibleName(new RegExp(`^Conflict ${n} of \\d+: (?!unresolved)`));
  }

  /** Replaces the whole Result by typing `text` into it. */
  async typeResult(text: string): Promise<void> {
    const editor = this.pane('Result').locator('.monaco-editor').first();
    await editor.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(text);
  }

  get completeButton(): Locator {
    return this.page.getByRole('button', { name: 'Complete merge', exact: true });
  }

  /** The confirmation asked before completing with conflict markers left. */
  get markersDialog(): Locator {
    return this.page.getByRole('alertdialog', { name: 'Complete with conflict markers?' });
  }
}

/** "Show changes": a two-pane diff of one artifact, with the comparison chooser. */
export class ChangesPage {
  constructor(readonly page: Page) {}

  /** Opens an artifact's changes from its row in the project view. */
  static async openFrom(project: ProjectPage, artifact: string): Promise<ChangesPage> {
    await project.artifact(artifact).getByRole('button', { name: 'Show changes' }).click();
    const changes = new ChangesPage(project.page);
    await expect(changes.heading(artifact)).toBeVisible();
    return changes;
  }

  heading(artifact: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `Changes in ${artifact}`, exact: true });
  }

  /** One of the three comparisons ("Project vs baseline", "Collection vs baseline", "Project vs collection"). */
  comparison(label: string): Locator {
    return this.page.getByRole('group', { name: 'Compare' }).getByRole('radio', { name: label });
  }

  /** The side label over each pane (from the core's before_label / after_label). */
  sideLabel(label: string): Locator {
    return this.page.locator('.diff-labels').getByRole('heading', { name: new RegExp(`^${label}`) });
  }

  /** The newer side's text as the diff editor renders it. */
  get afterText(): Locator {
    return this.page.locator('.diff-editor .editor.modified .view-lines');
  }

  /** The highlights of characters the diff found inserted on the newer side (computed in Monaco's worker). */
  get insertedText(): Locator {
    return this.page.locator('.diff-editor .editor.modified .char-insert');
  }

  /** The older side's text. */
  get beforeText(): Locator {
    return this.page.locator('.diff-editor .editor.original .view-lines');
  }
}

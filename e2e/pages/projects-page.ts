/** The projects view: importing a folder (by path or by drop) and each project's drift summary. */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.js';
import { ProjectPage } from './project-page.js';

export class ProjectsPage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Projects' });
  }

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Projects' });
  }

  /** The result line of the last import (success or error). */
  get importResult(): Locator {
    return this.page.getByRole('status', { name: 'Import result' }).or(this.page.getByRole('alert', { name: 'Import result' }));
  }

  /** Shows the projects view. */
  async show(): Promise<void> {
    await this.shell.goTo('Projects');
    await expect(this.heading).toBeVisible();
  }

  /** Imports a folder the way the picker does: its path in the field, then Import. */
  async importByPath(path: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Project folder' });
    await form.getByRole('textbox', { name: 'Project folder' }).fill(path);
    await form.getByRole('button', { name: 'Import' }).click();
  }

  /**
   * Drops a folder on the window. A page cannot make a real file drop, so this dispatches the
   * events a file manager's drag would, carrying the path as text (what web mode accepts;
   * Electron's preload would name a real dropped folder's path).
   */
  async importByDrop(path: string): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      return data;
    }, path);
    const target = this.page.locator('main');
    for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
    await dataTransfer.dispose();
  }

  /** A project's row, by its name. */
  project(name: string): Locator {
    return this.list.getByRole('listitem', { name, exact: true });
  }

  /** Waits until a project's row shows a drift badge with this text ("1 in sync", "1 modified"). */
  async expectSummary(name: string, badgeText: string): Promise<void> {
    await expect(this.project(name).locator('[data-drift]', { hasText: badgeText })).toBeVisible();
  }

  /** Opens a project's view. */
  async open(name: string): Promise<ProjectPage> {
    await this.project(name).getByRole('link', { name, exact: true }).click();
    const project = new ProjectPage(this.page);
    await expect(project.heading(name)).toBeVisible();
    return project;
  }
}

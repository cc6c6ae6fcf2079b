/** One project's view: deployed artifacts with their drift, their actions and results, conflicts, and the deploy picker. */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.js';

/** The buttons the drift recommendation offers on a deployed artifact. */
export type ArtifactActionButton = 'Sync' | 'Push' | 'Redeploy' | 'Remove';

export class ProjectPage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true });
  }

  get deployed(): Locator {
    return this.page.getByRole('list', { name: 'Deployed artifacts' });
  }

  /** A deployed artifact's row. */
  artifact(name: string): Locator {
    return this.deployed.getByRole('listitem', { name, exact: true });
  }

  /** Waits until an artifact shows this drift status ("in sync", "modified", "outdated", "conflict", ...). */
  async expectStatus(name: string, status: string): Promise<void> {
    await expect(this.artifact(name).locator('[data-drift]')).toHaveText(new RegExp(`^\\W*${status}$`));
  }

  /** Clicks one of an artifact's action buttons. */
  async act(name: string, action: ArtifactActionButton): Promise<void> {
    await this.artifact(name).getByRole('button', { name: action, exact: true }).click();
  }

  /** The result line under an artifact (progress while running, then the outcome). */
  result(name: string): Locator {
    const label = `${name} result`;
    return this.artifact(name).getByRole('status', { name: label }).or(this.artifact(name).getByRole('alert', { name: label }));
  }

  /** A conflicted file listed under an artifact. */
  conflict(name: string, file: string): Locator {
    return this.artifact(name).getByRole('list', { name: `Conflicts in ${name}` }).getByRole('listitem', { name: file, exact: true });
  }

  /** Ticks artifacts in the deploy picker and deploys them. */
  async deploy(...names: string[]): Promise<void> {
    const picker = this.page.getByRole('list', { name: 'Artifacts to deploy' });
    for (const name of names) await picker.getByRole('checkbox', { name: new RegExp(`^${name}\\b`) }).check();
    await this.page.getByRole('button', { name: /^Deploy( \d+ artifacts)?$/ }).click();
  }

  /** The deploy picker's result line. */
  get deployResult(): Locator {
    return this.page.getByRole('status', { name: 'Deploy result' }).or(this.page.getByRole('alert', { name: 'Deploy result' }));
  }
}

/** The collection view: artifacts with type, version and hash; adding one from a folder; creating the first collection; entries kept as they are. */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.js';

export class CollectionPage {
  readonly shell: AppShell;

  constructor(readonly page: Page) {
    this.shell = new AppShell(page);
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Artifacts' });
  }

  /** Shows the collection view. */
  async show(): Promise<void> {
    await this.shell.goTo('Collection');
    await expect(this.page.getByRole('heading', { level: 1, name: /^Collection/ })).toBeVisible();
  }

  /** An artifact's row, by name. */
  artifact(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** Waits until an artifact is listed with this type and version. */
  async expectArtifact(name: string, type: string, version: string): Promise<void> {
    const row = this.artifact(name);
    await expect(row.getByRole('cell').nth(0)).toHaveText(type);
    await expect(row.getByRole('cell').nth(1)).toHaveText(version);
  }

  /** Adds the artifact in a folder. */
  async addFromFolder(path: string): Promise<void> {
    await this.add(path);
  }

  /** Adds the artifact at a path (a folder, or one file), typed as a person would; `type` when it cannot be detected. */
  async add(path: string, type?: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Artifact path' });
    await form.getByRole('textbox', { name: 'Artifact path' }).fill(path);
    await form.getByRole('combobox', { name: 'Type' }).selectOption(type ?? '');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
  }

  /** Removes an artifact from the collection: Remove on its row opens the confirmation (answer it with `shell.answer`). */
  async askToRemove(name: string): Promise<void> {
    await this.artifact(name).getByRole('button', { name: 'Remove', exact: true }).click();
  }

  /** Adds the artifact a git source names, typed into the Git source field. */
  async addFromSource(source: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Git source' });
    await form.getByRole('textbox', { name: 'Git source' }).fill(source);
    await form.getByRole('button', { name: 'Add from source', exact: true }).click();
  }

  get addFromSourceResult(): Locator {
    return this.page.getByRole('status', { name: 'Add from source result' }).or(this.page.getByRole('alert', { name: 'Add from source result' }));
  }

  /** The controls of the updates from upstream (Check for updates, when it last checked, Update all). */
  get updates(): Locator {
    return this.page.getByRole('group', { name: 'Updates from upstream' });
  }

  /** Fetches every git source of the collection and waits for the check's result. */
  async checkForUpdates(): Promise<Locator> {
    await this.updates.getByRole('button', { name: 'Check for updates', exact: true }).click();
    const result = this.page.getByRole('status', { name: 'Check for updates result' });
    await expect(result).not.toHaveText('Checking for updates…');
    return result;
  }

  /** The version cell of an artifact's row: for one from a git source, the version it holds, its source and whether upstream moved on. */
  source(name: string): Locator {
    return this.artifact(name).getByRole('cell').nth(1);
  }

  /** The version an artifact from a git source holds (its tag or version, else its short commit). */
  heldVersion(name: string): Locator {
    return this.source(name).locator('.held-version');
  }

  /** The section showing what upstream changed in an artifact (Show changes). */
  get upstreamChanges(): Locator {
    return this.page.getByRole('region', { name: /^Upstream changes in / });
  }

  get addResult(): Locator {
    return this.page.getByRole('status', { name: 'Add result' }).or(this.page.getByRole('alert', { name: 'Add result' }));
  }

  /** The quiet section listing entries of collection.toml the app keeps but does not manage. */
  get kept(): Locator {
    return this.page.getByRole('region', { name: 'Kept as they are' });
  }

  /** The lines of that section, as shown (`workflow release-flow`, `[[mcp_servers]]`). */
  get keptEntries(): Locator {
    return this.kept.getByRole('list', { name: 'Entries kept as they are' }).getByRole('listitem');
  }

  /** Reads the collection again. */
  async reload(): Promise<void> {
    await this.page.getByRole('button', { name: 'Reload', exact: true }).click();
  }

  /** Creates the first collection, when the home has none. */
  async createCollection(): Promise<void> {
    await this.page.getByRole('button', { name: 'Create collection' }).click();
    await expect(this.table.or(this.page.getByText('The collection is empty.'))).toBeVisible();
  }
}

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFiles } from './fixtures/sample-home.js';
import { test, expect } from './fixtures/test.js';

test.describe('a single-file artifact', () => {
  test("a command's conflict is settled from the project view, by taking the collection version", async ({ sample, launch }) => {
    const source = join(sample.root, 'sources', 'commands', 'review.md');
    await writeFiles(join(sample.root, 'sources', 'commands'), { 'review.md': 'Review:\nline a\nline b\nline c\n' });
    await sample.cli('add', source);
    const project = await sample.project('webapp', { deploy: ['review'], register: true });
    const inProject = join(project, '.claude', 'commands', 'review.md');
    await sample.edit(inProject, 'line b', 'line b, as the project wants it');
    await sample.edit(join(sample.home, 'collections', 'default', 'commands', 'review.md'), 'line b', 'line b, as the collection wants it');
    const { projects, shell } = await launch();
    const page = await projects.open('webapp');
    await page.expectStatus('review', 'conflict');

    await page.act('review', 'Sync');
    // The artifact is one file: its conflict is listed under the artifact's own name.
    const conflict = page.conflict('review', 'review');
    await conflict.getByRole('button', { name: 'Take collection' }).click();
    await expect(shell.dialog).toHaveAccessibleName('Take the collection version of review?');
    await shell.answer('Take collection version');

    await expect(shell.result(/^Took the collection version of review/)).toBeVisible();
    await page.expectStatus('review', 'in sync');
    expect(await readFile(inProject, 'utf8')).toContain('line b, as the collection wants it');
  });
});

test.describe('sync all outdated', () => {
  test("the projects view syncs every project's outdated artifacts in one go", async ({ sample, launch, page }) => {
    const webapp = await sample.project('webapp', { deploy: ['canvas', 'tidy'], register: true });
    const api = await sample.project('api', { deploy: ['canvas'], register: true });
    await sample.edit(sample.collectionFile('canvas'), 'line a', 'line a, newer');
    await sample.edit(sample.collectionFile('tidy'), 'line a', 'line a, newer');
    const { projects } = await launch();
    await projects.expectSummary('webapp', '2 outdated');
    await projects.expectSummary('api', '1 outdated');

    await page.getByRole('button', { name: 'Sync all outdated (3)' }).click();

    await expect(page.getByRole('status', { name: 'Sync all outdated result' })).toHaveText('Synced 3 artifacts in 2 projects.');
    await projects.expectSummary('webapp', '2 in sync');
    await projects.expectSummary('api', '1 in sync');
    expect(await readFile(sample.projectFile(webapp, 'tidy'), 'utf8')).toContain('line a, newer');
    expect(await readFile(sample.projectFile(api, 'canvas'), 'utf8')).toContain('line a, newer');
  });

  test("a project's outdated artifacts are synced together; its edited ones are left alone", async ({ sample, launch }) => {
    const webapp = await sample.project('webapp', { deploy: ['canvas', 'tidy'], register: true });
    await sample.edit(sample.collectionFile('canvas'), 'line a', 'line a, newer');
    await sample.edit(sample.projectFile(webapp, 'tidy'), 'line c', 'line c, mine');
    const { projects } = await launch();
    const page = await projects.open('webapp');
    await page.expectStatus('canvas', 'outdated');

    await page.page.getByRole('button', { name: 'Sync 1 outdated' }).click();

    await expect(page.page.getByRole('status', { name: 'Sync outdated result' })).toHaveText('Synced 1 artifact from the collection.');
    await page.expectStatus('canvas', 'in sync');
    await page.expectStatus('tidy', 'modified');
  });
});

test.describe('push', () => {
  test('Push… shows what each strategy would do before anything is written; Cancel writes nothing; confirmed, it pushes with the chosen strategy', async ({ sample, launch }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
    await sample.edit(sample.projectFile(project, 'canvas'), 'line b', 'line b, pushed');
    const before = await readFile(sample.collectionFile('canvas'), 'utf8');
    const { projects, shell } = await launch();
    const page = await projects.open('webapp');
    await page.expectStatus('canvas', 'modified');

    await page.artifact('canvas').getByRole('button', { name: 'Push…' }).click();
    await expect(shell.dialog).toHaveAccessibleName('Push canvas to the collection?');
    const plan = shell.dialog.getByRole('region', { name: 'What the push would do' });
    await expect(plan).toContainText("canvas: the collection copy would take the project's edits.");
    await shell.dialog.getByRole('radio', { name: /^Push as a new artifact/ }).check();
    await expect(plan).toContainText(/canvas: would be added to the collection as .+; the collection copy stays as it is\./);
    await shell.answer('Cancel');
    expect(await readFile(sample.collectionFile('canvas'), 'utf8')).toBe(before);
    expect(await sample.cli('list')).toMatchObject({ artifacts: [{ name: 'canvas' }, { name: 'tidy' }] });

    await page.artifact('canvas').getByRole('button', { name: 'Push…' }).click();
    await shell.dialog.getByRole('radio', { name: /^Overwrite/ }).check();
    await expect(plan).toContainText("the collection copy would take the project's edits");
    await shell.answer('Push canvas');

    await expect(page.result('canvas')).toContainText('Push finished: canvas updated.');
    await page.expectStatus('canvas', 'in sync');
    expect(await readFile(sample.collectionFile('canvas'), 'utf8')).toContain('line b, pushed');
  });
});

test.describe('the collection', () => {
  test('Remove asks first; Cancel leaves the files; confirmed, the artifact goes and Undo brings it back from the safety snapshot', async ({ sample, launch }) => {
    const { collection, shell } = await launch();
    await collection.show();
    await collection.expectArtifact('tidy', 'skill', '1.0.0');

    await collection.askToRemove('tidy');
    await expect(shell.dialog).toHaveAccessibleName('Remove tidy from collection default?');
    await shell.answer('Cancel');
    expect(existsSync(sample.collectionFile('tidy'))).toBe(true);
    await expect(collection.artifact('tidy')).toBeVisible();

    await collection.askToRemove('tidy');
    await shell.answer('Remove tidy');
    const result = shell.result(/^Removed skill tidy from collection default\./);
    await expect(result).toBeVisible();
    await expect(collection.artifact('tidy')).toHaveCount(0);
    expect(existsSync(sample.collectionFile('tidy'))).toBe(false);

    await result.getByRole('button', { name: 'Undo' }).click();
    await expect(result).toContainText('Brought tidy back into collection default.');
    await collection.expectArtifact('tidy', 'skill', '1.0.0');
    expect(existsSync(sample.collectionFile('tidy'))).toBe(true);
  });

  test('Used in… names the projects an artifact is deployed in', async ({ sample, launch, page }) => {
    await sample.project('webapp', { deploy: ['canvas'], register: true });
    await sample.project('api', { deploy: ['canvas'], register: true });
    const { collection } = await launch();
    await collection.show();

    await collection.artifact('canvas').getByRole('button', { name: 'Used in…' }).click();
    await expect(page.getByRole('list', { name: 'canvas is used in' }).getByRole('link')).toHaveText(['api', 'webapp']);
    await collection.artifact('tidy').getByRole('button', { name: 'Used in…' }).click();
    await expect(page.getByLabel('tidy is used in')).toHaveText('No project');
  });

  test('switching collections shows the other one, and it stays active', async ({ sample, launch, page }) => {
    await sample.cli('init', 'work');
    const source = join(sample.root, 'sources', 'ledger');
    await writeFiles(source, { 'SKILL.md': '---\nversion: 3.0.0\n---\n# Ledger\n' });
    await sample.cli('--collection', 'work', 'add', source);
    const { collection } = await launch();
    await collection.show();
    await expect(page.getByRole('heading', { level: 1, name: 'Collection default' })).toBeVisible();

    await page.getByRole('combobox', { name: 'Active collection' }).selectOption('work');

    await expect(page.getByRole('heading', { level: 1, name: 'Collection work' })).toBeVisible();
    await collection.expectArtifact('ledger', 'skill', '3.0.0');
    await expect(collection.artifact('canvas')).toHaveCount(0);
    expect(await sample.cli('collection', 'list')).toMatchObject({ collections: expect.arrayContaining([expect.objectContaining({ name: 'work', active: true })]) });
    await page.reload();
    await collection.show();
    await expect(page.getByRole('heading', { level: 1, name: 'Collection work' })).toBeVisible();
  });
});

test.describe('the drift monitor', () => {
  test('Pause watching pauses it until Resume watching; the back end remembers it across a reload', async ({ sample, launch, page }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
    const { projects, shell } = await launch();
    await projects.expectSummary('webapp', '1 in sync');
    const pause = page.getByRole('button', { name: 'Pause watching' });

    await expect(pause).toHaveAttribute('aria-pressed', 'false');
    await pause.click();
    const resume = page.getByRole('button', { name: 'Resume watching' });
    await expect(resume).toHaveAttribute('aria-pressed', 'true');
    await page.reload();
    await shell.expectConnected();
    await expect(resume).toHaveAttribute('aria-pressed', 'true');

    await resume.click();
    await expect(pause).toHaveAttribute('aria-pressed', 'false');
    // Watching again: an edit on disk reaches the open view by itself.
    await sample.edit(sample.projectFile(project, 'canvas'), 'line a', 'line a, edited');
    await projects.expectSummary('webapp', '1 modified');
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { skillText, type SampleHome } from './fixtures/sample-home.js';
import { test, expect } from './fixtures/test.js';
import { HistoryPage } from './pages/history-page.js';

/**
 * Canvas in two registered projects: webapp pushes an edit, docs syncs it; then docs and the
 * collection edit the same line, docs' sync stops on the conflict and it is resolved into a
 * merge. Webapp is left with an edit nobody recorded.
 */
async function storyOfCanvas(sample: SampleHome): Promise<{ webapp: string; docs: string }> {
  const webapp = await sample.project('webapp', { deploy: ['canvas'], register: true });
  const docs = await sample.project('docs', { deploy: ['canvas'], register: true });
  await sample.edit(sample.projectFile(webapp, 'canvas'), 'line a', 'line a, from webapp');
  await sample.cli('push', webapp);
  await sample.cli('sync', docs);
  await sample.edit(sample.projectFile(docs, 'canvas'), 'line b', 'line b, from docs');
  await sample.edit(sample.collectionFile('canvas'), 'line b', 'line b, from the collection');
  expect(await sample.cliAllowingExit('sync', docs)).toBe(1);
  const merged = join(sample.root, 'merged.md');
  await writeFile(merged, skillText('canvas').replace('line a', 'line a, from webapp').replace('line b', 'line b, from docs and the collection'));
  await sample.cli('resolve', docs, 'canvas', 'SKILL.md', '--from', merged);
  await sample.edit(sample.projectFile(webapp, 'canvas'), 'line c', 'line c, unrecorded');
  return { webapp, docs };
}

test.describe('the history view', () => {
  test('draws the DAG: push, sync, a resolved merge marked, working copies dashed; a version shows its changes', async ({ sample, launch, page }) => {
    await storyOfCanvas(sample);
    await launch();
    const history = new HistoryPage(page);
    await history.openFromCollection('canvas');

    await expect(page.getByRole('list', { name: 'Places' })).toContainText('collection default');
    await expect(history.rowsOf('push')).toHaveCount(1);
    await expect(history.rowsOf('sync')).toHaveCount(1);
    await expect(history.rowsOf('add')).toHaveCount(1);
    // The merge: two parents, marked as such, and docs' current version.
    const merge = history.rowsOf('merge');
    await expect(merge).toHaveCount(1);
    await expect(merge).toHaveAccessibleName(/, merge of two versions, project docs now$/);
    await expect(merge).toContainText('merge of 2');
    await expect(merge.locator('svg circle')).toHaveCount(2);
    // Working copies on top, dashed: webapp's unrecorded edit, and the collection's hand edit (its lock
    // still records the push), which the sync that merged it kept as a version.
    await expect(history.working('project webapp')).toHaveAccessibleName(/^Working copy in project webapp, [0-9a-f]{12}, not recorded$/);
    await expect(history.working('project webapp').locator('svg circle[stroke-dasharray]')).toHaveCount(1);
    const sync = (await history.rowsOf('sync').getAttribute('aria-label'))!.slice(0, 12);
    await expect(history.working('collection default')).toHaveAccessibleName(new RegExp(`holds version ${sync}$`));
    await expect(history.rows.nth(0)).toHaveAttribute('class', /working/);
    await expect(history.rows.nth(1)).toHaveAttribute('class', /working/);
    // Every row draws its piece of the graph.
    const count = await history.rows.count();
    await expect(history.list.locator('svg.history-graph')).toHaveCount(count);

    // The push: its changes against its first parent (the content as added), in Monaco's diff.
    await history.rowsOf('push').click();
    await expect(history.details).toContainText('push');
    await expect(history.changes).toHaveAccessibleName(/^Changes: Version [0-9a-f]{12} → Version [0-9a-f]{12}$/);
    await expect(history.changedFiles.getByRole('button', { name: 'SKILL.md: modified' })).toBeVisible();
    await expect(page.locator('.diff-editor')).toContainText('line a, from webapp');
    // Where it is: docs moved past it (its merge descends from it), webapp holds it.
    await expect(history.whereabouts).toContainText('project webapp holds it');
    await expect(history.whereabouts).toContainText('project docs has moved past it');

    // Shift-click a second version: the two compared, older first.
    const merged = (await history.rowsOf('merge').getAttribute('aria-label'))!.slice(0, 12);
    const pushed = (await history.rowsOf('push').getAttribute('aria-label'))!.slice(0, 12);
    await history.rowsOf('merge').click({ modifiers: ['Shift'] });
    await expect(history.changes).toHaveAccessibleName(`Changes: Version ${pushed} → Version ${merged}`);
    await expect(page.locator('.diff-editor')).toContainText('line b, from docs and the collection');
    await page.getByRole('button', { name: 'Stop comparing' }).click();

    // Keyboard: ↓ moves to the next version, Enter opens it.
    await history.rowsOf('push').focus();
    await page.keyboard.press('ArrowDown');
    const next = history.rows.nth((await history.rows.evaluateAll((rows) => rows.findIndex((r) => r.getAttribute('aria-label')?.includes(', push, ')))) + 1);
    await expect(next).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(next).toHaveAttribute('aria-pressed', 'true');

    // Filters: by origin, then by hash prefix.
    await page.getByLabel('Origin').selectOption('merge');
    await expect(history.rows).toHaveCount(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(history.rows).toHaveCount(count);
    const short = (await history.rowsOf('add').getAttribute('aria-label'))!.slice(0, 12);
    await page.getByLabel('Hash').fill(short.slice(0, 6));
    await expect(history.rows).toHaveCount(1);
    await expect(history.rows.first()).toHaveAccessibleName(new RegExp(`^${short}, add, `));
  });

  test('restores a version into a project: the file changes on disk and what it replaced becomes a version', async ({ sample, launch, page }) => {
    const { webapp } = await storyOfCanvas(sample);
    await launch();
    const history = new HistoryPage(page);
    await history.openFromCollection('canvas');
    const before = await history.rowsOf('overwritten').count();

    await history.rowsOf('add').click();
    await page.getByRole('button', { name: 'Restore into project…' }).click();
    const dialog = page.getByRole('alertdialog', { name: /^Restore [0-9a-f]{12} into a project\?$/ });
    await dialog.getByRole('radio', { name: /project webapp/ }).check();
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: /^Restored [0-9a-f]{12} into project webapp\./ })).toBeVisible();

    expect(await readFile(sample.projectFile(webapp, 'canvas'), 'utf8')).toBe(skillText('canvas'));
    // Webapp's unrecorded edit is kept as a version, and its working copy now holds the restored version.
    await expect(history.rowsOf('overwritten')).toHaveCount(before + 1);
    const added = (await history.rowsOf('add').getAttribute('aria-label'))!.slice(0, 12);
    await expect(history.working('project webapp')).toHaveAccessibleName(new RegExp(`holds version ${added}$`));

    // And made the collection copy: after a safety snapshot, the collection holds it and says so.
    await history.rowsOf('add').click();
    await page.getByRole('button', { name: 'Make collection copy…' }).click();
    const adopt = page.getByRole('alertdialog', { name: `Make ${added} the collection copy?` });
    await adopt.getByRole('button', { name: 'Make collection copy' }).click();
    await expect(page.getByRole('status').filter({ hasText: new RegExp(`^The collection copy is now ${added} \\(safety snapshot \\w+ holds what it replaced\\)`) })).toBeVisible();
    expect(await readFile(sample.collectionFile('canvas'), 'utf8')).toBe(skillText('canvas'));
    await expect(history.rowsOf('add')).toHaveAccessibleName(/collection now/);
  });

  test('offers Merge… beside a place where a merge waits, opening the merge view', async ({ sample, launch, page }) => {
    const docs = await sample.project('docs', { deploy: ['canvas'], register: true });
    await sample.edit(sample.projectFile(docs, 'canvas'), 'line b', 'line b, from docs');
    await sample.edit(sample.collectionFile('canvas'), 'line b', 'line b, from the collection');
    expect(await sample.cliAllowingExit('sync', docs)).toBe(1);
    await launch();
    const history = new HistoryPage(page);
    await history.openFromCollection('canvas');
    await page.getByRole('list', { name: 'Places' }).getByRole('button', { name: 'Merge… project docs' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Merge canvas' })).toBeVisible();
  });

  test('says so when the artifact does not exist', async ({ launch, page }) => {
    await launch();
    await page.goto(`${page.url().split('#')[0]}#/history/skill/no-such-skill`);
    await expect(page.getByRole('alert')).toContainText('There is no artifact skill named “no-such-skill” in the collection.');
  });
});

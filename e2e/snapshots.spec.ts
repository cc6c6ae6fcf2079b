import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { skillText, type SampleHome } from './fixtures/sample-home.js';
import { test, expect } from './fixtures/test.js';
import { SnapshotsPage } from './pages/snapshots-page.js';
import { MergePage } from './pages/merge-page.js';

interface CreatedSnapshot {
  readonly id: string;
}

/** Takes a manual snapshot through the CLI; returns its id. */
async function snapshot(sample: SampleHome, message: string): Promise<string> {
  return ((await sample.cli('snapshot', message)) as CreatedSnapshot).id;
}

/**
 * Marks a snapshot automatic in snapshots.toml, as the Python tool's `[auto]` snapshots are: the
 * CLI takes only manual ones, and operations only safety ones.
 */
async function markAutomatic(sample: SampleHome, id: string): Promise<void> {
  const path = join(sample.home, 'snapshots', 'default', 'snapshots.toml');
  const text = await readFile(path, 'utf8');
  const entry = new RegExp(`(id = "${id}"[\\s\\S]*?automatic = )false`);
  if (!entry.test(text)) throw new Error(`${path} has no manual entry ${id}`);
  await writeFile(path, text.replace(entry, '$1true'));
}

/**
 * Canvas deployed into a registered project, a snapshot "Before the push", then a push of the
 * project's edit of line a: the operation a rollback keeping later edits undoes. Returns the
 * snapshot's id.
 */
async function pushedSinceSnapshot(sample: SampleHome): Promise<string> {
  const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
  const target = await snapshot(sample, 'Before the push');
  await sample.edit(sample.projectFile(project, 'canvas'), 'line a', 'line a, pushed from webapp');
  await sample.cli('push', project);
  return target;
}

/** The timeline, the snapshot "Before the push" selected, and its Keep later edits plan worked out. */
async function planKeepingLaterEdits(page: Page): Promise<SnapshotsPage> {
  const snapshots = new SnapshotsPage(page);
  await snapshots.show();
  await snapshots.select('Before the push');
  await snapshots.openRollback('Keep later edits');
  await expect(snapshots.plan).toHaveAttribute('aria-busy', 'false');
  return snapshots;
}

test.describe('the snapshot timeline', () => {
  test('lists manual, automatic and safety snapshots, each with its message, id and kind', async ({ sample, launch, page }) => {
    const manual = await snapshot(sample, 'Before the redesign');
    const automatic = await snapshot(sample, '[auto] Nightly');
    await markAutomatic(sample, automatic);
    await sample.cli('remove', 'tidy');
    await launch();
    const snapshots = new SnapshotsPage(page);
    await snapshots.show();

    await expect(snapshots.entry('Before the redesign')).toHaveAccessibleName(new RegExp(`^Before the redesign, ${manual}, manual, `));
    await expect(snapshots.entry('[auto] Nightly')).toHaveAccessibleName(new RegExp(`^\\[auto\\] Nightly, ${automatic}, automatic, `));
    await expect(snapshots.entry('Safety snapshot before remove')).toHaveAccessibleName(/^Safety snapshot before remove, \w+, safety, before remove, /);
    // Newest first: the safety snapshot of the remove, then the two taken before it.
    await expect(snapshots.timeline.getByRole('button')).toHaveText([/Safety snapshot before remove/, /\[auto\] Nightly/, /Before the redesign/]);
    await expect(snapshots.entry('Safety snapshot before remove')).toContainText('kept: recent');
    await expect(snapshots.timeline.getByRole('heading', { name: 'Today' })).toBeVisible();

    // The arrow keys move between entries.
    await snapshots.entry('Safety snapshot before remove').focus();
    await page.keyboard.press('ArrowDown');
    await expect(snapshots.entry('[auto] Nightly')).toBeFocused();
    await page.keyboard.press('End');
    await expect(snapshots.entry('Before the redesign')).toBeFocused();

    // Filtered by kind: only the manual one stays.
    await page.getByRole('group', { name: 'Kinds' }).getByRole('checkbox', { name: 'automatic' }).uncheck();
    await page.getByRole('group', { name: 'Kinds' }).getByRole('checkbox', { name: 'safety' }).uncheck();
    await expect(snapshots.timeline.getByRole('button')).toHaveText([/Before the redesign/]);
  });

  test('compares a snapshot with now: the changed artifact, and its file in the two-pane diff', async ({ sample, launch, page }) => {
    await snapshot(sample, 'Before the edit');
    await sample.edit(sample.collectionFile('canvas'), 'line b', 'line b, edited in the collection');
    await launch();
    const snapshots = new SnapshotsPage(page);
    await snapshots.show();
    await snapshots.select('Before the edit');
    await expect(page.getByRole('table', { name: 'Artifacts in the snapshot' }).getByRole('rowheader')).toHaveText(['canvas', 'tidy']);

    await snapshots.action('Compare with now').click();
    await expect(page.getByRole('heading', { level: 2, name: /compared with now$/ })).toBeFocused();
    const modified = snapshots.comparedArtifacts.locator('.compare-group').filter({ has: page.getByRole('heading', { name: 'Modified' }) });
    await expect(modified).toContainText('canvas');
    await expect(modified).not.toContainText('tidy');
    await expect(snapshots.comparedFile('skills/canvas/SKILL.md')).toHaveAttribute('aria-current', 'true');
    await expect(snapshots.afterText).toContainText('line b, edited in the collection');
    await expect(snapshots.beforeText).not.toContainText('edited in the collection');

    await page.getByRole('button', { name: 'Back to the timeline' }).click();
    await expect(snapshots.action('Compare with now')).toBeFocused();
  });

  test('rolls back keeping later edits as planned, and Undo puts the collection back', async ({ sample, launch, page }) => {
    // An operation since the snapshot (a push of a project edit) and a hand edit after it.
    const target = await pushedSinceSnapshot(sample);
    await sample.edit(sample.collectionFile('tidy'), 'line b', 'line b, edited by hand');
    const canvasBefore = await readFile(sample.collectionFile('canvas'), 'utf8');
    const tidyBefore = await readFile(sample.collectionFile('tidy'), 'utf8');
    expect(canvasBefore).toContain('pushed from webapp');
    await launch();
    const snapshots = await planKeepingLaterEdits(page);
    await expect(snapshots.planLine(/^canvas: restore/)).toBeVisible();
    await expect(snapshots.planLine('skills/canvas/SKILL.md: restore')).toBeVisible();
    await expect(snapshots.planLine(/^tidy: keep/)).toBeVisible();
    const outdated = snapshots.plan.getByRole('list', { name: 'Projects left with outdated copies' }).getByRole('listitem');
    await expect(outdated).toHaveCount(1);
    await expect(outdated).toHaveAccessibleName('webapp');
    await snapshots.rollbackDialog.getByRole('button', { name: 'Roll back', exact: true }).click();

    await expect(snapshots.rollbackDialog).toBeHidden();
    await expect(snapshots.outcome.getByRole('status')).toHaveText(new RegExp(`^Rolled back to ${target}: 1 file restored\\. Safety snapshot \\w+\\.$`));
    await expect(snapshots.action('Roll back…')).toBeFocused();
    // As planned: the push is undone, the hand edit kept.
    expect(await readFile(sample.collectionFile('canvas'), 'utf8')).toBe(skillText('canvas'));
    expect(await readFile(sample.collectionFile('tidy'), 'utf8')).toBe(tidyBefore);
    await expect(snapshots.entry('Safety snapshot before rollback')).toBeVisible();

    await snapshots.outcome.getByRole('button', { name: 'Undo' }).click();
    await expect(snapshots.outcome.getByRole('status')).toHaveText(/^Undone: the collection is back as it was before the rollback/);
    expect(await readFile(sample.collectionFile('canvas'), 'utf8')).toBe(canvasBefore);
    expect(await readFile(sample.collectionFile('tidy'), 'utf8')).toBe(tidyBefore);
  });

  test("leaves an overlap as it is, and settles it in the merge view: the collection now against the snapshot", async ({ sample, launch, page }) => {
    await pushedSinceSnapshot(sample);
    // The same line edited again by hand after the push: undoing the push overlaps it.
    await sample.edit(sample.collectionFile('canvas'), 'line a, pushed from webapp', 'line a, pushed, then edited by hand');
    await launch();
    const snapshots = await planKeepingLaterEdits(page);
    await expect(snapshots.planLine(/^canvas: conflict/)).toBeVisible();
    await snapshots.rollbackDialog.getByRole('button', { name: 'Roll back', exact: true }).click();
    await expect(snapshots.outcome.getByRole('status')).toHaveText(/1 conflicted file was left as it is now/);
    expect(await readFile(sample.collectionFile('canvas'), 'utf8')).toContain('pushed, then edited by hand');

    const waiting = page.getByRole('list', { name: 'Unfinished merges of the collection' }).getByRole('listitem');
    await expect(waiting).toHaveCount(1);
    await waiting.getByRole('button', { name: 'Merge… canvas' }).click();
    const merge = new MergePage(page);
    await expect(merge.heading('canvas')).toBeVisible();
    await expect(merge.paneText('Collection now')).toContainText('pushed, then edited by hand');
    await expect(merge.paneText('Snapshot')).toBeVisible();
    await merge.choose(1, 'Accept snapshot');
    await expect(merge.remaining).toHaveText('No conflicts remaining');
    await merge.completeButton.click();

    await expect(page).toHaveURL(/#\/snapshots$/);
    await expect(waiting).toHaveCount(0);
    expect(await readFile(sample.collectionFile('canvas'), 'utf8')).toBe(skillText('canvas'));
  });
});

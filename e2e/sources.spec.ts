import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GitUpstream, isolateGit } from '../test/support/git-upstream-repo.js';
import { test, expect } from './fixtures/test.js';
import { MergePage } from './pages/merge-page.js';

// The web server and the CLI inherit this process's environment: their git ignores the user's configuration too.
isolateGit();

/** The skill upstream publishes: a few lines either side can edit. */
const brushV1 = '---\nname: brush\ndescription: Paints.\n---\n# Brush\n\nline a\nline b\nline c\n';
const brushV11 = brushV1.replace('line c', 'line c, improved upstream');

/** An upstream whose `main` holds brush at v1.0.0 (tagged), with a pinned skill beside it. */
function upstreamAtV1(root: string): GitUpstream {
  const upstream = GitUpstream.create(root);
  upstream.commit({ 'skills/brush/SKILL.md': brushV1, 'skills/pinned/SKILL.md': '# Pinned\n' }, 'v1.0.0');
  upstream.tag('v1.0.0');
  return upstream;
}

/** Upstream moves on: brush changes one line, tagged v1.1.0. */
function moveForward(upstream: GitUpstream): void {
  upstream.commit({ 'skills/brush/SKILL.md': brushV11, 'skills/pinned/SKILL.md': '# Pinned, later\n' }, 'v1.1.0');
  upstream.tag('v1.1.0');
}

test.describe('upstream sources in the collection view', () => {
  test('adds from a git source in the add form, checks for updates when asked, shows the changes, updates with Undo', async ({ sample, launch, page }) => {
    const upstream = upstreamAtV1(sample.root);
    const { collection, shell } = await launch();
    await collection.show();
    // Nothing comes from a git source yet: nothing to check.
    await expect(collection.updates).toHaveCount(0);

    await collection.addFromSource(upstream.source('skills/brush', 'main'));
    await expect(collection.addFromSourceResult).toHaveText('Added skill brush at v1.0.0.');
    await collection.addFromSource(upstream.source('skills/pinned', 'v1.0.0'));
    await expect(collection.addFromSourceResult).toHaveText('Added skill pinned at v1.0.0.');
    await expect(collection.heldVersion('brush')).toHaveText('v1.0.0');
    await expect(collection.source('brush')).toContainText(upstream.source('skills/brush', 'main'));
    await expect(collection.source('canvas')).toHaveText('1.0.0');
    await expect(collection.updates).toContainText('Last checked not yet');
    expect(await readFile(join(sample.home, 'collections', 'default', 'skills', 'brush', 'SKILL.md'), 'utf8')).toBe(brushV1);

    moveForward(upstream);
    const checked = await collection.checkForUpdates();
    await expect(checked).toHaveText('1 update available.');
    await expect(collection.updates.getByRole('time')).toHaveText(/^(just now|\d+ seconds? ago|less than a minute ago)$/);
    await expect(collection.source('brush')).toContainText('Update available: v1.1.0');
    // A tag does not move: the pinned skill stays where it is.
    await expect(collection.source('pinned')).toContainText('up to date');
    // What needs action comes first once the check sorted the list.
    await expect(collection.table.getByRole('rowheader').first()).toHaveText('brush');

    await collection.artifact('brush').getByRole('button', { name: 'Show changes' }).click();
    await expect(collection.upstreamChanges).toHaveAccessibleName('Upstream changes in brush: v1.0.0 → v1.1.0');
    await expect(collection.upstreamChanges.getByRole('heading', { level: 2 })).toBeFocused();
    await expect(collection.upstreamChanges.getByRole('list', { name: 'Changed files' }).getByRole('button')).toHaveText([/SKILL\.md/]);
    await expect(page.locator('.diff-editor .editor.modified .view-lines:not(.line-delete)')).toContainText('line c, improved upstream');
    await collection.upstreamChanges.getByRole('button', { name: 'Close' }).click();
    await expect(collection.upstreamChanges).toHaveCount(0);
    await expect(collection.artifact('brush').getByRole('button', { name: 'Show changes' })).toBeFocused();

    await collection.artifact('brush').getByRole('button', { name: 'Update', exact: true }).click();
    const result = shell.result(/^Update finished: brush updated to v1\.1\.0\. Safety snapshot \S+\./);
    await expect(result).toBeVisible();
    await expect(collection.heldVersion('brush')).toHaveText('v1.1.0');
    await expect(collection.source('brush')).toContainText('up to date');
    await expect(collection.artifact('brush').getByRole('button', { name: 'Update', exact: true })).toHaveCount(0);
    await expect(collection.artifact('brush').getByRole('link', { name: 'brush' })).toBeFocused();
    expect(await readFile(join(sample.home, 'collections', 'default', 'skills', 'brush', 'SKILL.md'), 'utf8')).toBe(brushV11);

    await result.getByRole('button', { name: 'Undo' }).click();
    await expect(result).toContainText('Undone: Put brush back as before the update.');
    expect(await readFile(join(sample.home, 'collections', 'default', 'skills', 'brush', 'SKILL.md'), 'utf8')).toBe(brushV1);
    // Its record is back at v1.0.0 too, so the update is offered again without a new check.
    await expect(collection.heldVersion('brush')).toHaveText('v1.0.0');
    await expect(collection.source('brush')).toContainText('Update available: v1.1.0');
  });

  test('an update meeting the collection\'s own edits waits in the merge view and is settled there, then Undo is offered', async ({ sample, launch, page }) => {
    const upstream = upstreamAtV1(sample.root);
    await sample.cli('add', upstream.source('skills/brush', 'main'));
    const inCollection = join(sample.home, 'collections', 'default', 'skills', 'brush', 'SKILL.md');
    // The collection's own edit, on the line upstream will change.
    await writeFile(inCollection, brushV1.replace('line c', 'line c, as the collection wants it'));
    moveForward(upstream);
    const { collection, shell } = await launch();
    await collection.show();
    await expect(await collection.checkForUpdates()).toHaveText('1 update available.');

    await collection.artifact('brush').getByRole('button', { name: 'Update', exact: true }).click();
    await expect(shell.result(/brush: upstream's changes and the collection's own edits conflict in SKILL\.md/)).toBeVisible();
    // Nothing is written until the merge is settled.
    expect(await readFile(inCollection, 'utf8')).toContain('line c, as the collection wants it');
    await expect(collection.source('brush')).toContainText('Update conflicts in 1 file');

    await collection.artifact('brush').getByRole('button', { name: 'Merge… brush' }).click();
    await expect(page).toHaveURL(/#\/update-merge\/brush\/skill$/);
    const merge = new MergePage(page);
    await expect(merge.heading('brush')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Collection', exact: true }).last()).toBeVisible();
    await expect(merge.paneText('Collection')).toContainText('line c, as the collection wants it');
    await expect(merge.paneText('Upstream')).toContainText('line c, improved upstream');
    await merge.choose(1, 'Accept upstream');
    await expect(merge.remaining).toHaveText('No conflicts remaining');
    await merge.completeButton.click();

    await expect(page).toHaveURL(/#\/collection$/);
    const completed = shell.result(/^Completed the update of brush/);
    await expect(completed).toBeVisible();
    expect(await readFile(inCollection, 'utf8')).toBe(brushV11);
    await expect(collection.heldVersion('brush')).toHaveText('v1.1.0');
    await expect(collection.source('brush')).toContainText('up to date');
    await expect(completed.getByRole('button', { name: 'Undo' })).toBeVisible();
  });

  test('says what is wrong with a source in the app\'s words: as typed, when it cannot be fetched, and when its upstream is gone', async ({ sample, launch, page }) => {
    const upstream = upstreamAtV1(sample.root);
    const { collection } = await launch();
    await collection.show();

    await collection.addFromSource('git+file:///tmp/x.git#../escape');
    const form = page.getByRole('form', { name: 'Git source' });
    await expect(form.getByRole('alert')).toContainText('is not a usable source');
    await expect(collection.addFromSourceResult).toHaveCount(0);

    await collection.addFromSource(`git+file://${join(sample.root, 'nowhere.git')}#skills/brush`);
    await expect(collection.addFromSourceResult).toHaveRole('alert');
    await expect(collection.addFromSourceResult).not.toHaveText(/--[a-z]|skillmeat /);
    await expect(collection.table.getByRole('rowheader', { name: 'brush' })).toHaveCount(0);

    await collection.addFromSource(upstream.source('skills/brush', 'main'));
    await expect(collection.addFromSourceResult).toHaveText('Added skill brush at v1.0.0.');
    await rm(upstream.bare, { recursive: true, force: true });
    await expect(await collection.checkForUpdates()).toHaveText('Nothing could be checked. 1 artifact could not be checked.');
    await expect(collection.source('brush')).toContainText('Could not check');
    await expect(collection.source('brush')).not.toHaveText(/--[a-z]|skillmeat /);
    await expect(collection.artifact('brush').getByRole('button', { name: 'Update', exact: true })).toHaveCount(0);
  });

  test('Update all brings every update in with one safety snapshot, and one Undo puts them all back', async ({ sample, launch, page }) => {
    const upstream = GitUpstream.create(sample.root);
    upstream.commit({ 'skills/brush/SKILL.md': brushV1, 'skills/easel/SKILL.md': '# Easel\n' }, 'v1.0.0');
    upstream.tag('v1.0.0');
    await sample.cli('add', upstream.source('skills/brush', 'main'));
    await sample.cli('add', upstream.source('skills/easel', 'main'));
    upstream.commit({ 'skills/brush/SKILL.md': brushV11, 'skills/easel/SKILL.md': '# Easel, taller\n' }, 'v1.1.0');
    upstream.tag('v1.1.0');
    const { collection, shell } = await launch();
    await collection.show();
    await expect(await collection.checkForUpdates()).toHaveText('2 updates available.');
    // At 900 px the rows with their source, badge and buttons fit: nothing scrolls sideways,
    // whatever the times say (the sample's artifacts may be minutes old by now, which once made
    // the table too wide): here every time is given the widest word one can hold.
    await page.setViewportSize({ width: 900, height: 800 });
    await page.evaluate(() => document.querySelectorAll('.artifact-table time').forEach((time) => (time.textContent = 'yesterday')));
    await expect.poll(() => page.evaluate(() => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth)).toBe(true);

    await collection.updates.getByRole('button', { name: 'Update all (2)' }).click();
    const result = shell.result(/^Update finished: brush updated to v1\.1\.0; easel updated to v1\.1\.0\. Safety snapshot \S+\./);
    await expect(result).toBeVisible();
    await expect(collection.updates.getByRole('button', { name: /^Update all/ })).toHaveCount(0);
    await expect(collection.updates.getByRole('button', { name: 'Check for updates' })).toBeFocused();
    expect(await readFile(join(sample.home, 'collections', 'default', 'skills', 'easel', 'SKILL.md'), 'utf8')).toBe('# Easel, taller\n');

    await result.getByRole('button', { name: 'Undo' }).click();
    await expect(result).toContainText('Undone: Put brush, easel back as before the update.');
    expect(await readFile(join(sample.home, 'collections', 'default', 'skills', 'easel', 'SKILL.md'), 'utf8')).toBe('# Easel\n');
    await expect(collection.updates.getByRole('button', { name: 'Update all (2)' })).toBeVisible();
  });
});

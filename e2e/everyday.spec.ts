import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { skillText } from './fixtures/sample-home.js';
import { test, expect } from './fixtures/test.js';

/** The page scrolls sideways when its content is wider than the window. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth)).toBe(true);
}

test.describe('destructive actions ask first', () => {
  test('Remove asks; Cancel leaves the copy on disk; confirmed, it shows the result and Undo deploys it again', async ({ sample, launch }) => {
    const project = await sample.project('webapp', { deploy: ['canvas', 'tidy'], register: true });
    const { projects, shell } = await launch();
    const page = await projects.open('webapp');
    await page.expectStatus('canvas', 'in sync');
    const remove = page.artifact('canvas').getByRole('button', { name: 'Remove', exact: true });

    await remove.click();
    await expect(shell.dialog).toHaveAccessibleName('Remove canvas from webapp?');
    await shell.answer('Cancel');

    await expect(remove).toBeFocused();
    expect(existsSync(sample.projectFile(project, 'canvas'))).toBe(true);

    await remove.click();
    await shell.answer('Remove canvas');

    await expect(shell.result('Removed canvas from the project.')).toBeVisible();
    await expect(page.artifact('canvas')).toHaveCount(0);
    expect(existsSync(sample.projectFile(project, 'canvas'))).toBe(false);
    // The row that took its place has the focus, not the page.
    await expect(page.artifact('tidy').getByRole('link', { name: 'tidy' })).toBeFocused();

    await shell.result('Removed canvas').getByRole('button', { name: 'Undo' }).click();
    await expect(shell.result('Deployed canvas again.')).toBeVisible();
    // The activity panel says what each operation acted on, and when.
    await expect(shell.activity.getByRole('listitem').filter({ hasText: 'Remove from project canvas in webapp' })).toContainText(/just now|minutes? ago/);
    await expect(shell.activity.getByRole('listitem').filter({ hasText: 'Deploy canvas in webapp' })).toBeVisible();
    await page.expectStatus('canvas', 'in sync');
    expect(existsSync(sample.projectFile(project, 'canvas'))).toBe(true);
  });

  test('Forget project asks; Cancel keeps it; confirmed, the files stay and Undo imports it again', async ({ sample, launch }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
    const { projects, shell } = await launch();
    const page = await projects.open('webapp');

    await page.page.getByRole('button', { name: 'Forget project' }).click();
    await expect(shell.dialog).toHaveAccessibleName('Forget webapp?');
    await shell.answer('Cancel');
    await expect(page.heading('webapp')).toBeVisible();

    await page.page.getByRole('button', { name: 'Forget project' }).click();
    await shell.answer('Forget project');

    await expect(projects.heading).toBeFocused();
    await expect(shell.result(/^Forgot webapp/)).toBeVisible();
    await expect(projects.project('webapp')).toHaveCount(0);
    expect(existsSync(sample.projectFile(project, 'canvas'))).toBe(true);

    await shell.result(/^Forgot webapp/).getByRole('button', { name: 'Undo' }).click();
    await expect(shell.result('Imported webapp again.')).toBeVisible();
    await expect(projects.project('webapp')).toBeVisible();
  });
});

test.describe('undo', () => {
  test("taking the collection version says what it replaced, and Undo brings the project's edited lines back on disk", async ({ sample, launch }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
    await sample.edit(sample.projectFile(project, 'canvas'), 'line b', 'line b, as the project wants it');
    await sample.edit(sample.collectionFile('canvas'), 'line b', 'line b, as the collection wants it');
    const { projects, shell } = await launch();
    const page = await projects.open('webapp');
    await page.expectStatus('canvas', 'conflict');
    await page.act('canvas', 'Sync');
    const take = page.conflict('canvas', 'SKILL.md').getByRole('button', { name: 'Take collection' });

    await take.click();
    await expect(shell.dialog).toHaveAccessibleName('Take the collection version of SKILL.md?');
    await shell.answer('Take collection version');

    const result = shell.result("Took the collection version of SKILL.md in canvas, replacing the project's edits.");
    await expect(result).toBeVisible();
    await expect(result).not.toContainText('merged');
    expect(await readFile(sample.projectFile(project, 'canvas'), 'utf8')).toContain('line b, as the collection wants it');

    await result.getByRole('button', { name: 'Undo' }).click();

    await expect(result).toContainText("Undone: Put back the project's copy of canvas.");
    const restored = await readFile(sample.projectFile(project, 'canvas'), 'utf8');
    expect(restored).toContain('line b, as the project wants it');
    expect(restored).not.toContain('as the collection wants it');
  });
});

test.describe("errors in the app's words", () => {
  test('no error names a command-line flag', async ({ sample, launch, page }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
    await sample.edit(sample.projectFile(project, 'canvas'), 'line a', 'line a, mine');
    // A tidy folder SkillMeat did not deploy: deploying tidy would overwrite it.
    await mkdir(join(project, '.claude', 'skills', 'tidy'), { recursive: true });
    await writeFile(join(project, '.claude', 'skills', 'tidy', 'SKILL.md'), 'my own tidy\n');
    // Another folder holding a skill named canvas, which the collection already has.
    const anotherCanvas = join(sample.root, 'elsewhere', 'canvas');
    await mkdir(anotherCanvas, { recursive: true });
    await writeFile(join(anotherCanvas, 'SKILL.md'), skillText('canvas'));
    const notAnArtifact = join(sample.root, 'elsewhere', 'loose');
    await mkdir(notAnArtifact, { recursive: true });
    await writeFile(join(notAnArtifact, 'notes.txt'), 'not an artifact\n');
    const { projects, collection, shell } = await launch();

    const webapp = await projects.open('webapp');
    await webapp.expectStatus('canvas', 'modified');
    await webapp.act('canvas', 'Remove');
    await shell.answer('Remove canvas');
    await expect(webapp.result('canvas')).toContainText('has local edits');
    await webapp.deploy('tidy');
    await expect(webapp.deployResult).toHaveRole('alert');
    await expect(page.locator('body')).not.toContainText('--');

    await collection.show();
    await collection.addFromFolder(anotherCanvas);
    await expect(collection.addResult).toContainText('already in collection');
    await expect(page.locator('body')).not.toContainText('--');
    await collection.addFromFolder(notAnArtifact);
    await expect(collection.addResult).toHaveRole('alert');
    await expect(page.locator('body')).not.toContainText('--');
  });
});

test.describe('local times', () => {
  test.use({ timezoneId: 'Asia/Tokyo' });

  test('shows relative times with the local date and time on hover', async ({ sample, launch }) => {
    await sample.project('webapp', { deploy: ['canvas'], register: true });
    const { projects } = await launch();
    const checked = projects.project('webapp').locator('time');
    await expect(checked).toHaveText(/^(just now|\d+ minutes? ago)$/);
    await expect(checked).toHaveAttribute('title', /GMT\+9/);

    const page = await projects.open('webapp');
    const deployed = page.artifact('canvas').locator('time');
    await expect(deployed).toHaveText(/^(just now|\d+ minutes? ago)$/);
    await expect(deployed).toHaveAttribute('title', /GMT\+9/);
    await expect(page.page.locator('main')).not.toContainText('UTC');
  });
});

test.describe('narrow windows', () => {
  test('at 900 px the sidebar stays, badges sit on one line and buttons do not wrap', async ({ sample, launch, page }) => {
    const project = await sample.project('webapp', { deploy: ['canvas', 'tidy'], register: true });
    await sample.edit(sample.projectFile(project, 'canvas'), 'line a', 'line a, mine');
    const { projects, shell } = await launch();
    await page.setViewportSize({ width: 900, height: 800 });
    await expect(shell.nav).toBeVisible();
    await projects.expectSummary('webapp', '1 modified');
    const badges = projects.project('webapp').locator('[data-drift]');
    const tops = await badges.evaluateAll((all) => all.map((badge) => badge.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);
    await expectNoSidewaysScroll(page);

    const webapp = await projects.open('webapp');
    await webapp.expectStatus('canvas', 'modified');
    const buttons = webapp.artifact('canvas').locator('.artifact-actions button');
    const boxes = await buttons.evaluateAll((all) => all.map((button) => ({ top: button.getBoundingClientRect().top, height: button.getBoundingClientRect().height })));
    expect(boxes.length).toBeGreaterThan(1);
    expect(new Set(boxes.map((b) => b.top)).size).toBe(1);
    expect(new Set(boxes.map((b) => b.height)).size).toBe(1);
    await expectNoSidewaysScroll(page);
  });

  test('at 600 px the sidebar folds into a menu and no view scrolls sideways', async ({ sample, launch, page }) => {
    const project = await sample.project('a-project-with-a-rather-long-folder-name-to-test-narrow-windows', { deploy: ['canvas', 'tidy'], register: true });
    await sample.edit(sample.projectFile(project, 'canvas'), 'line a', 'line a, mine');
    const { projects, shell } = await launch();
    await page.setViewportSize({ width: 600, height: 800 });

    await expect(shell.nav).toBeHidden();
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    await expect(shell.nav).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expectNoSidewaysScroll(page);

    await shell.nav.getByRole('link', { name: 'Collection', exact: true }).click();
    await expect(shell.nav).toBeHidden();
    await expect(page.getByRole('table', { name: 'Artifacts' })).toBeVisible();
    await expectNoSidewaysScroll(page);

    await page.evaluate(() => (window.location.hash = '#/projects'));
    const webapp = await projects.open('a-project-with-a-rather-long-folder-name-to-test-narrow-windows');
    await webapp.expectStatus('canvas', 'modified');
    await expectNoSidewaysScroll(page);
  });
});

test.describe('focus', () => {
  test('a route change moves the focus to the new view\'s heading; the skip link reaches it too', async ({ sample, launch, page }) => {
    await sample.project('webapp', { deploy: ['canvas'], register: true });
    const { projects, shell } = await launch();
    const webapp = await projects.open('webapp');
    await expect(webapp.heading('webapp')).toBeFocused();

    await shell.goTo('Collection');
    await expect(page.getByRole('heading', { level: 1, name: 'Collection default' })).toBeFocused();

    await page.getByRole('button', { name: 'Skip to content' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Collection default' })).toBeFocused();
  });
});

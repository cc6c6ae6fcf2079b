import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { skillText, writeFiles, type SampleHome } from './fixtures/sample-home.js';
import { test, expect } from './fixtures/test.js';
import { ChangesPage, MergePage } from './pages/merge-page.js';

/**
 * A skill whose SKILL.md has three lines that project and collection can each change apart. Four
 * unchanged lines between them keep the conflicts apart (a line merge joins conflicts closer than that).
 */
const TRIAD = ['---', 'name: triad', 'version: 1.0.0', 'description: Three places to disagree.', '---', '# triad', '', 'alpha', 'one', 'uno', 'eins', 'un', 'beta', 'two', 'dos', 'zwei', 'deux', 'gamma', 'three', ''].join('\n');

/**
 * Deploys TRIAD into projects ("webapp" unless named) and changes each of its three lines, the same
 * way in every project and another way in the collection; returns the projects' paths.
 */
async function conflictedTriad(sample: SampleHome, names: readonly string[] = ['webapp']): Promise<string[]> {
  await sample.addSkill('triad', { 'SKILL.md': TRIAD });
  const projects: string[] = [];
  for (const name of names) projects.push(await sample.project(name, { deploy: ['triad'], register: true }));
  for (const word of ['alpha', 'beta', 'gamma']) {
    for (const project of projects) await sample.edit(sample.projectFile(project, 'triad'), `\n${word}\n`, `\n${word} from the project\n`);
    await sample.edit(sample.collectionFile('triad'), `\n${word}\n`, `\n${word} from the collection\n`);
  }
  return projects;
}

test.describe('the merge view', () => {
  test('settles three conflicts one each way, completes, and the project holds the merge', async ({ sample, launch }) => {
    const [project = ''] = await conflictedTriad(sample);
    const { projects } = await launch();
    const projectPage = await projects.open('webapp');
    await projectPage.expectStatus('triad', 'conflict');

    const merge = await MergePage.openFrom(projectPage, 'triad');
    await expect(merge.remaining).toHaveText('3 conflicts remaining');
    await expect(merge.pane('Project')).toBeVisible();
    await expect(merge.pane('Collection')).toBeVisible();
    await expect(merge.paneText('Project')).toContainText('beta from the project');
    await expect(merge.paneText('Collection')).toContainText('beta from the collection');

    await merge.choose(1, 'Accept project');
    await expect(merge.remaining).toHaveText('2 conflicts remaining');
    await merge.choose(2, 'Accept collection');
    await merge.choose(3, 'Accept both');
    await expect(merge.remaining).toHaveText('No conflicts remaining');
    await merge.completeButton.click();

    await expect(projectPage.heading('webapp')).toBeVisible();
    await expect(projectPage.result('triad')).toHaveText('Merge completed: triad.');
    await projectPage.expectStatus('triad', 'in sync');
    const expected = TRIAD.replace('\nalpha\n', '\nalpha from the project\n')
      .replace('\nbeta\n', '\nbeta from the collection\n')
      .replace('\ngamma\n', '\ngamma from the project\ngamma from the collection\n');
    expect(await readFile(sample.projectFile(project, 'triad'), 'utf8')).toBe(expected);

    const history = (await sample.cli('history', 'triad')) as { versions: { parents: string[]; merge_strategy: string }[] };
    expect(history.versions.filter((v) => v.merge_strategy === 'merge' && v.parents.length === 2)).toHaveLength(1);
    const audit = (await sample.cli('audit')) as { entries: { operation_type: string; success: boolean }[] };
    expect(audit.entries.some((e) => e.operation_type === 'merge' && e.success)).toBe(true);
  });

  test('keeps a half-done merge as a draft when the view is left, and shows it again', async ({ sample, launch, page }) => {
    await conflictedTriad(sample);
    const { projects } = await launch();
    const projectPage = await projects.open('webapp');
    const merge = await MergePage.openFrom(projectPage, 'triad');
    await merge.choose(1, 'Accept project');
    await expect(merge.remaining).toHaveText('2 conflicts remaining');

    await page.getByRole('link', { name: 'webapp', exact: true }).click();
    await expect(projectPage.heading('webapp')).toBeVisible();
    const again = await MergePage.openFrom(projectPage, 'triad');
    await expect(again.remaining).toHaveText('2 conflicts remaining');
    await expect(again.conflict(1)).toHaveAccessibleName(/^Conflict 1 of 3: project accepted$/);
    await expect(again.paneText('Result')).toContainText('alpha from the project');
  });

  test('settles a command by typing the result by hand', async ({ sample, launch }) => {
    const source = join(sample.root, 'sources', 'review.md');
    const original = '---\ndescription: Review the change\n---\nRead the diff.\nCheck the tests.\nSay what to fix.\n';
    await writeFiles(join(sample.root, 'sources'), { 'review.md': original });
    await sample.cli('add', source, '--type', 'command');
    const project = await sample.project('webapp', { deploy: ['review'], register: true });
    const projectCopy = join(project, '.claude', 'commands', 'review.md');
    await sample.edit(projectCopy, 'Check the tests.', 'Check the tests first.');
    await sample.edit(join(sample.home, 'collections', 'default', 'commands', 'review.md'), 'Check the tests.', 'Check the tests and the docs.');
    const { projects } = await launch();
    const projectPage = await projects.open('webapp');
    await projectPage.expectStatus('review', 'conflict');

    const merge = await MergePage.openFrom(projectPage, 'review');
    await expect(merge.remaining).toHaveText('1 conflict remaining');
    const typed = '---\ndescription: Review the change\n---\nRead the diff.\nCheck the tests first, then the docs.\nSay what to fix.\n';
    await merge.typeResult(typed);
    await expect(merge.remaining).toHaveText('No conflicts remaining');
    await merge.completeButton.click();

    await expect(projectPage.result('review')).toHaveText('Merge completed: review.');
    await projectPage.expectStatus('review', 'in sync');
    expect(await readFile(projectCopy, 'utf8')).toBe(typed);
  });

  test('asks before completing with conflict markers left', async ({ sample, launch }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
    await sample.edit(sample.projectFile(project, 'canvas'), 'line b', 'line b, as the project wants it');
    await sample.edit(sample.collectionFile('canvas'), 'line b', 'line b, as the collection wants it');
    const { projects } = await launch();
    const projectPage = await projects.open('webapp');
    await projectPage.expectStatus('canvas', 'conflict');

    const merge = await MergePage.openFrom(projectPage, 'canvas');
    await merge.completeButton.click();
    await expect(merge.markersDialog).toBeVisible();
    await merge.markersDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(merge.markersDialog).toBeHidden();
    await expect(merge.remaining).toHaveText('1 conflict remaining');
  });
});

test.describe('the merge view, beyond one text file', () => {
  test('settles a binary file by a whole-file choice and the text file beside it line by line', async ({ sample, launch, page }) => {
    const logo = (byte: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, byte, 0x00, 0xff]);
    const source = join(sample.root, 'sources', 'brand');
    await writeFiles(source, { 'SKILL.md': skillText('brand') });
    await writeFile(join(source, 'logo.png'), logo(1));
    await sample.cli('add', source);
    const project = await sample.project('webapp', { deploy: ['brand'], register: true });
    await writeFile(sample.projectFile(project, 'brand', 'logo.png'), logo(2));
    await writeFile(sample.collectionFile('brand', 'logo.png'), logo(3));
    await sample.edit(sample.projectFile(project, 'brand'), 'line b', 'line b, as the project wants it');
    await sample.edit(sample.collectionFile('brand'), 'line b', 'line b, as the collection wants it');
    const { projects } = await launch();
    const projectPage = await projects.open('webapp');
    await projectPage.expectStatus('brand', 'conflict');

    const merge = await MergePage.openFrom(projectPage, 'brand');
    await expect(merge.remaining).toHaveText('2 conflicts remaining');
    await page.getByRole('navigation', { name: 'Files of the merge' }).getByRole('button', { name: /^logo\.png: / }).click();
    await page.getByRole('group', { name: 'Whole-file choice for logo.png' }).getByRole('button', { name: 'Take collection' }).click();
    await expect(merge.remaining).toHaveText('1 conflict remaining');
    await page.getByRole('navigation', { name: 'Files of the merge' }).getByRole('button', { name: /^SKILL\.md: / }).click();
    await page.getByRole('button', { name: 'Accept all from project' }).click();
    await expect(merge.remaining).toHaveText('No conflicts remaining');
    await merge.completeButton.click();

    await expect(projectPage.result('brand')).toHaveText('Merge completed: brand.');
    await projectPage.expectStatus('brand', 'in sync');
    expect(await readFile(sample.projectFile(project, 'brand', 'logo.png'))).toEqual(logo(3));
    expect(await readFile(sample.projectFile(project, 'brand'), 'utf8')).toContain('line b, as the project wants it\n');
  });

  test('applies the same resolution to another project that met the same merge', async ({ sample, launch, page }) => {
    const [project = '', other = ''] = await conflictedTriad(sample, ['webapp', 'api']);
    const { projects } = await launch();
    const projectPage = await projects.open('webapp');
    const merge = await MergePage.openFrom(projectPage, 'triad');
    await merge.choose(1, 'Accept collection');
    await merge.choose(2, 'Accept collection');
    await merge.choose(3, 'Both, collection first');
    await merge.completeButton.click();

    await expect(projectPage.result('triad')).toHaveText('Merge completed: triad.');
    const offer = projectPage.artifact('triad').getByRole('group', { name: 'Same merge elsewhere' });
    await offer.getByRole('button', { name: 'Apply the same resolution to 1 other project' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Apply the same resolution to 1 other project?' });
    await expect(dialog).toContainText(other);
    await dialog.getByRole('button', { name: 'Apply the same resolution to 1 other project' }).click();

    await expect(projectPage.result('triad')).toHaveText('Applied the same resolution to 1 other project.');
    expect(await readFile(sample.projectFile(other, 'triad'), 'utf8')).toBe(await readFile(sample.projectFile(project, 'triad'), 'utf8'));
    const drift = (await sample.cli('drift', other)) as { summary: { needs_action: number } };
    expect(drift.summary.needs_action).toBe(0);
  });
});

test.describe('the quick whole-file choices', () => {
  test('settles a command (a single-file artifact) by taking the collection copy', async ({ sample, launch }) => {
    const source = join(sample.root, 'sources', 'review.md');
    await writeFiles(join(sample.root, 'sources'), { 'review.md': '---\ndescription: Review the change\n---\nCheck the tests.\n' });
    await sample.cli('add', source, '--type', 'command');
    const project = await sample.project('webapp', { deploy: ['review'], register: true });
    const collectionCopy = join(sample.home, 'collections', 'default', 'commands', 'review.md');
    await sample.edit(join(project, '.claude', 'commands', 'review.md'), 'Check the tests.', 'Check the tests first.');
    await sample.edit(collectionCopy, 'Check the tests.', 'Check the tests and the docs.');
    const { projects } = await launch();
    const projectPage = await projects.open('webapp');
    await projectPage.act('review', 'Sync');

    await projectPage.conflict('review', 'review').getByRole('button', { name: 'Take collection' }).click();
    await projectPage.shell.answer('Take collection version');

    await projectPage.expectStatus('review', 'in sync');
    expect(await readFile(join(project, '.claude', 'commands', 'review.md'), 'utf8')).toBe(await readFile(collectionCopy, 'utf8'));
  });
});

test.describe('show changes', () => {
  test('shows the line edited in the project against the baseline, diffed in Monaco\'s worker under the CSP', async ({ sample, launch, page }) => {
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
    await sample.edit(sample.projectFile(project, 'canvas'), 'line b', 'line b, edited here');
    const { projects } = await launch();
    const projectPage = await projects.open('webapp');
    await projectPage.expectStatus('canvas', 'modified');

    const workerLoaded = page.waitForResponse((response) => /\/editor\.worker-[\w-]+\.js$/.test(response.url()) && response.ok());
    const changes = await ChangesPage.openFrom(projectPage, 'canvas');
    await workerLoaded;
    await expect(changes.comparison('Project vs baseline')).toBeChecked();
    await expect(changes.afterText).toContainText('line b, edited here');
    await expect(changes.beforeText).not.toContainText('edited here');
    await expect(changes.insertedText).toHaveCount(1);
    expect(problems).toEqual([]);
  });
});

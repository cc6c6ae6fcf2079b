import { test, expect } from './fixtures/test.js';

test.describe('actions on a project', () => {
  test('deploys an artifact from the picker', async ({ sample, launch }) => {
    await sample.project('webapp', { deploy: ['canvas'], register: true });
    const { projects } = await launch();
    const page = await projects.open('webapp');

    await page.deploy('tidy');

    await expect(page.deployResult).toHaveText('Deployed tidy.');
    await page.expectStatus('tidy', 'in sync');
    await expect(page.shell.operation('Deploy', 'finished')).toBeVisible();
  });

  test('syncs an artifact the collection changed, back to in sync', async ({ sample, launch }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
    const { projects } = await launch();
    const page = await projects.open('webapp');
    await page.expectStatus('canvas', 'in sync');

    await sample.edit(sample.collectionFile('canvas'), 'line c', 'line c, improved in the collection');
    await page.expectStatus('canvas', 'outdated');
    await page.act('canvas', 'Sync');

    await expect(page.result('canvas')).toHaveText('Sync finished: canvas updated.');
    await page.expectStatus('canvas', 'in sync');
    await expect.poll(() => sample.cli('drift', project).then((r) => (r as { summary: { needs_action: number } }).summary.needs_action)).toBe(0);
  });

  test('lists the conflicted file when both sides changed the same line', async ({ sample, launch }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
    const { projects } = await launch();
    const page = await projects.open('webapp');

    await sample.edit(sample.projectFile(project, 'canvas'), 'line b', 'line b, as the project wants it');
    await sample.edit(sample.collectionFile('canvas'), 'line b', 'line b, as the collection wants it');
    await page.expectStatus('canvas', 'conflict');
    await page.act('canvas', 'Sync');

    await expect(page.result('canvas')).toHaveText('Sync left conflicts: canvas has 1 conflicted file.');
    await expect(page.conflict('canvas', 'SKILL.md')).toBeVisible();
    await expect(page.conflict('canvas', 'SKILL.md')).toContainText('changed differently on both sides');
  });

  test('shows why removing a locally edited artifact is refused', async ({ sample, launch }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
    await sample.edit(sample.projectFile(project, 'canvas'), 'line a', 'line a, mine');
    const { projects } = await launch();
    const page = await projects.open('webapp');
    await page.expectStatus('canvas', 'modified');

    await page.act('canvas', 'Remove');
    await page.shell.answer('Remove canvas');

    await expect(page.result('canvas')).toHaveRole('alert');
    await expect(page.result('canvas')).toContainText('has local edits');
    await page.expectStatus('canvas', 'modified');
  });
});

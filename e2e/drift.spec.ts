import { test, expect } from './fixtures/test.js';

test.describe('drift, live', () => {
  test('shows a deployed file edited on disk as modified, without a reload', async ({ sample, launch }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'], register: true });
    const { projects } = await launch();
    const page = await projects.open('webapp');
    await page.expectStatus('canvas', 'in sync');

    await sample.edit(sample.projectFile(project, 'canvas'), 'line b', 'line b, edited here');

    await page.expectStatus('canvas', 'modified');
    await expect(page.artifact('canvas').getByRole('button', { name: 'Push' })).toHaveClass(/primary/);
    await projects.show();
    await projects.expectSummary('webapp', '1 modified');
  });
});

import { bulkFiles } from './fixtures/sample-home.js';
import { test, expect } from './fixtures/test.js';

// A skill of 1,000 files: its first deploy stores and copies every file, which takes seconds here.
const BULK_FILES = 1000;

test.describe('responsiveness', () => {
  test('navigates and reads other projects while a long deploy runs, then shows it finished', async ({ sample, launch }) => {
    test.setTimeout(180_000);
    await sample.addSkill('bulk', bulkFiles(BULK_FILES));
    await sample.project('big', { register: true });
    await sample.project('webapp', { deploy: ['canvas'], register: true });
    const { projects, shell } = await launch();
    const big = await projects.open('big');

    await big.deploy('bulk');
    await expect(shell.runningOperation('Deploy')).toBeVisible();

    // Another view, whose drift check the back end answers while the deploy is still writing.
    await projects.show();
    const webapp = await projects.open('webapp');
    await webapp.expectStatus('canvas', 'in sync');
    await expect(shell.runningOperation('Deploy')).toBeVisible();

    await expect(shell.operation('Deploy', 'finished')).toBeVisible({ timeout: 150_000 });
    await projects.show();
    const again = await projects.open('big');
    await expect(again.deployResult).toHaveText('Deployed bulk.');
    await again.expectStatus('bulk', 'in sync');
  });
});

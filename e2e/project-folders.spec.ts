import { rm } from 'node:fs/promises';
import { test, expect } from './fixtures/test.js';

test.describe('project folders', () => {
  test('flags a project whose folder is gone, while the other projects still report their drift', async ({ sample, launch }) => {
    await sample.project('webapp', { deploy: ['canvas'], register: true });
    const moved = await sample.project('api', { deploy: ['canvas', 'tidy'], register: true });
    // The cache remembers a check from when the folder was there.
    await sample.cliAllowingExit('drift');
    await rm(moved, { recursive: true });
    const { projects } = await launch();

    await expect(projects.project('api').getByText('Folder not found')).toBeVisible();
    await expect(projects.project('api')).toContainText(moved);
    await expect(projects.project('api')).not.toContainText('nothing deployed');
    await projects.expectSummary('webapp', '1 in sync');
  });
});

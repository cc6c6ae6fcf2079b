import { existsSync } from 'node:fs';
import { test, expect } from './fixtures/test.js';

test.describe('responsiveness', () => {
  test('navigates and reads other projects while a deploy runs, then shows it finished', async ({ sample, operations, launch }) => {
    const bigPath = await sample.project('big', { register: true });
    await sample.project('webapp', { deploy: ['canvas'], register: true });
    const { projects, shell } = await launch();
    const big = await projects.open('big');

    // The back end announces the deploy, then holds it until the test lets it go: the deploy is
    // running for exactly as long as this test needs, however fast deploys get.
    await operations.hold('deploy');
    await big.deploy('tidy');
    await expect(shell.runningOperation('Deploy')).toBeVisible();

    // Another view, whose drift check the back end answers while the deploy is still running.
    await projects.show();
    const webapp = await projects.open('webapp');
    await webapp.expectStatus('canvas', 'in sync');
    await expect(shell.runningOperation('Deploy')).toBeVisible();
    expect(existsSync(sample.projectFile(bigPath, 'tidy'))).toBe(false);

    await operations.release('deploy');
    await expect(shell.operation('Deploy', 'finished')).toBeVisible();
    await projects.show();
    const again = await projects.open('big');
    await expect(again.deployResult).toHaveText('Deployed tidy.');
    await again.expectStatus('tidy', 'in sync');
  });
});

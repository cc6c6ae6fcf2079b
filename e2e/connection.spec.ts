import { test, expect } from './fixtures/test.js';

test.describe('the connection', () => {
  test('says the page is disconnected when the web-mode server stops', async ({ launch }) => {
    const { shell, server } = await launch();

    await server.stop();

    await expect(shell.page.getByRole('alert').filter({ hasText: 'Disconnected from SkillMeat' })).toBeVisible();
    await expect(shell.nav.getByRole('status', { name: 'Connection' })).toHaveText('Disconnected');
  });
});

import { test, expect } from './fixtures/test.js';
import { startWebUi, type WebUi } from './fixtures/web-ui.js';

test.describe('the connection', () => {
  test('says the server is not answering while it retries, with the view’s buttons disabled', async ({ launch }) => {
    const { shell, server, projects } = await launch();

    await server.stop();

    await expect(shell.page.getByRole('alert').filter({ hasText: 'SkillMeat is not answering' })).toBeVisible();
    await expect(shell.nav.getByRole('status', { name: 'Connection' })).toHaveText('Reconnecting…');
    await expect(projects.page.getByRole('form', { name: 'Project folder' }).getByRole('button', { name: 'Import' })).toBeDisabled();
  });

  test('reconnects by itself when the server runs again at the same address, and works', async ({ sample, page }) => {
    const token = 'e2e-token-kept-across-a-restart_0123456789';
    let server: WebUi = await startWebUi(sample.home, { token });
    try {
      const project = await sample.project('webapp', { deploy: ['canvas'] });
      await page.goto(server.url);
      const connection = page.getByRole('navigation', { name: 'Main' }).getByRole('status', { name: 'Connection' });
      await expect(connection).toHaveText('Connected');

      await server.stop();
      await expect(connection).toHaveText('Reconnecting…');
      server = await startWebUi(sample.home, { token, port: server.port });

      await expect(connection).toHaveText('Connected');
      await expect(page.getByRole('alert').filter({ hasText: 'SkillMeat' })).toHaveCount(0);
      const form = page.getByRole('form', { name: 'Project folder' });
      await form.getByRole('textbox', { name: 'Project folder' }).fill(project);
      await form.getByRole('button', { name: 'Import' }).click();
      await expect(page.getByRole('status', { name: 'Import result' })).toHaveText('Imported webapp.');
    } finally {
      await server.stop();
    }
  });

  test('keeps the token for the tab, out of the address bar, so a reload connects again', async ({ launch }) => {
    const { shell } = await launch();
    await expect.poll(() => shell.page.url()).not.toContain('token=');

    await shell.page.reload();

    await shell.expectConnected();
  });

  test('says a page opened without its token cannot connect, and never to start the running server', async ({ launch, browser }) => {
    const { server } = await launch();
    const fresh = await browser.newPage();
    try {
      await fresh.goto(server.url.replace(/\?token=[^#]*/, ''));
      const banner = fresh.getByRole('alert').filter({ hasText: 'without its access token' });
      await expect(banner).toBeVisible();
      await expect(banner).not.toContainText(/start/i);
      await expect(fresh.getByRole('alert')).toHaveCount(1);
    } finally {
      await fresh.close();
    }
  });
});

import { test, expect } from './fixtures/test.js';

test.describe('importing a project', () => {
  test('imports a folder dropped on the window, with its drift summary', async ({ sample, launch }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'] });
    const { projects } = await launch();

    await projects.importByDrop(project);

    await expect(projects.importResult).toHaveText('Imported webapp.');
    await projects.expectSummary('webapp', '1 in sync');
  });

  test('imports a folder by its path in the picker', async ({ sample, launch }) => {
    const project = await sample.project('api', { deploy: ['canvas', 'tidy'] });
    const { projects } = await launch();

    await projects.importByPath(project);

    await expect(projects.importResult).toHaveText('Imported api.');
    await projects.expectSummary('api', '2 in sync');
    const page = await projects.open('api');
    await page.expectStatus('canvas', 'in sync');
    await page.expectStatus('tidy', 'in sync');
  });

  test('shows why a path that is not a folder cannot be imported', async ({ sample, launch }) => {
    const file = await sample.plainFile('notes.txt');
    const { projects } = await launch();

    await projects.importByPath(file);

    await expect(projects.importResult).toHaveRole('alert');
    await expect(projects.importResult).toHaveText(`${file} is not a folder; a project is a folder (the one holding .claude/).`);
    await expect(projects.page.getByText('No projects yet.')).toBeVisible();
  });

  test("refuses a project's .claude folder in the core's words, and imports nothing", async ({ sample, launch }) => {
    const project = await sample.project('webapp', { deploy: ['canvas'] });
    const { projects } = await launch();

    await projects.importByPath(`${project}/.claude`);

    await expect(projects.importResult).toHaveRole('alert');
    await expect(projects.importResult).toHaveText(`${project}/.claude is the .claude folder of a project, not a project: use the folder that holds it, ${project}.`);
    await expect(projects.page.getByText('No projects yet.')).toBeVisible();
  });

  test('shows that a dropped folder does not exist', async ({ sample, launch }) => {
    const { projects } = await launch();

    await projects.importByDrop(`${sample.root}/nowhere`);

    await expect(projects.importResult).toHaveText(`Project folder ${sample.root}/nowhere does not exist.`);
  });

  test('paints registered projects from the cache on start', async ({ sample, launch }) => {
    await sample.project('webapp', { deploy: ['canvas'], register: true });
    await sample.cli('drift');
    const { projects } = await launch();

    await projects.expectSummary('webapp', '1 in sync');
  });
});

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { skillText, writeFiles } from './fixtures/sample-home.js';
import { test, expect } from './fixtures/test.js';

test.describe('first run', () => {
  test('an empty home is guided: create a collection, add a folder skill and a single-file command, import a project, deploy', async ({ sample, launch, page }) => {
    // A home with nothing in it yet, beside the sample's; the sources a new user would have.
    const home = join(sample.root, 'empty-home');
    const skill = join(sample.root, 'sources', 'brush');
    await writeFiles(skill, { 'SKILL.md': skillText('brush') });
    // A loose command file: nothing in its folder says what it is, so its type is chosen.
    const command = join(sample.root, 'notes', 'review.md');
    await writeFiles(join(sample.root, 'notes'), { 'review.md': '---\nversion: 0.3.0\n---\nReview the change in front of you.\n' });
    const project = join(sample.root, 'projects', 'webapp');
    await mkdir(project, { recursive: true });
    const { projects, collection } = await launch({ home });
    const guide = page.getByRole('region', { name: 'Getting started' });
    const step = (title: string) => guide.getByRole('listitem').filter({ hasText: title });

    await expect(step('Create a collection')).toHaveAttribute('aria-current', 'step');
    await guide.getByRole('button', { name: 'Create collection' }).click();
    await expect(step('Create a collection')).toContainText('done');
    await expect(step('Add artifacts to it')).toHaveAttribute('aria-current', 'step');

    await guide.getByRole('link', { name: 'Add artifacts in the Collection view' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Collection default' })).toBeVisible();
    // A relative path is refused, saying why and what to type instead.
    await collection.add('sources/brush');
    await expect(collection.addResult).toHaveText('sources/brush is a relative path, and the app has no current folder to read it from. Type the full path (it starts with /), or ~/ for a folder in your home.');
    await collection.add(skill);
    await expect(collection.addResult).toHaveText('Added skill brush 1.0.0.');
    await collection.add(command);
    await expect(collection.addResult).toContainText('It should be one of: skill, command, agent, hook, mcp.');
    await collection.add(command, 'command');
    await expect(collection.addResult).toHaveText('Added command review 0.3.0.');
    await collection.expectArtifact('review', 'command', '0.3.0');

    await projects.show();
    await expect(step('Add artifacts to it')).toContainText('done');
    await expect(step('Import a project')).toHaveAttribute('aria-current', 'step');
    await projects.importByPath(project);
    await expect(projects.project('webapp')).toBeVisible();
    await expect(guide).toHaveCount(0);

    const webapp = await projects.open('webapp');
    await webapp.deploy('brush', 'review');
    await webapp.expectStatus('brush', 'in sync');
    await webapp.expectStatus('review', 'in sync');
    expect(existsSync(join(project, '.claude', 'skills', 'brush', 'SKILL.md'))).toBe(true);
    expect(existsSync(join(project, '.claude', 'commands', 'review.md'))).toBe(true);
  });

  test('a collection with artifacts but no project points at importing one', async ({ launch, page }) => {
    const { projects } = await launch();
    const guide = page.getByRole('region', { name: 'Getting started' });
    await expect(guide.getByRole('listitem').filter({ hasText: 'Import a project' })).toHaveAttribute('aria-current', 'step');
    await expect(guide.getByRole('listitem').filter({ hasText: 'Create a collection' })).toContainText('done');
    await expect(projects.heading).toBeVisible();
  });
});


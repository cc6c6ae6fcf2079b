import { writeFiles } from './fixtures/sample-home.js';
import { test, expect } from './fixtures/test.js';

test.describe('the collection', () => {
  test('lists artifacts with type, version and a short hash', async ({ launch }) => {
    const { collection } = await launch();
    await collection.show();

    await collection.expectArtifact('canvas', 'skill', '1.0.0');
    await expect(collection.artifact('tidy').getByRole('cell').nth(2)).toHaveText(/^[0-9a-f]{12}$/);
  });

  test('adds an artifact from a folder', async ({ sample, launch }) => {
    const source = `${sample.root}/sources/review`;
    await writeFiles(source, { 'SKILL.md': '---\nname: review\nversion: 2.1.0\n---\n# Review\n' });
    const { collection } = await launch();
    await collection.show();

    await collection.addFromFolder(source);

    await expect(collection.addResult).toHaveText('Added skill review 2.1.0.');
    await collection.expectArtifact('review', 'skill', '2.1.0');
  });
});

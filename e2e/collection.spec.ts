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

  test('lists the entries of collection.toml it keeps but does not manage, and reads them again on Reload', async ({ sample, launch }) => {
    const { collection } = await launch();
    await collection.show();
    await collection.expectArtifact('canvas', 'skill', '1.0.0');
    await expect(collection.kept).toHaveCount(0);

    // What the Python SkillMeat writes: a workflow (a type we do not manage) and its MCP servers.
    await sample.appendToManifest('\n[[artifacts]]\nname = "release-flow"\ntype = "workflow"\npath = "workflows/release-flow"\norigin = "local"\nadded = "2025-12-17T14:30:22.123456"\n\n[[mcp_servers]]\nname = "github"\ncommand = "npx"\n');
    await collection.reload();

    await expect(collection.kept).toContainText('SkillMeat Desktop does not manage these entries of collection.toml; it keeps them untouched for the tool that wrote them.');
    await expect(collection.keptEntries).toHaveText(['workflow release-flow', '[[mcp_servers]]']);
    await expect(collection.artifact('release-flow')).toHaveCount(0);
  });
});

/**
 * The screenshots of docs/renderer.md, taken from the real app in web mode over a home that looks
 * lived in: several projects with every kind of drift, and a sync that left a conflict.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, writeFiles } from '../fixtures/sample-home.js';
import { test, expect } from '../fixtures/test.js';

const OUT = join(REPO_ROOT, 'docs', 'screenshots');

test('screenshots of the projects, project and collection views', async ({ sample, launch, page }) => {
  for (const skill of ['canvas-design', 'code-review', 'release-notes', 'test-writer']) await sample.addSkill(skill);
  await writeFiles(join(sample.root, 'sources'), {
    'deploy-checklist.md': '---\ndescription: Walk through the release checklist.\nversion: 0.4.0\n---\nCheck the changelog, tag, build, deploy.\n',
    'security-auditor.md': '---\nname: security-auditor\nversion: 2.0.1\n---\nYou review code for security problems.\n',
  });
  await sample.cli('add', '--type', 'command', join(sample.root, 'sources', 'deploy-checklist.md'));
  await sample.cli('add', '--type', 'agent', join(sample.root, 'sources', 'security-auditor.md'));

  const webapp = await sample.project('webapp', { deploy: ['canvas-design', 'code-review', 'release-notes', 'tidy'], register: true });
  await sample.cli('deploy', 'deploy-checklist', '--type', 'command', '--project', webapp);
  const api = await sample.project('api-server', { deploy: ['canvas-design', 'test-writer'], register: true });
  await sample.cli('deploy', 'security-auditor', '--type', 'agent', '--project', api);
  await sample.project('docs-site', { deploy: ['release-notes'], register: true });
  await sample.project('design-system', { deploy: ['canvas', 'tidy'], register: true });
  const mobile = await sample.project('mobile-app', { deploy: ['code-review', 'test-writer'], register: true });

  await sample.edit(sample.projectFile(webapp, 'code-review'), 'line b', 'line b, with our team conventions');
  await sample.edit(sample.collectionFile('release-notes'), 'line c', 'line c, now grouped by area');
  await sample.edit(sample.projectFile(webapp, 'canvas-design'), 'line a', 'line a, webapp palette');
  await sample.edit(sample.collectionFile('canvas-design'), 'line a', 'line a, new brand palette');
  await rm(sample.projectFile(mobile, 'test-writer', ''), { recursive: true });

  const { projects, collection } = await launch();
  await projects.expectSummary('webapp', '1 conflict');
  await projects.expectSummary('mobile-app', '1 deleted');
  await projects.expectSummary('docs-site', '1 outdated');
  await projects.expectSummary('design-system', '2 in sync');
  await page.screenshot({ path: join(OUT, 'projects.png') });

  const project = await projects.open('webapp');
  await project.expectStatus('canvas-design', 'conflict');
  await project.act('canvas-design', 'Sync');
  await expect(project.conflict('canvas-design', 'SKILL.md')).toBeVisible();
  await project.act('release-notes', 'Sync');
  await expect(project.result('release-notes')).toHaveText('Sync finished: release-notes updated.');
  await project.expectStatus('release-notes', 'in sync');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, 'project.png') });

  await collection.show();
  await collection.expectArtifact('security-auditor', 'agent', '2.0.1');
  await page.screenshot({ path: join(OUT, 'collection.png') });
});

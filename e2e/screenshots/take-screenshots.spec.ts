/**
 * The screenshots of docs/renderer.md, taken from the real app in web mode over a home that looks
 * lived in: several projects with every kind of drift, and a sync that left a conflict.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GitUpstream, isolateGit } from '../../test/support/git-upstream-repo.js';
import { REPO_ROOT, writeFiles } from '../fixtures/sample-home.js';
import { test, expect } from '../fixtures/test.js';

// The web server and the CLI inherit this process's environment: their git ignores the user's configuration.
isolateGit();

const OUT = join(REPO_ROOT, 'docs', 'screenshots');

test('screenshots of the projects, project and collection views', async ({ sample, launch, page }) => {
  for (const skill of ['canvas-design', 'code-review', 'release-notes', 'test-writer']) await sample.addSkill(skill);
  await writeFiles(join(sample.root, 'sources'), {
    'deploy-checklist.md': '---\ndescription: Walk through the release checklist.\nversion: 0.4.0\n---\nCheck the changelog, tag, build, deploy.\n',
    'security-auditor.md': '---\nname: security-auditor\nversion: 2.0.1\n---\nYou review code for security problems.\n',
  });
  await sample.cli('add', '--type', 'command', join(sample.root, 'sources', 'deploy-checklist.md'));
  await sample.cli('add', '--type', 'agent', join(sample.root, 'sources', 'security-auditor.md'));
  // A skill from a git repository, whose upstream has moved on since it was added.
  const upstream = GitUpstream.create(sample.root);
  const pdf = (line: string) => `---\nname: pdf-tools\ndescription: Fill and merge PDF forms.\n---\n# PDF tools\n\n${line}\n`;
  upstream.commit({ 'skills/pdf-tools/SKILL.md': pdf('Fill the form fields.') }, 'pdf-tools 1.2.0');
  upstream.tag('v1.2.0');
  await sample.cli('add', upstream.source('skills/pdf-tools', 'main'));
  upstream.commit({ 'skills/pdf-tools/SKILL.md': pdf('Fill the form fields, then flatten them.') }, 'pdf-tools 1.3.0');
  upstream.tag('v1.3.0');

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
  await expect(await collection.checkForUpdates()).toHaveText('1 update available.');
  await expect(collection.source('pdf-tools')).toContainText('Update available: v1.3.0');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, 'collection.png') });
});

test('screenshots of the first run and of a confirmation with its Undo', async ({ sample, launch, page }) => {
  // An empty home beside the sample's: what a new user meets.
  const first = await launch({ home: join(sample.root, 'empty-home') });
  const guide = page.getByRole('region', { name: 'Getting started' });
  await guide.getByRole('button', { name: 'Create collection' }).click();
  await expect(guide.getByRole('listitem').filter({ hasText: 'Add artifacts to it' })).toHaveAttribute('aria-current', 'step');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, 'first-run.png') });
  await first.server.stop();

  await sample.project('webapp', { deploy: ['canvas', 'tidy'], register: true });
  const { collection, shell } = await launch();
  await collection.show();
  await collection.expectArtifact('tidy', 'skill', '1.0.0');
  await collection.askToRemove('tidy');
  await expect(shell.dialog).toBeVisible();
  await page.screenshot({ path: join(OUT, 'confirm-remove.png') });
  await shell.answer('Remove tidy');
  await expect(shell.result(/^Removed skill tidy/).getByRole('button', { name: 'Undo' })).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, 'remove-undo.png') });
});

/** A code-review skill as a team might keep it: a few sections that project and collection both edit. */
const REVIEW_SKILL = `---
name: code-review
version: 1.2.0
description: Review a change the way this team does.
---
# Code review

Read the whole diff before commenting.

## What to check

- Tests cover the change.
- Names say what things are.
- Errors are values with a message a user can act on.

## Tone

Be direct and kind. Suggest, do not command.
Say what is good, too.

## Output

A short summary, then comments by file.
`;

test('screenshots of the merge view and of Show changes', async ({ sample, launch, page }) => {
  await sample.addSkill('code-review', { 'SKILL.md': REVIEW_SKILL });
  await sample.addSkill('release-notes');
  const webapp = await sample.project('webapp', { deploy: ['code-review', 'release-notes'], register: true });
  const projectFile = sample.projectFile(webapp, 'code-review');
  const collectionFile = sample.collectionFile('code-review');
  await sample.edit(projectFile, '- Tests cover the change.', '- Tests cover the change, including the unhappy paths.');
  await sample.edit(collectionFile, '- Tests cover the change.', '- Tests cover the change and run in CI.');
  await sample.edit(projectFile, 'Be direct and kind. Suggest, do not command.', 'Be direct and kind.\nAsk questions before suggesting changes.');
  await sample.edit(collectionFile, 'Be direct and kind. Suggest, do not command.', 'Be direct, kind and brief.');
  await sample.edit(projectFile, 'A short summary, then comments by file.', 'A short summary, then comments by file, most important first.');
  await sample.edit(collectionFile, 'A short summary, then comments by file.', 'A one-line verdict, a short summary, then comments by file.');
  await sample.edit(collectionFile, 'Read the whole diff before commenting.', 'Read the whole diff, and the issue it closes, before commenting.');
  await sample.edit(sample.projectFile(webapp, 'release-notes'), 'line b', 'line b, in our own words');

  const { projects } = await launch();
  const project = await projects.open('webapp');
  await project.expectStatus('code-review', 'conflict');
  await project.artifact('code-review').getByRole('button', { name: 'Merge…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Merge code-review' })).toBeVisible();
  const result = page.getByRole('region', { name: 'Result', exact: true });
  await expect(result.getByRole('group', { name: /^Conflict 1 of 3/ })).toBeVisible();
  await result.getByRole('group', { name: /^Conflict 1 of 3/ }).getByRole('button', { name: 'Accept both' }).click();
  await expect(page.getByRole('status', { name: 'Conflicts remaining' })).toHaveText('2 conflicts remaining');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, 'merge.png') });

  await page.getByRole('link', { name: 'webapp', exact: true }).click();
  await project.expectStatus('release-notes', 'modified');
  await project.artifact('release-notes').getByRole('button', { name: 'Show changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Changes in release-notes' })).toBeVisible();
  await expect(page.locator('.diff-editor .editor.modified .view-lines')).toContainText('in our own words');
  // The diff is computed in Monaco's worker: wait for its highlights.
  await expect(page.locator('.diff-editor .editor.modified .char-insert').first()).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, 'diff.png') });
});

test('screenshots of the snapshot timeline and the rollback dialog', async ({ sample, launch, page }) => {
  for (const skill of ['canvas-design', 'code-review', 'release-notes']) await sample.addSkill(skill);
  const webapp = await sample.project('webapp', { deploy: ['canvas-design', 'code-review'], register: true });
  await sample.project('api-server', { deploy: ['canvas-design'], register: true });
  await sample.cli('snapshot', 'Before the brand refresh');
  await sample.edit(sample.projectFile(webapp, 'canvas-design'), 'line a', 'line a, new brand palette');
  await sample.cli('push', webapp);
  await sample.cli('snapshot', 'New palette from webapp');
  await sample.edit(sample.collectionFile('code-review'), 'line b', 'line b, check the tests first');
  await sample.cli('snapshot', 'Review checklist, first pass');
  await sample.edit(sample.collectionFile('release-notes'), 'line c', 'line c, grouped by area');
  await sample.cli('remove', 'tidy');
  await sample.edit(sample.collectionFile('code-review'), 'line c', 'line c, and the docs');

  await launch();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Snapshots', exact: true }).click();
  const timeline = page.getByRole('list', { name: 'Snapshots' });
  await page.getByRole('checkbox', { name: 'Show rollbacks and merges' }).check();
  await timeline.getByRole('button', { name: /^Before the brand refresh, / }).click();
  await expect(page.getByRole('table', { name: 'Artifacts in the snapshot' })).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, 'snapshots.png') });

  await page.getByRole('group', { name: 'Snapshot actions' }).getByRole('button', { name: 'Roll back…' }).click();
  const dialog = page.getByRole('alertdialog', { name: /^Roll back to / });
  await dialog.getByRole('radio', { name: /^Keep later edits/ }).check();
  await expect(dialog.getByRole('region', { name: 'Rollback plan' })).toHaveAttribute('aria-busy', 'false');
  await expect(dialog.getByRole('list', { name: 'Planned changes' })).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, 'rollback.png') });
});

test('screenshot of the history view', async ({ sample, launch, page }) => {
  await sample.addSkill('code-review', { 'SKILL.md': REVIEW_SKILL });
  const webapp = await sample.project('webapp', { deploy: ['code-review'], register: true });
  const api = await sample.project('api-server', { deploy: ['code-review'], register: true });
  const docs = await sample.project('docs-site', { deploy: ['code-review'], register: true });
  const collectionFile = sample.collectionFile('code-review');
  // Webapp refines the checklist and pushes it; the others sync.
  await sample.edit(sample.projectFile(webapp, 'code-review'), '- Tests cover the change.', '- Tests cover the change, including the unhappy paths.');
  await sample.cli('push', webapp);
  await sample.cli('sync', api);
  await sample.cli('sync', docs);
  // The collection tightens the tone while api-server rewrites the same line: a conflict, resolved into a merge.
  await sample.edit(sample.projectFile(api, 'code-review'), 'Be direct and kind. Suggest, do not command.', 'Be direct and kind. Ask before suggesting.');
  await sample.edit(collectionFile, 'Be direct and kind. Suggest, do not command.', 'Be direct, kind and brief.');
  expect(await sample.cliAllowingExit('sync', api)).toBe(1);
  const text = REVIEW_SKILL.replace('- Tests cover the change.', '- Tests cover the change, including the unhappy paths.').replace('Be direct and kind. Suggest, do not command.', 'Be direct, kind and brief. Ask before suggesting.');
  await writeFiles(sample.root, { 'merged.md': text });
  await sample.cli('resolve', api, 'code-review', 'SKILL.md', '--from', join(sample.root, 'merged.md'));
  // Docs pushes a note; webapp has an edit nobody recorded yet.
  await sample.edit(sample.projectFile(docs, 'code-review'), 'A short summary, then comments by file.', 'A short summary, then comments by file, with links to the docs.');
  await sample.cli('push', docs);
  await sample.edit(sample.projectFile(webapp, 'code-review'), 'Say what is good, too.', 'Say what is good, too, and thank the author.');

  await launch();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Collection', exact: true }).click();
  await page.getByRole('table', { name: 'Artifacts' }).getByRole('link', { name: 'code-review', exact: true }).click();
  const versions = page.getByRole('list', { name: 'Versions' });
  const merge = versions.getByRole('button', { name: /^[0-9a-f]{12}, merge, / });
  await merge.click();
  await expect(page.getByRole('list', { name: 'Where is this version' })).toBeVisible();
  await expect(page.locator('.diff-editor .editor.modified .char-insert').first()).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(OUT, 'history.png') });
});

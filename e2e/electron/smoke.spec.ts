/**
 * The desktop app itself, through Electron, reusing the web suite's page objects. Electron's binary
 * cannot be downloaded on every machine (see docs/stack.md): there this suite skips itself and says why.
 */
import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { join } from 'node:path';
import { findElectronBinary } from '../../scripts/electron-binary.js';
import { createSampleHome, REPO_ROOT, type SampleHome } from '../fixtures/sample-home.js';
import { test, expect } from '../fixtures/test.js';
import { ProjectsPage } from '../pages/projects-page.js';

const binary = findElectronBinary(join(REPO_ROOT, 'node_modules', 'electron'));
const skipReason = binary.found ? '' : `No Electron binary on this machine (${binary.reason}; looked at ${binary.lookedAt})`;
if (!binary.found) console.log(`[electron smoke] skipped: ${skipReason}`);

test.describe('the desktop app (Electron)', () => {
  // Skipped, with the reason printed, where no Electron binary can be had (these build machines):
  // the web suite covers the same pages in Chromium; this suite adds only the Electron shell around them.
  test.skip(!binary.found, skipReason);

  let home: SampleHome;
  let app: ElectronApplication;

  test.beforeEach(async () => {
    home = await createSampleHome();
    if (!binary.found) return;
    app = await electron.launch({ executablePath: binary.binaryPath, args: [REPO_ROOT], env: { ...process.env, SKILLMEAT_HOME: home.home } });
  });

  test.afterEach(async () => {
    await app?.close();
    await home.dispose();
  });

  test('opens on the projects view and imports a dropped project over the preload bridge', async () => {
    const project = await home.project('webapp', { deploy: ['canvas'] });
    const projects = new ProjectsPage(await app.firstWindow());
    await expect(projects.heading).toBeVisible();

    await projects.importByDrop(project);

    await expect(projects.importResult).toHaveText('Imported webapp.');
    await projects.expectSummary('webapp', '1 in sync');
  });
});

/** `npm run screenshots`: drives the app over a realistic sample home and writes docs/screenshots/*.png (1280×800). */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../fixtures/chromium.js';

export default defineConfig({
  testDir: '.',
  testMatch: 'take-screenshots.spec.ts',
  // A temporary HOME, checked afterwards, as for the end-to-end suite.
  globalSetup: '../fixtures/test-home-setup.ts',
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: '../../test-results/screenshots',
  use: { launchOptions: CHROMIUM_LAUNCH, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
});

/**
 * End-to-end tests: the built UI in Debian's Chromium against web mode (`skillmeat ui --web`) over a
 * real temporary home (e2e/), and an Electron smoke suite that skips itself where no Electron
 * binary exists (e2e/electron/). Needs `npm run build` first (`npm run test:e2e` does it).
 * Screenshots for docs/ have their own config: e2e/screenshots/playwright.config.ts.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './e2e/fixtures/chromium.js';

export default defineConfig({
  testDir: 'e2e',
  testIgnore: ['screenshots/**'],
  // The run gets a temporary HOME, and fails if anything but a browser writes into it (scripts/test-home.js).
  globalSetup: './e2e/fixtures/test-home-setup.ts',
  // Each test runs its own server and home; two at a time suit a 2-core machine.
  workers: 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    launchOptions: CHROMIUM_LAUNCH,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'web', testIgnore: ['electron/**', 'screenshots/**'] },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});

#!/usr/bin/env node
// The `skillmeat` command: runs the bundled CLI (npm run build:node compiles src/ into dist/ and bundles the CLI into dist/bundle/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bundle/skillmeat.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('skillmeat: the CLI is not built yet. Run `npm run build:node` in the SkillMeat folder, then try again.\n');
  process.exit(2);
}
await import(entry.href);

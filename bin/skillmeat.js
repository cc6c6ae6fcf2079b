#!/usr/bin/env node
// The `skillmeat` command: runs the bundled CLI (npm run build:node compiles src/ into dist/ and
// bundles the CLI into dist/bundle/). CommonJS on purpose (bin/package.json): a command that starts
// without Node's ES-module loader starts about 10 ms sooner (bench/startup-bench.js).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'bundle');
const entry = join(bundle, 'skillmeat.js');
if (!existsSync(entry)) {
  process.stderr.write('skillmeat: the CLI is not built yet. Run `npm run build:node` in the SkillMeat folder, then try again.\n');
  process.exit(2);
}
require('./code-cache.js').useCodeCache(bundle, join(bundle, 'code-cache'));
require(entry);

// V8 code caches for the bundled CLI's chunks. Node 20 compiles every chunk from source on each
// run — for a short command like `skillmeat list`, a good part of its whole time (its start-up is
// measured against `node -e 0`, bench/startup-bench.js). The build (scripts/build-cli.js) runs a few
// commands once and keeps, for each chunk they loaded, V8's code cache taken after the run (so it
// holds the functions those commands compiled, not just the top level). Here each chunk that has a
// cache is compiled with it. A cache V8 rejects (another Node version, other flags, a changed file)
// costs nothing but the ordinary compile. Node 22's module.enableCompileCache() does the same.
//
// SKILLMEAT_CODE_CACHE=off compiles everything from source; =write (the build's own use) writes the
// caches of the chunks this run loaded, when it ends.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
// The Module class without require('node:module'), which would load Node's ES-module loader (four
// more built-in modules) into every command.
const Module = module.constructor;

/** Compiles the CommonJS files of `bundleDir` with the caches in `cacheDir` (see above). */
function useCodeCache(bundleDir, cacheDir, mode = process.env.SKILLMEAT_CODE_CACHE) {
  if (mode === 'off') return;
  const writing = mode === 'write';
  const compiled = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (path.dirname(filename) !== bundleDir) return compile.call(this, content, filename);
    const cacheFile = path.join(cacheDir, `${path.basename(filename)}.bin`);
    let cachedData;
    if (!writing) {
      try {
        cachedData = fs.readFileSync(cacheFile);
      } catch {
        return compile.call(this, content, filename); // no cache for this chunk
      }
    }
    // Node's own CommonJS wrapper, on a line of its own so that line and column numbers (and the
    // source maps) stay those of the file.
    const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${content}\n})`, {
      filename,
      lineOffset: -1,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (writing) compiled.push({ cacheFile, script });
    const wrapper = script.runInThisContext();
    return wrapper.call(this.exports, this.exports, Module.createRequire(filename), this, filename, path.dirname(filename));
  };
  if (writing) {
    process.on('exit', () => {
      fs.mkdirSync(cacheDir, { recursive: true });
      for (const { cacheFile, script } of compiled) fs.writeFileSync(cacheFile, script.createCachedData());
    });
  }
}

module.exports = { useCodeCache };

// Preloaded (node -r) into a CLI run by test/cli-startup-loads.test.ts: at exit, writes to stderr,
// after a "@@" line, the bundle chunks and the Node built-in modules the run loaded.
const before = new Set(process.moduleLoadList);
process.on('exit', () => {
  const chunks = Object.keys(require.cache)
    .filter((file) => file.includes('/dist/bundle/'))
    .map((file) => file.split('/').pop().replace(/-[A-Za-z0-9_-]{8}\.js$/, ''));
  const builtins = process.moduleLoadList.filter((name) => !before.has(name) && name.startsWith('NativeModule ')).map((name) => name.slice('NativeModule '.length));
  require('node:fs').writeSync(2, `\n@@${JSON.stringify({ chunks, builtins })}`);
});

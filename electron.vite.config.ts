import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      // Only package.json `dependencies` (typeorm, better-sqlite3, ...) stay external and are packed;
      // everything else is bundled.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          // The core's hashing worker thread, emitted as out/main/hash-worker.js: worker-hasher.ts looks
          // for it beside itself (new URL('./hash-worker.js', import.meta.url)) and hashes in-process without it.
          'hash-worker': resolve(root, 'src/core/hash/hash-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require anything but electron's own modules, and is loaded as a
      // classic script: bundle every dependency in and emit CommonJS (.cjs, since the package is ESM).
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    build: {
      // electron-vite leaves the renderer unminified; the first bundle is what every window loads.
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
    // Monaco's editor worker is built as an ES module worker (imported with `?worker`).
    worker: { format: 'es' },
    plugins: [react()],
  },
});

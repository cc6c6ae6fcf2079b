import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
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
    plugins: [react(), preloadWindowChunk()],
  },
});

/**
 * main.tsx opens the connection from a small first bundle and imports the window's React tree
 * (render-app.tsx) when it runs; a modulepreload link lets the browser fetch and compile that chunk
 * and the chunks it imports while the first bundle still loads, instead of after it.
 */
function preloadWindowChunk(): Plugin {
  return {
    name: 'skillmeat:preload-window-chunk',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const chunks = Object.values(context.bundle ?? {});
        const windowChunk = chunks.find((chunk) => chunk.type === 'chunk' && chunk.facadeModuleId?.endsWith('/render-app.tsx') === true);
        if (windowChunk === undefined || windowChunk.type !== 'chunk') return [];
        return [windowChunk.fileName, ...windowChunk.imports]
          .filter((file) => chunks.some((chunk) => chunk.fileName === file && chunk.type === 'chunk' && !chunk.isEntry))
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}


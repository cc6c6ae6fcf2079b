// Lint is where the layering of docs/architecture.md is enforced: imports only point down.
//   renderer → shared;  preload → shared (+ electron);  main/server/cli → core → shared.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'typeorm', 'smol-toml', 'commander', 'tar'];

/** A `no-restricted-imports` rule from path bans and pattern bans, each with the reason. */
function restrict(paths, patterns) {
  return ['error', { paths, patterns }];
}
const banElectron = { name: 'electron', message: 'Only src/main and src/preload may import electron.' };
const banNode = nodeBuiltins.map((name) => ({ name, message: 'This layer runs in a browser page: no Node modules.' }));
const banNodePackages = nodeOnlyPackages.map((name) => ({ name, message: 'Node-only library: not in this layer.' }));
const layer = (names, message) => ({ group: names.flatMap((n) => [`**/${n}/*`, `**/${n}`]), message });

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'bench/.work/', 'playwright-report/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The command's launcher is CommonJS (bin/package.json): it starts without the ES-module loader.
    files: ['bin/**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([banElectron, ...banNode, ...banNodePackages], [
        layer(['core', 'cli', 'server', 'main', 'preload', 'renderer'], 'shared is the bottom layer: it imports nothing above it.'),
      ]),
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([banElectron], [
        layer(['cli', 'server', 'main', 'preload', 'renderer'], 'core stands alone: adapters import core, never the reverse.'),
      ]),
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([banElectron], [
        layer(['main', 'preload', 'renderer'], 'An adapter talks to core (and shared) only.'),
      ]),
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([], [
        layer(['cli', 'server', 'preload', 'renderer'], 'main adapts core; it does not reach into other adapters.'),
      ]),
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([...banNodePackages], [
        layer(['core', 'cli', 'server', 'main', 'renderer'], 'preload exposes the contract from shared; nothing else.'),
      ]),
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict([banElectron, ...banNode, ...banNodePackages], [
        layer(['core', 'cli', 'server', 'main', 'preload'], 'The renderer is untrusted: it talks to the app only through the typed client.'),
        { group: ['monaco-editor', 'monaco-editor/*'], message: 'Monaco loads on demand, in its own chunk: only src/renderer/src/monaco/ imports it (views go through load-editors.ts).' },
      ]),
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    ignores: ['src/renderer/src/monaco/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/monaco/merge-editor*', '**/monaco/diff-editor*', '**/monaco/monaco-runtime*'],
              allowTypeImports: true,
              message: 'A static import would pull Monaco into the first bundle: load it with load-editors.ts (types may be imported).',
            },
          ],
        },
      ],
    },
  },
  // Monaco's own folder may import it; views reach it only through load-editors.ts's import().
  {
    files: ['src/renderer/src/monaco/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([banElectron, ...banNode, ...banNodePackages], [
        layer(['core', 'cli', 'server', 'main', 'preload'], 'The renderer is untrusted: it talks to the app only through the typed client.'),
      ]),
    },
  },
  // Raw IPC only in the two files that wrap it (GitHub Desktop's rule): the contract binding in main
  // checks the sender and parses every input; the preload exposes nothing but contract functions.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/contract-ipc.ts', 'src/preload/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          "ImportDeclaration[source.value='electron'] > ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]",
          'ObjectPattern > Property[key.name=/^ipc(Main|Renderer)$/]',
          'MemberExpression[property.name=/^ipc(Main|Renderer)$/]',
        ].map((selector) => ({
          selector,
          message: 'Use the typed contract: raw ipcMain/ipcRenderer belong only in src/main/contract-ipc.ts and src/preload/index.ts.',
        })),
      ],
    },
  },
);

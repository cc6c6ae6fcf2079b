import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The layering messages ESLint gives `code` as if it were the file at `path` (relative to the repo). */
async function layeringErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint (imports only point down)', () => {
  it.each([
    ['src/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/cli/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/shared/x.ts', "import { readFile } from 'node:fs';\nexport const a = readFile;\n"],
    ['src/renderer/src/x.ts', "import { join } from 'path';\nexport const a = join;\n"],
    ['src/renderer/src/x.ts', "import { SkillMeat } from '../../core/skillmeat.js';\nexport const a = SkillMeat;\n"],
    ['src/core/x.ts', "import { runCli } from '../cli/run-cli.js';\nexport const a = runCli;\n"],
    ['src/shared/x.ts', "import { SkillMeat } from '../core/skillmeat.js';\nexport const a = SkillMeat;\n"],
    ['src/main/x.ts', "import { runCli } from '../cli/run-cli.js';\nexport const a = runCli;\n"],
  ])('refuses, in %s: %s', async (path, code) => {
    expect(await layeringErrors(path, code)).not.toEqual([]);
  });

  it.each([
    ['src/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src/cli/x.ts', "import { SkillMeat } from '../core/skillmeat.js';\nexport const a = SkillMeat;\n"],
    ['src/core/x.ts', "import { nameProblem } from '../shared/names.js';\nexport const a = nameProblem;\n"],
  ])('allows, in %s: %s', async (path, code) => {
    expect(await layeringErrors(path, code)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { errorOf, readTree, sampleSkill, tempCore, tempDir } from './support/fixtures.js';

describe('names that would mislead or overflow are refused before anything is written', () => {
  it.each([
    ['a right-to-left override', 'invoice\u202egpj.md'],
    ['a zero-width space', 'can\u200bvas'],
    ['130 × "é" (260 bytes: `<name>.md` would overflow the 255-byte file-name limit)', 'é'.repeat(130)],
  ])('an artifact named with %s', async (_what, name) => {
    const { core, home } = await tempCore();
    await core.init();
    const before = await readTree(home);
    const source = await sampleSkill(await tempDir(), 'canvas');
    expect(await errorOf(() => core.addArtifact(source, { name }))).toMatchObject({ code: 'invalid_name' });
    expect(await readTree(home)).toEqual(before);
  });

  it('a collection named with a bidirectional isolate', async () => {
    const { core, home } = await tempCore();
    expect(await errorOf(() => core.init('work\u2067'))).toMatchObject({ code: 'invalid_name' });
    expect(await readTree(home)).toEqual({});
  });
});

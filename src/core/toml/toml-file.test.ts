import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { readTomlFile, writeTomlFile } from './toml-file.js';
import { workDir } from '../../../test/support/temp-files.js';

/** A file as another tool writes it: comments, its own spacing and array layout, naive timestamps with microseconds. */
const FOREIGN = `# Written by the Python SkillMeat
[collection]
name = "default"
version = "1.0.0"
created = "2025-12-17T14:30:22.123456"
updated = 2025-12-17T14:30:22.123456

[[artifacts]]
name    = "canvas"
type    = "skill"
path    = "skills/canvas"
tags    = ["design","brand"]   # aligned by hand

[[artifacts]]
name = "release-flow"
type = "workflow"
path = "workflows/release-flow"
`;

function fileWith(text: string): string {
  const path = join(workDir('skillmeat-toml-'), 'collection.toml');
  writeFileSync(path, text);
  return path;
}

describe('writeTomlFile on a file that exists', () => {
  it('changes only the values that changed: comments, spacing, arrays and untouched timestamps keep their bytes', async () => {
    const path = fileWith(FOREIGN);
    const value = (await readTomlFile(path))!;
    (value.collection as Record<string, unknown>).version = '1.1.0';
    await writeTomlFile(path, value);
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN.replace('version = "1.0.0"', 'version = "1.1.0"'));
  });

  it('keeps patching a file in another form write after write', async () => {
    const path = fileWith(FOREIGN);
    for (const version of ['1.1.0', '1.2.0']) {
      const value = (await readTomlFile(path))!;
      (value.collection as Record<string, unknown>).version = version;
      await writeTomlFile(path, value);
    }
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN.replace('version = "1.0.0"', 'version = "1.2.0"'));
  });

  it('writes nothing different when nothing changed', async () => {
    const path = fileWith(FOREIGN);
    await writeTomlFile(path, (await readTomlFile(path))!);
    expect(readFileSync(path, 'utf8')).toBe(FOREIGN);
  });

  it('appends a new entry of a list of tables as a section', async () => {
    const path = fileWith(FOREIGN);
    const value = (await readTomlFile(path))!;
    const artifacts = value.artifacts as Record<string, unknown>[];
    await writeTomlFile(path, { ...value, artifacts: [...artifacts, { name: 'tidy', type: 'skill', path: 'skills/tidy' }] });
    expect(readFileSync(path, 'utf8')).toBe(`${FOREIGN}\n[[artifacts]]\nname = "tidy"\ntype = "skill"\npath = "skills/tidy"\n`);
  });

  it('drops a removed entry alone', async () => {
    const path = fileWith(FOREIGN);
    const value = (await readTomlFile(path))!;
    await writeTomlFile(path, { ...value, artifacts: (value.artifacts as unknown[]).slice(1) });
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(FOREIGN.replace(/\[\[artifacts\]\]\nname {4}= "canvas"[\s\S]*?\n\n/, ''));
    expect(parse(text)).toEqual({ ...value, artifacts: (value.artifacts as unknown[]).slice(1) });
  });

  it('turns an empty `key = []` that gets tables into sections', async () => {
    const path = fileWith('# by hand\ndeployed = []\n\n[header]\nversion = 1\n');
    await writeTomlFile(path, { deployed: [{ name: 'canvas' }], header: { version: 1 } });
    expect(readFileSync(path, 'utf8')).toBe('# by hand\n[header]\nversion = 1\n\n[[deployed]]\nname = "canvas"\n');
  });

  it('rewrites a file in its own form whole (the same bytes where nothing changed, without the cost of a patch)', async () => {
    const path = fileWith('a = 1\n\n[[deployed]]\nname = "canvas"\n');
    await writeTomlFile(path, { a: 1, deployed: [{ name: 'canvas' }, { name: 'tidy' }] });
    expect(readFileSync(path, 'utf8')).toBe('a = 1\n\n[[deployed]]\nname = "canvas"\n\n[[deployed]]\nname = "tidy"\n');
  });

  it('writes a file that does not parse whole, and a new file after its header', async () => {
    const broken = fileWith('this is = = not toml\n');
    await writeTomlFile(broken, { a: 1 });
    expect(readFileSync(broken, 'utf8')).toBe('a = 1\n');
    const fresh = join(workDir('skillmeat-toml-'), 'new.toml');
    await writeTomlFile(fresh, { a: 1 }, '# header');
    expect(readFileSync(fresh, 'utf8')).toBe('# header\na = 1\n');
  });
});

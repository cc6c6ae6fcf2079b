import { beforeEach, describe, expect, it } from 'vitest';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashArtifact, hashBytes, hashFileMap } from './content-hash.js';
import { EMPTY_HASH } from '../snapshots/collection-index.js';
import { workDir, writeTreeSync } from '../../../test/support/temp-files.js';

let work: string;
beforeEach(() => {
  work = workDir('skillmeat-hash-');
});

const folder = (name: string, files: Record<string, string | Uint8Array>): string => writeTreeSync(join(work, name), files);

describe('the test vectors of versioning spec section 2', () => {
  it('hashes a file artifact as its raw bytes', async () => {
    const path = join(work, 'skill.md');
    writeFileSync(path, '# Skill\n');
    expect(await hashArtifact(path, 'file')).toBe('74daeff849609b74a42500aff45eb6229a086907ab1b2badae4c29ed4fc10e3c');
  });

  it('hashes a folder holding SKILL.md', async () => {
    const root = folder('test', { 'SKILL.md': '# Test\n' });
    expect(await hashArtifact(root, 'folder')).toBe('1f7c65f4fe4126bbca939133ac420b3e241bd513a645afbc4bfa612b1abf61f9');
  });

  it('hashes an empty folder as the hash of nothing', async () => {
    const root = folder('empty', {});
    expect(await hashArtifact(root, 'folder')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes nested files in component order (a/z.md before a-b.md)', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n', 'a/z.md': 'z', 'a-b.md': 'x', 'scripts/run.sh': 'echo hi\n' });
    expect(await hashArtifact(root, 'folder')).toBe('d285329974a617138baca3338f3af0db1628a26453659f656c5589370c6f2d1c');
  });
});

describe('hashBytes', () => {
  it('is lowercase hex SHA-256, strings taken as UTF-8', () => {
    expect(hashBytes('# Skill\n')).toBe('74daeff849609b74a42500aff45eb6229a086907ab1b2badae4c29ed4fc10e3c');
    expect(hashBytes(new TextEncoder().encode('é'))).toBe(hashBytes('é'));
  });
});

describe('hashArtifact', () => {
  it('returns undefined when nothing is at the root', async () => {
    expect(await hashArtifact(join(work, 'missing'), 'folder')).toBeUndefined();
    expect(await hashArtifact(join(work, 'missing.md'), 'file')).toBeUndefined();
  });

  it('does not normalise line endings', async () => {
    const lf = folder('lf', { 'SKILL.md': 'a\nb\n' });
    const crlf = folder('crlf', { 'SKILL.md': 'a\r\nb\r\n' });
    expect(await hashArtifact(lf, 'folder')).not.toBe(await hashArtifact(crlf, 'folder'));
  });

  it('ignores files of the ignore set', async () => {
    const plain = folder('plain', { 'SKILL.md': '# Skill\n' });
    const noisy = folder('noisy', { 'SKILL.md': '# Skill\n', '.DS_Store': 'junk', '__pycache__/x.pyc': 'junk', '.SKILL.md.swp': 'junk' });
    expect(await hashArtifact(noisy, 'folder')).toBe(await hashArtifact(plain, 'folder'));
  });

  it('depends on file names, not only their bytes', async () => {
    const one = folder('one', { 'SKILL.md': '# Skill\n' });
    const other = folder('other', { 'README.md': '# Skill\n' });
    expect(await hashArtifact(one, 'folder')).not.toBe(await hashArtifact(other, 'folder'));
  });

  it('hashes non-UTF-8 bytes as they are', async () => {
    const root = folder('binary', { 'logo.bin': new Uint8Array([0xff, 0x00, 0xfe]) });
    const expected = hashBytes(Buffer.concat([Buffer.from('logo.bin'), Buffer.from([0xff, 0x00, 0xfe])]));
    expect(await hashArtifact(root, 'folder')).toBe(expected);
  });

  it('hashes a file larger than one read buffer completely', async () => {
    const big = Buffer.alloc(300 * 1024 + 7, 'a');
    big[big.length - 1] = 0x62;
    const path = join(work, 'big.md');
    writeFileSync(path, big);
    expect(await hashArtifact(path, 'file')).toBe(hashBytes(big));
  });

  it('hashes a link to a file inside as the target content, like a copy', async () => {
    const linked = folder('linked', { 'SKILL.md': '# Skill\n' });
    symlinkSync('SKILL.md', join(linked, 'README.md'));
    const copied = folder('copied', { 'SKILL.md': '# Skill\n', 'README.md': '# Skill\n' });
    expect(await hashArtifact(linked, 'folder')).toBe(await hashArtifact(copied, 'folder'));
  });

  it('never follows a link out of the artifact: by default it is left out', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n' });
    const plain = await hashArtifact(root, 'folder');
    writeFileSync(join(work, 'secret.txt'), 'secret');
    symlinkSync(join(work, 'secret.txt'), join(root, 'secret.txt'));
    expect(await hashArtifact(root, 'folder')).toBe(plain);
  });

  it('refuses a link out of the artifact when asked to', async () => {
    const root = folder('skill', { 'SKILL.md': '# Skill\n' });
    writeFileSync(join(work, 'secret.txt'), 'secret');
    symlinkSync(join(work, 'secret.txt'), join(root, 'secret.txt'));
    await expect(hashArtifact(root, 'folder', { onEscapingLink: 'refuse' })).rejects.toMatchObject({ code: 'symlink_escape' });
  });

  it('lets the event loop run while it hashes a large artifact', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i += 1) files[`part-${i}.md`] = `part ${i}\n`;
    const root = folder('large', files);
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await hashArtifact(root, 'folder');
    ticking = false;
    expect(turns).toBeGreaterThanOrEqual(2);
  });
});

describe('hashFileMap', () => {
  it('gives the spec vectors for in-memory trees, as hashArtifact does on disk', async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(await hashFileMap(new Map([['', enc('# Skill\n')]]), 'file')).toBe('74daeff849609b74a42500aff45eb6229a086907ab1b2badae4c29ed4fc10e3c');
    expect(await hashFileMap(new Map(), 'folder')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // The collection index's constant for it (written out so that loading the module hashes nothing).
    expect(EMPTY_HASH).toBe(await hashFileMap(new Map(), 'folder'));
    const tree = new Map([
      ['scripts/run.sh', enc('echo hi\n')],
      ['a-b.md', enc('x')],
      ['SKILL.md', enc('# Skill\n')],
      ['a/z.md', enc('z')],
    ]);
    expect(await hashFileMap(tree, 'folder')).toBe('d285329974a617138baca3338f3af0db1628a26453659f656c5589370c6f2d1c');
  });
});

import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { existingJournalKey, journalKey } from './journal-key.js';
import { workDir } from '../../../test/support/temp-files.js';

const MODULE = join(import.meta.dirname, '../../../dist/core/fs/journal-key.js');

describe('journal key', () => {
  it('is made at first use, readable by the user alone, and the same ever after', async () => {
    const keyFile = join(workDir(), 'home', 'journal.key');
    expect(await existingJournalKey(keyFile)).toBeUndefined();
    const key = await journalKey(keyFile);
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((await existingJournalKey(keyFile))?.sign('x')).toBe(key.sign('x'));
  });

  it('is one key when several processes make it at once', async () => {
    const keyFile = join(workDir(), 'journal.key');
    const script = `const { journalKey } = await import(${JSON.stringify(MODULE)}); process.stdout.write((await journalKey(${JSON.stringify(keyFile)})).sign('probe'));`;
    const outputs = await Promise.all(
      Array.from({ length: 6 }, () => new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      })),
    );
    expect(new Set(outputs).size).toBe(1);
  });

  it('refuses a damaged key file, saying how to get a new one', async () => {
    const keyFile = join(workDir(), 'journal.key');
    writeFileSync(keyFile, 'not a key');
    await expect(journalKey(keyFile)).rejects.toMatchObject({ code: 'corrupt_file', message: expect.stringContaining('Delete it') });
  });

  it('verifies only its own signatures', async () => {
    const mine = await journalKey(join(workDir(), 'a.key'));
    const theirs = await journalKey(join(workDir(), 'b.key'));
    expect(mine.verifies('text', mine.sign('text'))).toBe(true);
    expect(mine.verifies('text', mine.sign('text').slice(0, 16))).toBe(true);
    expect(mine.verifies('text', theirs.sign('text'))).toBe(false);
    expect(mine.verifies('other', mine.sign('text'))).toBe(false);
    expect(mine.verifies('text', 'short')).toBe(false);
    expect(mine.verifies('text', 42)).toBe(false);
  });
});

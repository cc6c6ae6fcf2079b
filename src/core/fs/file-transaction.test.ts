import { describe, expect, it } from 'vitest';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileTransaction, inTransaction, recoverTransactions } from './file-transaction.js';
import { readTree, workDir, writeTree } from '../../../test/support/temp-files.js';

describe('FileTransaction', () => {
  it('puts adds, updates and deletes in place together and leaves no staging folder', async () => {
    const root = workDir();
    await writeTree(root, { 'keep.txt': 'keep\n', 'update.txt': 'old\n', 'gone/a.txt': 'a\n' });
    await inTransaction(root, async (tx) => {
      await tx.writeFile(join(root, 'update.txt'), 'new\n');
      await tx.writeFile(join(root, 'sub/added.txt'), 'added\n');
      tx.delete(join(root, 'gone'));
    });
    expect(await readTree(root)).toEqual({ 'keep.txt': 'keep\n', 'update.txt': 'new\n', 'sub/added.txt': 'added\n' });
  });

  it('changes nothing when the work before commit throws', async () => {
    const root = workDir();
    await writeTree(root, { 'a.txt': 'old\n' });
    await expect(
      inTransaction(root, async (tx) => {
        await tx.writeFile(join(root, 'a.txt'), 'new\n');
        throw new Error('planned failure');
      }),
    ).rejects.toThrow('planned failure');
    expect(await readTree(root)).toEqual({ 'a.txt': 'old\n' });
  });

  it('puts everything back when a rename fails midway', async () => {
    const root = workDir();
    await writeTree(root, { 'a.txt': 'old a\n', blocker: 'a file where a folder is needed\n' });
    await expect(
      inTransaction(root, async (tx) => {
        await tx.writeFile(join(root, 'a.txt'), 'new a\n');
        await tx.writeFile(join(root, 'blocker/inside.txt'), 'cannot go here\n');
      }),
    ).rejects.toMatchObject({ code: 'io_error' });
    expect(await readTree(root)).toEqual({ 'a.txt': 'old a\n', blocker: 'a file where a folder is needed\n' });
  });

  it('refuses to change one target twice (a caller bug, not a state to guess at)', async () => {
    const root = workDir();
    const tx = await FileTransaction.begin(root);
    await tx.writeFile(join(root, 'a.txt'), '1');
    await expect(tx.writeFile(join(root, 'a.txt'), '2')).rejects.toThrow('twice');
    await tx.discard();
  });
});

describe('recoverTransactions', () => {
  it('removes a staging folder killed before its journal, leaving the targets alone', async () => {
    const root = workDir();
    await writeTree(root, { 'a.txt': 'old\n', '.skillmeat-staging-0123456789ab/new-0': 'half staged' });
    expect(await recoverTransactions(root)).toBe(0);
    expect(await readTree(root)).toEqual({ 'a.txt': 'old\n' });
  });

  it('rolls back a journaled transaction whose renames were cut short', async () => {
    const root = workDir();
    await writeTree(root, { 'a.txt': 'new a\n', 'b.txt': 'old b\n' });
    // As a kill would leave it: a.txt swapped (old copy aside), b.txt not reached yet.
    const staging = join(root, '.skillmeat-staging-0123456789ab');
    await writeTree(staging, { 'aside-0': 'old a\n', 'new-1': 'new b\n' });
    const journal = [
      { target: 'a.txt', staged: '.skillmeat-staging-0123456789ab/new-0', aside: '.skillmeat-staging-0123456789ab/aside-0' },
      { target: 'b.txt', staged: '.skillmeat-staging-0123456789ab/new-1', aside: '.skillmeat-staging-0123456789ab/aside-1' },
    ];
    await writeFile(join(staging, 'journal.json'), JSON.stringify({ format: 1, changes: journal }));
    expect(await recoverTransactions(root)).toBe(1);
    expect(await readTree(root)).toEqual({ 'a.txt': 'old a\n', 'b.txt': 'old b\n' });
  });

  it('keeps the new state of a transaction that reached its commit mark', async () => {
    const root = workDir();
    await writeTree(root, { 'a.txt': 'new a\n', '.skillmeat-staging-0123456789ab/aside-0': 'old a\n', '.skillmeat-staging-0123456789ab/committed.json': '{}' });
    expect(await recoverTransactions(root)).toBe(0);
    expect(await readTree(root)).toEqual({ 'a.txt': 'new a\n' });
  });

  it('touches only the staging folders of the owner it is asked about', async () => {
    const root = workDir();
    await mkdir(join(root, '.skillmeat-staging-other--0123456789ab'), { recursive: true });
    await mkdir(join(root, '.skillmeat-staging-mine--0123456789ab'), { recursive: true });
    await recoverTransactions(root, 'mine');
    expect(await readdir(root)).toEqual(['.skillmeat-staging-other--0123456789ab']);
  });

  it('refuses a journal it cannot read, naming the folder, and changes nothing', async () => {
    const root = workDir();
    await writeTree(root, { 'a.txt': 'x\n', '.skillmeat-staging-0123456789ab/journal.json': '{"format": 9}' });
    await expect(recoverTransactions(root)).rejects.toMatchObject({ code: 'corrupt_file', message: expect.stringContaining('.skillmeat-staging-0123456789ab') });
    expect(await readTree(root)).toMatchObject({ 'a.txt': 'x\n' });
  });

  it('refuses a planted journal that would move files outside its folder, and moves nothing', async () => {
    const home = workDir();
    const root = join(home, 'project');
    await writeTree(home, { 'outside.txt': 'keep me\n' });
    const staging = '.skillmeat-staging-0123456789ab';
    await writeTree(root, { [`${staging}/aside-0`]: 'attacker content\n' });
    const journal = [{ target: '../outside.txt', staged: null, aside: `${staging}/aside-0` }];
    await writeFile(join(root, staging, 'journal.json'), JSON.stringify({ format: 1, changes: journal }));
    await expect(recoverTransactions(root)).rejects.toMatchObject({ code: 'corrupt_file', message: expect.stringContaining('lies outside') });
    expect(await readTree(home)).toEqual({ 'outside.txt': 'keep me\n', [`project/${staging}/aside-0`]: 'attacker content\n', [`project/${staging}/journal.json`]: JSON.stringify({ format: 1, changes: journal }) });
  });

  it('refuses a journal whose aside copy lies outside its staging folder', async () => {
    const root = workDir();
    await writeTree(root, { 'a.txt': 'x\n', 'elsewhere/file': 'y\n' });
    const staging = '.skillmeat-staging-0123456789ab';
    await writeTree(root, { [`${staging}/new-0`]: 'z' });
    await writeFile(join(root, staging, 'journal.json'), JSON.stringify({ format: 1, changes: [{ target: 'a.txt', staged: `${staging}/new-0`, aside: 'elsewhere/file' }] }));
    await expect(recoverTransactions(root)).rejects.toMatchObject({ code: 'corrupt_file' });
    expect(await readTree(root)).toMatchObject({ 'a.txt': 'x\n', 'elsewhere/file': 'y\n' });
  });
});


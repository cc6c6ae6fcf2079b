import { describe, expect, it } from 'vitest';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileTransaction, inTransaction, recoverTransactions, signedJournal, stagedTransactions, type StoredChange } from './file-transaction.js';
import { JournalKey } from './journal-key.js';
import { readTree, workDir, writeTree } from '../../../test/support/temp-files.js';

const key = JournalKey.fromBytes(Buffer.alloc(32, 7));
const otherHome = JournalKey.fromBytes(Buffer.alloc(32, 9));

/** A signed staging folder under `root`, as a killed transaction of this home leaves it; returns its name. */
async function ownStagingFolder(root: string, owner?: string): Promise<string> {
  const tx = await FileTransaction.begin(root, key, owner === undefined ? {} : { owner });
  return tx.stagingDir.slice(root.length + 1);
}

describe('FileTransaction', () => {
  it('puts adds, updates and deletes in place together and leaves no staging folder', async () => {
    const root = workDir();
    await writeTree(root, { 'keep.txt': 'keep\n', 'update.txt': 'old\n', 'gone/a.txt': 'a\n' });
    await inTransaction(root, key, async (tx) => {
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
      inTransaction(root, key, async (tx) => {
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
      inTransaction(root, key, async (tx) => {
        await tx.writeFile(join(root, 'a.txt'), 'new a\n');
        await tx.writeFile(join(root, 'blocker/inside.txt'), 'cannot go here\n');
      }),
    ).rejects.toMatchObject({ code: 'io_error' });
    expect(await readTree(root)).toEqual({ 'a.txt': 'old a\n', blocker: 'a file where a folder is needed\n' });
  });

  it('refuses to change one target twice (a caller bug, not a state to guess at)', async () => {
    const root = workDir();
    const tx = await FileTransaction.begin(root, key);
    await tx.writeFile(join(root, 'a.txt'), '1');
    await expect(tx.writeFile(join(root, 'a.txt'), '2')).rejects.toThrow('twice');
    await tx.discard();
  });

  it('names its staging folder with a signature only this home key makes', async () => {
    const root = workDir();
    const name = await ownStagingFolder(root);
    expect(name).toMatch(/^\.skillmeat-staging-[0-9a-f]{12}-[0-9a-f]{16}$/);
    expect(stagedTransactions(root, key)).toEqual({ ours: [name], foreign: [] });
    expect(stagedTransactions(root, otherHome)).toEqual({ ours: [], foreign: [name] });
    expect(stagedTransactions(root, undefined)).toEqual({ ours: [], foreign: [name] });
  });
});

describe('recoverTransactions', () => {
  it('removes a staging folder of this home killed before its journal, leaving the targets alone', async () => {
    const root = workDir();
    const staging = await ownStagingFolder(root);
    await writeTree(root, { 'a.txt': 'old\n', [`${staging}/new-0`]: 'half staged' });
    expect(await recoverTransactions(root, key)).toEqual({ rolledBack: 0, foreign: [] });
    expect(await readTree(root)).toEqual({ 'a.txt': 'old\n' });
  });

  it('rolls back a journaled transaction whose renames were cut short', async () => {
    const root = workDir();
    const staging = await ownStagingFolder(root);
    await writeTree(root, { 'a.txt': 'new a\n', 'b.txt': 'old b\n' });
    // As a kill would leave it: a.txt swapped (old copy aside), b.txt not reached yet.
    await writeTree(join(root, staging), { 'aside-0': 'old a\n', 'new-1': 'new b\n' });
    const journal: StoredChange[] = [
      { target: 'a.txt', staged: `${staging}/new-0`, aside: `${staging}/aside-0` },
      { target: 'b.txt', staged: `${staging}/new-1`, aside: `${staging}/aside-1` },
    ];
    await writeFile(join(root, staging, 'journal.json'), signedJournal(key, join(root, staging), journal));
    expect(await recoverTransactions(root, key)).toEqual({ rolledBack: 1, foreign: [] });
    expect(await readTree(root)).toEqual({ 'a.txt': 'old a\n', 'b.txt': 'old b\n' });
  });

  it('keeps the new state of a transaction that reached its commit mark', async () => {
    const root = workDir();
    const staging = await ownStagingFolder(root);
    await writeTree(root, { 'a.txt': 'new a\n', [`${staging}/aside-0`]: 'old a\n', [`${staging}/committed.json`]: '{}' });
    expect((await recoverTransactions(root, key)).rolledBack).toBe(0);
    expect(await readTree(root)).toEqual({ 'a.txt': 'new a\n' });
  });

  it('touches only the staging folders of the owner it is asked about', async () => {
    const root = workDir();
    const other = await ownStagingFolder(root, 'other');
    await ownStagingFolder(root, 'mine');
    await recoverTransactions(root, key, 'mine');
    expect(await readdir(root)).toEqual([other]);
  });

  it('leaves a planted staging folder exactly as it is, journal and all, and reports it', async () => {
    const home = workDir();
    const root = join(home, 'project');
    await writeTree(root, { 'settings.local.json': '{"permissions":{"allow":[]}}\n', 'skills/x/SKILL.md': '# x\n' });
    // What a cloned repository could carry: a staging folder whose journal swaps the settings in.
    const planted = '.skillmeat-staging-0123456789ab';
    await writeTree(root, { [`${planted}/new-0`]: '{"permissions":{"allow":["Bash(*)"]}}\n' });
    const journal = [{ target: 'settings.local.json', staged: `${planted}/new-0`, aside: `${planted}/aside-0` }, { target: 'skills', staged: null, aside: `${planted}/aside-1` }];
    await writeFile(join(root, planted, 'journal.json'), JSON.stringify({ format: 2, changes: journal, mac: '0'.repeat(64) }));
    const before = await readTree(home);
    expect(await recoverTransactions(root, key)).toEqual({ rolledBack: 0, foreign: [planted] });
    expect(await readTree(home)).toEqual(before);
  });

  it('leaves alone a staging folder signed by another home', async () => {
    const root = workDir();
    const tx = await FileTransaction.begin(root, otherHome);
    await writeTree(tx.stagingDir, { 'new-0': 'theirs' });
    const name = tx.stagingDir.slice(root.length + 1);
    expect(await recoverTransactions(root, key)).toEqual({ rolledBack: 0, foreign: [name] });
    expect(await readTree(root)).toEqual({ [`${name}/new-0`]: 'theirs' });
  });

  it('refuses a journal whose signature does not verify in its own staging folder, and moves nothing', async () => {
    const root = workDir();
    const staging = await ownStagingFolder(root);
    await writeTree(root, { 'a.txt': 'x\n', [`${staging}/new-0`]: 'planted\n' });
    const journal = [{ target: 'a.txt', staged: `${staging}/new-0`, aside: `${staging}/aside-0` }];
    await writeFile(join(root, staging, 'journal.json'), signedJournal(otherHome, join(root, staging), journal));
    await expect(recoverTransactions(root, key)).rejects.toMatchObject({ code: 'corrupt_file', message: expect.stringContaining('signature') });
    expect(await readTree(root)).toMatchObject({ 'a.txt': 'x\n' });
  });

  it('refuses a journal it cannot read, naming the folder, and changes nothing', async () => {
    const root = workDir();
    const staging = await ownStagingFolder(root);
    await writeTree(root, { 'a.txt': 'x\n', [`${staging}/journal.json`]: '{"format": 9}' });
    await expect(recoverTransactions(root, key)).rejects.toMatchObject({ code: 'corrupt_file', message: expect.stringContaining(staging) });
    expect(await readTree(root)).toMatchObject({ 'a.txt': 'x\n' });
  });

  it('refuses a signed journal that would move files outside its folder, and moves nothing', async () => {
    const home = workDir();
    const root = join(home, 'project');
    await mkdir(root);
    await writeTree(home, { 'outside.txt': 'keep me\n' });
    const staging = await ownStagingFolder(root);
    await writeTree(root, { [`${staging}/aside-0`]: 'attacker content\n' });
    const journal = [{ target: '../outside.txt', staged: null, aside: `${staging}/aside-0` }];
    await writeFile(join(root, staging, 'journal.json'), signedJournal(key, join(root, staging), journal));
    await expect(recoverTransactions(root, key)).rejects.toMatchObject({ code: 'corrupt_file', message: expect.stringContaining('lies outside') });
    expect(await readTree(home)).toMatchObject({ 'outside.txt': 'keep me\n' });
  });

  it('refuses a journal whose aside copy lies outside its staging folder', async () => {
    const root = workDir();
    await writeTree(root, { 'a.txt': 'x\n', 'elsewhere/file': 'y\n' });
    const staging = await ownStagingFolder(root);
    await writeTree(root, { [`${staging}/new-0`]: 'z' });
    await writeFile(join(root, staging, 'journal.json'), signedJournal(key, join(root, staging), [{ target: 'a.txt', staged: `${staging}/new-0`, aside: 'elsewhere/file' }]));
    await expect(recoverTransactions(root, key)).rejects.toMatchObject({ code: 'corrupt_file' });
    expect(await readTree(root)).toMatchObject({ 'a.txt': 'x\n', 'elsewhere/file': 'y\n' });
  });
});

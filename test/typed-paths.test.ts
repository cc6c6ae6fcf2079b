import { describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { ContractService } from '../src/core/service/contract-service.js';
import { createClient } from '../src/shared/contract-client.js';
import { readTree, steppingClock, tempDir, workDir, writeTree } from './support/fixtures.js';
import { afterThisTest } from './support/temp-files.js';
import { contractBackEnd, rejection } from './support/contract-backend.js';

describe('paths the app sends for a person (addArtifact, addProject)', () => {
  it('reads ~/… as the home folder', async () => {
    const { client } = await contractBackEnd();
    await client.initCollection({ name: 'default' });
    // A home folder of our own for this test (os.homedir() reads HOME), with a command file in it.
    const home = workDir('skillmeat-person-');
    const previous = process.env['HOME'];
    process.env['HOME'] = home;
    afterThisTest(() => {
      if (previous === undefined) delete process.env['HOME'];
      else process.env['HOME'] = previous;
    });
    await writeTree(home, { 'notes/review.md': '---\nversion: 1.0.0\n---\nReview the change.\n' });
    expect(homedir()).toBe(home);
    const added = await client.addArtifact({ source_path: '~/notes/review.md', type: 'command' });
    expect(added).toMatchObject({ name: 'review', type: 'command', version: '1.0.0' });
  });

  it('refuses a relative path, says what to type, and changes nothing', async () => {
    const { client, home } = await contractBackEnd();
    await client.initCollection({ name: 'default' });
    const before = await readTree(home);
    const error = await rejection(client.addProject({ path: 'code/webapp' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('code/webapp is a relative path, and the app has no current folder to read it from. Type the full path (it starts with /), or ~/ for a folder in your home.');
    expect(await rejection(client.addArtifact({ source_path: 'skills/canvas' }))).toMatchObject({ code: 'invalid_input' });
    expect(await readTree(home)).toEqual(before);
  });
});

describe('choosePath', () => {
  it("answers with the adapter's native dialog: the chosen path, or null when cancelled", async () => {
    const answers: (string | null)[] = ['/work/webapp', null];
    const asked: unknown[] = [];
    const service = new ContractService({
      home: await tempDir('skillmeat-home-'),
      now: steppingClock(),
      choosePath: async (request) => {
        asked.push(request);
        return answers.shift() ?? null;
      },
    });
    afterThisTest(() => service.close());
    const client = createClient(service);
    expect(await client.choosePath({ kind: 'folder', purpose: 'project' })).toEqual({ path: '/work/webapp' });
    expect(await client.choosePath({ kind: 'file', purpose: 'artifact' })).toEqual({ path: null });
    expect(asked).toEqual([{ kind: 'folder', purpose: 'project' }, { kind: 'file', purpose: 'artifact' }]);
  });

  it('refuses a request for anything but a folder or a file', async () => {
    const { client } = await contractBackEnd();
    expect(await rejection(client.choosePath({ kind: 'symlink', purpose: 'project' } as never))).toMatchObject({ code: 'invalid_input' });
  });
});

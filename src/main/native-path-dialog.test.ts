import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ dialog: { showOpenDialog: vi.fn() } }));

const { openDialogOptions } = await import('./native-path-dialog.js');

describe('openDialogOptions', () => {
  it('asks for one folder to import a project', () => {
    expect(openDialogOptions({ kind: 'folder', purpose: 'project' })).toEqual({ title: 'Choose a project folder', buttonLabel: 'Import', properties: ['openDirectory'] });
  });

  it('asks for one file for a single-file artifact, Markdown first', () => {
    const options = openDialogOptions({ kind: 'file', purpose: 'artifact' });
    expect(options.properties).toEqual(['openFile']);
    expect(options.title).toMatch(/artifact file/);
    expect(options.filters?.[0]).toEqual({ name: 'Markdown', extensions: ['md'] });
  });
});

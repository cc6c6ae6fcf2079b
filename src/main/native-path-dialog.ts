import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { ChoosePathInput } from '../shared/contract.js';

/** The open dialog's settings for a request: one folder or one file, with a title saying what it is for. */
export function openDialogOptions(request: ChoosePathInput): OpenDialogOptions {
  const what = request.purpose === 'project' ? 'a project folder' : request.kind === 'folder' ? 'an artifact folder' : 'an artifact file (a command or an agent is one .md file)';
  return {
    title: `Choose ${what}`,
    buttonLabel: request.purpose === 'project' ? 'Import' : 'Add',
    properties: request.kind === 'folder' ? ['openDirectory'] : ['openFile'],
    ...(request.kind === 'file' && request.purpose === 'artifact' ? { filters: [{ name: 'Markdown', extensions: ['md'] }, { name: 'All files', extensions: ['*'] }] } : {}),
  };
}

/**
 * Answers the contract's `choosePath` with the desktop's native open dialog, modal to the app's
 * window when it is open. The renderer never sees the file system: it only receives the path the
 * user chose (null when they cancelled).
 */
export async function chooseWithNativeDialog(window: BrowserWindow | undefined, request: ChoosePathInput): Promise<string | null> {
  const options = openDialogOptions(request);
  const answer = window === undefined ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options);
  return answer.canceled ? null : (answer.filePaths[0] ?? null);
}

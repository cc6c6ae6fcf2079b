/**
 * The folder paths a drop carries. Electron's preload can name a dropped file's path; a browser
 * cannot, so a path or file:// URL dropped as text is accepted too (see docs/renderer.md).
 */
import { pathsFromDropText } from '../view-model/dropped-path.js';

/** Paths from the drop's files (when `pathOfFile` can name them), else from its uri-list or plain text. */
export function droppedFolderPaths(data: DataTransfer, pathOfFile: ((file: File) => string) | null): readonly string[] {
  if (pathOfFile !== null) {
    const fromFiles = Array.from(data.files, (file) => pathOfFile(file)).filter((path) => path !== '');
    if (fromFiles.length > 0) return fromFiles;
  }
  const fromUris = pathsFromDropText(data.getData('text/uri-list'));
  return fromUris.length > 0 ? fromUris : pathsFromDropText(data.getData('text/plain'));
}

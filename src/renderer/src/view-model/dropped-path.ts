/**
 * A folder path from what a drop carried as text. In web mode a browser never reveals where a
 * dropped folder lives, so the drop handler also accepts a path or a file:// URL dropped as text
 * (from a file manager's "copy location", a terminal, or a test's synthetic drop).
 */

/** The absolute paths named by a drop's `text/uri-list` or `text/plain` data, in order. */
export function pathsFromDropText(text: string): readonly string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(pathOfLine)
    .filter((path): path is string => path !== null);
}

function pathOfLine(line: string): string | null {
  if (/^file:\/\//i.test(line)) return pathOfFileUrl(line);
  if (line.startsWith('/') || /^[A-Za-z]:[\\/]/.test(line) || line.startsWith('\\\\')) return line;
  return null;
}

function pathOfFileUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // file:///C:/x → C:/x; file://server/share → //server/share
  if (/^\/[A-Za-z]:\//.test(path)) return path.slice(1);
  return parsed.host === '' || parsed.host === 'localhost' ? path : `//${parsed.host}${path}`;
}

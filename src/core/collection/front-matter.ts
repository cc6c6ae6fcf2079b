import { readFile } from 'node:fs/promises';

/**
 * Reads one scalar key from a Markdown file's YAML front matter (`---` … `---`), e.g. `version`.
 * Only plain `key: value` lines are understood; anything fancier is ignored, never an error,
 * because front matter is informative metadata, not something SkillMeat depends on.
 */
export async function readFrontMatter(path: string, key: string): Promise<string | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!match) return undefined;
  for (const line of match[1]!.split(/\r?\n/)) {
    const pair = /^([A-Za-z0-9_-]+):\s*(.*?)\s*$/.exec(line);
    if (pair && pair[1] === key) {
      const value = pair[2]!.replace(/^(['"])(.*)\1$/, '$2');
      return value.length > 0 ? value : undefined;
    }
  }
  return undefined;
}

import { isBinary } from './binary.js';
import { isStored, type FileContent } from './file-map.js';

/** A file's content as text, if it is text: absent, too large to hold in memory, binary (a NUL byte, or not UTF-8), or its text. */
export type TextContent = { readonly kind: 'absent' } | { readonly kind: 'too_large' } | { readonly kind: 'binary' } | { readonly kind: 'text'; readonly text: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a content as text the way git judges it: binary when it holds a NUL early, and (for us) when it is not valid UTF-8. */
export function textOf(content: FileContent | undefined): TextContent {
  if (content === undefined) return { kind: 'absent' };
  if (isStored(content)) return { kind: 'too_large' };
  if (isBinary(content)) return { kind: 'binary' };
  try {
    return { kind: 'text', text: UTF8.decode(content) };
  } catch {
    return { kind: 'binary' };
  }
}

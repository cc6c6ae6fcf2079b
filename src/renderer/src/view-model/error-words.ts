/**
 * Messages from the core in the app's words. The core speaks to the command line as well, so some
 * of its messages end with a flag or a command to type ("pass --force", "See `skillmeat list`");
 * in the app those become what to do here, and anything else naming a flag or a command is left
 * out. Every message the renderer shows from the back end passes through `inAppWords`.
 */

/** Known hints for the command line and what the app says instead. */
const REWRITES: readonly (readonly [RegExp, string])[] = [
  [/undeploying would delete them\. Push them first, or pass --force\./g, 'removing it would delete them. Push them to the collection first.'],
  [/Move it away, or pass --overwrite to replace it\./g, 'Move it away, then deploy again.'],
  [/Push them to the collection, or pass --overwrite to discard them\./g, 'Push them to the collection first.'],
  [/Remove it first or add under another --name\./g, 'Remove it from the collection first, or rename its folder or file before adding it.'],
  [/ Say it with --type \(([^)]*)\)\./g, ' It should be one of: $1.'],
  [/[.;] [Ss]ay which with --type\./g, '.'],
  [/undeploy it, or push --strategy fork to keep it/g, 'remove it from the project, or push it as a new artifact to keep it'],
  [/push --strategy fork adds it back as a new artifact/g, 'pushing it as a new artifact adds it back'],
  [/ \(resolve --from that file\)/g, ''],
  [/roll back without --paths/g, 'roll back without choosing artifacts'],
  [/Create it with `skillmeat init [^`]*`\./g, 'Create it in the Collection view.'],
  [/See `skillmeat history [^`]*`( for the ids)?\./g, 'Its versions are listed in its history.'],
  [/; run `skillmeat verify`\./g, '.'],
  [/ \(`skillmeat update --check`\)/g, ''],
];

/** A flag or a command line left in a sentence. */
const COMMAND_LINE = /(^|[\s(])--[a-z]|`skillmeat\b/;

/** The message in the app's words: known command-line hints rewritten, any other sentence naming a flag or command left out. */
export function inAppWords(message: string): string {
  const rewritten = REWRITES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
  if (!COMMAND_LINE.test(rewritten)) return rewritten;
  const sentences = rewritten.split(/(?<=[.!?])\s+/);
  const kept = sentences.filter((sentence) => !COMMAND_LINE.test(sentence));
  // A message that is nothing but a hint for the command line still says something went wrong.
  return kept.length > 0 ? kept.join(' ') : sentences.map((s) => s.replace(/\s*\(?`[^`]*`\)?|\s*--[a-z][\w-]*/g, '')).join(' ');
}

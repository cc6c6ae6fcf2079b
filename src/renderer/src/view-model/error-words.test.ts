import { describe, expect, it } from 'vitest';
import { inAppWords } from './error-words.js';

// The core's messages that name a flag or a command, as it writes them (src/core).
const CORE_MESSAGES = [
  '/p/.claude/skills/canvas has local edits; undeploying would delete them. Push them first, or pass --force.',
  '/p/.claude/skills/canvas already exists and was not deployed by SkillMeat. Move it away, or pass --overwrite to replace it.',
  '/p/.claude/skills/canvas has local edits (it differs from what was deployed). Push them to the collection, or pass --overwrite to discard them.',
  'The skill "canvas" is already in collection "default". Remove it first or add under another --name.',
  'Cannot tell what kind of artifact /tmp/x is. Say it with --type (skill, command, agent).',
  '"review" names 2 artifacts (skill, command). Say which with --type.',
  '"review" names 2 deployed artifacts; say which with --type.',
  'removed from its collection: undeploy it, or push --strategy fork to keep it',
  'not in its collection any more: push --strategy fork adds it back as a new artifact',
  'The project copy of canvas changed since the sync that left this merge, and completing it would discard that: SKILL.md. Nothing was written. To keep your edit of a conflicted file, settle it from the file itself (resolve --from that file); otherwise sync again, to merge the copy as it is now.',
  'Nothing was rolled back; to restore all of the collection, roll back without --paths.',
  'Collection "work" does not exist in /h/collections. Create it with `skillmeat init work`.',
  'No skill named "x" in collection "default". See `skillmeat list`.',
  'No version "av_x" of skill "canvas". See `skillmeat history canvas` for the ids.',
  'The snapshot archive /a.tar.gz does not hold skill "canvas" as its index says (content 0123456789ab). The archive changed or is damaged; run `skillmeat verify`.',
  '"canvas" is not deployed in /p. See `skillmeat drift /p`.',
];

describe('errors in the app\'s words', () => {
  it.each(CORE_MESSAGES)('names no flag or command: %s', (message) => {
    const text = inAppWords(message);
    expect(text).not.toMatch(/--|`|skillmeat /);
    expect(text.length).toBeGreaterThan(10);
  });

  it('says what to do in the app instead of the flag', () => {
    expect(inAppWords(CORE_MESSAGES[0]!)).toBe('/p/.claude/skills/canvas has local edits; removing it would delete them. Push them to the collection first.');
    expect(inAppWords(CORE_MESSAGES[3]!)).toBe('The skill "canvas" is already in collection "default". Remove it from the collection first, or rename its folder or file before adding it.');
    expect(inAppWords(CORE_MESSAGES[4]!)).toBe('Cannot tell what kind of artifact /tmp/x is. It should be one of: skill, command, agent.');
    expect(inAppWords(CORE_MESSAGES[11]!)).toBe('Collection "work" does not exist in /h/collections. Create it in the Collection view.');
    expect(inAppWords('Commit 0123456789ab of github:o/r/s is not in the source cache. Check for updates first (`skillmeat update --check`), which fetches it.')).toBe(
      'Commit 0123456789ab of github:o/r/s is not in the source cache. Check for updates first, which fetches it.',
    );
  });

  it('leaves out a sentence that only helps on the command line', () => {
    expect(inAppWords('"canvas" is not deployed in /p. See `skillmeat drift /p`.')).toBe('"canvas" is not deployed in /p.');
  });

  it('keeps a message without a flag as it is, dashes and paths included', () => {
    expect(inAppWords('/home/me/my--project is not a folder — check the path.')).toBe('/home/me/my--project is not a folder — check the path.');
  });
});

import { describe, expect, it } from 'vitest';
import { parseVersion, parseVersionId, serializeVersion, versionId, type VersionRecord } from './version-record.js';

const HASH = '1f7c65f4fe4126bbca939133ac420b3e241bd513a645afbc4bfa612b1abf61f9';
const RECORD: VersionRecord = {
  id: 'av_canvas-skill_1f7c65f4fe41',
  artifact: { collection: 'default', name: 'canvas', type: 'skill' },
  content_hash: HASH,
  files: { 'SKILL.md': 'a'.repeat(64) },
  executable: [],
  parents: [],
  created_at: '2026-01-01T00:00:00Z',
  created_by: 'system',
  merge_strategy: 'deploy',
  scope: { kind: 'collection', name: 'default' },
  version_tag: null,
  snapshot_id: null,
  metadata: {},
};

const parse = (value: unknown, id = RECORD.id) => parseVersion(JSON.stringify(value), '/home/objects/versions/x.json', id);

describe('version ids', () => {
  it('are av_<name>-<type>_<first 12 hex of the content hash>', () => {
    expect(versionId({ name: 'canvas', type: 'skill' }, HASH)).toBe('av_canvas-skill_1f7c65f4fe41');
  });

  it('split back into name, type and hash even when the name looks like a type', () => {
    expect(parseVersionId(versionId({ name: 'x-command_abc', type: 'skill' }, HASH))).toEqual({ name: 'x-command_abc', type: 'skill', sha12: '1f7c65f4fe41' });
  });

  it('are refused when their name part is not a valid artifact name', () => {
    expect(parseVersionId('av_../x-skill_1f7c65f4fe41')).toBeUndefined();
    expect(parseVersionId('av_.hidden-skill_1f7c65f4fe41')).toBeUndefined();
    expect(parseVersionId('av_canvas-widget_1f7c65f4fe41')).toBeUndefined();
  });
});

describe('parseVersion', () => {
  it('reads back what serializeVersion wrote', () => {
    expect(parseVersion(serializeVersion(RECORD), '/x.json', RECORD.id)).toEqual(RECORD);
  });

  it('keeps a file named __proto__ as a file', () => {
    const files = JSON.parse('{"__proto__": "' + 'b'.repeat(64) + '"}') as Record<string, string>;
    expect(Object.keys(parse({ ...RECORD, files }).files)).toEqual(['__proto__']);
  });

  it('refuses a record whose id does not match its file name or content', () => {
    expect(() => parse(RECORD, 'av_canvas-skill_000000000000')).toThrow(/"id"/);
    expect(() => parse({ ...RECORD, content_hash: 'f'.repeat(64) })).toThrow(/"id"/);
  });

  it('refuses paths that would leave the artifact', () => {
    for (const path of ['../x', '/etc/passwd', 'a/../../x', 'a\\..\\x', '']) {
      expect(() => parse({ ...RECORD, files: { [path]: 'a'.repeat(64) } }), path).toThrow(expect.objectContaining({ code: 'corrupt_file' }));
    }
  });

  it('refuses a file artifact with other than one file under ""', () => {
    const command = { ...RECORD, id: 'av_review-command_1f7c65f4fe41', artifact: { collection: 'default', name: 'review', type: 'command' } };
    expect(parse({ ...command, files: { '': 'a'.repeat(64) } }, command.id).files).toEqual({ '': 'a'.repeat(64) });
    expect(() => parse({ ...command, files: { 'x.md': 'a'.repeat(64) } }, command.id)).toThrow(expect.objectContaining({ code: 'corrupt_file' }));
  });

  it('refuses a record listing itself as a parent, or a relative project path', () => {
    expect(() => parse({ ...RECORD, parents: [RECORD.id] })).toThrow(/"parents"/);
    expect(() => parse({ ...RECORD, scope: { kind: 'project', path: 'work/app' } })).toThrow(/"scope"/);
  });

  it('names the file and the problem', () => {
    expect(() => parse({ ...RECORD, merge_strategy: 'teleport' })).toThrow(/\/home\/objects\/versions\/x\.json has "merge_strategy"/);
  });
});

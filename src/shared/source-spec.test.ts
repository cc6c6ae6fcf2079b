import { describe, expect, it } from 'vitest';
import { formatSource, isExplicitSource, looksLikeBareGithub, parseSource, sourceArtifactName, SourceSpecError } from './source-spec.js';

describe('parseSource', () => {
  it('reads github:OWNER/REPO/PATH@REF', () => {
    expect(parseSource('github:anthropics/skills/document-skills/pdf@v1.2.0')).toEqual({
      kind: 'github',
      url: 'https://github.com/anthropics/skills.git',
      owner: 'anthropics',
      repo: 'skills',
      path: 'document-skills/pdf',
      ref: 'v1.2.0',
    });
  });

  it('reads the Python tool\'s OWNER/REPO/PATH form when asked to, and "latest" as the default branch', () => {
    expect(parseSource('anthropics/skills/canvas-design@latest', { bare: true })).toMatchObject({ kind: 'github', owner: 'anthropics', repo: 'skills', path: 'canvas-design', ref: undefined });
    expect(() => parseSource('anthropics/skills/canvas-design')).toThrow(SourceSpecError);
  });

  it('reads git+URL#PATH@REF, file URLs included, and a source without a path or ref', () => {
    expect(parseSource('git+file:///tmp/up/repo.git#skills/canvas@main')).toEqual({ kind: 'git', url: 'file:///tmp/up/repo.git', owner: undefined, repo: 'repo', path: 'skills/canvas', ref: 'main' });
    expect(parseSource('git+https://example.com/team/tools.git')).toMatchObject({ url: 'https://example.com/team/tools.git', path: '', ref: undefined, repo: 'tools' });
    expect(parseSource('git+git@example.com:team/tools.git#agents/review.md')).toMatchObject({ url: 'git@example.com:team/tools.git', path: 'agents/review.md' });
    expect(parseSource('git+ssh://git@example.com/team/tools.git#@0123abc')).toMatchObject({ path: '', ref: '0123abc' });
  });

  it('names the artifact after the last segment of its path, else after the repository', () => {
    expect(sourceArtifactName(parseSource('github:o/r/skills/canvas'))).toBe('canvas');
    expect(sourceArtifactName(parseSource('git+file:///x/tools.git'))).toBe('tools');
  });

  it('writes a source back in its canonical form', () => {
    for (const source of ['github:o/r/skills/canvas@v1', 'github:o/r', 'git+file:///x/r.git#skills/a@main', 'git+file:///x/r.git']) expect(formatSource(parseSource(source))).toBe(source);
  });

  it.each([
    ['github:o/r/../etc@v1', /"\." or "\.\."/],
    ['github:o/r/skills/../../x', /"\." or "\.\."/],
    ['git+file:///x/r.git#/etc/passwd', /absolute/],
    ['git+file:///x/r.git#a//b', /empty segment/],
    ['git+file:///x/r.git#.git/config', /\.git/],
    ['git+-uhelp#x', /starts with "-"/],
    ['git+--upload-pack=touch /tmp/pwned#x', /"-"/],
    ['git+ext::sh -c touch% /tmp/pwned#x', /white space|remote helper/],
    ['git+ext::ssh#x', /remote helper/],
    ['git+fd::7#x', /remote helper/],
    ['git+ftp://example.com/r.git', /scheme "ftp"/],
    ['git+file://relative/r.git', /absolute/],
    ['git+relative/path', /scheme/],
    ['github:o/r/skills/a@--upload-pack=x', /starts with "-"/],
    ['github:o/r/skills/a@main..evil', /"\.\."/],
    ['github:o/r/skills/a@x:y', /~ \^ :/],
    ['github:o/r/skills/a@', /empty/],
    ['github:o/r/skills/a@x.lock', /\.lock/],
    ['github:-o/r', /not a GitHub owner/],
    ['github:o/.git', /repository name/],
    ['github:o/r/a\u202eb', /bidirectional/],
    ['github:o/r/a\nb', /control character/],
  ])('refuses %j', (source, problem) => {
    expect(() => parseSource(source, { bare: true })).toThrow(problem);
  });
});

describe('which texts are sources', () => {
  it('takes github: and git+ as sources, and OWNER/REPO… as a possible one, never a path that starts like one', () => {
    expect(isExplicitSource('github:o/r')).toBe(true);
    expect(isExplicitSource('git+file:///r')).toBe(true);
    expect(looksLikeBareGithub('anthropics/skills/canvas')).toBe(true);
    expect(looksLikeBareGithub('anthropics/skills@v1')).toBe(true);
    for (const path of ['./skills/canvas', '../x/y', '/abs/x/y', '~/x/y', 'canvas', 'skills\\canvas']) expect(looksLikeBareGithub(path)).toBe(false);
  });
});

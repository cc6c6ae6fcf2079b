import { describe, expect, it } from 'vitest';
import { operationSubject } from './operation-subject.js';

describe('what a call acts on', () => {
  it('reads the project and the artifacts a call names', () => {
    expect(operationSubject({ project: '/p/webapp', names: ['canvas', 'tidy'], type: 'skill' })).toEqual({ project: '/p/webapp', artifacts: ['canvas', 'tidy'] });
    expect(operationSubject({ project: '/p/webapp', artifact: 'canvas', file: 'SKILL.md', take: 'collection' })).toEqual({ project: '/p/webapp', artifacts: ['canvas'] });
    expect(operationSubject({ path: '/p/webapp' })).toEqual({ project: '/p/webapp', artifacts: [] });
  });

  it('takes only strings from an input not validated yet, and says nothing of a call that names nothing', () => {
    expect(operationSubject({ project: 7, names: ['canvas', 3] })).toEqual({ project: null, artifacts: ['canvas'] });
    expect(operationSubject({ message: 'before the trip' })).toBeNull();
    expect(operationSubject(null)).toBeNull();
  });
});

// A crash-harness child: runs one writing operation of the real (built) core against a home and a
// project, with a fixed clock so that two runs of the same operation write the same bytes.
// Usage: node --import ./kill-at-write.js crash-child.js '{"home":…,"project":…,"op":…,"work":…}'
import { join } from 'node:path';
import { SkillMeat } from '../../dist/core/skillmeat.js';

const { home, project, op, work } = JSON.parse(process.argv[2]);
const core = new SkillMeat({ home, now: () => new Date('2026-03-01T12:00:00Z') });

const OPERATIONS = {
  deploy: () => core.deploy({ project, names: ['alpha', 'beta', 'gamma'] }),
  undeploy: () => core.undeploy({ project, name: 'alpha' }),
  sync: () => core.sync({ project }),
  resolve: () => core.resolve({ project, artifact: 'alpha', file: 'SKILL.md', choice: { take: 'local' } }),
  push: () => core.push({ project }),
  snapshot: () => core.snapshot('manual snapshot'),
  rollback: async () => core.rollback((await core.snapshots()).find((s) => s.message === 'before changes').id),
  add: () => core.addArtifact(join(work, 'sources', 'delta')),
  remove: () => core.removeArtifact('beta'),
};

try {
  await OPERATIONS[op]();
} finally {
  await core.close();
}

// Summaries first (issue 14): every project's drift in counts, without entries; a project whose
// folder is gone is `missing`, and the others are counted all the same.
import { describe, expect, it } from 'vitest';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractService } from '../src/core/service/contract-service.js';
import { afterThisTest, sampleSkill, steppingClock, tempCore, tempDir } from './support/fixtures.js';

/** A home with skill canvas deployed into three registered projects. */
async function threeProjects() {
  const { core, home } = await tempCore();
  await core.init();
  await core.addArtifact(await sampleSkill(await tempDir(), 'canvas'));
  const projects: string[] = [];
  for (let i = 0; i < 3; i++) {
    const project = await tempDir(`skillmeat-project-${i}-`);
    await core.deploy({ project, names: ['canvas'] });
    await core.addProject(project);
    projects.push(project);
  }
  return { core, home, projects };
}

describe('drift summaries', () => {
  it('says a registered project whose folder is gone is missing, with its path, and counts the others', async () => {
    const { core, projects } = await threeProjects();
    await rm(projects[1]!, { recursive: true });
    await writeFile(join(projects[2]!, '.claude/skills/canvas/SKILL.md'), '# Mine\n');

    const summaries = await core.driftSummaries();

    expect(summaries.map((s) => [s.project, s.state])).toEqual([
      [projects[0], 'checked'],
      [projects[1], 'missing'],
      [projects[2], 'checked'],
    ]);
    expect(summaries[1]).toMatchObject({ deployed: 0, needs_action: 0, error: { code: 'not_found', message: `Project folder ${projects[1]} does not exist.` } });
    expect(summaries[0]).toMatchObject({ deployed: 1, needs_action: 0, counts: { in_sync: 1, modified: 0 } });
    expect(summaries[2]).toMatchObject({ deployed: 1, needs_action: 1, counts: { in_sync: 0, modified: 1 } });
  });

  it('tells a project that could not be checked for another reason from a missing one', async () => {
    const { core, projects } = await threeProjects();
    await writeFile(join(projects[0]!, '.claude/.skillmeat-deployed.toml'), 'this is [not toml');

    const [summary] = await core.driftSummaries([projects[0]!]);

    expect(summary).toMatchObject({ state: 'failed', error: { code: 'corrupt_file' } });
  });

  it('carries counts only, through the contract, for every project or the ones named', async () => {
    const { home, projects, core } = await threeProjects();
    await core.close();
    const service = new ContractService({ home, now: steppingClock() });
    afterThisTest(() => service.close());

    const all = await service.call('driftSummaries', {});
    const one = await service.call('driftSummaries', { projects: [projects[2]] });

    expect(all).toMatchObject({ ok: true, value: projects.map((project) => ({ project, state: 'checked' })) });
    expect(Object.keys((all as { value: object[] }).value[0]!).sort()).toEqual(['added', 'checked_at', 'counts', 'deployed', 'error', 'needs_action', 'notices', 'project', 'state']);
    expect(one).toMatchObject({ ok: true, value: [{ project: projects[2] }] });
    expect(await service.call('driftSummaries', { projects: [] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

import { join } from 'node:path';

/** What drift says of a project holding a staging folder this home wrote: an operation is running, or was cut short. */
export function interruptedNotice(claudeDir: string, name: string): string {
  return `An operation SkillMeat was running in ${claudeDir} is still under way or was interrupted (${join(claudeDir, name)}). Drift was checked on the files as they are. Run \`skillmeat recover\` (any SkillMeat change to this project does it too) to finish or undo it.`;
}

/** What drift, `recover` and `verify` say of a staging folder this home did not write: never replayed, never deleted. */
export function foreignStagingNotice(folder: string, name: string): string {
  return `${join(folder, name)} looks like a SkillMeat staging folder, but this home did not write it (it may have come with a cloned repository). It was left alone and nothing in it was replayed. Delete it if you do not know it.`;
}

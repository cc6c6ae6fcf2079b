import { describe, expect, it } from 'vitest';
import { buildProgram, SELECTABLE_COMMANDS } from './program.js';

const ALWAYS = ['merge-file', 'diff', 'ui'];
const commandNames = (argv: readonly string[]): string[] => buildProgram(argv).program.commands.map((command) => command.name());

describe('buildProgram', () => {
  it('registers every selectable command, and only those besides merge-file, diff and ui, when no command is named', () => {
    expect(commandNames([]).sort()).toEqual([...SELECTABLE_COMMANDS, ...ALWAYS].sort());
  });

  it('builds only the command the arguments invoke, after any global options', () => {
    for (const argv of [['list'], ['--home', '/h', 'list'], ['--home=/h', '--json', '-c', 'x', 'list', '--help'], ['-cx', '--collection=y', 'list']]) {
      expect(commandNames(argv).sort()).toEqual(['list', ...ALWAYS].sort());
    }
    expect(commandNames(['snapshots', 'show', 'x']).sort()).toEqual(['snapshots', ...ALWAYS].sort());
  });

  it('builds everything for help, a mistyped command (for its suggestions) or an unknown option first', () => {
    for (const argv of [['--help'], ['lst'], ['--verbose', 'list'], ['-h']]) {
      expect(commandNames(argv)).toHaveLength(SELECTABLE_COMMANDS.length + ALWAYS.length);
    }
  });
});

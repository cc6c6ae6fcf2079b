import { describe, it, expect } from 'vitest';
import type { MenuItem, MenuItemConstructorOptions } from 'electron';
import { MAX_LISTED_PROJECTS, trayMenuTemplate, trayTooltip, type TrayActions, type TrayView } from './tray-menu.js';

const calm: TrayView = { drifted: [], paused: false, checking: false };
const drifted: TrayView = {
  ...calm,
  drifted: [
    { path: '/p/api', name: 'api', needsAction: 2 },
    { path: '/p/web', name: 'web', needsAction: 1 },
  ],
};

function recordingActions(): { actions: TrayActions; done: string[] } {
  const done: string[] = [];
  return {
    done,
    actions: {
      openProject: (path) => done.push(`open ${path}`),
      checkNow: () => done.push('check'),
      setPaused: (paused) => done.push(`paused ${paused}`),
      open: () => done.push('open'),
      quit: () => done.push('quit'),
    },
  };
}

function labels(items: MenuItemConstructorOptions[]): (string | undefined)[] {
  return items.map((item) => (item.type === 'separator' ? '---' : item.label));
}

function click(items: MenuItemConstructorOptions[], label: string, checked = false): void {
  const item = items.find((candidate) => candidate.label === label);
  if (item?.click === undefined) throw new Error(`no clickable item ${label}`);
  (item.click as (menuItem: MenuItem) => void)({ checked } as MenuItem);
}

describe('trayMenuTemplate', () => {
  it('lists each drifted project with its count, then the app actions', () => {
    expect(labels(trayMenuTemplate(drifted, recordingActions().actions, 'linux'))).toEqual([
      'api — 2 need action',
      'web — 1 needs action',
      '---',
      'Check now',
      'Pause checks',
      '---',
      'Open SkillMeat',
      'Quit SkillMeat',
    ]);
  });

  it('opens the project whose item is clicked', () => {
    const { actions, done } = recordingActions();
    click(trayMenuTemplate(drifted, actions, 'linux'), 'web — 1 needs action');
    expect(done).toEqual(['open /p/web']);
  });

  it('says all is in sync when nothing drifted', () => {
    const [first] = trayMenuTemplate(calm, recordingActions().actions, 'linux');
    expect(first).toMatchObject({ label: 'All projects in sync', enabled: false });
  });

  it('says checks are paused rather than that all is in sync', () => {
    const [first] = trayMenuTemplate({ ...calm, paused: true }, recordingActions().actions, 'linux');
    expect(first?.label).toBe('Drift checks are paused');
  });

  it('ticks "Pause checks" while paused, and a click passes the new state', () => {
    const { actions, done } = recordingActions();
    const items = trayMenuTemplate({ ...calm, paused: true }, actions, 'linux');
    expect(items.find((item) => item.label === 'Pause checks')?.checked).toBe(true);
    click(items, 'Pause checks', false);
    expect(done).toEqual(['paused false']);
  });

  it('disables "Check now" while a check runs', () => {
    const items = trayMenuTemplate({ ...calm, checking: true }, recordingActions().actions, 'linux');
    expect(items.find((item) => item.label === 'Checking…')?.enabled).toBe(false);
  });

  it('lists at most ten projects and opens the app for the rest', () => {
    const many = Array.from({ length: MAX_LISTED_PROJECTS + 3 }, (_, i) => ({ path: `/p/${i}`, name: `p${i}`, needsAction: 1 }));
    const { actions, done } = recordingActions();
    const items = trayMenuTemplate({ ...calm, drifted: many }, actions, 'linux');
    expect(items.filter((item) => item.label?.includes('needs action'))).toHaveLength(MAX_LISTED_PROJECTS);
    click(items, '3 more…');
    expect(done).toEqual(['open']);
  });

  it('doubles an ampersand in a project name outside macOS, so it is shown rather than read as a mnemonic', () => {
    const view = { ...calm, drifted: [{ path: '/p/rd', name: 'R&D', needsAction: 1 }] };
    expect(trayMenuTemplate(view, recordingActions().actions, 'win32')[0]?.label).toBe('R&&D — 1 needs action');
    expect(trayMenuTemplate(view, recordingActions().actions, 'darwin')[0]?.label).toBe('R&D — 1 needs action');
  });
});

describe('trayTooltip', () => {
  it('counts the projects needing action', () => {
    expect(trayTooltip(drifted)).toBe('SkillMeat — 2 projects need action');
  });

  it('says when all is in sync and checks are paused', () => {
    expect(trayTooltip({ ...calm, paused: true })).toBe('SkillMeat — all projects in sync (checks paused)');
  });
});

import type { MenuItemConstructorOptions } from 'electron';
import type { DriftedProject } from './project-drift-tally.js';

/** What the tray shows. */
export interface TrayView {
  readonly drifted: readonly DriftedProject[];
  readonly paused: boolean;
  /** A check the user asked for is running. */
  readonly checking: boolean;
}

/** What the tray's menu items do. */
export interface TrayActions {
  openProject(path: string): void;
  checkNow(): void;
  setPaused(paused: boolean): void;
  open(): void;
  quit(): void;
}

/** A menu lists this many drifted projects; the rest are behind "Open SkillMeat". */
export const MAX_LISTED_PROJECTS = 10;

/** The tray's context menu: drifted projects, then check now, pause checks, open, quit. */
export function trayMenuTemplate(view: TrayView, actions: TrayActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const listed = view.drifted.slice(0, MAX_LISTED_PROJECTS);
  const unlisted = view.drifted.length - listed.length;
  const projectItems: MenuItemConstructorOptions[] =
    listed.length === 0
      ? [{ label: view.paused ? 'Drift checks are paused' : 'All projects in sync', enabled: false }]
      : [
          ...listed.map((project) => ({ label: menuLabel(`${project.name} — ${needLabel(project.needsAction)}`, platform), click: () => actions.openProject(project.path) })),
          ...(unlisted > 0 ? [{ label: `${unlisted} more…`, click: () => actions.open() }] : []),
        ];
  return [
    ...projectItems,
    { type: 'separator' },
    { label: view.checking ? 'Checking…' : 'Check now', enabled: !view.checking, click: () => actions.checkNow() },
    { label: 'Pause checks', type: 'checkbox', checked: view.paused, click: (item) => actions.setPaused(item.checked) },
    { type: 'separator' },
    { label: 'Open SkillMeat', click: () => actions.open() },
    { label: 'Quit SkillMeat', click: () => actions.quit() },
  ];
}

/** The tray's tooltip: how many projects need action, and whether checks are paused. */
export function trayTooltip(view: TrayView): string {
  const count = view.drifted.length;
  const state = count === 0 ? 'all projects in sync' : `${count} ${count === 1 ? 'project needs' : 'projects need'} action`;
  return `SkillMeat — ${state}${view.paused ? ' (checks paused)' : ''}`;
}

function needLabel(count: number): string {
  return `${count} ${count === 1 ? 'needs' : 'need'} action`;
}

// Windows and Linux menus read `&` as a mnemonic marker; a project named "R&D" must show its `&`.
function menuLabel(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replaceAll('&', '&&');
}

import { Menu, Tray, app, nativeImage } from 'electron';
import type { NativeImage } from 'electron';
import trayIconPath from '../../resources/tray.png?asset';
import trayDriftIconPath from '../../resources/tray-drift.png?asset';
import trayTemplateIconPath from '../../resources/trayTemplate.png?asset';
import { createClient, type ContractTransport, type SkillmeatClient } from '../shared/contract-client.js';
import type { ContractEvent } from '../shared/contract.js';
import type { MethodName } from '../shared/contract-names.js';
import { ProjectDriftTally } from './project-drift-tally.js';
import { projectRoute } from './renderer-route.js';
import { trayMenuTemplate, trayTooltip, type TrayActions, type TrayView } from './tray-menu.js';

export interface AppTrayOptions {
  /** The back end (ContractService): the tray reads projects and drift through the contract, like any client. */
  readonly backend: ContractTransport;
  /** Runs a drift check of every project now (the drift monitor's). */
  readonly checkNow: () => Promise<void>;
  /** Opens or focuses the window, on `route` when given. */
  readonly openWindow: (route?: string) => void;
  readonly quit: () => void;
  readonly onError: (error: unknown) => void;
}

// After these, the set of registered projects (and so the menu) differs.
const CHANGES_PROJECTS: ReadonlySet<MethodName> = new Set(['addProject', 'removeProject']);

/**
 * The tray icon: its menu lists the projects needing action and offers check now, pause checks,
 * open and quit; its tooltip (and, on macOS, its title and the Dock badge) carry the count.
 */
export class AppTray {
  private readonly tray: Tray;
  private readonly client: SkillmeatClient;
  private readonly tally = new ProjectDriftTally();
  private readonly actions: TrayActions;
  private readonly unsubscribe: () => void;
  private paused = false;
  private checking = false;

  private constructor(private readonly options: AppTrayOptions) {
    this.client = createClient(options.backend);
    this.tray = new Tray(trayImage(false));
    this.actions = {
      openProject: (path) => options.openWindow(projectRoute(path)),
      checkNow: () => void this.checkNow(),
      setPaused: (paused) => void this.setPaused(paused),
      open: () => options.openWindow(),
      quit: () => options.quit(),
    };
    // Windows users expect a click on the icon to open the app; elsewhere a click opens the menu.
    if (process.platform === 'win32') this.tray.on('click', () => options.openWindow());
    this.unsubscribe = options.backend.subscribe((event) => this.take(event));
    this.render();
  }

  /** Puts the icon in the tray and loads the projects and the pause state. */
  static async create(options: AppTrayOptions): Promise<AppTray> {
    const tray = new AppTray(options);
    await tray.reload();
    return tray;
  }

  /** The registered name of a project (for notifications). */
  nameOf(path: string): string | undefined {
    return this.tally.nameOf(path);
  }

  /** Removes the icon and stops listening. */
  destroy(): void {
    this.unsubscribe();
    this.tray.destroy();
  }

  private take(delivered: ContractEvent): void {
    switch (delivered.event) {
      case 'drift.changed':
        this.tally.driftChanged(delivered.payload);
        this.render();
        return;
      case 'operation.progress':
        if (delivered.payload.phase === 'finished' && CHANGES_PROJECTS.has(delivered.payload.method as MethodName)) void this.reload();
        return;
      case 'monitor.changed':
        // Paused or resumed from a window: the menu's checkbox follows.
        this.paused = delivered.payload.paused;
        this.render();
        return;
      case 'notice':
      case 'upstream.changed':
        return;
    }
  }

  private async reload(): Promise<void> {
    try {
      const [projects, info] = await Promise.all([this.client.listProjects({}), this.client.appInfo({})]);
      this.tally.setProjects(projects);
      this.paused = info.monitor.paused;
    } catch (error) {
      this.options.onError(error);
    }
    this.render();
  }

  private async checkNow(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    this.render();
    try {
      await this.options.checkNow();
    } catch (error) {
      this.options.onError(error);
    } finally {
      this.checking = false;
      this.render();
    }
  }

  private async setPaused(paused: boolean): Promise<void> {
    try {
      this.paused = (await this.client.setMonitorPaused({ paused })).paused;
    } catch (error) {
      this.options.onError(error);
    }
    // Also after a failure: the checkbox ticked itself on click and must show the real state again.
    this.render();
  }

  private render(): void {
    if (this.tray.isDestroyed()) return;
    const view: TrayView = { drifted: this.tally.drifted(), paused: this.paused, checking: this.checking };
    const count = view.drifted.length;
    // Linux (AppIndicator) only picks up a changed menu when it is set again.
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(view, this.actions)));
    this.tray.setToolTip(trayTooltip(view));
    if (process.platform === 'darwin') {
      this.tray.setTitle(count > 0 ? String(count) : '');
    } else {
      this.tray.setImage(trayImage(count > 0));
    }
    app.setBadgeCount(count);
  }
}

const images = new Map<string, NativeImage>();

// macOS wants a monochrome template image (its name ends in "Template"; the @2x file sits beside it)
// and shows the count as text; elsewhere a colour icon gains a dot when something drifted.
function trayImage(drifted: boolean): NativeImage {
  const path = process.platform === 'darwin' ? trayTemplateIconPath : drifted ? trayDriftIconPath : trayIconPath;
  let image = images.get(path);
  if (image === undefined) {
    image = nativeImage.createFromPath(path);
    images.set(path, image);
  }
  return image;
}

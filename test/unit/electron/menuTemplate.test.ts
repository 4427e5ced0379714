import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuContext, type MenuItemSpec } from '../../../electron/menuTemplate';
import { MENU_COMMANDS, type MenuCommand } from '../../../shared/platform/chorusApi';
import type { RecentEntry } from '../../../shared/desktop/settings';

function find(items: readonly MenuItemSpec[], label: string): MenuItemSpec | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = item.submenu && find(item.submenu, label);
    if (inner) return inner;
  }
  return undefined;
}

function all(items: readonly MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((item) => [item, ...all(item.submenu ?? [])]);
}

const recent: RecentEntry[] = [
  { kind: 'dataset', path: '/lab/v4.nwb', openedAt: '2026-12-01T10:00:00.000Z' },
  { kind: 'view', path: '/lab/fig2.chorus-view.json', openedAt: '2026-11-30T10:00:00.000Z' },
];

function context(platform: string, overrides: Partial<MenuContext> = {}): MenuContext & { sent: MenuCommand[]; calls: string[] } {
  const sent: MenuCommand[] = [];
  const calls: string[] = [];
  return {
    platform,
    send: (command) => sent.push(command),
    recent,
    openRecent: (entry) => calls.push(`open ${entry.path}`),
    clearRecent: () => calls.push('clear'),
    about: () => calls.push('about'),
    documentation: () => calls.push('documentation'),
    showLogs: () => calls.push('logs'),
    ...overrides,
    sent,
    calls,
  };
}

describe('application menu', () => {
  it('Windows and Linux: File Edit View Window Help, Exit in File, About in Help', () => {
    for (const platform of ['win32', 'linux']) {
      const template = menuTemplate(context(platform));
      expect(template.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
      expect(find(template, 'File')!.submenu!.at(-1)).toEqual({ role: 'quit' });
      expect(find(template, 'Help')!.submenu![0]!.label).toBe('About Chorus');
      expect(all(template).some((item) => item.role === 'front' || item.role === 'services')).toBe(false);
    }
  });

  it('macOS: the app menu holds About, Services, Hide and Quit; Window has Bring All to Front', () => {
    const template = menuTemplate(context('darwin'));
    expect(template.map((menu) => menu.label)).toEqual(['Chorus', 'File', 'Edit', 'View', 'Window', 'Help']);
    const appMenu = template[0]!.submenu!;
    expect(appMenu[0]!.label).toBe('About Chorus');
    expect(appMenu.map((item) => item.role).filter(Boolean)).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(find(template, 'Window')!.submenu!.map((item) => item.role)).toContain('front');
    expect(find(template, 'File')!.submenu!.some((item) => item.role === 'quit')).toBe(false);
    expect(find(template, 'Help')!.submenu!.some((item) => item.label === 'About Chorus')).toBe(false);
  });

  it('every page command is in the menu once, and each item sends its own', () => {
    const ctx = context('linux');
    for (const item of all(menuTemplate(ctx))) item.click?.();
    expect([...ctx.sent].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('accelerators follow the platform (CmdOrCtrl), and keys the page handles are shown but not taken', () => {
    const template = menuTemplate(context('linux'));
    expect(find(template, 'Open Dataset…')!.accelerator).toBe('CmdOrCtrl+O');
    expect(find(template, 'Save View…')!.accelerator).toBe('CmdOrCtrl+S');
    // Space typed in a text field stays a space; F5 is the presentation's own key.
    expect(find(template, 'Play / Pause')).toMatchObject({ accelerator: 'Space', registerAccelerator: false });
    expect(find(template, 'Present')).toMatchObject({ accelerator: 'F5', registerAccelerator: false });
    const accelerators = all(template).flatMap((item) => (item.accelerator ? [item.accelerator] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
    for (const role of ['togglefullscreen', 'resetZoom', 'zoomIn', 'zoomOut', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'close']) {
      expect(all(template).some((item) => item.role === role)).toBe(true);
    }
  });

  it('Open Recent lists the recent files, opens them and is cleared by Clear Menu', () => {
    const ctx = context('linux');
    const openRecent = find(menuTemplate(ctx), 'Open Recent')!.submenu!;
    expect(openRecent.map((item) => item.label ?? item.type)).toEqual(['v4.nwb — /lab', 'fig2.chorus-view.json (view) — /lab', 'separator', 'Clear Menu']);
    openRecent[1]!.click!();
    openRecent[3]!.click!();
    expect(ctx.calls).toEqual(['open /lab/fig2.chorus-view.json', 'clear']);
    const empty = find(menuTemplate(context('linux', { recent: [] })), 'Open Recent')!.submenu!;
    expect(empty[0]).toEqual({ label: 'No Recent Files', enabled: false });
    expect(empty.at(-1)).toMatchObject({ label: 'Clear Menu', enabled: false });
  });

  it('Help: About (versions), Documentation and Show Logs', () => {
    const ctx = context('win32');
    const template = menuTemplate(ctx);
    for (const label of ['About Chorus', 'Documentation', 'Show Logs']) find(template, label)!.click!();
    expect(ctx.calls).toEqual(['about', 'documentation', 'logs']);
  });
});

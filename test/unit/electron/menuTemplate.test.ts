import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuItemSpec } from '../../../electron/menuTemplate';
import type { MenuCommand } from '../../../shared/platform/chorusApi';

function find(items: MenuItemSpec[], label: string): MenuItemSpec | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = item.submenu && find(item.submenu, label);
    if (inner) return inner;
  }
  return undefined;
}

describe('application menu', () => {
  it('sends typed commands from File and View', () => {
    const sent: MenuCommand[] = [];
    const template = menuTemplate((c) => sent.push(c), false);
    find(template, 'Open Dataset…')!.click!();
    find(template, 'Load Demo')!.click!();
    find(template, 'Play / Pause')!.click!();
    expect(sent).toEqual(['open-dataset', 'load-demo', 'toggle-play']);
    expect(find(template, 'Open Dataset…')!.accelerator).toBe('CmdOrCtrl+O');
  });

  it('adds the macOS app menu only on macOS', () => {
    expect(menuTemplate(() => {}, true)[0]).toEqual({ role: 'appMenu' });
    expect(menuTemplate(() => {}, false)[0]!.label).toBe('File');
  });
});

import { describe, expect, it } from 'vitest';
import { addRecent, recentLabel, removeRecent } from '../../../shared/desktop/recent';
import { RECENT_LIMIT } from '../../../shared/desktop/settings';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));

describe('recent files', () => {
  it('newest first, one entry a path, at most the limit', () => {
    let list = addRecent([], { kind: 'dataset', path: '/a.nwb' }, at(0));
    list = addRecent(list, { kind: 'view', path: '/b.chorus-view.json' }, at(1));
    list = addRecent(list, { kind: 'dataset', path: '/a.nwb' }, at(2));
    expect(list.map((e) => e.path)).toEqual(['/a.nwb', '/b.chorus-view.json']);
    expect(list[0]!.openedAt).toBe(at(2).toISOString());
    for (let i = 0; i < 20; i++) list = addRecent(list, { kind: 'dataset', path: `/d${i}.nwb` }, at(3 + i));
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0]!.path).toBe('/d19.nwb');
    expect(removeRecent(list, '/d19.nwb')[0]!.path).toBe('/d18.nwb');
  });

  it('labels name the file, then its folder, with & escaped for menus', () => {
    expect(recentLabel({ kind: 'dataset', path: '/lab/mouse 3/units.nwb', openedAt: '' }, '/')).toBe('units.nwb — /lab/mouse 3');
    expect(recentLabel({ kind: 'view', path: 'C:\\lab\\R&D\\v.chorus-view.json', openedAt: '' }, '\\')).toBe('v.chorus-view.json (view) — C:\\lab\\R&&D');
    expect(recentLabel({ kind: 'dataset', path: '/units.nwb', openedAt: '' }, '/')).toBe('units.nwb');
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, patchSettings, readSettings, settingsNotice, settingsText, SETTINGS_VERSION, RECENT_LIMIT } from '../../../shared/desktop/settings';

const full = {
  version: SETTINGS_VERSION,
  theme: 'light',
  defaultLayout: 'functional',
  linkFilter: { mode: 'threshold', value: 0.02 },
  mappingPresets: { nwb2: {} },
  windowBounds: { x: 10, y: 20, width: 1200, height: 800, maximized: false },
  recent: [{ kind: 'dataset', path: '/data/v4.nwb', openedAt: '2026-12-01T10:00:00.000Z' }],
};

describe('settings file', () => {
  it('no file yet: the defaults, silently, nothing to back up', () => {
    expect(readSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, problems: [], backUp: false });
  });

  it('reads a whole file back as written', () => {
    const read = readSettings(JSON.stringify(full));
    expect(read.problems).toEqual([]);
    expect(read.backUp).toBe(false);
    expect(read.settings.theme).toBe('light');
    expect(read.settings.linkFilter).toEqual({ mode: 'threshold', value: 0.02 });
    expect(readSettings(settingsText(read.settings)).settings).toEqual(read.settings);
  });

  it('a missing field takes its default without a word (a file from before the field existed)', () => {
    const { windowBounds: _gone, ...rest } = full;
    const read = readSettings(JSON.stringify(rest));
    expect(read.settings.windowBounds).toBeNull();
    expect(read.problems).toEqual([]);
  });

  it('one bad field costs that field only, and is named', () => {
    const read = readSettings(JSON.stringify({ ...full, theme: 'purple', recent: 'not a list', colour: 1 }));
    expect(read.settings.theme).toBe('dark');
    expect(read.settings.recent).toEqual([]);
    expect(read.settings.defaultLayout).toBe('functional');
    expect(read.problems.map((p) => p.split(':')[0])).toEqual(['theme', 'recent', 'colour']);
    expect(read.backUp).toBe(true);
  });

  it('a corrupt file is set aside whole for the defaults, with the reason', () => {
    for (const [text, why] of [
      ['{"version": 1, "theme": "li', /not JSON/],
      ['[1, 2]', /not a JSON object/],
      ['{"theme": "light"}', /no version number/],
      ['{"version": 0}', /version 0 cannot be brought up to date/],
      [`{"version": ${SETTINGS_VERSION + 1}}`, /newer Chorus/],
    ] as const) {
      const read = readSettings(text);
      expect(read.settings).toEqual(DEFAULT_SETTINGS);
      expect(read.backUp).toBe(true);
      expect(read.problems[0]).toMatch(why);
    }
  });

  it('an older version is brought up to date step by step; one with no way up is set aside', () => {
    // A hypothetical version 2 of the app: version 0 of the file stored the theme as "colourScheme",
    // version 1 dropped nothing; each step is applied in order.
    const steps = {
      0: ({ colourScheme, ...rest }: Record<string, unknown>) => ({ ...rest, theme: colourScheme }),
      1: (old: Record<string, unknown>) => ({ ...old, defaultLayout: old.defaultLayout ?? 'functional' }),
    };
    const fromZero = readSettings(JSON.stringify({ version: 0, colourScheme: 'light' }), steps, 2);
    expect(fromZero.problems).toEqual([]);
    expect(fromZero.settings).toMatchObject({ theme: 'light', defaultLayout: 'functional' });
    const fromOne = readSettings(JSON.stringify({ version: 1, theme: 'light', defaultLayout: 'tuning' }), steps, 2);
    expect(fromOne.settings).toMatchObject({ theme: 'light', defaultLayout: 'tuning' });
    const stranded = readSettings(JSON.stringify({ version: 1, theme: 'light' }), { 0: steps[0] }, 2);
    expect(stranded).toMatchObject({ settings: DEFAULT_SETTINGS, backUp: true, problems: ['version 1 cannot be brought up to date; the defaults are used'] });
  });

  it('patches are checked like the file', () => {
    const patched = patchSettings(DEFAULT_SETTINGS, { theme: 'light' });
    expect(patched.theme).toBe('light');
    expect(() => patchSettings(DEFAULT_SETTINGS, { theme: 'purple' })).toThrow();
    expect(() => patchSettings(DEFAULT_SETTINGS, { version: 9 })).toThrow();
    const tooMany = Array.from({ length: RECENT_LIMIT + 1 }, (_, i) => ({ kind: 'dataset', path: `/d/${i}.nwb`, openedAt: '' }));
    expect(() => patchSettings(DEFAULT_SETTINGS, { recent: tooMany })).toThrow();
  });

  it('the notice names the file, each problem and the backup', () => {
    const read = readSettings('nope');
    expect(settingsNotice('/u/settings.json', read, '/u/settings.json.bak')).toEqual({
      title: 'Some settings in /u/settings.json could not be used',
      lines: [read.problems[0], 'The file as it was is kept as /u/settings.json.bak.'],
    });
    expect(settingsNotice('/u/settings.json', readSettings(null), null)).toBeNull();
  });
});

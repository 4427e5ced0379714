import { describe, expect, it } from 'vitest';
import { groupDatasetRequests, launchRequests, requestForPath, viewLinkHash, type LaunchDisk } from '../../../shared/desktop/launchRequests';

const disk = (entries: Record<string, 'file' | 'folder'>): LaunchDisk => ({
  kindOf: (path) => entries[path] ?? null,
  resolveFrom: (cwd, path) => (path.startsWith('/') ? path : `${cwd}/${path}`),
});

describe('launch requests (file manager, second launch, chorus:// links)', () => {
  it('tells views, stories and datasets by name; refuses the rest', () => {
    expect(requestForPath('/x/a.chorus-view.json', false)).toEqual({ kind: 'view', path: '/x/a.chorus-view.json' });
    expect(requestForPath('/x/talk.CHORUS-STORY.json', false)).toEqual({ kind: 'story', path: '/x/talk.CHORUS-STORY.json' });
    expect(requestForPath('/x/day1.chorus.json', false)?.kind).toBe('dataset');
    expect(requestForPath('/x/units.nwb', false)?.kind).toBe('dataset');
    expect(requestForPath('/x/plane0', true)?.kind).toBe('dataset');
    expect(requestForPath('/x/notes.docx', false)).toBeNull();
  });

  it('reads chorus://view links, in the hash or the query; nothing else', () => {
    expect(viewLinkHash('chorus://view/#view=%7B%7D')).toBe('#view=%7B%7D');
    expect(viewLinkHash('chorus://view?view={}')).toBe('#view=%7B%7D');
    expect(viewLinkHash('chorus://app/index.html#view=x')).toBeNull();
    expect(viewLinkHash('https://view/#view=x')).toBeNull();
    expect(viewLinkHash('chorus://view/')).toBeNull();
    expect(viewLinkHash('::')).toBeNull();
  });

  it('a second launch hands over its files, relative to its own folder, skipping flags and the executable', () => {
    const argv = ['/opt/Chorus/chorus', '--allow-file-access-from-files', 'units.nwb', '--kiosk-config', 'k.json', '/v/a.chorus-view.json', 'missing.nwb', 'notes.docx', 'chorus://view/#view=x', 'https://evil.example/'];
    const { requests, skipped } = launchRequests(argv, 1, '/home/ana', disk({ '/home/ana/units.nwb': 'file', '/v/a.chorus-view.json': 'file', '/home/ana/notes.docx': 'file', '/home/ana/k.json': 'file' }));
    expect(requests).toEqual([
      { kind: 'dataset', path: '/home/ana/units.nwb' },
      { kind: 'view', path: '/v/a.chorus-view.json' },
      { kind: 'view-link', hash: '#view=x' },
    ]);
    expect(skipped).toEqual(['/home/ana/missing.nwb: no such file or folder', '/home/ana/notes.docx: not a file Chorus opens', 'https://evil.example/: not a chorus://view link']);
  });

  it('unpackaged, the app folder after the executable is not a file to open', () => {
    expect(launchRequests(['electron', '/src/chorus', 'a.nwb'], 2, '/d', disk({ '/d/a.nwb': 'file', '/src/chorus': 'folder' })).requests).toEqual([{ kind: 'dataset', path: '/d/a.nwb' }]);
  });

  it('several dataset files in one launch are one dataset', () => {
    expect(
      groupDatasetRequests([
        { kind: 'dataset', path: '/a.nwb' },
        { kind: 'view', path: '/v.chorus-view.json' },
        { kind: 'dataset', path: '/b.nwb' },
      ]),
    ).toEqual([
      { kind: 'dataset', paths: ['/a.nwb', '/b.nwb'] },
      { kind: 'view', path: '/v.chorus-view.json' },
    ]);
  });
});

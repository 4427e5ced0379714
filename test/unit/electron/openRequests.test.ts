import { describe, expect, it } from 'vitest';
import { openRequestsFor } from '../../../electron/openRequests';
import { FileGrants } from '../../../electron/fileGrants';
import { openRequestSchema } from '../../../shared/platform/chorusApi';

function services(sizes: Record<string, number>) {
  const opened: string[] = [];
  return {
    opened,
    listFolder: async (path: string) => (path === '/rec/plane0' ? ['F.npy', 'iscell.npy', 'readme.txt'] : null),
    fileSize: async (path: string) => {
      if (!(path in sizes)) throw new Error(`ENOENT: no such file, stat '${path}'`);
      return sizes[path]!;
    },
    readText: async (path: string) => `text of ${path}`,
    grants: new FileGrants(),
    noteOpened: (kind: string, path: string) => void opened.push(`${kind} ${path}`),
  };
}

describe('what main sends the page for a launch', () => {
  it('one dataset from several files, a view as text, a link as is; all valid open requests; recent noted', async () => {
    const shell = services({ '/d/day1.nwb': 10, '/d/day2.nwb': 20, '/v/fig.chorus-view.json': 5 });
    const requests = await openRequestsFor(
      [
        { kind: 'dataset', path: '/d/day1.nwb' },
        { kind: 'view', path: '/v/fig.chorus-view.json' },
        { kind: 'dataset', path: '/d/day2.nwb' },
        { kind: 'view-link', hash: '#view=x' },
      ],
      [],
      shell,
    );
    expect(requests.map((r) => r.kind)).toEqual(['dataset', 'view', 'view-link']);
    for (const request of requests) expect(openRequestSchema.safeParse(request).success).toBe(true);
    const dataset = requests[0] as Extract<(typeof requests)[number], { kind: 'dataset' }>;
    expect(dataset.files.map((f) => [f.name, f.size])).toEqual([['day1.nwb', 10], ['day2.nwb', 20]]);
    expect(shell.grants.lookup(dataset.files[1]!.token)).toEqual({ path: '/d/day2.nwb', size: 20 });
    expect(requests[1]).toEqual({ kind: 'view', file: { name: 'fig.chorus-view.json', text: 'text of /v/fig.chorus-view.json' } });
    expect(shell.opened).toEqual(['dataset /d/day1.nwb', 'view /v/fig.chorus-view.json']);
  });

  it('a folder opens as the files Chorus reads in it', async () => {
    const shell = services({ '/rec/plane0/F.npy': 100, '/rec/plane0/iscell.npy': 8 });
    const [request] = await openRequestsFor([{ kind: 'dataset', path: '/rec/plane0' }], [], shell);
    expect(request!.kind === 'dataset' && request!.files.map((f) => f.name)).toEqual(['plane0/F.npy', 'plane0/iscell.npy']);
  });

  it('what cannot be opened becomes a problem naming the file; skipped arguments are said too', async () => {
    const shell = services({});
    const requests = await openRequestsFor([{ kind: 'story', path: '/s/talk.chorus-story.json' }], ['/x/notes.docx: not a file Chorus opens'], shell);
    expect(requests).toEqual([
      { kind: 'problem', title: 'Could not open talk.chorus-story.json', lines: ["ENOENT: no such file, stat '/s/talk.chorus-story.json'"] },
      { kind: 'problem', title: 'Some of what Chorus was asked to open was left out', lines: ['/x/notes.docx: not a file Chorus opens'] },
    ]);
    expect(shell.opened).toEqual([]);
  });
});

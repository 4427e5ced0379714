import { describe, expect, it } from 'vitest';
import { createIpcHandlers, IpcRejection, type ShellServices } from '../../../electron/ipcHandlers';
import { CHORUS_API_VERSION, IPC, MAX_DATASET_BYTES, MAX_SLICE_BYTES, MAX_TEXT_FILE_BYTES, type GrantedFile } from '../../../shared/platform/chorusApi';
import { APP_ENTRY } from '../../../electron/security';
import { FileGrants } from '../../../electron/fileGrants';
import { DEFAULT_SETTINGS, patchSettings, type Settings } from '../../../shared/desktop/settings';

const FILES: Record<string, Uint8Array> = { '/data/day1.chorus.json': Uint8Array.from({ length: 100 }, (_, i) => i) };

function services(overrides: Partial<ShellServices> = {}): ShellServices & { opened: string[]; settings: Settings } {
  const state = { opened: [] as string[], settings: DEFAULT_SETTINGS };
  const base: ShellServices = {
    version: '9.9.9',
    chooseDatasetPaths: async () => ['/data/day1.chorus.json'],
    chooseTextFile: async (kind) => `/views/fig.chorus-${kind}.json`,
    listFolder: async () => null,
    fileSize: async (path) => FILES[path]?.length ?? 12,
    readSlice: async (path, offset, length) => (FILES[path] ?? new Uint8Array(12)).slice(offset, offset + length),
    readText: async (path) => `{"from": "${path}"}`,
    grants: new FileGrants(),
    loadSettings: () => ({ settings: state.settings, notice: null }),
    saveSettings: (patch) => void (state.settings = patchSettings(state.settings, patch)),
    noteOpened: (kind, path) => void state.opened.push(`${kind} ${path}`),
    ...overrides,
  };
  return Object.assign(base, { get opened() { return state.opened; }, get settings() { return state.settings; } });
}

describe('IPC handlers', () => {
  it('answer the app page with typed values', async () => {
    const handlers = createIpcHandlers(services());
    expect(await handlers[IPC.appInfo]!(APP_ENTRY, [])).toEqual({ apiVersion: CHORUS_API_VERSION, platform: 'electron', version: '9.9.9' });
  });

  it('grant the chosen files and serve them in slices, never whole; note them as recent', async () => {
    const shell = services();
    const handlers = createIpcHandlers(shell);
    const granted = (await handlers[IPC.openDataset]!(APP_ENTRY, [])) as GrantedFile[];
    expect(granted).toEqual([{ name: 'day1.chorus.json', size: 100, token: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    expect(shell.opened).toEqual(['dataset /data/day1.chorus.json']);
    const token = granted[0]!.token;
    expect(await handlers[IPC.readSlice]!(APP_ENTRY, [token, 90, 64])).toEqual(FILES['/data/day1.chorus.json']!.slice(90));
    expect(await handlers[IPC.readSlice]!(APP_ENTRY, [token, 100, 64])).toEqual(new Uint8Array(0));
    // A slice over the limit, an unknown token, a negative offset: refused.
    await expect(handlers[IPC.readSlice]!(APP_ENTRY, [token, 0, MAX_SLICE_BYTES + 1])).rejects.toThrow(/payload refused/);
    await expect(handlers[IPC.readSlice]!(APP_ENTRY, ['0'.repeat(32), 0, 10])).rejects.toThrow(/no such file was chosen/);
    await expect(handlers[IPC.readSlice]!(APP_ENTRY, [token, -1, 10])).rejects.toThrow(/payload refused/);
    const two = createIpcHandlers(services({ chooseDatasetPaths: async () => ['/d/a.nwb', '/d/b.nwb'] }));
    expect(((await two[IPC.openDataset]!(APP_ENTRY, [])) as GrantedFile[]).map((f) => f.name)).toEqual(['a.nwb', 'b.nwb']);
  });

  it('open a chosen folder as the files Chorus reads in it, named folder/file', async () => {
    let askedForFolder = false;
    const handlers = createIpcHandlers(
      services({
        chooseDatasetPaths: async (folder) => ((askedForFolder = folder), ['/rec/ks1']),
        listFolder: async (path) => (path === '/rec/ks1' ? ['spike_times.npy', 'spike_clusters.npy', 'pc_features.npy', 'params.py', 'trials.csv'] : null),
      }),
    );
    const picked = (await handlers[IPC.openDataset]!(APP_ENTRY, [{ folder: true }])) as GrantedFile[];
    expect(askedForFolder).toBe(true);
    // The large intermediate pc_features.npy is not read.
    expect(picked.map((f) => f.name).sort()).toEqual(['ks1/params.py', 'ks1/spike_clusters.npy', 'ks1/spike_times.npy', 'ks1/trials.csv']);
    await expect(handlers[IPC.openDataset]!(APP_ENTRY, [{ folder: 'yes' }])).rejects.toThrow(/payload refused/);
  });

  it('open views and stories by dialog, as text, refusing one too large to be one', async () => {
    const shell = services();
    const handlers = createIpcHandlers(shell);
    expect(await handlers[IPC.openTextFile]!(APP_ENTRY, ['view'])).toEqual({ name: 'fig.chorus-view.json', text: '{"from": "/views/fig.chorus-view.json"}' });
    expect(shell.opened).toEqual(['view /views/fig.chorus-view.json']);
    await expect(handlers[IPC.openTextFile]!(APP_ENTRY, ['dataset'])).rejects.toThrow(/payload refused/);
    expect(await createIpcHandlers(services({ chooseTextFile: async () => null }))[IPC.openTextFile]!(APP_ENTRY, ['story'])).toBeNull();
    const huge = createIpcHandlers(services({ fileSize: async () => MAX_TEXT_FILE_BYTES + 1 }));
    await expect(huge[IPC.openTextFile]!(APP_ENTRY, ['story'])).rejects.toThrow(/too large for a view or story file/);
  });

  it('load and save settings, refusing a patch that is not settings', async () => {
    const shell = services();
    const handlers = createIpcHandlers(shell);
    await handlers[IPC.saveSettings]!(APP_ENTRY, [{ theme: 'light' }]);
    expect(((await handlers[IPC.loadSettings]!(APP_ENTRY, [])) as { settings: Settings }).settings.theme).toBe('light');
    await expect(handlers[IPC.saveSettings]!(APP_ENTRY, [{ theme: 'light', version: 7 }])).rejects.toThrow(/payload refused/);
    await expect(handlers[IPC.saveSettings]!(APP_ENTRY, [{ recent: [{ kind: 'dataset', path: '/etc/passwd', openedAt: '', extra: 1 }] }])).rejects.toThrow(/payload refused/);
  });

  it('refuse other senders and unexpected payloads before doing anything', async () => {
    let asked = false;
    const handlers = createIpcHandlers(services({ chooseDatasetPaths: async () => ((asked = true), null), chooseTextFile: async () => ((asked = true), null) }));
    for (const channel of Object.keys(handlers)) await expect(handlers[channel]!('https://evil.example/', [])).rejects.toBeInstanceOf(IpcRejection);
    await expect(handlers[IPC.openDataset]!(APP_ENTRY, ['/etc/passwd'])).rejects.toThrow(/payload refused/);
    await expect(handlers[IPC.openTextFile]!(APP_ENTRY, ['/etc/passwd'])).rejects.toThrow(/payload refused/);
    expect(asked).toBe(false);
  });

  it('returns null on cancel and refuses files over the limit with a readable message', async () => {
    expect(await createIpcHandlers(services({ chooseDatasetPaths: async () => null }))[IPC.openDataset]!(APP_ENTRY, [])).toBeNull();
    const big = createIpcHandlers(services({ fileSize: async () => MAX_DATASET_BYTES + 1 }));
    await expect(big[IPC.openDataset]!(APP_ENTRY, [])).rejects.toThrow(/day1\.chorus\.json is 1\.0 GiB/);
  });

  it('open a results folder as its manifest, tables and every file of pairs/, with no size cap (results are streamed)', async () => {
    const listing: Record<string, string[]> = {
      '/runs/results': ['results.json', 'frames.parquet', 'neurons.parquet', 'pairs', 'notes.txt'],
      '/runs/results/pairs': ['frame-0000-000.parquet', 'frame-0001-000.parquet', '.DS_Store'],
    };
    const handlers = createIpcHandlers(
      services({ chooseDatasetPaths: async () => ['/runs/results'], listFolder: async (path) => listing[path] ?? null, fileSize: async () => MAX_DATASET_BYTES }),
    );
    const picked = (await handlers[IPC.openDataset]!(APP_ENTRY, [{ folder: true }])) as GrantedFile[];
    expect(picked.map((f) => f.name)).toEqual(['results/results.json', 'results/frames.parquet', 'results/neurons.parquet', 'results/pairs/frame-0000-000.parquet', 'results/pairs/frame-0001-000.parquet']);
  });
});

import { describe, expect, it } from 'vitest';
import { createIpcHandlers, IpcRejection, type ShellServices } from '../../../electron/ipcHandlers';
import { IPC, MAX_DATASET_BYTES } from '../../../shared/platform/chorusApi';
import { APP_ENTRY } from '../../../electron/security';

function services(overrides: Partial<ShellServices> = {}): ShellServices {
  return {
    version: '9.9.9',
    chooseDatasetPaths: async () => ['/data/day1.chorus.json'],
    listFolder: async () => null,
    fileSize: async () => 12,
    readFile: async () => new Uint8Array([1, 2, 3]),
    ...overrides,
  };
}

describe('IPC handlers', () => {
  it('answer the app page with typed values', async () => {
    const handlers = createIpcHandlers(services());
    expect(await handlers[IPC.appInfo]!(APP_ENTRY, [])).toEqual({ apiVersion: 2, platform: 'electron', version: '9.9.9' });
    expect(await handlers[IPC.openDataset]!(APP_ENTRY, [])).toEqual([{ name: 'day1.chorus.json', bytes: new Uint8Array([1, 2, 3]) }]);
    const two = createIpcHandlers(services({ chooseDatasetPaths: async () => ['/d/a.nwb', '/d/b.nwb'] }));
    expect(((await two[IPC.openDataset]!(APP_ENTRY, [])) as { name: string }[]).map((f) => f.name)).toEqual(['a.nwb', 'b.nwb']);
  });

  it('open a chosen folder as the files Chorus reads in it, named folder/file', async () => {
    let askedForFolder = false;
    const handlers = createIpcHandlers(
      services({
        chooseDatasetPaths: async (folder) => ((askedForFolder = folder), ['/rec/ks1']),
        listFolder: async (path) => (path === '/rec/ks1' ? ['spike_times.npy', 'spike_clusters.npy', 'pc_features.npy', 'params.py', 'trials.csv'] : null),
      }),
    );
    const picked = (await handlers[IPC.openDataset]!(APP_ENTRY, [{ folder: true }])) as { name: string }[];
    expect(askedForFolder).toBe(true);
    // The large intermediate pc_features.npy is not read.
    expect(picked.map((f) => f.name).sort()).toEqual(['ks1/params.py', 'ks1/spike_clusters.npy', 'ks1/spike_times.npy', 'ks1/trials.csv']);
    await expect(handlers[IPC.openDataset]!(APP_ENTRY, [{ folder: 'yes' }])).rejects.toThrow(/payload refused/);
  });

  it('refuse other senders and unexpected payloads before doing anything', async () => {
    let asked = false;
    const handlers = createIpcHandlers(services({ chooseDatasetPaths: async () => ((asked = true), null) }));
    await expect(handlers[IPC.openDataset]!('https://evil.example/', [])).rejects.toBeInstanceOf(IpcRejection);
    await expect(handlers[IPC.openDataset]!(APP_ENTRY, ['/etc/passwd'])).rejects.toThrow(/payload refused/);
    expect(asked).toBe(false);
  });

  it('returns null on cancel and refuses files over the limit with a readable message', async () => {
    expect(await createIpcHandlers(services({ chooseDatasetPaths: async () => null }))[IPC.openDataset]!(APP_ENTRY, [])).toBeNull();
    const big = createIpcHandlers(services({ fileSize: async () => MAX_DATASET_BYTES + 1 }));
    await expect(big[IPC.openDataset]!(APP_ENTRY, [])).rejects.toThrow(/day1\.chorus\.json is 1\.0 GiB/);
  });
});

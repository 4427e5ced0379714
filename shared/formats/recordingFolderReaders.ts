import { failureIn } from '../dataset/datasetError';
import { readKilosortFolder } from './kilosort';
import { withChoices } from './mappingError';
import { checkpoint } from './readControl';
import { readerInfo } from './readerCatalog';
import type { FolderReader } from './reader';
import type { FolderInput, FolderRead } from './recording';
import { baseName, wholeFile, wholeText, type InputFile } from './source';
import { readSuite2pFolder } from './suite2p';
import { inspectSuite2p } from './suite2pInspect';
import { eventColumns, labelColumns, readTrialsCsv } from './trialsTable';

/**
 * Recording folders (Kilosort/phy output, a suite2p plane): claimed by their own file names
 * (readerCatalog.ts), read with the trials CSV chosen with them, whose columns and event times the
 * dataset dialog offers.
 */
function recordingFolderReader(
  id: 'kilosort' | 'suite2p',
  read: (input: FolderInput) => Promise<FolderRead>,
  responses: (files: ReadonlyMap<string, InputFile>) => string[],
): FolderReader {
  const info = readerInfo(id);
  const folder = info.recordingFolder!; // both ids name a recording folder in the catalog
  return {
    ...info,
    reads: 'folder',
    isMember: (probe) => folder.members.test(baseName(probe.name)),
    canOpenFolder: (names) => folder.marks(names),
    open: async (group, { mapping, session, control }) => {
      const trials = group.trials ?? failureIn(group.name)('(trials)', 'has no trials CSV: choose one with the folder (columns start_time, stimulus, event times in seconds)');
      const table = readTrialsCsv(wholeText(trials), trials.name);
      const files = new Map(group.files.map((f) => [baseName(f.name), f]));
      const choices = { columns: labelColumns(table), events: eventColumns(table), responses: responses(files) };
      const opened = await withChoices(choices, () => read({ folder: group.name, files, trials: table, mapping, source: session, control }));
      return { ...opened, choices };
    },
  };
}

export const kilosortReader: FolderReader = recordingFolderReader('kilosort', readKilosortFolder, () => []);

export const suite2pReader: FolderReader = {
  ...recordingFolderReader('suite2p', readSuite2pFolder, (files) => [...files.keys()].filter((n) => /^(F|Fneu|spks)\.npy$/.test(n)).map((n) => n.slice(0, -4))),
  // ROIs × frames, cells and all-zero ROIs, even without a trials CSV.
  inspect: async (group, control) => {
    await checkpoint(control, group.name);
    const traces = new Map(group.files.filter((f) => ['F.npy', 'spks.npy', 'iscell.npy'].includes(baseName(f.name))).map((f) => [baseName(f.name), wholeFile(f)] as const));
    const summary = inspectSuite2p(traces, group.name, control);
    return {
      format: 'suite2p plane',
      counts: { neurons: summary.cells ?? summary.rois - summary.allZeroRois, sessions: 1, trials: 0, conditions: 0 },
      details: { ...summary, warnings: undefined },
      warnings: summary.warnings,
    };
  },
};

/**
 * What each reader is, in the user's words and the file choosers' terms: its id, label, extensions,
 * how the dataset dialog maps its files, and the names that mark its recording folder. Detection by
 * content and reading live with the readers in registry.ts, each built on its entry here. This half
 * carries no reader code, so the UI thread (file chooser, drop, dialog) and Electron's main process
 * use it without loading h5wasm, fflate or papaparse.
 */
export interface ReaderFacts {
  readonly label: string;
  /** Endings of its files, lower case with the dot, for file choosers and folder picks; detection is by content. */
  readonly extensions: readonly string[];
  /**
   * What the dataset dialog maps: nothing (the file describes itself), columns to roles (one long
   * table), or arrays, series and trial columns to roles (each source one session, whose condition
   * and order the dialog sets).
   */
  readonly mapping: 'none' | 'columns' | 'roles';
  /** Times in samples or imaging frames: the dialog offers the sample rate. */
  readonly needsSampleRate?: boolean;
  /** Clusters with curation labels (good, mua, noise): the dialog offers good or all units. */
  readonly labelledUnits?: boolean;
  /**
   * A recording folder: the names that mark one, and its own files by name (the folder's other files,
   * such as Kilosort's large pc_features.npy, are left out; a trials CSV beside them is kept).
   */
  readonly recordingFolder?: { marks(names: ReadonlySet<string>): boolean; readonly members: RegExp };
}

const CATALOG = {
  'chorus-json': { label: 'Chorus dataset (.chorus.json)', extensions: ['.json'], mapping: 'none' },
  'long-csv': { label: 'CSV/TSV long format', extensions: ['.csv', '.tsv', '.txt'], mapping: 'columns' },
  nwb: { label: 'NWB 2.x', extensions: ['.nwb', '.h5', '.hdf5'], mapping: 'roles' },
  'matlab-v5': { label: 'MATLAB v5 .mat', extensions: ['.mat'], mapping: 'roles' },
  'matlab-v7.3': { label: 'MATLAB v7.3 .mat (HDF5)', extensions: ['.mat'], mapping: 'roles' },
  npz: { label: 'NumPy .npz', extensions: ['.npz'], mapping: 'roles' },
  'npy-folder': { label: 'NumPy .npy arrays', extensions: ['.npy'], mapping: 'roles' },
  kilosort: {
    label: 'Kilosort/phy folder + trials CSV',
    extensions: ['.npy'],
    mapping: 'roles',
    needsSampleRate: true,
    labelledUnits: true,
    recordingFolder: {
      marks: (names) => names.has('spike_times.npy') && (names.has('spike_clusters.npy') || names.has('spike_templates.npy')),
      // Every cluster_*.tsv travels with the folder (only group, KSLabel and info are read), so none is taken for a trials table.
      members: /^(spike_times\.npy|spike_clusters\.npy|spike_templates\.npy|channel_positions\.npy|params\.py|cluster_\w+\.tsv)$/,
    },
  },
  suite2p: {
    label: 'suite2p plane + trials CSV',
    extensions: ['.npy'],
    mapping: 'roles',
    needsSampleRate: true,
    recordingFolder: { marks: (names) => names.has('F.npy') || names.has('spks.npy'), members: /^(F|Fneu|spks|iscell|ops)\.npy$/ },
  },
} satisfies Record<string, ReaderFacts>;

export type ReaderId = keyof typeof CATALOG;

export interface ReaderInfo extends ReaderFacts {
  readonly id: ReaderId;
}

/** Every reader's facts, in the order formats are listed to people. */
export const READER_INFO: readonly ReaderInfo[] = Object.entries(CATALOG).map(([id, facts]): ReaderInfo => ({ id: id as ReaderId, ...facts }));

export function readerInfo(id: ReaderId): ReaderInfo {
  return READER_INFO.find((reader) => reader.id === id)!;
}

/** Every extension some reader reads, once each: the file choosers' filter and a folder pick's data files. */
export const DATA_EXTENSIONS: readonly string[] = [...new Set(READER_INFO.flatMap((reader) => reader.extensions))];

/** The ending of `name` among `extensions` (case-insensitive), or undefined. */
export function extensionIn(name: string, extensions: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  return extensions.find((extension) => lower.endsWith(extension));
}

import { DATA_EXTENSIONS, READER_INFO, extensionIn } from './readerCatalog';

/**
 * Which files of a chosen folder Chorus reads: a recording folder's own files (Kilosort/phy, suite2p)
 * and any CSV or TSV beside them (the trials table); in another folder, every file of a data format.
 */
export function folderMembers(names: readonly string[]): string[] {
  const present = new Set(names);
  const recording = READER_INFO.find((reader) => reader.recordingFolder?.marks(present))?.recordingFolder;
  if (recording) return names.filter((name) => recording.members.test(name) || /\.(csv|tsv)$/i.test(name));
  return names.filter((name) => extensionIn(name, DATA_EXTENSIONS) !== undefined && !name.startsWith('.'));
}

/** Whether a folder is a Parquet results folder (chorus analyze or merge --format parquet): its manifest beside its frames table. */
export function isResultsFolder(names: readonly string[]): boolean {
  return names.includes('results.json') && names.includes('frames.parquet');
}

import { matV5Reader, matV73Reader, npyFolderReader, npzReader } from './arrayReaders';
import { nwbReader } from './nwbReader';
import type { FileReader, FolderReader, Reader } from './reader';
import { kilosortReader, suite2pReader } from './recordingFolderReaders';
import { chorusJsonReader, longCsvReader } from './textReaders';

/**
 * Every reader, in the order detection tries them. A file goes to the first file reader whose canOpen
 * claims its content (MATLAB v7.3 is HDF5 too, so it comes before NWB); a folder's files go to the
 * first folder reader whose canOpenFolder claims their names (plain .npy arrays last: they take any
 * folder). A new format is one reader module, its entry in readerCatalog.ts and one line here.
 */
export const READERS: readonly Reader[] = [
  chorusJsonReader,
  longCsvReader,
  matV73Reader,
  nwbReader,
  matV5Reader,
  npzReader,
  kilosortReader,
  suite2pReader,
  npyFolderReader,
];

export const FILE_READERS: readonly FileReader[] = READERS.filter((reader): reader is FileReader => reader.reads === 'file');

export const FOLDER_READERS: readonly FolderReader[] = READERS.filter((reader): reader is FolderReader => reader.reads === 'folder');

/** The reader of one folder's files: the first folder reader that claims their names (the last claims any). */
export function folderReaderFor(names: ReadonlySet<string>): FolderReader {
  return FOLDER_READERS.find((reader) => reader.canOpenFolder(names)) ?? npyFolderReader;
}

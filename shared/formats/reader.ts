import type { Dataset, DatasetIssue } from '../dataset/types';
import type { DatasetMapping } from './mapping';
import type { MappingChoices } from './mappingError';
import type { ReadControl } from './readControl';
import type { ReaderInfo } from './readerCatalog';
import type { SessionSource } from './recording';
import type { InputFile } from './source';

/**
 * The contract every reader keeps (registry.ts lists them): its facts from readerCatalog.ts, how it
 * claims files by their content, and how it opens a source into a one-session-per-source Dataset.
 */

/** The start of one chosen file, as detection sees it. */
export interface FileProbe {
  readonly name: string;
  /** The first 4096 bytes. */
  readonly head: Uint8Array;
  /** The same bytes as UTF-8 text. */
  readonly text: string;
  /** The mapping asked for: a long CSV with renamed columns is still claimed. */
  readonly mapping: DatasetMapping;
}

/** One source: a file, or the files of one folder, with the trials CSV that goes with a recording folder. */
export interface SourceGroup {
  readonly reader: Reader;
  /** The file, or the folder, as the dialog's sessions table lists it. */
  readonly name: string;
  readonly files: readonly InputFile[];
  readonly trials: InputFile | null;
}

export interface OpenContext {
  readonly mapping: DatasetMapping;
  /** The session this source becomes: its id (the name without extension), condition and order. */
  readonly session: Omit<SessionSource, 'file' | 'name'>;
  /** Its position among the chosen sources. */
  readonly index: number;
  readonly control: ReadControl;
}

export interface SourceOpened {
  readonly dataset: Dataset;
  readonly warnings: readonly DatasetIssue[];
  /** The mapping fields detected (stimulus column, response variable, …), for the dialog and presets. */
  readonly detected: Partial<DatasetMapping>;
  /** What the source offers the dataset dialog for each role. */
  readonly choices: Partial<MappingChoices>;
}

/** Format-level facts (`chorus inspect`) that hold even when a source is not a dataset by itself. */
export interface SourceSummary {
  /** What the source is, more precisely than the reader's label (e.g. `NWB 2.4.0`). */
  readonly format: string;
  readonly counts: { readonly neurons: number; readonly sessions: number; readonly trials: number; readonly conditions: number };
  readonly details: Record<string, unknown>;
  readonly warnings: readonly DatasetIssue[];
}

export const NO_COUNTS: SourceSummary['counts'] = { neurons: 0, sessions: 0, trials: 0, conditions: 0 };

interface ReaderBase extends ReaderInfo {
  open(group: SourceGroup, context: OpenContext): Promise<SourceOpened>;
  /** What the source holds; null when it has nothing to say beyond the dataset it reads as. */
  inspect?(group: SourceGroup, control: ReadControl): Promise<SourceSummary | null>;
}

/** A reader of single files, each one source. */
export interface FileReader extends ReaderBase {
  readonly reads: 'file';
  /** Claims a file by its content. */
  canOpen(probe: FileProbe): boolean;
  /** A weaker claim, tried only when no reader claims the file by content and it is no trials table or folder member. */
  canTry?(probe: FileProbe): boolean;
  /** Text formats read synchronously too (openDataset: conversions, tests and benchmarks that hold the text). */
  readText?(text: string, file: string, mapping: DatasetMapping): { dataset: Dataset; warnings: DatasetIssue[] };
}

/** A reader of the files of one folder together (a recording folder, a folder of arrays). */
export interface FolderReader extends ReaderBase {
  readonly reads: 'folder';
  /** Claims a file as a member of its folder's source, by content or by its own name. */
  isMember(probe: FileProbe): boolean;
  /** Claims a folder by the names of its member files. */
  canOpenFolder(names: ReadonlySet<string>): boolean;
}

export type Reader = FileReader | FolderReader;

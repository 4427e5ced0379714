import type { DatasetIssue } from '../dataset/types';
import { EMPTY_MAPPING, isMappingPreset, type DatasetMapping } from './mapping';
import { isMatchingTable } from './matchingTable';
import { READER_INFO } from './readerCatalog';
import type { FileProbe, SourceGroup } from './reader';
import { FILE_READERS, FOLDER_READERS, folderReaderFor } from './registry';
import { baseName, fileHead, folderName, type InputFile } from './source';
import { isTrialsCsv } from './trialsTable';

export interface GroupedInputs {
  readonly groups: SourceGroup[];
  readonly matching: InputFile | null;
  readonly preset: InputFile | null;
  /** Files no reader claims (or empty ones), one error each; opening refuses them, `chorus inspect` still describes the rest. */
  readonly unreadable: DatasetIssue[];
}

const SUPPORTED = `${READER_INFO.map((reader) => reader.label).join(', ')}, trials CSV, matching table, mapping preset (.chorus-mapping.json)`;

/**
 * Sorts the chosen files into sources by content, not by extension: a mapping preset or a matching
 * table; else a file the first reader claims; else a trials CSV (it goes with the recording folder it
 * sits in); else a member of a folder source (a recording folder's own file, a .npy array); else a file
 * a reader will try (another table, as the long format). Each folder becomes one source.
 */
export function groupInputs(files: readonly InputFile[], mapping: DatasetMapping = EMPTY_MAPPING): GroupedInputs {
  const groups: SourceGroup[] = [];
  let matching: InputFile | null = null;
  let preset: InputFile | null = null;
  const folders = new Map<string, InputFile[]>();
  const trialsByFolder = new Map<string, InputFile>();
  const unreadable: DatasetIssue[] = [];
  for (const file of files) {
    if (file.source.size === 0) {
      unreadable.push({ severity: 'error', file: file.name, field: '(file)', message: 'is empty (0 bytes)' });
      continue;
    }
    const head = fileHead(file, 4096);
    const probe: FileProbe = { name: file.name, head, text: new TextDecoder('utf-8').decode(head), mapping };
    const reader = FILE_READERS.find((r) => r.canOpen(probe));
    const folder = folderName(file.name);
    if (isMappingPreset(probe.text)) preset = file;
    else if (isMatchingTable(probe.text)) matching = file;
    else if (reader) groups.push({ reader, name: file.name, files: [file], trials: null });
    else if (isTrialsCsv(probe.text)) trialsByFolder.set(folder, file);
    else if (FOLDER_READERS.some((r) => r.isMember(probe))) folders.set(folder, [...(folders.get(folder) ?? []), file]);
    else {
      const fallback = FILE_READERS.find((r) => r.canTry?.(probe));
      if (fallback) groups.push({ reader: fallback, name: file.name, files: [file], trials: null });
      else unreadable.push({ severity: 'error', file: file.name, field: '(file)', message: `is not a format Chorus can read; supported: ${SUPPORTED}` });
    }
  }
  for (const [folder, members] of folders) {
    const reader = folderReaderFor(new Set(members.map((f) => baseName(f.name))));
    // A folder's own trials CSV, else the only one chosen (one trials table for one recording).
    const trials = trialsByFolder.get(folder) ?? (trialsByFolder.size === 1 && folders.size === 1 ? [...trialsByFolder.values()][0]! : null);
    groups.push({ reader, name: folder || members[0]!.name, files: members, trials });
  }
  return { groups, matching, preset, unreadable };
}

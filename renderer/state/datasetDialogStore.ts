import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DatasetMapping } from '../../shared/formats/mapping';
import type { MappingChoices } from '../../shared/formats/mappingError';
import type { ReaderId } from '../../shared/formats/readerCatalog';
import type { DatasetPreview, FoundSource, ReplyIssue } from '../workers/protocol';
import type { ChosenFile } from '../platform/chosenFiles';
import { saveSettings, settingsStore } from './settingsStore';

/**
 * The dataset dialog: the chosen files, the mapping being edited and what the worker found with it.
 * Every opening goes through it, so the user sees neurons, sessions, trials per condition and warnings
 * before anything is analysed, and can change how the files are read.
 */
export interface DatasetDialogState {
  readonly files: readonly ChosenFile[] | null;
  /** The mapping sent with the last preview (the user's choices over the detected ones). */
  readonly mapping: DatasetMapping;
  readonly status: 'reading' | 'ready' | 'failed';
  readonly progress: { readonly done: number; readonly total: number; readonly step: string } | null;
  readonly preview: DatasetPreview | null;
  /** Why the files could not be read this way: the text to show, the code the dialog acts on. */
  readonly errors: readonly ReplyIssue[];
  /** What a source that did not read as a dataset holds (its reader's account), shown beside what is missing. */
  readonly found: FoundSource | null;
  /** What the files offer for each role, from the last preview or failure. */
  readonly choices: Partial<MappingChoices>;
  /** Set when a preset saved in settings for these readers was applied. */
  readonly presetReaders: readonly ReaderId[] | null;
  /** Leave out neurons that never fire (offered when that is the problem). */
  readonly dropSilent: boolean;
}

export const datasetDialogStore = createStore<DatasetDialogState>(() => ({
  files: null,
  mapping: { chorusMapping: 1 },
  status: 'reading',
  progress: null,
  preview: null,
  errors: [],
  found: null,
  choices: {},
  presetReaders: null,
  dropSilent: false,
}));

export function useDatasetDialog<T>(selector: (state: DatasetDialogState) => T): T {
  return useStore(datasetDialogStore, selector);
}

const presetKey = (readers: readonly ReaderId[]) => readers.join('+');

/**
 * Presets saved in settings, one per reader (or mix of readers), so the next file from the same rig
 * opens in one click. Keyed by reader ids, which stay put when a format's label is reworded.
 */
export const mappingPresets = {
  all(): Record<string, DatasetMapping> {
    return settingsStore.getState().mappingPresets;
  },
  get(readers: readonly ReaderId[]): DatasetMapping | null {
    return mappingPresets.all()[presetKey(readers)] ?? null;
  },
  save(readers: readonly ReaderId[], mapping: DatasetMapping): void {
    saveSettings({ mappingPresets: { ...mappingPresets.all(), [presetKey(readers)]: mapping } });
  },
  forget(readers: readonly ReaderId[]): void {
    const { [presetKey(readers)]: _forgotten, ...rest } = mappingPresets.all();
    saveSettings({ mappingPresets: rest });
  },
};

/** A preset is about the rig, not these files: per-file session labels stay out of it. */
export function presetOf(mapping: DatasetMapping): DatasetMapping {
  const { sessions: _sessions, ...rest } = mapping;
  return rest;
}

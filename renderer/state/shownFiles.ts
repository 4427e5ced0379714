import { createStore } from 'zustand/vanilla';
import type { ChosenFile } from '../platform/chosenFiles';

/**
 * The files the dataset on screen was read from (null for the demo and for models): a story saved of
 * it names them by name, size and SHA-256, and a story opened on it is checked against them.
 */
export const shownFilesStore = createStore<{ readonly files: readonly ChosenFile[] | null }>(() => ({ files: null }));

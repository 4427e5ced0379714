import { z } from 'zod';

/**
 * The one API the renderer may use (`window.chorus`). Electron's preload implements it over IPC; the web
 * build implements it with the File API. Change it deliberately: it is a contract (ARCHITECTURE.md).
 */
/** 2: openDataset returns every file the user chose (several files are the sessions of one dataset). */
export const CHORUS_API_VERSION = 2;

export const menuCommandSchema = z.enum(['open-dataset', 'open-folder', 'load-demo', 'toggle-play']);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

/** A file the user chose, as bytes: the renderer never sees paths. */
export const pickedFileSchema = z.object({
  name: z.string().min(1).max(1024),
  bytes: z.instanceof(Uint8Array),
});
export type PickedFile = z.infer<typeof pickedFileSchema>;
export const pickedFilesSchema = z.array(pickedFileSchema).min(1).max(200);

export const openDatasetOptionsSchema = z.object({ folder: z.boolean() }).strict();
export type OpenDatasetOptions = z.infer<typeof openDatasetOptionsSchema>;

export const appInfoSchema = z.object({
  apiVersion: z.literal(CHORUS_API_VERSION),
  platform: z.enum(['electron', 'web']),
  version: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export interface ChorusApi {
  readonly platform: 'electron' | 'web';
  appInfo(): Promise<AppInfo>;
  /**
   * Shows the platform's file picker (several files allowed), or a folder picker with `folder` (a
   * suite2p plane, Kilosort output: its files come back named `folder/file`); null when cancelled.
   */
  openDataset(options?: OpenDatasetOptions): Promise<PickedFile[] | null>;
  /** Menu and accelerator commands from the shell; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** IPC channel names, in one place for main and preload. */
export const IPC = {
  appInfo: 'chorus:app-info',
  openDataset: 'chorus:open-dataset',
  menuCommand: 'chorus:menu-command',
} as const;

/** Largest total size of the dataset files the Electron shell hands to the renderer in one message. */
export const MAX_DATASET_BYTES = 1024 * 1024 * 1024;

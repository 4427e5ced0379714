import { z } from 'zod';
import { settingsPatchSchema, settingsSchema, type Settings, type SettingsPatch } from '../desktop/settings';

/**
 * The one API the renderer may use (`window.chorus`). Electron's preload implements it over IPC; the web
 * build implements it with the File API and localStorage. Change it deliberately: it is a contract
 * (ARCHITECTURE.md).
 */
/**
 * 3: files chosen in main come as grants read in slices (never whole over IPC); main pushes files to open
 * (recent, file manager, second launch, chorus:// links); settings; text files (views, stories) by dialog.
 */
export const CHORUS_API_VERSION = 3;

/** What the menu asks of the page; every one also has a control in the page (App.tsx runs both). */
export const MENU_COMMANDS = [
  'open-dataset',
  'open-folder',
  'load-demo',
  'open-view',
  'save-view',
  'export-image',
  'export-video',
  'open-story',
  'toggle-play',
  'layout-anatomical',
  'layout-functional',
  'layout-tuning',
  'view-single',
  'view-split',
  'view-difference',
  'theme-dark',
  'theme-light',
  'present',
  'explore',
] as const;
export const menuCommandSchema = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof menuCommandSchema>;

/** A file the user chose in main: the renderer reads it by its token, in slices, and never sees its path. */
export const grantedFileSchema = z
  .object({
    name: z.string().min(1).max(1024),
    size: z.number().int().min(0),
    token: z.string().regex(/^[0-9a-f]{32}$/),
  })
  .strict();
export type GrantedFile = z.infer<typeof grantedFileSchema>;
export const grantedFilesSchema = z.array(grantedFileSchema).min(1).max(200);

/** The largest slice one readSlice call returns. */
export const MAX_SLICE_BYTES = 16 * 1024 * 1024;
export const readSliceArgsSchema = z.tuple([grantedFileSchema.shape.token, z.number().int().min(0), z.number().int().min(1).max(MAX_SLICE_BYTES)]);

export const openDatasetOptionsSchema = z.object({ folder: z.boolean() }).strict();
export type OpenDatasetOptions = z.infer<typeof openDatasetOptionsSchema>;

export const TEXT_FILE_KINDS = ['view', 'story'] as const;
export type TextFileKind = (typeof TEXT_FILE_KINDS)[number];
export const textFileKindSchema = z.enum(TEXT_FILE_KINDS);
/** A view or story file as text (they are small: views a few kB, stories well under a megabyte). */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;
export const textFileSchema = z.object({ name: z.string().min(1).max(1024), text: z.string().max(MAX_TEXT_FILE_BYTES) }).strict();
export type TextFile = z.infer<typeof textFileSchema>;

/** What main asks the page to open: a recent item, a file from the file manager or a second launch, a chorus:// link. */
export const openRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dataset'), files: grantedFilesSchema }).strict(),
  z.object({ kind: z.literal('view'), file: textFileSchema }).strict(),
  z.object({ kind: z.literal('story'), file: textFileSchema }).strict(),
  /** A chorus://view/#view=… link: the hash, read as the web build reads its address (viewInHash). */
  z.object({ kind: z.literal('view-link'), hash: z.string().max(65536) }).strict(),
  /** Something asked for could not be opened (a recent file since moved): said in the page. */
  z.object({ kind: z.literal('problem'), title: z.string().max(500), lines: z.array(z.string().max(2000)).max(20) }).strict(),
]);
export type OpenRequest = z.infer<typeof openRequestSchema>;

export const settingsNoticeSchema = z.object({ title: z.string(), lines: z.array(z.string()) }).strict();
export const loadedSettingsSchema = z.object({ settings: settingsSchema, notice: settingsNoticeSchema.nullable() }).strict();
export type LoadedSettings = z.infer<typeof loadedSettingsSchema>;
export { settingsPatchSchema };

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
  openDataset(options?: OpenDatasetOptions): Promise<GrantedFile[] | null>;
  /** `length` bytes of a granted file from `offset` (fewer at its end). */
  readSlice(token: string, offset: number, length: number): Promise<Uint8Array<ArrayBuffer>>;
  /** A view or story file, by the platform's dialog; null when cancelled. */
  openTextFile(kind: TextFileKind): Promise<TextFile | null>;
  /** The saved settings, and a notice when the settings file could not be used whole. */
  loadSettings(): Promise<LoadedSettings>;
  saveSettings(patch: SettingsPatch): Promise<void>;
  /** Menu and accelerator commands from the shell; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Files and links main asks the page to open; returns an unsubscribe function. */
  onOpenRequest(listener: (request: OpenRequest) => void): () => void;
}

export type { Settings, SettingsPatch };

/** IPC channel names, in one place for main and preload. */
export const IPC = {
  appInfo: 'chorus:app-info',
  openDataset: 'chorus:open-dataset',
  readSlice: 'chorus:read-slice',
  openTextFile: 'chorus:open-text-file',
  loadSettings: 'chorus:load-settings',
  saveSettings: 'chorus:save-settings',
  menuCommand: 'chorus:menu-command',
  openRequest: 'chorus:open-request',
} as const;

/** Largest total size of the dataset files opened at once (the readers hold a file's arrays in memory). */
export const MAX_DATASET_BYTES = 1024 * 1024 * 1024;

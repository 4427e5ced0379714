import { z } from 'zod';
import { LAYOUT_NAMES } from '../network/timeline';
import { linkFilterSchema } from '../view/viewSchema';
import { datasetMappingSchema } from '../formats/mapping';

/**
 * The user's settings, one versioned JSON file (Electron: settings.json in the user-data folder; the web
 * build: localStorage). Read field by field, so one bad field costs that field only: it falls back to its
 * default and the notice names it. A file that is not JSON, not an object, of an older version that no
 * migration reaches, or of a newer Chorus is set aside whole (the caller keeps a backup) for the defaults.
 */
export const SETTINGS_VERSION = 1;

export const RECENT_LIMIT = 10;

export const recentEntrySchema = z
  .object({
    /** What it opens as: a dataset (one file or a folder) or a view file. */
    kind: z.enum(['dataset', 'view', 'story']),
    path: z.string().min(1).max(4096),
    /** When it was last opened (ISO 8601). */
    openedAt: z.string().max(40),
  })
  .strict();
export type RecentEntry = z.infer<typeof recentEntrySchema>;

export const windowBoundsSchema = z
  .object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(200).max(20000),
    height: z.number().int().min(200).max(20000),
    maximized: z.boolean(),
  })
  .strict();
export type WindowBounds = z.infer<typeof windowBoundsSchema>;

/** Each field with its schema: read one by one (see readSettings). */
const fieldSchemas = {
  theme: z.enum(['dark', 'light']),
  defaultLayout: z.enum(LAYOUT_NAMES),
  linkFilter: linkFilterSchema,
  /** Dataset mapping presets, keyed by reader ids ("nwb2+csv"). */
  mappingPresets: z.record(z.string().max(200), datasetMappingSchema),
  windowBounds: windowBoundsSchema.nullable(),
  recent: z.array(recentEntrySchema).max(RECENT_LIMIT),
} as const;

export const settingsSchema = z.object({ version: z.literal(SETTINGS_VERSION), ...fieldSchemas }).strict();
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsPatch = Partial<Omit<Settings, 'version'>>;
export const settingsPatchSchema = z.object(fieldSchemas).partial().strict();

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  theme: 'dark',
  defaultLayout: 'anatomical',
  linkFilter: { mode: 'top', count: 300 },
  mappingPresets: {},
  windowBounds: null,
  recent: [],
};

/** A step from version n to n + 1, on the file's JSON. */
export type SettingsMigration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * Older versions, each step taking version n to n + 1. None has shipped yet: version 1 is the first.
 * A file with no version predates the format and is set aside, as is one of a version no step leads up from.
 */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {};

export interface SettingsRead {
  readonly settings: Settings;
  /** What could not be used, in a sentence per problem; empty when the file was read whole. */
  readonly problems: readonly string[];
  /** The file should be kept aside (settings.json.bak) before the settings are written back. */
  readonly backUp: boolean;
}

/**
 * Reads a settings file's text; null (no file yet) gives the defaults without a word. An older version
 * is brought up to date step by step (`migrations`, `version`: the app's, or a test's).
 */
export function readSettings(text: string | null, migrations: Readonly<Record<number, SettingsMigration>> = SETTINGS_MIGRATIONS, current = SETTINGS_VERSION): SettingsRead {
  if (text === null) return { settings: DEFAULT_SETTINGS, problems: [], backUp: false };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return setAside(`it is not JSON (${(error as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return setAside('it is not a JSON object');
  let record = json as Record<string, unknown>;
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) return setAside('it has no version number, so it predates this format');
  if (version > current) return setAside(`it is of version ${version}, written by a newer Chorus (this one reads version ${current})`);
  for (let from = version; from < current; from++) {
    const step = migrations[from];
    if (!step) return setAside(`version ${version} cannot be brought up to date`);
    record = step(record);
  }
  const problems: string[] = [];
  const settings: Record<string, unknown> = { version: SETTINGS_VERSION };
  for (const [field, schema] of Object.entries(fieldSchemas)) {
    const key = field as keyof typeof fieldSchemas;
    if (!Object.hasOwn(record, key)) {
      settings[key] = DEFAULT_SETTINGS[key];
      continue;
    }
    const parsed = (schema as z.ZodType).safeParse(record[key]);
    if (parsed.success) settings[key] = parsed.data;
    else {
      settings[key] = DEFAULT_SETTINGS[key];
      problems.push(`${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}; the default is used`);
    }
  }
  const unknown = Object.keys(record).filter((key) => key !== 'version' && !Object.hasOwn(fieldSchemas, key));
  if (unknown.length > 0) problems.push(`${unknown.join(', ')}: not a setting of this Chorus; left out`);
  return { settings: settings as Settings, problems, backUp: problems.length > 0 };
}

function setAside(why: string): SettingsRead {
  return { settings: DEFAULT_SETTINGS, problems: [`${why}; the defaults are used`], backUp: true };
}

/** The settings with a patch applied; the patch is checked like the file (an invalid one throws). */
export function patchSettings(settings: Settings, patch: unknown): Settings {
  return settingsSchema.parse({ ...settings, ...settingsPatchSchema.parse(patch) });
}

export function settingsText(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** The notice the app shows once when a settings file was not used whole. */
export function settingsNotice(file: string, read: SettingsRead, backupFile: string | null): { title: string; lines: string[] } | null {
  if (read.problems.length === 0) return null;
  return {
    title: `Some settings in ${file} could not be used`,
    lines: [...read.problems, ...(backupFile ? [`The file as it was is kept as ${backupFile}.`] : [])],
  };
}

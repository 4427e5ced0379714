import { z } from 'zod';
import { DatasetError } from '../dataset/datasetError';

/**
 * The mapping: which variable or column of the user's files is the response, the stimulus, the choice,
 * which condition (task/passive) and order each session has, and the epoch windows. Readers detect it
 * where they can; the dataset dialog shows it, the user edits it, and it is saved as a small JSON preset
 * (`*.chorus-mapping.json`) so the next file from the same rig opens in one click. The CLI takes the
 * same preset with `--mapping` or single fields as flags. Every field is optional: what is absent is
 * detected.
 */
export const AXIS_NAMES = ['neuron', 'trial', 'condition', 'epoch', 'session'] as const;
export type AxisName = (typeof AXIS_NAMES)[number];

/** Long-format CSV roles whose column may carry another name. */
export const LONG_CSV_ROLES = ['session', 'condition', 'order', 'trial', 'stimulus', 'choice', 'correct', 'epoch', 'neuron', 'response'] as const;

export const epochWindowSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    /** A trials-table column of event times (`start_time`, `stim_on_time`, `response_time`, …). */
    event: z.string().trim().min(1).max(200),
    /** Seconds relative to the event (negative: before it). */
    start: z.number().finite(),
    end: z.number().finite(),
  })
  .refine((w) => w.end > w.start, { message: 'end must be after start', path: ['end'] });
export type EpochWindowSpec = z.infer<typeof epochWindowSchema>;

export const sessionMappingSchema = z.object({
  /** The file (or folder) this session comes from, as listed in the dialog. */
  source: z.string().min(1).max(1024),
  condition: z.string().trim().min(1).max(80).optional(),
  order: z.number().finite().optional(),
});
export type SessionMapping = z.infer<typeof sessionMappingSchema>;

export const datasetMappingSchema = z
  .object({
    chorusMapping: z.literal(1).default(1),
    /** Array formats: the response variable; NWB optical physiology: the response series path. */
    response: z.string().trim().min(1).max(200).optional(),
    /** Array formats: what each axis of the response variable is, in order. */
    axes: z.array(z.enum(AXIS_NAMES)).min(2).max(5).optional(),
    /** Trials column or array variable holding the stimulus per trial (or per condition). */
    stimulus: z.string().trim().min(1).max(200).optional(),
    /** Trials column or variable holding the choice per trial; null: the data has no choices. */
    choice: z.string().trim().min(1).max(200).nullable().optional(),
    /** Condition of every session unless `sessions` says otherwise. */
    condition: z.string().trim().min(1).max(80).optional(),
    /** Windows relative to trial events, for spike times and traces. */
    epochs: z.array(epochWindowSchema).min(1).max(50).optional(),
    /** Samples per second: Kilosort's sample rate or the imaging frame rate, where the files lack it. */
    sampleRate: z.number().positive().finite().optional(),
    /** Kilosort/phy: only clusters labelled good (default), or every cluster but noise. */
    units: z.enum(['good', 'all']).optional(),
    /** Long CSV: role → the column that holds it, where the names differ. */
    columns: z.partialRecord(z.enum(LONG_CSV_ROLES), z.string().trim().min(1).max(200)).optional(),
    /** Per file or folder: condition and learning order. */
    sessions: z.array(sessionMappingSchema).max(1000).optional(),
  })
  .strict();
export type DatasetMapping = z.infer<typeof datasetMappingSchema>;
export type MappingInput = z.input<typeof datasetMappingSchema>;

export const EMPTY_MAPPING: DatasetMapping = { chorusMapping: 1 };

/** A preset file is recognised by content: a JSON object with "chorusMapping": 1. */
export function isMappingPreset(head: string): boolean {
  return /^\s*\{[\s\S]*"chorusMapping"\s*:\s*1/.test(head.slice(0, 4096));
}

export function parseMapping(text: string, file: string): DatasetMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DatasetError([{ severity: 'error', file, field: '(JSON)', message: `is not valid JSON: ${(error as Error).message}` }]);
  }
  return validateMapping(json, file);
}

export function validateMapping(json: unknown, file: string): DatasetMapping {
  const parsed = datasetMappingSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new DatasetError(
    parsed.error.issues.slice(0, 10).map((issue) => ({
      severity: 'error' as const,
      file,
      field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(mapping)',
      message: issue.message,
    })),
  );
}

/**
 * Later fields win; `sessions` entries merge by source. Only the mapping's own fields are copied, so a
 * key such as `__proto__` in a hand-edited preset can never reach the merged object's prototype.
 */
export function mergeMappings(...mappings: readonly (Partial<DatasetMapping> | undefined)[]): DatasetMapping {
  const merged: Record<string, unknown> = { chorusMapping: 1 };
  const sessions = new Map<string, SessionMapping>();
  for (const mapping of mappings) {
    if (!mapping) continue;
    for (const [key, value] of Object.entries(mapping)) {
      if (value === undefined || key === 'sessions' || !Object.hasOwn(datasetMappingSchema.shape, key)) continue;
      merged[key] = key === 'columns' ? { ...(merged.columns as object | undefined), ...(value as object) } : value;
    }
    for (const session of mapping.sessions ?? []) sessions.set(session.source, { ...sessions.get(session.source), ...session });
  }
  if (sessions.size > 0) merged.sessions = [...sessions.values()];
  return merged as DatasetMapping;
}

/** `pre=response_time:-0.3:0` → a window (the CLI's `--epoch` flag). */
export function parseEpochFlag(text: string): EpochWindowSpec {
  const match = /^([^=]+)=([^:]+):(-?[\d.eE+-]+):(-?[\d.eE+-]+)$/.exec(text.trim());
  const parsed = match ? epochWindowSchema.safeParse({ name: match[1], event: match[2], start: Number(match[3]), end: Number(match[4]) }) : null;
  if (!parsed?.success) {
    throw new DatasetError([
      { severity: 'error', field: '--epoch', message: `"${text}" is not NAME=EVENT:START:END in seconds with END after START (e.g. pre=response_time:-0.3:0)` },
    ]);
  }
  return parsed.data;
}

/** The condition and order a session from `source` gets: the mapping's, else guessed from its name. */
export function sessionLabels(mapping: DatasetMapping, source: string, index: number): { condition: string; order: number } {
  const entry = mapping.sessions?.find((s) => s.source === source);
  return {
    condition: entry?.condition ?? mapping.condition ?? (/passive/i.test(source) ? 'passive' : 'task'),
    order: entry?.order ?? index + 1,
  };
}

import { z } from 'zod';

/**
 * Schema of the native `*.chorus.json` file, version 1 (documented in README, "Dataset format").
 * The nested `responses` array is only shape-checked here; its millions of numbers are checked in one
 * typed loop by the reader, which is much faster than a per-element schema and names trial and neuron.
 */
export const CHORUS_DATASET_FORMAT = 'chorus-dataset';
export const CHORUS_DATASET_VERSION = 1;

const finiteOrNull = z.number().nullable();

export const neuronSchema = z.object({
  id: z.string().min(1, 'must be a non-empty string'),
  position: z.tuple([z.number(), z.number(), z.number()]).optional(),
  area: z.string().optional(),
});

export const epochSchema = z
  .object({ name: z.string().min(1), start: z.number(), end: z.number() })
  .refine((e) => e.end > e.start, { message: 'end must be after start' });

export const sessionSchema = z.object({
  id: z.string().min(1, 'must be a non-empty string'),
  order: z.number(),
  condition: z.string().min(1),
  epochs: z.array(epochSchema).min(1, 'needs at least one epoch'),
  neuronIds: z.array(z.string()).optional(),
  trials: z.object({
    stimulus: z.array(finiteOrNull),
    choice: z.array(z.union([z.literal(0), z.literal(1), z.null()])).optional(),
    correct: z.array(z.boolean().nullable()).optional(),
  }),
  responses: z.array(z.array(z.array(z.unknown()))),
});

export const chorusDatasetSchema = z.object({
  format: z.literal(CHORUS_DATASET_FORMAT),
  version: z.literal(CHORUS_DATASET_VERSION),
  name: z.string(),
  responseUnit: z.string().default('spikes'),
  stimulusUnit: z.string().default(''),
  matching: z.enum(['identity', 'channel', 'none']),
  neurons: z.array(neuronSchema).min(1, 'needs at least one neuron'),
  sessions: z.array(sessionSchema).min(1, 'needs at least one session'),
});

export type ChorusDatasetFile = z.infer<typeof chorusDatasetSchema>;

import { z } from 'zod';
import type { Dataset, DatasetIssue } from '../../dataset/types';
import { ISSUE_CODES } from '../../dataset/issueCodes';
import { analysisSettingsSchema } from '../settings';
import type { FrameAnalysis, FrameMeasures } from '../frameAnalysis';
import type { PairBlockResult } from '../pairBlock';
import type { FramePlan } from '../framePlan';
import type { FrameJob, FrameJobResult } from './frameJobs';

/**
 * The one message protocol between a frame pool and its workers (worker_threads in the CLI, Web Workers in
 * the app), checked on arrival at both ends. Every message carries its run number: replies of an abandoned
 * run are recognised and dropped. Typed arrays are checked by type, not element by element.
 */
const run = z.number().int().nonnegative();
const index = z.number().int().nonnegative();

export const datasetIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.enum(ISSUE_CODES).optional(),
  file: z.string().optional(),
  field: z.string(),
  message: z.string(),
}) satisfies z.ZodType<DatasetIssue>;

const frameKeySchema = z.object({ sessionIndex: z.number().int().nonnegative(), epochIndex: z.number().int().nonnegative() });

const planSchema = z.object({
  key: frameKeySchema,
  neurons: z.instanceof(Int32Array),
  issues: z.array(datasetIssueSchema),
  refusal: datasetIssueSchema.nullable(),
  subsetNeurons: z.number().int().min(2).nullable(),
}) satisfies z.ZodType<FramePlan>;

const frameJobSchema = z.union([
  z.object({ kind: z.literal('plan'), key: frameKeySchema, settings: analysisSettingsSchema, relevance: z.boolean(), file: z.string().optional() }),
  z.object({
    kind: z.enum(['analyze', 'measures']),
    key: frameKeySchema,
    plan: planSchema,
    settings: analysisSettingsSchema,
    context: z.object({ fixedNeurons: z.number().int().nullable(), highRelevance: z.instanceof(Uint8Array).nullable() }),
    file: z.string().optional(),
  }),
  z.object({
    kind: z.literal('pairs'),
    key: frameKeySchema,
    plan: planSchema,
    settings: analysisSettingsSchema,
    rows: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).readonly(),
    shuffles: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).readonly(),
  }),
]) satisfies z.ZodType<FrameJob>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const datasetSchema = z.custom<Dataset>(
  (value) =>
    isRecord(value) &&
    Array.isArray(value.neurons) &&
    Array.isArray(value.sessions) &&
    value.sessions.every((s: unknown) => isRecord(s) && s.responses instanceof Float32Array && s.stimulus instanceof Float64Array && s.present instanceof Uint8Array),
  'a dataset with typed-array sessions',
);


const frameSchema = z.custom<FrameAnalysis>(
  (value) => isRecord(value) && typeof value.sessionIndex === 'number' && value.pairRedundancy instanceof Float32Array && value.used instanceof Uint8Array,
  'a frame analysis',
);

const measuresSchema = z.custom<FrameMeasures>(
  (value) => isRecord(value) && typeof value.sessionIndex === 'number' && value.used instanceof Uint8Array && value.neuronFisher instanceof Float64Array,
  'a frame\'s measures',
);

const blockSchema = z.custom<PairBlockResult>(
  (value) => isRecord(value) && Array.isArray(value.rows) && Array.isArray(value.shuffles) && (value.redundancy === null || value.redundancy instanceof Float64Array),
  'a pair block',
);

const frameJobResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan'), plan: planSchema, information: z.instanceof(Float64Array).nullable() }),
  z.object({ kind: z.literal('frame'), frame: frameSchema }),
  z.object({ kind: z.literal('measures'), measures: measuresSchema }),
  z.object({ kind: z.literal('pairs'), block: blockSchema }),
]) satisfies z.ZodType<FrameJobResult>;

export const poolRequestSchema = z.discriminatedUnion('kind', [
  /** The dataset of a run, sent once to each worker before its first job. */
  z.object({ kind: z.literal('dataset'), run, dataset: datasetSchema }),
  z.object({ kind: z.literal('job'), run, index, job: frameJobSchema }),
  /** The run is over: drop its dataset (a worker holds one copy at most, and none between runs). */
  z.object({ kind: z.literal('release'), run }),
]) satisfies z.ZodType<PoolRequest>;

export type PoolRequest =
  | { readonly kind: 'dataset'; readonly run: number; readonly dataset: Dataset }
  | { readonly kind: 'job'; readonly run: number; readonly index: number; readonly job: FrameJob }
  | { readonly kind: 'release'; readonly run: number };

export const poolReplySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), run, index, result: frameJobResultSchema }),
  /** The job failed: always a list of issues (DatasetError's, or one 'internal' issue for anything else). */
  z.object({ kind: z.literal('failed'), run, index, issues: z.array(datasetIssueSchema).min(1) }),
]) satisfies z.ZodType<PoolReply>;

export type PoolReply =
  | { readonly kind: 'result'; readonly run: number; readonly index: number; readonly result: FrameJobResult }
  | { readonly kind: 'failed'; readonly run: number; readonly index: number; readonly issues: readonly DatasetIssue[] };

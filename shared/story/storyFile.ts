import { z } from 'zod';
import { viewFileSchema } from '../view/viewSchema';
import { parseJsonFile } from '../view/jsonFile';

/**
 * A story (`*.chorus-story.json`): a talk's ordered steps over one dataset. Each step is a whole view
 * (the same contract as `.chorus-view.json`) with what the audience reads (the caption), what the
 * speaker reads (notes), how the view is reached (the transition), what then plays (an optional run
 * over sessions) and whether the step moves on by itself. Versioned: `chorusStory` is the format's
 * version, and a reader refuses any it does not know by name.
 */
export const STORY_VERSION = 1;
export const STORY_FILE_SUFFIX = '.chorus-story.json';

export const EASINGS = ['ease-in-out', 'linear', 'ease-in', 'ease-out'] as const;
export type Easing = (typeof EASINGS)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 as 64 lowercase hex digits');

/**
 * The dataset a story belongs to: the built-in demo (by its name, which carries the seed), or the
 * file(s) it was made from — names, sizes and content hashes, so a different file with the same name
 * is refused with a message saying so.
 */
export const storyDatasetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo'), name: z.string().min(1) }),
  z.object({
    kind: z.literal('files'),
    name: z.string().min(1),
    files: z.array(z.object({ name: z.string().min(1), bytes: z.number().int().min(0), sha256 })).min(1).max(10_000),
  }),
]);
export type StoryDataset = z.infer<typeof storyDatasetSchema>;

export const transitionSchema = z.object({
  /** How long the move from the previous step's view takes (camera, frame and layout together). */
  seconds: z.number().min(0).max(30),
  easing: z.enum(EASINGS),
});
export type Transition = z.infer<typeof transitionSchema>;
export const DEFAULT_TRANSITION: Transition = { seconds: 1.5, easing: 'ease-in-out' };

/**
 * After the transition, play on from the step's frame to session `toSession` (1-based) of the view's
 * condition, in epoch `toEpoch` (by name; null: the view's own epoch), at `framesPerSecond`, through
 * every frame between and blending them on the GPU as Play does.
 */
export const playbackSchema = z.object({
  toSession: z.number().int().min(1).max(100_000),
  toEpoch: z.string().nullable().default(null),
  framesPerSecond: z.number().positive().max(60),
});
export type StoryPlayback = z.infer<typeof playbackSchema>;

export const storyStepSchema = z.object({
  view: viewFileSchema,
  /** What the audience reads: plain text with **bold**, *italic* and line breaks (see caption.ts). */
  caption: z.string().max(2_000),
  /** What only the speaker sees (the presenter view). */
  notes: z.string().max(20_000).default(''),
  transition: transitionSchema.default(DEFAULT_TRANSITION),
  playback: playbackSchema.nullable().default(null),
  /** Seconds after the step is reached (and its playback done) before the next step starts by itself. */
  advanceAfterSeconds: z.number().positive().max(3_600).nullable().default(null),
});
export type StoryStep = z.infer<typeof storyStepSchema>;

export const storyFileSchema = z
  .object({
    chorusStory: z.literal(STORY_VERSION),
    title: z.string().min(1).max(200),
    dataset: storyDatasetSchema,
    steps: z.array(storyStepSchema).min(1).max(1_000),
  })
  .superRefine((story, context) => {
    story.steps.forEach((step, k) => {
      if (step.view.dataset !== story.dataset.name) {
        context.addIssue({ code: 'custom', path: ['steps', k, 'view', 'dataset'], message: `is "${step.view.dataset}", not the story's dataset "${story.dataset.name}"` });
      }
    });
  });
export type Story = z.infer<typeof storyFileSchema>;

/** The story in a file's text; throws an Error naming the field that is wrong (see parseJsonFile). */
export function parseStoryFile(text: string): Story {
  return parseJsonFile(text, storyFileSchema, `a Chorus story (a JSON object with "chorusStory": ${STORY_VERSION})`);
}

/** A story as its file's text: indented, so a story under version control diffs step by step. */
export function storyFileText(story: Story): string {
  return `${JSON.stringify(storyFileSchema.parse(story), null, 2)}\n`;
}

/** A file name for a story's title: "Learning in V4" → "learning-in-v4.chorus-story.json". */
export function storyFileName(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${stem || 'story'}${STORY_FILE_SUFFIX}`;
}

/** Where a step's frames are, in a timeline of `sessions` sessions × these epochs. */
export interface StepFrames {
  /** The frame the transition ends on (the view's position, within the last frame). */
  readonly start: number;
  /** Where the step's playback ends; equal to start without one. */
  readonly end: number;
  /** What the timeline could not take ("session 12 of 10", an epoch it lacks), said in the notice. */
  readonly notes: readonly string[];
}

export function stepFrames(step: StoryStep, sessions: number, epochs: readonly string[]): StepFrames {
  const count = Math.max(1, sessions * epochs.length);
  const start = Math.min(step.view.position, count - 1);
  if (!step.playback) return { start, end: start, notes: [] };
  const notes: string[] = [];
  let session = step.playback.toSession;
  if (session > sessions) {
    notes.push(`playback to session ${session}, but the condition has ${sessions}; it plays to the last`);
    session = sessions;
  }
  let epoch = Math.round(start) % epochs.length;
  if (step.playback.toEpoch !== null) {
    const named = epochs.indexOf(step.playback.toEpoch);
    if (named >= 0) epoch = named;
    else notes.push(`playback to epoch "${step.playback.toEpoch}", which this dataset lacks (${epochs.join(', ')}); it plays to the view's epoch`);
  }
  return { start, end: (session - 1) * epochs.length + epoch, notes };
}

import { fitCamera } from '../network/cameraFit';
import { timelineFrameIndex, type Timeline } from '../network/timeline';
import type { CameraState, ViewFile } from '../view/viewSchema';
import { DEFAULT_TRANSITION, STORY_VERSION, type Story, type StoryStep } from './storyFile';

/** The aspect the demo story's cameras are framed for: a 16:9 projector or screen. */
const STORY_ASPECT = 16 / 9;
const FOV = 45;

/**
 * The built-in story: the study's result told on the demo dataset in plain words, step by step — the
 * population, what a link means, early and late learning, the same neurons watching passively, the
 * pre-decision epoch, the task-relevant neurons, and the comparison that sums it up. It is built from
 * the demo's timeline (the link and the neuron it points at are the data's, not picked by hand), and
 * is what a newcomer sees on pressing Present.
 */
export function demoStory(timeline: Timeline): Story {
  const task = timeline.comparison?.task ?? 0;
  const passive = timeline.comparison?.passive ?? Math.min(1, timeline.conditions.length - 1);
  const sessions = timeline.sessionsPerCondition[task]!;
  const epochs = timeline.epochs.length;
  const preDecision = Math.max(0, timeline.epochs.findIndex((name) => /decision/i.test(name)));
  const last = sessions - 1;
  const at = (session: number, epoch: number) => session * epochs + epoch;

  const home = fitCamera(timeline.layouts.anatomical, STORY_ASPECT, FOV);
  const base: CameraState = { position: [...home.position], target: [...home.target] };
  const orbit = (degrees: number, lift = 1, zoom = 1): CameraState => {
    const [x, y, z] = base.position.map((v, k) => v - base.target[k]!) as [number, number, number];
    const turn = (degrees * Math.PI) / 180;
    const round = (v: number) => Math.round(v * 1e4) / 1e4;
    const offset = [x * Math.cos(turn) + z * Math.sin(turn), y * lift, -x * Math.sin(turn) + z * Math.cos(turn)].map((v) => v * zoom);
    return { position: offset.map((v, k) => round(v + base.target[k]!)) as CameraState['position'], target: base.target };
  };

  const strongest = strongestLink(timeline, timelineFrameIndex(timeline, task, last, preDecision));
  const relevant = mostRelevantNeuron(timeline);
  const view = (over: Partial<ViewFile> & Pick<ViewFile, 'condition' | 'position'>): ViewFile => ({
    chorusView: 1,
    dataset: timeline.datasetName,
    layout: 'anatomical',
    camera: base,
    filter: { mode: 'top', count: 300 },
    colourBy: 'relevance',
    selection: null,
    viewMode: 'single',
    theme: 'dark',
    ...over,
  });
  const taskName = timeline.conditions[task]!;
  const passiveName = timeline.conditions[passive]!;
  const step = (caption: string, notes: string, v: ViewFile, extra: Partial<StoryStep> = {}): StoryStep => ({
    view: v,
    caption,
    notes,
    transition: DEFAULT_TRANSITION,
    playback: null,
    advanceAfterSeconds: null,
    ...extra,
  });

  const steps: StoryStep[] = [
    step(
      `**${timeline.neuronIds.length} neurons** in visual cortex, the same ones recorded on each of **${sessions} days** while a monkey learns a task.\nEach sphere is a neuron, placed where it was recorded.`,
      'A simulated population built to behave like the one in Liu et al. (2026): same neurons, tracked across learning. Nodes sit at their electrodes.',
      view({ condition: taskName, position: at(0, 0), camera: orbit(-25, 1.1, 1.05) }),
    ),
    step(
      'A **link** joins two neurons that carry the *same* information about the stimulus.\nThe thicker the link, the more information they share.',
      `Link width is the pair's redundancy R_ij: information in each neuron alone, summed, minus what the pair carries together. The selected link is the strongest pair on the last day.`,
      view({ condition: taskName, position: at(0, preDecision), selection: strongest, camera: orbit(-10) }),
    ),
    step(
      '**Day 1** of learning, while the monkey performs the task.\nFew neurons share much information.',
      'Early in learning, task condition, the last epoch before the decision.',
      view({ condition: taskName, position: at(0, preDecision), camera: orbit(0) }),
    ),
    step(
      'Watch the days pass: as the monkey **learns**, the links **thicken**.',
      `Plays the ${sessions} sessions of the task condition; frames blend on the GPU.`,
      view({ condition: taskName, position: at(0, preDecision), camera: orbit(20, 1, 0.97) }),
      { playback: { toSession: sessions, toEpoch: null, framesPerSecond: 4 }, transition: { seconds: 1, easing: 'ease-in-out' } },
    ),
    step(
      `**Day ${sessions}**: the same neurons now share much more information.\nLearning made their responses **more redundant**.`,
      'Late learning, task condition, pre-decision epoch. Redundancy rose with skill.',
      view({ condition: taskName, position: at(last, preDecision), camera: orbit(35) }),
    ),
    step(
      `The same neurons on the same day, while the monkey only *watches* the same stimuli.\nThe links stay thin: redundancy grows **only during the task**.`,
      'Passive viewing: no task, no rise in redundancy. The effect belongs to doing the task, not to seeing the stimuli.',
      view({ condition: passiveName, position: at(last, preDecision), camera: orbit(35) }),
    ),
    step(
      '**Task** and **passive viewing** side by side, on the last day.',
      'Split view: the two conditions, one camera.',
      view({ condition: taskName, position: at(last, preDecision), viewMode: 'split', camera: orbit(0, 1, 1.1) }),
    ),
    step(
      'Within each trial, shared information builds up and is strongest **just before the decision**.',
      `Plays the epochs of the last task session: ${timeline.epochs.join(' → ')}.`,
      view({ condition: taskName, position: at(last, 0), camera: orbit(-30) }),
      { playback: { toSession: sessions, toEpoch: timeline.epochs[preDecision]!, framesPerSecond: 0.8 } },
    ),
    step(
      'The neurons that matter most for the task (**bright**) gain the most shared information.',
      'Colour is each neuron’s task relevance (|d′| of the discrimination); the selected neuron is the most relevant. Layout by tuning.',
      view({ condition: taskName, position: at(last, preDecision), layout: 'tuning', selection: relevant, camera: orbit(0, 1.4) }),
    ),
    step(
      '**Task − passive**, day by day: learning adds redundancy where the task needs it.\nLiu, Haefner, Snyder et al., *Science* 2026.',
      'Difference view: links show task minus passive redundancy for the same pairs. Close on the paper.',
      view({ condition: taskName, position: at(last, preDecision), viewMode: 'difference', camera: orbit(-20, 1.1) }),
    ),
  ];
  return { chorusStory: STORY_VERSION, title: 'How neurons learn to work together', dataset: { kind: 'demo', name: timeline.datasetName }, steps };
}

/** The pair with the largest redundancy in one frame, by neuron ids; null without links. */
function strongestLink(timeline: Timeline, frame: number): ViewFile['selection'] {
  const edges = timeline.edges.length / 2;
  let best = -1;
  for (let e = 0; e < edges; e++) {
    const w = timeline.edgeWeights[frame * edges + e]!;
    if (Number.isFinite(w) && (best < 0 || w > timeline.edgeWeights[frame * edges + best]!)) best = e;
  }
  if (best < 0) return null;
  return { kind: 'link', a: timeline.neuronIds[timeline.edges[2 * best]!]!, b: timeline.neuronIds[timeline.edges[2 * best + 1]!]! };
}

/** The neuron with the largest task relevance; null where none is known. */
function mostRelevantNeuron(timeline: Timeline): ViewFile['selection'] {
  let best = -1;
  timeline.relevance.forEach((r, i) => {
    if (Number.isFinite(r) && (best < 0 || r > timeline.relevance[best]!)) best = i;
  });
  return best < 0 ? null : { kind: 'neuron', id: timeline.neuronIds[best]! };
}

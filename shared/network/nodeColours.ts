import type { Timeline } from './timeline';

/**
 * Node colours for the colour-by choice, as RGB triples in 0..1, with the legend that explains them.
 * Relevance: a sequential, colour-blind-safe ramp (cividis-like: blue-grey → yellow). Preferred
 * stimulus: the stimulus values in order along the same ramp. Area: Okabe–Ito categories.
 */
export type NodeColourBy = 'relevance' | 'preferred' | 'area' | 'none';

export interface NodeColourLegend {
  readonly title: string;
  readonly entries: readonly { readonly label: string; readonly colour: string }[];
}

const RAMP = ['#00224e', '#35456c', '#666970', '#948e77', '#c8b866', '#fee838'];
const CATEGORIES = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];
const NEUTRAL = '#c9d1d9';

function rgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

function ramp(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, t)) * (RAMP.length - 1);
  const k = Math.min(RAMP.length - 2, Math.floor(x));
  const [a, b] = [rgb(RAMP[k]!), rgb(RAMP[k + 1]!)];
  const f = x - k;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

export function nodeColours(timeline: Timeline, by: NodeColourBy): { colours: Float32Array; legend: NodeColourLegend } {
  const n = timeline.neuronIds.length;
  const colours = new Float32Array(n * 3);
  const set = (i: number, c: readonly number[]) => colours.set(c, 3 * i);
  if (by === 'relevance' && timeline.relevance.some(Number.isFinite)) {
    const sorted = Array.from(timeline.relevance).filter(Number.isFinite).sort((a, b) => a - b);
    const max = sorted.at(-1)!;
    for (let i = 0; i < n; i++) set(i, Number.isFinite(timeline.relevance[i]!) && max > 0 ? ramp(timeline.relevance[i]! / max) : rgb(NEUTRAL));
    return { colours, legend: { title: 'Task relevance', entries: [{ label: 'low', colour: RAMP[0]! }, { label: 'high', colour: RAMP.at(-1)! }] } };
  }
  if (by === 'preferred' && timeline.preferredStimulus.some(Number.isFinite)) {
    const values = [...new Set(Array.from(timeline.preferredStimulus).filter(Number.isFinite))].sort((a, b) => a - b);
    const at = (v: number) => (values.length < 2 ? 0.5 : values.indexOf(v) / (values.length - 1));
    for (let i = 0; i < n; i++) set(i, Number.isFinite(timeline.preferredStimulus[i]!) ? ramp(at(timeline.preferredStimulus[i]!)) : rgb(NEUTRAL));
    const hex = (t: number) => `#${ramp(t).map((c) => Math.round(c * 255).toString(16).padStart(2, '0')).join('')}`;
    return { colours, legend: { title: 'Preferred stimulus', entries: values.length <= 6 ? values.map((v) => ({ label: String(v), colour: hex(at(v)) })) : [{ label: String(values[0]), colour: hex(0) }, { label: String(values.at(-1)), colour: hex(1) }] } };
  }
  if (by === 'area' && timeline.areas.some((a) => a !== null)) {
    const areas = [...new Set(timeline.areas.filter((a): a is string => a !== null))].sort();
    for (let i = 0; i < n; i++) set(i, rgb(timeline.areas[i] === null ? NEUTRAL : CATEGORIES[areas.indexOf(timeline.areas[i]!) % CATEGORIES.length]!));
    return { colours, legend: { title: 'Area', entries: areas.slice(0, 8).map((a, k) => ({ label: a, colour: CATEGORIES[k % CATEGORIES.length]! })) } };
  }
  for (let i = 0; i < n; i++) set(i, rgb(NEUTRAL));
  const why = by === 'none' ? '' : ` (the dataset has no ${by === 'area' ? 'areas' : by === 'preferred' ? 'stimulus preferences' : 'relevance'})`;
  return { colours, legend: { title: `Uniform${why}`, entries: [] } };
}

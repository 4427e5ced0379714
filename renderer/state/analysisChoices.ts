import type { AnalysisChoices } from '../../shared/analysis/settings';
import { isSignedDesign } from '../../shared/analysis/discrimination';

/** What the user typed and picked, before it is checked (text fields stay as typed). */
export interface AnalysisChoicesDraft {
  /** A stimulus value as listed in the preview, or '' for every adjacent pair. */
  readonly first: string;
  readonly second: string;
  /** The fixed N as typed; '' = the smallest session's N. */
  readonly neurons: string;
}

export const EMPTY_CHOICES_DRAFT: AnalysisChoicesDraft = { first: '', second: '', neurons: '' };

/** A signed design (±c around 0) is discriminated level by level; any other with more than two values may need a pair chosen. */
export function needsDiscrimination(stimulusValues: readonly number[]): boolean {
  return !isSignedDesign(Float64Array.from(stimulusValues)) && new Set(stimulusValues).size > 2;
}

/** The draft as analysis choices, or why it cannot be used (said beside the field, and Open waits). */
export function checkedChoices(draft: AnalysisChoicesDraft, neurons: number): { choices: AnalysisChoices } | { problem: string; field: 'discriminate' | 'neurons' } {
  let discriminate: [number, number] | null = null;
  if (draft.first !== '' || draft.second !== '') {
    if (draft.first === '' || draft.second === '') return { problem: 'Choose both stimulus values to discriminate, or "every adjacent pair".', field: 'discriminate' };
    if (draft.first === draft.second) return { problem: 'The two stimulus values to discriminate must differ.', field: 'discriminate' };
    discriminate = [Number(draft.first), Number(draft.second)];
  }
  const text = draft.neurons.trim();
  let fixedNeurons: number | null = null;
  if (text !== '') {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 2 || value > neurons) return { problem: `Neurons compared: a whole number from 2 to ${neurons} (the dataset's neurons), or empty for the smallest session's N.`, field: 'neurons' };
    fixedNeurons = value;
  }
  return { choices: { discriminate, fixedNeurons } };
}

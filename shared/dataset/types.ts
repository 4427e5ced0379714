/**
 * The Chorus data model: tracked neurons recorded over ordered sessions.
 *
 * Responses are columnar typed arrays so the analysis never walks nested JS arrays:
 * one Float32Array per session laid out [trial][epoch][neuron] over *all* dataset neurons,
 * with a `present` mask for neurons that were not tracked in that session (their cells hold 0).
 */
import type { IssueCode } from './issueCodes';

/** How neuron identity carries across sessions (see SCIENCE.md: "tracked" means different things). */
export type Matching = 'identity' | 'channel' | 'none';

export interface Neuron {
  readonly id: string;
  /** Recording-site position (e.g. electrode grid x, y and depth), any unit. */
  readonly position?: readonly [number, number, number];
  readonly area?: string;
}

export interface Epoch {
  readonly name: string;
  /** Window in seconds relative to the trial event the dataset names (stimulus onset for the demo). */
  readonly start: number;
  readonly end: number;
}

export interface Session {
  readonly id: string;
  /** Learning order (day); sessions of different conditions on one day share an order. */
  readonly order: number;
  /** `task` or `passive` in the study; any label is accepted. */
  readonly condition: string;
  readonly epochs: readonly Epoch[];
  readonly trialCount: number;
  /** Signed signal strength per trial; 0 marks zero-signal trials. */
  readonly stimulus: Float64Array;
  /** Choice per trial (0 or 1), or null when the session has no choices (passive viewing). */
  readonly choice: Uint8Array | null;
  readonly correct: Uint8Array | null;
  /** 1 where the dataset neuron was tracked in this session. */
  readonly present: Uint8Array;
  /** [trial][epoch][neuron], length trialCount × epochs.length × neurons.length. */
  readonly responses: Float32Array;
  /** When it was recorded, as the file says it (NWB session_start_time); absent where the file does not say. */
  readonly recordedAt?: string;
}

export interface Dataset {
  readonly name: string;
  readonly responseUnit: string;
  readonly stimulusUnit: string;
  readonly matching: Matching;
  readonly neurons: readonly Neuron[];
  readonly sessions: readonly Session[];
}

/** Something odd about the input, said in the user's words and pointing at the place. */
export interface DatasetIssue {
  readonly severity: 'error' | 'warning';
  /** What kind of issue, for callers that act on it (see issueCodes.ts); absent for plain notes. */
  readonly code?: IssueCode;
  /** The file the problem is in, when known. */
  readonly file?: string;
  /** Where inside it, e.g. `sessions[2].trials.stimulus` or `session "day03-task"`. */
  readonly field: string;
  readonly message: string;
}

/** Which unit of each session is which tracked neuron (a cross-session matching table). */
export interface MatchingTable {
  readonly neurons: readonly string[];
  /** Session column (a file name without extension, or a session id) → per-row unit id or null. */
  readonly sessions: ReadonlyMap<string, readonly (string | null)[]>;
}

/** Index of response (trial, epoch, neuron) in a session's flat array. */
export function responseIndex(
  session: Pick<Session, 'epochs'>,
  neuronCount: number,
  trial: number,
  epoch: number,
  neuron: number,
): number {
  return (trial * session.epochs.length + epoch) * neuronCount + neuron;
}

/**
 * Machine-readable kinds of DatasetIssue. Callers branch on these, never on the English text of a
 * message (which is for people and may change). Add a code when a caller needs to act on a kind of issue.
 */
export const ISSUE_CODES = [
  /** A neuron with no spikes / all-zero responses; `--drop-silent` (the dialog's checkbox) leaves it out. */
  'silent-neuron',
  /** A neuron whose response does not vary within a frame (left out of that frame). */
  'constant-neuron',
  /** A neuron firing below `--min-rate` in a frame (left out of that frame), or the rule not applicable. */
  'low-rate',
  /** A neuron whose response does not depend on the stimulus (`--responsive`; left out of that frame). */
  'unresponsive',
  /** Spike times or frames need a sample rate (Kilosort) or frame rate (imaging) the files do not hold. */
  'missing-sample-rate',
  /** An epoch window holds no imaging frame in some trial: too narrow, or frame times on another clock (frame rate). */
  'epoch-without-frames',
  /** Only one neuron: pairwise measures are impossible. */
  'single-neuron',
  /** A frame cannot be estimated (too few trials for its neurons, no usable discrimination, …). */
  'frame-not-analysable',
  /** More neurons than a frame's trials support: its population measures are the mean over random subsets of fewer neurons. */
  'subset-population',
  /** A discrimination level left out (singular covariance, ν too small). */
  'level-dropped',
  /** Trials without a stimulus value (NaN, an empty label) were left out; or, when no trial has one, the file refused. */
  'missing-stimulus',
  /** The file is truncated or corrupt: its format's library (HDF5) failed on it. */
  'damaged-file',
  /** The file declares arrays larger than the memory limit (`--max-memory`); refused before they were allocated. */
  'memory-limit',
  /** The analysis was cancelled by its caller. */
  'cancelled',
  /** Something failed that is not a property of the input (a bug, a crashed worker). */
  'internal',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

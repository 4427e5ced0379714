/** Builders of small native-format files for reader and CLI tests. */
export interface SmallFileOptions {
  neurons?: number;
  trialsPerSide?: number;
  sessions?: number;
  seed?: number;
  /** Add a passive session on each day (no choices). */
  passive?: boolean;
  /** With `passive`: list each day's passive session before its task session. */
  passiveFirst?: boolean;
  /**
   * Amplitude of noise shared by all neurons in task sessions, scaled like f′ (so task pairs are
   * redundant); passive sessions then carry no stimulus information at all (so their pairs are not).
   * 0 (default): every session tuned, all noise independent.
   */
  taskSharedNoise?: number;
}

/** A valid `*.chorus.json` object: independent noisy responses with a stimulus effect. */
export function smallChorusFile({ neurons = 3, trialsPerSide = 8, sessions = 2, seed = 1, passive = false, passiveFirst = false, taskSharedNoise = 0 }: SmallFileOptions = {}) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const ids = Array.from({ length: neurons }, (_, i) => `n${i + 1}`);
  return {
    format: 'chorus-dataset',
    version: 1,
    name: 'small test file',
    responseUnit: 'spikes',
    stimulusUnit: 'deg',
    matching: 'identity',
    neurons: ids.map((id, i) => ({ id, position: [i, 0, 0], area: 'V4' })),
    sessions: Array.from({ length: passive ? 2 * sessions : sessions }, (_, k) => {
      const s = passive ? Math.floor(k / 2) : k;
      const condition = passive && k % 2 === (passiveFirst ? 0 : 1) ? 'passive' : 'task';
      const stimulus: number[] = [];
      for (let k = 0; k < trialsPerSide; k++) stimulus.push(-5, 5);
      return {
        id: `day${s + 1}-${condition}`,
        order: s + 1,
        condition,
        epochs: [{ name: 'stimulus', start: 0.05, end: 1.65 }],
        trials:
          condition === 'task'
            ? { stimulus, choice: stimulus.map((v) => (v > 0 ? 1 : 0) as 0 | 1), correct: stimulus.map(() => true) }
            : { stimulus },
        responses: stimulus.map((v) => {
          const shared = taskSharedNoise > 0 && condition === 'task' ? taskSharedNoise * next() : 0;
          const tuning = taskSharedNoise > 0 && condition === 'passive' ? 0 : 0.3;
          return [ids.map((_, i) => Math.round(10 + (i + 1) * tuning * v + 6 * next() + (shared * (i + 1)) / neurons))];
        }),
      };
    }),
  };
}

export function encode(value: unknown): Uint8Array {
  return new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
}

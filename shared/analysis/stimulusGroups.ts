/** Trials grouped by exact stimulus value, in ascending order of value. */
export function groupTrialsByStimulus(stimulus: Float64Array): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  stimulus.forEach((value, t) => {
    const group = groups.get(value);
    if (group) group.push(t);
    else groups.set(value, [t]);
  });
  return new Map([...groups.entries()].sort((a, b) => a[0] - b[0]));
}


import type { Timeline } from '../../shared/network/timeline';

/** Okabe–Ito colours for the conditions, distinct from the link colours: task first, passive second. */
const CONDITION_COLOURS = ['#009E73', '#CC79A7', '#F0E442', '#0072B2'];

/**
 * A condition's colour in every chart: by role (task green, passive pink, whatever their names and
 * order in the file), then the other conditions in order of appearance.
 */
export function conditionColour(timeline: Pick<Timeline, 'conditions' | 'comparison'>, condition: number): string {
  const { comparison } = timeline;
  const byRole = comparison ? [comparison.task, comparison.passive] : [];
  const order = [...byRole, ...timeline.conditions.keys()].filter((c, k, all) => all.indexOf(c) === k);
  return CONDITION_COLOURS[order.indexOf(condition) % CONDITION_COLOURS.length]!;
}

/**
 * The peer of the rendering benchmark: the same generated graph (positions, links) drawn with
 * 3d-force-graph, the usual choice for 3D network views today. Positions are fixed (fx/fy/fz, no
 * simulation ticks), so the comparison is drawing, not layout.
 */
import ForceGraph3D from '3d-force-graph';
import { syntheticTimeline } from '../../shared/network/syntheticTimeline';

const match = /[?&]size=(\d+)x(\d+)/.exec(window.location.search);
const [neurons, links] = match ? [Number(match[1]), Number(match[2])] : [5000, 100_000];
const timeline = syntheticTimeline(neurons, links);
const positions = timeline.layouts.anatomical;
const nodes = timeline.neuronIds.map((id, i) => ({ id: i, name: id, fx: positions[3 * i]! * 100, fy: positions[3 * i + 1]! * 100, fz: positions[3 * i + 2]! * 100 }));
const edges = Array.from({ length: links }, (_, e) => ({ source: timeline.edges[2 * e]!, target: timeline.edges[2 * e + 1]!, value: Math.abs(timeline.edgeWeights[e]!) }));
const element = document.getElementById('graph')!;
const graph = new ForceGraph3D(element, { controlType: 'orbit' })
  .width(window.innerWidth)
  .height(window.innerHeight)
  .cooldownTicks(0)
  .nodeRelSize(1.5)
  .linkColor(() => '#E69F00')
  .linkOpacity(0.6)
  .graphData({ nodes, links: edges });
(window as unknown as { __graph: unknown }).__graph = graph;
(window as unknown as { __ready: boolean }).__ready = true;

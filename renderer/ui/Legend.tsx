import { useView } from '../state/viewStore';

/** What width, colour and size mean, on the timeline's fixed scale. */
export function Legend() {
  const timeline = useView((s) => s.timeline);
  if (!timeline) return null;
  return (
    <aside className="legend" aria-label="Legend">
      <p>
        <span className="swatch redundant" aria-hidden="true" /> redundant pair (R<sub>ij</sub> &gt; 0)
      </p>
      <p>
        <span className="swatch synergistic" aria-hidden="true" /> synergistic pair (R<sub>ij</sub> &lt; 0)
      </p>
      <p>Link width ∝ |R<sub>ij</sub>|, widest = {timeline.edgeScale.toPrecision(2)}</p>
      <p>Node size ∝ √(single-neuron information)</p>
      <p>
        {timeline.edges.length / 2} links of {(timeline.neuronIds.length * (timeline.neuronIds.length - 1)) / 2} pairs ·
        matching: {timeline.matching}
      </p>
    </aside>
  );
}

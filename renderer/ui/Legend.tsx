import { nodeColours } from '../../shared/network/nodeColours';
import { measuredPairCount, shownLinkCount } from '../state/linksShown';
import { useScene } from '../state/sceneStore';
import { currentFrame, useView } from '../state/viewStore';
import { comparedConditions } from '../../shared/network/linkFilter';

/** What width, colour and size mean, on the timeline's fixed scale, and how many links are shown now. */
export function Legend() {
  const timeline = useView((s) => s.timeline);
  const conditionIndex = useView((s) => s.conditionIndex);
  const sessionOrdinal = useView((s) => currentFrame(s).sessionOrdinal);
  const epochIndex = useView((s) => currentFrame(s).epochIndex);
  const filter = useScene((s) => s.filter);
  const progress = useView((s) => s.statisticsProgress);
  const colourBy = useScene((s) => s.colourBy);
  const viewMode = useScene((s) => s.viewMode);
  if (!timeline) return null;
  const edges = timeline.edges.length / 2;
  const significance = timeline.edgeSignificant;
  const compared = comparedConditions(timeline);
  const difference = viewMode === 'difference' && compared !== null;
  const shown = shownLinkCount(timeline, filter, { conditionIndex, sessionOrdinal, epochIndex, difference });
  const pairs = measuredPairCount(timeline, { conditionIndex, sessionOrdinal, epochIndex, difference });
  const colours = nodeColours(timeline, colourBy).legend;
  const rule =
    filter.mode === 'top'
      ? `the ${filter.count} strongest per frame`
      : filter.mode === 'threshold'
        ? `|R| ≥ ${filter.value}`
        : significance
          ? 'significant after FDR'
          : progress
            ? `significance not computed yet: ${progress.done} of ${progress.total} frames`
            : 'significance not computed yet';
  return (
    <aside className="legend" aria-label="Legend">
      <p>
        <span className="swatch redundant" aria-hidden="true" /> {difference ? (
          <>
            more redundant in <bdi>{compared.task}</bdi> than <bdi>{compared.passive}</bdi>
          </>
        ) : (
          <>redundant pair (R<sub>ij</sub> &gt; 0)</>
        )}
      </p>
      <p>
        <span className="swatch synergistic" aria-hidden="true" /> {difference ? (
          <>
            more redundant in <bdi>{compared.passive}</bdi>
          </>
        ) : (
          <>synergistic pair (R<sub>ij</sub> &lt; 0)</>
        )}
      </p>
      {difference ? (
        <p aria-label="Link width">
          Link width ∝ |R<sub>ij</sub>(<bdi>{compared.task}</bdi>) − R<sub>ij</sub>(<bdi>{compared.passive}</bdi>)|, on the same scale as R<sub>ij</sub>: widest = {timeline.edgeScale.toPrecision(2)}
        </p>
      ) : (
        <p aria-label="Link width">
          Link width ∝ |R<sub>ij</sub>|, widest = {timeline.edgeScale.toPrecision(2)}
        </p>
      )}
      <p aria-label="Links shown">
        {shown} of {edges} link{edges === 1 ? '' : 's'} shown ({rule}) · {pairs} pair{pairs === 1 ? '' : 's'} measured in this frame
      </p>
      <p>Node size ∝ √(single-neuron information)</p>
      <p>
        Node colour: {colours.title}
        {colours.entries.map((entry) => (
          <span key={entry.label} className="legend-entry">
            <span className="swatch" style={{ background: entry.colour }} aria-hidden="true" /> <bdi>{entry.label}</bdi>
          </span>
        ))}
      </p>
      <p>matching: {timeline.matching}</p>
    </aside>
  );
}

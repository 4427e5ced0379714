import { LAYOUT_NAMES, type LayoutName } from '../../shared/network/timeline';
import { sceneActions, useScene } from '../state/sceneStore';
import { NODE_COLOURINGS, VIEW_MODES, type LinkFilter, type NodeColouring, type ViewMode } from '../../shared/view/viewSchema';
import { useView } from '../state/viewStore';
import { videoExportStore } from '../state/videoExportStore';
import { saveView, openViewFile } from './viewCommands';
import { stillActions, useStill } from '../state/stillStore';
import { FilterNumberField } from './FilterNumberField';
import { linksPerFrameInput, thresholdInput } from '../state/linkFilterInput';

const LAYOUT_LABELS: Record<LayoutName, string> = { anatomical: 'Anatomical', functional: 'Functional (shared information)', tuning: 'Tuning ring' };
const COLOUR_LABELS: Record<NodeColouring, string> = { relevance: 'Task relevance', preferred: 'Preferred stimulus', area: 'Area', none: 'None' };
const VIEW_LABELS: Record<ViewMode, string> = { single: 'Single', split: 'Split: task | passive', difference: 'Difference: task − passive' };

/** Layout, which links, node colours, view mode, theme, stills and view files — each labelled. */
export function ViewControls() {
  const timeline = useView((s) => s.timeline);
  const layout = useScene((s) => s.layout);
  const filter = useScene((s) => s.filter);
  const colourBy = useScene((s) => s.colourBy);
  const viewMode = useScene((s) => s.viewMode);
  const theme = useScene((s) => s.theme);
  const scale = useStill((s) => s.scale);
  const still = useStill((s) => s.saving);
  const disabled = timeline === null;
  // Split and difference compare the task and the passive condition, found by role.
  const twoConditions = (timeline?.comparison ?? null) !== null;

  const setFilterMode = (mode: LinkFilter['mode']) =>
    sceneActions.setFilter(mode === 'top' ? { mode, count: 300 } : mode === 'threshold' ? { mode, value: Number(((timeline?.edgeScale ?? 1) / 4).toPrecision(2)) } : { mode });

  return (
    <div className="view-controls" role="group" aria-label="View options">
      <label className="field">
        <span>Layout</span>
        <select value={layout} disabled={disabled} onChange={(e) => (sceneActions.setLayout(e.target.value as LayoutName), sceneActions.requestFit(true))}>
          {LAYOUT_NAMES.map((name) => (
            <option key={name} value={name}>
              {LAYOUT_LABELS[name]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Links</span>
        <select value={filter.mode} disabled={disabled} onChange={(e) => setFilterMode(e.target.value as LinkFilter['mode'])}>
          <option value="top">Strongest per frame</option>
          <option value="threshold">Above a threshold</option>
          <option value="significant">Significant only (FDR)</option>
        </select>
      </label>
      {filter.mode === 'top' && timeline && (
        <FilterNumberField
          label="Links per frame"
          value={filter.count}
          min={1}
          step={50}
          disabled={disabled}
          read={(text) => linksPerFrameInput(text, filter.count, timeline)}
          apply={(count) => sceneActions.setFilter({ mode: 'top', count })}
        />
      )}
      {filter.mode === 'threshold' && timeline && (
        <FilterNumberField
          label="Threshold |R|"
          value={filter.value}
          min={0}
          step="any"
          disabled={disabled}
          read={(text) => thresholdInput(text, filter.value)}
          apply={(value) => sceneActions.setFilter({ mode: 'threshold', value })}
        />
      )}
      <button type="button" disabled={disabled} onClick={() => sceneActions.requestFit(true)}>
        Fit view
      </button>
      <label className="field">
        <span>Node colour</span>
        <select value={colourBy} disabled={disabled} onChange={(e) => sceneActions.setColourBy(e.target.value as NodeColouring)}>
          {NODE_COLOURINGS.map((c) => (
            <option key={c} value={c}>
              {COLOUR_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>View</span>
        <select value={viewMode} disabled={disabled} onChange={(e) => sceneActions.setViewMode(e.target.value as ViewMode)}>
          {VIEW_MODES.map((m) => (
            <option key={m} value={m} disabled={m !== 'single' && !twoConditions}>
              {VIEW_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Theme</span>
        <select value={theme} onChange={(e) => sceneActions.setTheme(e.target.value as 'dark' | 'light')}>
          <option value="dark">Dark</option>
          <option value="light">Light</option>
        </select>
      </label>
      <label className="field narrow">
        <span>Image size</span>
        <select value={scale} onChange={(e) => stillActions.setScale(Number(e.target.value))}>
          {[1, 2, 3, 4].map((s) => (
            <option key={s} value={s}>
              {s}× window
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={disabled || still !== null} onClick={stillActions.save}>
        Save image
      </button>
      {still && (
        <span className="still-progress" role="status" aria-label="Saving the image">
          <progress aria-label="Image progress" max={still.total || 1} value={still.done} /> {still.done} of {still.total || '…'} tiles
          <button type="button" onClick={() => still.controller.abort()}>
            Cancel image
          </button>
        </span>
      )}
      <button type="button" disabled={disabled} onClick={() => videoExportStore.setState({ open: true })}>
        Export video…
      </button>
      <button type="button" disabled={disabled} onClick={saveView}>
        Save view
      </button>
      <button type="button" disabled={disabled} onClick={openViewFile}>
        Open view…
      </button>
    </div>
  );
}

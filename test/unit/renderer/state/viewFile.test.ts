import { beforeEach, describe, expect, it } from 'vitest';
import { sceneActions, sceneStore } from '../../../../renderer/state/sceneStore';
import { viewActions, viewStore } from '../../../../renderer/state/viewStore';
import { applyView, currentView } from '../../../../renderer/state/viewFile';
import { hashOfView, parseViewFile, viewFromHash, viewInHash, type ViewFile } from '../../../../shared/view/viewSchema';
import { syntheticTimeline } from '../../../../shared/network/syntheticTimeline';
import { aView } from '../../../helpers/viewFiles';

/** 8 neurons n1…n8, 12 links; conditions task and passive of 4 sessions × 3 epochs. */
const timeline = syntheticTimeline(8, 12, 4, 3, 3);
const ids = timeline.neuronIds;

const initialView = viewStore.getState();
const initialScene = sceneStore.getState();
beforeEach(() => {
  viewStore.setState(initialView, true);
  sceneStore.setState(initialScene, true);
});

/** Passive, session 3, late epoch half-way to the next frame; tuning layout; a link selected; split, light. */
function arrangeAView(): void {
  viewActions.showTimeline(timeline, 'synthetic');
  viewActions.setCondition(1);
  viewStore.setState({ position: 7.34567 });
  sceneActions.setLayout('tuning');
  sceneActions.setFilter({ mode: 'threshold', value: 0.015 });
  sceneActions.setColourBy('area');
  sceneActions.select({ kind: 'link', edge: 5 });
  sceneActions.setViewMode('split');
  sceneActions.setTheme('light');
  sceneActions.moveCamera({ position: [0.4, 1.2, 1.5], target: [0, 0.1, 0] }, 'main');
}

const validView: ViewFile = aView({
  dataset: timeline.datasetName,
  condition: 'passive',
  position: 4,
  camera: { position: [1, 1, 1], target: [0, 0, 0] },
  filter: { mode: 'top', count: 40 },
  colourBy: 'preferred',
  selection: { kind: 'neuron', id: 'n3' },
  viewMode: 'difference',
});

describe('the current view', () => {
  it('is null before a dataset is shown', () => {
    expect(currentView()).toBeNull();
  });

  it('names the dataset, condition and neurons, with the position to a thousandth of a frame', () => {
    arrangeAView();
    expect(currentView()).toEqual({
      chorusView: 1,
      dataset: 'synthetic 8 neurons × 12 links',
      condition: 'passive',
      position: 7.346,
      layout: 'tuning',
      camera: { position: [0.4, 1.2, 1.5], target: [0, 0.1, 0] },
      filter: { mode: 'threshold', value: 0.015 },
      colourBy: 'area',
      selection: { kind: 'link', a: ids[timeline.edges[10]!], b: ids[timeline.edges[11]!] },
      viewMode: 'split',
      theme: 'light',
    });
  });

  it('comes back exactly after a save, a new dataset and a reopen', () => {
    arrangeAView();
    const saved = parseViewFile(JSON.stringify(currentView()));
    viewStore.setState(initialView, true);
    sceneStore.setState(initialScene, true);
    viewActions.showTimeline(timeline, 'synthetic');
    viewStore.setState({ playing: true });
    expect(applyView(saved, timeline)).toEqual({ applied: true, notes: [] });
    expect(currentView()).toEqual(saved);
    expect(viewStore.getState()).toMatchObject({ conditionIndex: 1, position: 7.346, playing: false });
    expect(sceneStore.getState()).toMatchObject({ layoutFrom: null, camera: { by: 'view' } });
  });
});

describe('applying a view', () => {
  it('selects a neuron by its id', () => {
    viewActions.showTimeline(timeline, 'synthetic');
    expect(applyView(validView, timeline)).toEqual({ applied: true, notes: [] });
    expect(sceneStore.getState().selection).toEqual({ kind: 'neuron', index: 2 });
  });

  it('finds a link by its two neurons in either order', () => {
    viewActions.showTimeline(timeline, 'synthetic');
    const [a, b] = [ids[timeline.edges[2 * 7]!]!, ids[timeline.edges[2 * 7 + 1]!]!];
    applyView({ ...validView, selection: { kind: 'link', a: b, b: a } }, timeline);
    const selection = sceneStore.getState().selection;
    expect(selection?.kind).toBe('link');
    const edge = selection?.kind === 'link' ? selection.edge : -1;
    expect([ids[timeline.edges[2 * edge]!], ids[timeline.edges[2 * edge + 1]!]]).toEqual([a, b]);
  });

  it('drops names the dataset lacks, and says so: no selection, the first condition, the position clamped to its last frame', () => {
    viewActions.showTimeline(timeline, 'synthetic');
    const outcome = applyView({ ...validView, condition: 'sleep', position: 30, selection: { kind: 'neuron', id: 'n99' } }, timeline);
    expect(viewStore.getState()).toMatchObject({ conditionIndex: 0, position: 11 });
    expect(sceneStore.getState().selection).toBeNull();
    expect(outcome).toEqual({
      applied: true,
      notes: [
        'condition "sleep" is not in this dataset (task, passive); "task" is shown',
        'neuron "n99" is not in this dataset; nothing is selected',
        'position 30 is past the last frame of "task" (11); the last frame is shown',
      ],
    });
    expect(applyView({ ...validView, selection: { kind: 'link', a: 'n1', b: 'n404' } }, timeline).notes).toEqual(['the link "n1" – "n404" is not among this dataset\'s links; nothing is selected']);
  });

  it('brings a camera that cannot see the network closer, so the stage is drawn (1e308 is finite, its distances are not)', () => {
    viewActions.showTimeline(timeline, 'synthetic');
    const far = applyView({ ...validView, camera: { position: [1e308, -1e308, 5], target: [0, 0.1, 0] } }, timeline);
    const { position, target } = sceneStore.getState().camera;
    expect(target).toEqual([0, 0.1, 0]);
    // Along its line of sight (clamped to ±100 first), 4 from its target: inside the fog's 4.5.
    const sight = [100, -100.1, 5];
    position.forEach((v, k) => expect(v).toBeCloseTo(target[k]! + (4 * sight[k]!) / Math.hypot(...sight), 12));
    expect(far.notes).toEqual(['the camera at (1.00e+308, -1.00e+308, 5.00) looking at (0.00, 0.100, 0.00) could not see the network (farther than 4 from it, or on its target); it was brought closer']);
    // A target far from the network has nothing to look at: the orbit returns to the network's centre.
    applyView({ ...validView, camera: { position: [1e308, 1e308, 1e308], target: [1e308, 1e308, 1e308] } }, timeline);
    const back = sceneStore.getState().camera;
    expect(back.target).toEqual([0, 0, 0]);
    back.position.forEach((v) => expect(v).toBeCloseTo(4 / Math.sqrt(3), 12));
    // A position on its target has no direction to look in: it steps back by the default offset.
    applyView({ ...validView, camera: { position: [0.5, 0, 0], target: [0.5, 0, 0] } }, timeline);
    expect(sceneStore.getState().camera).toMatchObject({ position: [0.5, 1.05, 1.75], target: [0.5, 0, 0] });
    // A camera that sees the network is kept as it is, and nothing is said.
    expect(applyView({ ...validView, camera: { position: [0.3, -2.1, 1.7], target: [0.1, 0.2, 0] } }, timeline).notes).toEqual([]);
    expect(sceneStore.getState().camera).toMatchObject({ position: [0.3, -2.1, 1.7], target: [0.1, 0.2, 0] });
  });

  it('refuses a view of another dataset, naming both, and changes nothing', () => {
    viewActions.showTimeline(timeline, 'synthetic');
    const before = { view: viewStore.getState(), scene: sceneStore.getState() };
    expect(applyView({ ...validView, dataset: 'mouse V1, day 3' }, timeline)).toEqual({
      applied: false,
      notes: ['this view is of the dataset "mouse V1, day 3"; open that dataset first (the one shown is "synthetic 8 neurons × 12 links")'],
    });
    expect({ view: viewStore.getState(), scene: sceneStore.getState() }).toEqual(before);
  });
});

describe('reading a view file', () => {
  it('accepts a valid view', () => {
    expect(parseViewFile(JSON.stringify(validView))).toEqual(validView);
  });

  it('names the field that has the wrong type or an unknown value', () => {
    expect(() => parseViewFile(JSON.stringify({ ...validView, position: 'four' }))).toThrow(/^position: expected number, received string$/);
    expect(() => parseViewFile(JSON.stringify({ ...validView, layout: 'radial' }))).toThrow(/^layout: .*"anatomical"\|"functional"\|"tuning"/);
    expect(() => parseViewFile(JSON.stringify({ ...validView, camera: { position: [1, 'up', 1], target: [0, 0, 0] } }))).toThrow(/^camera\.position\[1\]: /);
    expect(() => parseViewFile(JSON.stringify({ ...validView, filter: { mode: 'top', count: 0 } }))).toThrow(/^filter\.count: /);
    expect(() => parseViewFile(JSON.stringify({ ...validView, position: -1 }))).toThrow(/^position: /);
  });

  it('says so, on one line, when the text is not a view at all', () => {
    expect(() => parseViewFile('{"chorusView": 1, "dat')).toThrow(/^not valid JSON: /);
    expect(() => parseViewFile(JSON.stringify({ format: 'chorus-dataset', version: 1 }))).toThrow(/^chorusView: /);
    expect(() => parseViewFile(JSON.stringify({ ...validView, theme: 'blue', viewMode: 3 }))).toThrow(/^viewMode: [^\n]*; theme: [^\n]*$/);
  });

  it('says what it holds instead when it is not an object at all', () => {
    expect(() => parseViewFile('[1, 2]')).toThrow(/^it holds a JSON array, not a Chorus view \(a JSON object with "chorusView": 1\)$/);
    expect(() => parseViewFile('"view"')).toThrow(/^it holds a string, not a Chorus view/);
    expect(() => parseViewFile('null')).toThrow(/^it holds null, not a Chorus view/);
    expect(() => parseViewFile(JSON.stringify({ ...validView, chorusView: '1' }))).toThrow(/^chorusView: expected 1$/);
  });
});

describe('a view in the URL (#view=…)', () => {
  it('round-trips through the hash, even with other parameters beside it', () => {
    const hash = hashOfView({ ...validView, dataset: 'a&b #1 — 50%' });
    expect(hash).toMatch(/^#view=[^&#]+$/);
    expect(viewFromHash(hash)).toEqual({ ...validView, dataset: 'a&b #1 — 50%' });
    expect(viewFromHash(`#bench=1&${hash.slice(1)}`)).toEqual({ ...validView, dataset: 'a&b #1 — 50%' });
  });

  it('is null without a view, or with one that does not parse', () => {
    expect(viewFromHash('')).toBeNull();
    expect(viewFromHash('#bench=1')).toBeNull();
    expect(viewFromHash('#view=%7Bnot%20json')).toBeNull();
    expect(viewFromHash(hashOfView({ ...validView, theme: 'sepia' } as unknown as ViewFile))).toBeNull();
  });

  it('says what is wrong with one that cannot be read, for the notice', () => {
    expect(viewInHash('#bench=1')).toBeNull();
    expect(viewInHash(hashOfView(validView))).toEqual({ view: validView, problem: null });
    expect(viewInHash('#view=%7Bnot%20json')?.problem).toMatch(/^not valid JSON: /);
    expect(viewInHash('#view=%E0%A4%A')).toEqual({ view: null, problem: 'it is not valid URL encoding (a link cut short, or edited by hand?)' });
    expect(viewInHash('#view=')?.problem).toMatch(/^not valid JSON: /);
    expect(viewInHash(hashOfView({ ...validView, theme: 'sepia' } as unknown as ViewFile))?.problem).toMatch(/^theme: /);
  });
});

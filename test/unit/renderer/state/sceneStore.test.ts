import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Timeline } from '../../../../shared/network/timeline';
import { DEFAULT_CAMERA, DEFAULT_FILTER, isLayoutName, sceneActions, sceneStore, selectionSchema } from '../../../../renderer/state/sceneStore';
import { linkFilterSchema } from '../../../../shared/view/viewSchema';

const initial = sceneStore.getState();
beforeEach(() => sceneStore.setState(initial, true));
afterEach(() => vi.restoreAllMocks());

describe('the scene store', () => {
  it('starts anatomical, top 300 links, coloured by relevance, single dark view, default camera, nothing selected', () => {
    expect(initial).toEqual({
      layout: 'anatomical',
      layoutFrom: null,
      layoutSince: 0,
      filter: { mode: 'top', count: 300 },
      colourBy: 'relevance',
      selection: null,
      viewMode: 'single',
      theme: 'dark',
      camera: { position: [0, 1.05, 1.75], target: [0, 0, 0], by: 'default', version: 0 },
      fit: { version: 0, cameraVersion: 0, animate: false },
      stillActive: false,
    });
    expect(DEFAULT_FILTER).toEqual({ mode: 'top', count: 300 });
  });
});

describe('switching layouts', () => {
  it('moves from the layout shown, starting the blend now', () => {
    vi.spyOn(performance, 'now').mockReturnValue(1500);
    sceneActions.setLayout('functional');
    expect(sceneStore.getState()).toMatchObject({ layout: 'functional', layoutFrom: 'anatomical', layoutSince: 1500 });
  });

  it('a second switch starts from the layout the first was heading to', () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1500);
    sceneActions.setLayout('functional');
    now.mockReturnValue(2000);
    sceneActions.setLayout('tuning');
    expect(sceneStore.getState()).toMatchObject({ layout: 'tuning', layoutFrom: 'functional', layoutSince: 2000 });
  });

  it('choosing the layout already shown does not restart the blend', () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1500);
    sceneActions.setLayout('functional');
    now.mockReturnValue(9000);
    sceneActions.setLayout('functional');
    expect(sceneStore.getState()).toMatchObject({ layout: 'functional', layoutFrom: 'anatomical', layoutSince: 1500 });
  });

  it('knows the layout names', () => {
    expect(['anatomical', 'functional', 'tuning', 'circle'].map(isLayoutName)).toEqual([true, true, true, false]);
  });
});

describe('what the scene shows', () => {
  it('sets the link filter, node colouring, view mode and theme', () => {
    sceneActions.setFilter({ mode: 'threshold', value: 0.02 });
    sceneActions.setColourBy('area');
    sceneActions.setViewMode('difference');
    sceneActions.setTheme('light');
    expect(sceneStore.getState()).toMatchObject({ filter: { mode: 'threshold', value: 0.02 }, colourBy: 'area', viewMode: 'difference', theme: 'light' });
  });

  it('selects a neuron, a link, or nothing', () => {
    sceneActions.select({ kind: 'neuron', index: 4 });
    expect(sceneStore.getState().selection).toEqual({ kind: 'neuron', index: 4 });
    sceneActions.select({ kind: 'link', edge: 17 });
    expect(sceneStore.getState().selection).toEqual({ kind: 'link', edge: 17 });
    sceneActions.select(null);
    expect(sceneStore.getState().selection).toBeNull();
  });
});

describe('the shared camera', () => {
  it('records who moved it last and counts every move', () => {
    sceneActions.moveCamera({ position: [1, 2, 3], target: [0, 0.5, 0] }, 'task');
    sceneActions.moveCamera({ position: [1, 2, 2.5], target: [0, 0.5, 0] }, 'passive');
    expect(sceneStore.getState().camera).toEqual({ position: [1, 2, 2.5], target: [0, 0.5, 0], by: 'passive', version: 2 });
  });

  it('a new dataset resets selection, layout blend and camera; layout, filter, colours, view and theme stay', () => {
    vi.spyOn(performance, 'now').mockReturnValue(1500);
    sceneActions.setLayout('tuning');
    sceneActions.setFilter({ mode: 'significant' });
    sceneActions.setColourBy('preferred');
    sceneActions.setViewMode('split');
    sceneActions.setTheme('light');
    sceneActions.select({ kind: 'neuron', index: 2 });
    sceneActions.moveCamera({ position: [3, 0, 0], target: [0, 0, 0] }, 'main');
    sceneActions.reset();
    expect(sceneStore.getState()).toMatchObject({
      layout: 'tuning',
      layoutFrom: null,
      filter: { mode: 'significant' },
      colourBy: 'preferred',
      viewMode: 'split',
      theme: 'light',
      selection: null,
      camera: { ...DEFAULT_CAMERA, by: 'reset', version: 2 },
    });
  });
});

describe('what a view may say about the scene', () => {
  it('accepts the three link filters and rejects counts below one, negative thresholds and unknown modes', () => {
    expect(linkFilterSchema.safeParse({ mode: 'top', count: 50 }).success).toBe(true);
    expect(linkFilterSchema.safeParse({ mode: 'threshold', value: 0 }).success).toBe(true);
    expect(linkFilterSchema.safeParse({ mode: 'significant' }).success).toBe(true);
    expect(linkFilterSchema.safeParse({ mode: 'top', count: 0 }).success).toBe(false);
    expect(linkFilterSchema.safeParse({ mode: 'top', count: 2.5 }).success).toBe(false);
    expect(linkFilterSchema.safeParse({ mode: 'threshold', value: -0.1 }).success).toBe(false);
    expect(linkFilterSchema.safeParse({ mode: 'strongest', count: 5 }).success).toBe(false);
  });

  it('accepts a neuron or link selection by index, or none, and rejects negative indices', () => {
    expect(selectionSchema.safeParse({ kind: 'neuron', index: 0 }).success).toBe(true);
    expect(selectionSchema.safeParse({ kind: 'link', edge: 3 }).success).toBe(true);
    expect(selectionSchema.safeParse(null).success).toBe(true);
    expect(selectionSchema.safeParse({ kind: 'neuron', index: -1 }).success).toBe(false);
    expect(selectionSchema.safeParse({ kind: 'link', index: 3 }).success).toBe(false);
  });
});

describe('a timeline refined by the statistics pass', () => {
  const before = { edges: Uint32Array.from([0, 1, 0, 2, 1, 2]) } as unknown as Timeline;
  const after = { edges: Uint32Array.from([0, 1, 0, 2, 0, 3, 1, 2]) } as unknown as Timeline;

  it('keeps a selected link on its pair, at the pair’s new edge index', () => {
    sceneActions.select({ kind: 'link', edge: 2 });
    sceneActions.keepSelectionAcross(before, after);
    expect(sceneStore.getState().selection).toEqual({ kind: 'link', edge: 3 });
  });

  it('clears a link whose pair is gone, and leaves a neuron selection alone', () => {
    // Edge 2 of `after` is the pair 0–3, which `before` does not have.
    sceneActions.select({ kind: 'link', edge: 2 });
    sceneActions.keepSelectionAcross(after, before);
    expect(sceneStore.getState().selection).toBeNull();
    sceneActions.select({ kind: 'neuron', index: 3 });
    sceneActions.keepSelectionAcross(before, after);
    expect(sceneStore.getState().selection).toEqual({ kind: 'neuron', index: 3 });
  });
});

describe('fitting the camera', () => {
  it('a new dataset asks for a fit at the camera it reset; a camera moved after it (a view file) makes that fit stale', () => {
    sceneActions.reset();
    const { fit, camera } = sceneStore.getState();
    expect(fit).toMatchObject({ cameraVersion: camera.version, animate: false });
    // The scene carries a fit out only while fit.cameraVersion is the camera's version (OrbitCamera).
    sceneActions.moveCamera({ position: [1, 1, 1], target: [0, 0, 0] }, 'view');
    expect(sceneStore.getState().fit.cameraVersion).toBeLessThan(sceneStore.getState().camera.version);
  });

  it('Fit view and a chosen layout ask for an animated fit, each a new request', () => {
    const before = sceneStore.getState().fit.version;
    sceneActions.requestFit(true);
    sceneActions.requestFit(true);
    expect(sceneStore.getState().fit).toMatchObject({ version: before + 2, cameraVersion: sceneStore.getState().camera.version, animate: true });
  });
});

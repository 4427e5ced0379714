import { useEffect, useMemo, useRef } from 'react';
import { largestNodes } from '../../shared/network/labelledNodes';
import * as THREE from 'three';
import { useFrame, useThree } from '@react-three/fiber';
import { markFirstNetworkFrame } from './firstNetworkFrame';
import type { LayoutName, Timeline } from '../../shared/network/timeline';
import { timelineFrameIndex } from '../../shared/network/timeline';
import { differenceFrame, isLinkShown } from '../../shared/network/linkFilter';
import { nodeColours } from '../../shared/network/nodeColours';
import { viewStore } from '../state/viewStore';
import { sceneNow } from '../state/sceneClock';
import { LAYOUT_SECONDS, sceneActions, sceneStore, type SceneState } from '../state/sceneStore';
import { createLinkGeometry, createLinkMaterial, FILTER_MODE } from './linkMaterial';
import { createNodeGeometry, createNodeMaterial, nodeRadius } from './nodeMaterial';
import { prepareStillPrograms, registerStill } from './stills';

const MAX_LINK_PIXELS = 9;
const PICK_NODE_PIXELS = 14;
/** A fingertip is wider than a mouse pointer: a touch finds a neuron from farther away. */
const PICK_NODE_PIXELS_TOUCH = 28;
const PICK_LINK_PIXELS = 6;
const LABELLED_TOP = 3;

export interface GraphProps {
  readonly timeline: Timeline;
  /** Which scene this is ('main', 'task', 'passive'): camera sync and stills name it. */
  readonly sceneId: string;
  /** Split view: this scene always shows this condition. */
  readonly conditionOverride?: number;
  /** Difference view: task − passive weights. */
  readonly difference?: boolean;
  /** Where node labels go (a DOM layer over the canvas). */
  readonly labelLayer: React.RefObject<HTMLDivElement | null>;
}

/**
 * Nodes and links of one timeline. Buffers are made once per timeline. Per animation frame only uniforms
 * change (frame blend, layout blend, filter, selection); buffers are rewritten only when playback
 * crosses into a new pair of frames, the layout or colouring changes, or the selection changes
 * (STYLE.md rule 8).
 */
export function NetworkGraph({ timeline, sceneId, conditionOverride, difference = false, labelLayer }: GraphProps) {
  const edgeCount = timeline.edges.length / 2;
  const nodeCount = timeline.neuronIds.length;
  const nodeUniforms = useMemo(() => ({ blend: { value: 0 }, layoutBlend: { value: 1 }, selecting: { value: 0 } }), []);
  const linkMaterial = useMemo(() => createLinkMaterial(), []);
  const linkGeometry = useMemo(() => createLinkGeometry(edgeCount), [edgeCount]);
  const nodeMaterial = useMemo(() => createNodeMaterial(nodeUniforms), [nodeUniforms]);
  const nodeGeometry = useMemo(() => createNodeGeometry(nodeCount), [nodeCount]);
  const nodesRef = useRef<THREE.InstancedMesh>(null);
  const shown = useRef({ a: -1, b: -1, difference: false });
  const written = useRef({ layout: '' as string, layoutShown: '' as string, colourBy: '', selection: null as SceneState['selection'] | undefined, labels: [] as number[] });
  const current = useRef<{ weightsA: Float32Array; ranksA: Float32Array; significantA: Uint8Array | null; sizesA: Float32Array }>({
    weightsA: new Float32Array(edgeCount),
    ranksA: new Float32Array(edgeCount),
    significantA: null,
    sizesA: new Float32Array(nodeCount),
  });
  const hover = useRef<{ pointer: { x: number; y: number } | null; node: number | null }>({ pointer: null, node: null });
  const { size, viewport, camera, gl, invalidate } = useThree();

  const attribute = (geometry: THREE.BufferGeometry, name: string) => geometry.getAttribute(name) as THREE.InstancedBufferAttribute;

  // Once per timeline: pair node indices, identity instance matrices.
  useEffect(() => {
    const nodes = attribute(linkGeometry, 'nodes');
    (nodes.array as Float32Array).set(timeline.edges);
    nodes.needsUpdate = true;
    const mesh = nodesRef.current;
    if (mesh) {
      const identity = new THREE.Matrix4();
      for (let i = 0; i < nodeCount; i++) mesh.setMatrixAt(i, identity);
      mesh.instanceMatrix.needsUpdate = true;
      mesh.geometry.boundingSphere = new THREE.Sphere(new THREE.Vector3(), 10);
    }
    shown.current = { a: -1, b: -1, difference: false };
    written.current = { layout: '', layoutShown: '', colourBy: '', selection: undefined, labels: [] };
  }, [timeline, linkGeometry, nodeCount]);

  useEffect(
    () => () => {
      linkGeometry.dispose();
      linkMaterial.dispose();
      nodeGeometry.dispose();
      nodeMaterial.dispose();
    },
    [linkGeometry, linkMaterial, nodeGeometry, nodeMaterial],
  );

  function writeLayout(from: LayoutName, to: LayoutName): void {
    const a = timeline.layouts[from];
    const b = timeline.layouts[to];
    (attribute(nodeGeometry, 'positionA').array as Float32Array).set(a);
    (attribute(nodeGeometry, 'positionB').array as Float32Array).set(b);
    attribute(nodeGeometry, 'positionA').needsUpdate = true;
    attribute(nodeGeometry, 'positionB').needsUpdate = true;
    const ends: [string, Float32Array, number][] = [
      ['startA', a, 0],
      ['endA', a, 1],
      ['startB', b, 0],
      ['endB', b, 1],
    ];
    for (const [name, layout, side] of ends) {
      const array = attribute(linkGeometry, name).array as Float32Array;
      for (let e = 0; e < edgeCount; e++) {
        const node = timeline.edges[2 * e + side]!;
        array[3 * e] = layout[3 * node]!;
        array[3 * e + 1] = layout[3 * node + 1]!;
        array[3 * e + 2] = layout[3 * node + 2]!;
      }
      attribute(linkGeometry, name).needsUpdate = true;
    }
  }

  function writeFrame(frame: number, side: 'A' | 'B'): void {
    let weights = timeline.edgeWeights.subarray(frame * edgeCount, (frame + 1) * edgeCount);
    let ranks = timeline.edgeRank.subarray(frame * edgeCount, (frame + 1) * edgeCount);
    const info = timeline.frames[frame]!;
    const differences = difference ? differenceFrame(timeline, info.sessionOrdinal, info.epochIndex) : null;
    if (differences) ({ weights, ranks } = differences);
    // Significance is of a condition's own weights; the difference view has none.
    const significant = timeline.edgeSignificant && !difference ? timeline.edgeSignificant.subarray(frame * edgeCount, (frame + 1) * edgeCount) : null;
    (attribute(linkGeometry, `weight${side}`).array as Float32Array).set(weights);
    (attribute(linkGeometry, `rank${side}`).array as Float32Array).set(ranks);
    const flags = attribute(linkGeometry, `significant${side}`).array as Float32Array;
    if (significant) flags.set(significant);
    else flags.fill(0);
    for (const name of ['weight', 'rank', 'significant']) attribute(linkGeometry, `${name}${side}`).needsUpdate = true;
    const sizes = attribute(nodeGeometry, `size${side}`).array as Float32Array;
    for (let i = 0; i < nodeCount; i++) sizes[i] = nodeRadius(timeline.nodeWeights[frame * nodeCount + i]!, timeline.nodeScale, nodeCount);
    attribute(nodeGeometry, `size${side}`).needsUpdate = true;
    // Views, not copies: the timeline's arrays never change, and the A sizes
    // are rewritten only here, together with this record.
    if (side === 'A') current.current = { weightsA: weights, ranksA: ranks, significantA: significant, sizesA: sizes };
  }

  function writeColours(by: SceneState['colourBy']): void {
    const mesh = nodesRef.current;
    if (!mesh) return;
    const { colours } = nodeColours(timeline, by);
    const colour = new THREE.Color();
    for (let i = 0; i < nodeCount; i++) mesh.setColorAt(i, colour.setRGB(colours[3 * i]!, colours[3 * i + 1]!, colours[3 * i + 2]!, THREE.SRGBColorSpace));
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
  }

  function writeSelection(selection: SceneState['selection']): void {
    const highlight = attribute(nodeGeometry, 'highlight').array as Float32Array;
    highlight.fill(0);
    if (selection?.kind === 'neuron') {
      highlight[selection.index] = 1;
      for (let e = 0; e < edgeCount; e++) {
        const [i, j] = [timeline.edges[2 * e]!, timeline.edges[2 * e + 1]!];
        if (i === selection.index) highlight[j] = 1;
        if (j === selection.index) highlight[i] = 1;
      }
    } else if (selection?.kind === 'link') {
      highlight[timeline.edges[2 * selection.edge]!] = 1;
      highlight[timeline.edges[2 * selection.edge + 1]!] = 1;
    }
    attribute(nodeGeometry, 'highlight').needsUpdate = true;
    const uniforms = linkMaterial.uniforms;
    uniforms.selectedNode!.value = selection?.kind === 'neuron' ? selection.index : -1;
    uniforms.selectedEdge!.value = selection?.kind === 'link' ? selection.edge : -1;
    nodeUniforms.selecting.value = selection ? 1 : 0;
  }

  /** Where each node is drawn now (layout blend included), for picking and labels. */
  function nodePosition(i: number, out: THREE.Vector3): THREE.Vector3 {
    const scene = sceneStore.getState();
    const from = timeline.layouts[scene.layoutFrom ?? scene.layout];
    const to = timeline.layouts[scene.layout];
    const t = nodeUniforms.layoutBlend.value;
    return out.set(from[3 * i]! + (to[3 * i]! - from[3 * i]!) * t, from[3 * i + 1]! + (to[3 * i + 1]! - from[3 * i + 1]!) * t, from[3 * i + 2]! + (to[3 * i + 2]! - from[3 * i + 2]!) * t);
  }

  function toScreen(i: number, v: THREE.Vector3): { x: number; y: number; visible: boolean } {
    nodePosition(i, v).project(camera);
    return { x: ((v.x + 1) / 2) * size.width, y: ((1 - v.y) / 2) * size.height, visible: v.z < 1 };
  }

  // Click (not drag) picks the nearest neuron on screen, else the nearest shown link, else clears. Where
  // the press was is kept across renders: the listeners are attached anew on each, and a render between
  // a touch's down and up (a kiosk counting the touch as input) must not lose it.
  const pressed = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const canvas = gl.domElement;
    const onDown = (event: PointerEvent) => (pressed.current = { x: event.offsetX, y: event.offsetY });
    const onUp = (event: PointerEvent) => {
      const down = pressed.current;
      if (!down || Math.hypot(event.offsetX - down.x, event.offsetY - down.y) > 5) return;
      pressed.current = null;
      sceneActions.select(pick(event.offsetX, event.offsetY, event.pointerType === 'touch' ? PICK_NODE_PIXELS_TOUCH : PICK_NODE_PIXELS));
    };
    // Hovering names the neuron under the pointer (looked up once per animation frame at most).
    // The scene draws on demand (NetworkScene.tsx): a pointer move asks for the frame that finds the hovered node.
    const onMove = (event: PointerEvent) => {
      hover.current.pointer = { x: event.offsetX, y: event.offsetY };
      invalidate();
    };
    const onLeave = () => {
      hover.current = { pointer: null, node: null };
      invalidate();
    };
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointerup', onUp);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerleave', onLeave);
    return () => {
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerleave', onLeave);
    };
  });

  function nearestNode(x: number, y: number, screen: readonly { x: number; y: number; visible: boolean }[], reach = PICK_NODE_PIXELS): number {
    let best = -1;
    let bestDistance = reach;
    screen.forEach((p, i) => {
      const d = Math.hypot(p.x - x, p.y - y);
      if (p.visible && d < bestDistance) [best, bestDistance] = [i, d];
    });
    return best;
  }

  function pick(x: number, y: number, reach: number): SceneState['selection'] {
    const v = new THREE.Vector3();
    const screen = Array.from({ length: nodeCount }, (_, i) => toScreen(i, v));
    const best = nearestNode(x, y, screen, reach);
    if (best >= 0) return { kind: 'neuron', index: best };
    const rule = sceneStore.getState().filter;
    const { weightsA, ranksA, significantA } = current.current;
    let edge = -1;
    let edgeDistance = PICK_LINK_PIXELS;
    for (let e = 0; e < edgeCount; e++) {
      if (!isLinkShown(rule, weightsA[e]!, ranksA[e]!, significantA ? significantA[e]! : 0)) continue;
      const a = screen[timeline.edges[2 * e]!]!;
      const b = screen[timeline.edges[2 * e + 1]!]!;
      const d = segmentDistance(x, y, a, b);
      if (d < edgeDistance) [edge, edgeDistance] = [e, d];
    }
    return edge >= 0 ? { kind: 'link', edge } : null;
  }

  // The still's programs, compiled while the page is idle after this network is on screen (stills.ts).
  useEffect(() => {
    const handle = requestIdleCallback(() => prepareStillPrograms(sceneId), { timeout: 10_000 });
    return () => cancelIdleCallback(handle);
  }, [sceneId]);

  // After each commit (and after the timeline's buffers are written, above): a video waits for this.
  useEffect(() =>
    registerStill(sceneId, {
      timeline,
      difference,
      beforeStill: (scale, tile) => {
        const uniforms = linkMaterial.uniforms;
        // Screen space is the tile's: its pixels are the still's pixels.
        uniforms.resolution!.value.set(tile.width, tile.height);
        uniforms.pixelsPerUnit!.value = timeline.edgeScale > 0 ? (MAX_LINK_PIXELS * scale) / timeline.edgeScale : 0;
        uniforms.maxPixels!.value = MAX_LINK_PIXELS * scale;
      },
      update: () => update(),
      labelsAt: (view, width, height) => {
        const selection = sceneStore.getState().selection;
        const chosen = chosenNodes(selection);
        const v = new THREE.Vector3();
        return [...new Set([...chosen, ...written.current.labels])].flatMap((node) => {
          nodePosition(node, v).project(view);
          if (v.z >= 1) return [];
          // Where the label layer puts a name: right of and level with its node.
          return [{ x: ((v.x + 1) / 2) * width + 8, y: ((1 - v.y) / 2) * height + 4, text: timeline.neuronIds[node]!, selected: chosen.includes(node) }];
        });
      },
    }),
  );

  useFrame(() => {
    markFirstNetworkFrame();
    update();
  });

  /**
   * Brings the GPU's inputs up to the stores: the pair of frames and their blend, the layout and its
   * blend, colours, selection, filter, line widths, hover and the labels. Every drawn frame runs it, and a
   * video runs it before each of its frames (it draws offscreen, with the page's frames held).
   */
  function update(): void {
    const state = viewStore.getState();
    const scene = sceneStore.getState();
    const conditionIndex = conditionOverride ?? state.conditionIndex;
    const sessions = timeline.sessionsPerCondition[conditionIndex] ?? 0;
    const count = sessions * timeline.epochs.length;
    if (count === 0) return;
    const position = Math.min(state.position, count - 1);
    const a = Math.min(Math.floor(position), count - 1);
    const b = Math.min(a + 1, count - 1);
    const base = timelineFrameIndex(timeline, conditionIndex, 0, 0);
    if (shown.current.a !== base + a || shown.current.b !== base + b || shown.current.difference !== difference) {
      writeFrame(base + a, 'A');
      writeFrame(base + b, 'B');
      shown.current = { a: base + a, b: base + b, difference };
      written.current.labels = largestNodes(current.current.sizesA, LABELLED_TOP, timeline.nodeUsed.subarray((base + a) * nodeCount, (base + a + 1) * nodeCount));
    }
    // Layout moves: positions are written once per switch; the blend eases over LAYOUT_SECONDS.
    const layoutKey = `${scene.layoutFrom ?? scene.layout}>${scene.layout}`;
    if (written.current.layout !== layoutKey) {
      writeLayout(scene.layoutFrom ?? scene.layout, scene.layout);
      written.current.layout = layoutKey;
    }
    const t = scene.layoutFrom === null ? 1 : Math.min(1, (sceneNow() - scene.layoutSince) / (LAYOUT_SECONDS * 1000));
    nodeUniforms.layoutBlend.value = t * t * (3 - 2 * t);
    showLayout(t < 1 ? 'moving' : scene.layout);
    // A layout blend asks for its next frame until it ends (the scene draws on demand).
    if (t < 1 && !scene.stillActive) invalidate();
    if (written.current.colourBy !== scene.colourBy) {
      writeColours(scene.colourBy);
      written.current.colourBy = scene.colourBy;
    }
    if (written.current.selection !== scene.selection) {
      writeSelection(scene.selection);
      written.current.selection = scene.selection;
    }
    nodeUniforms.blend.value = position - a;
    const uniforms = linkMaterial.uniforms;
    uniforms.blend!.value = position - a;
    uniforms.layoutBlend!.value = nodeUniforms.layoutBlend.value;
    uniforms.filterMode!.value = FILTER_MODE[scene.filter.mode];
    uniforms.filterValue!.value = scene.filter.mode === 'top' ? scene.filter.count : scene.filter.mode === 'threshold' ? scene.filter.value : 0;
    uniforms.resolution!.value.set(size.width * viewport.dpr, size.height * viewport.dpr);
    uniforms.pixelsPerUnit!.value = timeline.edgeScale > 0 ? (MAX_LINK_PIXELS * viewport.dpr) / timeline.edgeScale : 0;
    uniforms.maxPixels!.value = MAX_LINK_PIXELS * viewport.dpr;
    if (hover.current.pointer) {
      const { x, y } = hover.current.pointer;
      const v = new THREE.Vector3();
      const found = nearestNode(x, y, Array.from({ length: nodeCount }, (_, i) => toScreen(i, v)));
      hover.current = { pointer: null, node: found >= 0 ? found : null };
    }
    placeLabels(scene.selection);
  }

  /**
   * The scene's element carries the layout it has finished moving to as data-layout ('moving' while it
   * blends), so tests and tools can wait for a switch to end instead of sleeping. Written on change only.
   */
  function showLayout(layout: LayoutName | 'moving'): void {
    if (written.current.layoutShown === layout) return;
    gl.domElement.closest('[data-scene]')?.setAttribute('data-layout', layout);
    written.current.layoutShown = layout;
  }

  /** The selected neuron (or the selected link's two), the hovered one and the few largest, named beside them. */
  function chosenNodes(selection: SceneState['selection']): number[] {
    return selection?.kind === 'neuron' ? [selection.index] : selection?.kind === 'link' ? [timeline.edges[2 * selection.edge]!, timeline.edges[2 * selection.edge + 1]!] : [];
  }

  function placeLabels(selection: SceneState['selection']): void {
    const layer = labelLayer.current;
    if (!layer) return;
    const chosen = chosenNodes(selection);
    const hovered = hover.current.node;
    const nodes = [...new Set([...chosen, ...(hovered !== null ? [hovered] : []), ...written.current.labels])];
    while (layer.children.length < nodes.length) layer.appendChild(document.createElement('span'));
    const v = new THREE.Vector3();
    [...layer.children].forEach((child, k) => {
      const span = child as HTMLSpanElement;
      const node = nodes[k];
      if (node === undefined) {
        span.hidden = true;
        return;
      }
      const p = toScreen(node, v);
      span.hidden = !p.visible;
      span.textContent = timeline.neuronIds[node]!;
      span.className = chosen.includes(node) ? 'node-label selected' : 'node-label';
      span.style.transform = `translate(${Math.round(p.x + 8)}px, ${Math.round(p.y - 8)}px)`;
    });
  }

  return (
    <group>
      <mesh geometry={linkGeometry} material={linkMaterial} frustumCulled={false} renderOrder={1} />
      <instancedMesh ref={nodesRef} args={[nodeGeometry, nodeMaterial, nodeCount]} frustumCulled={false} renderOrder={2} />
    </group>
  );
}

function segmentDistance(x: number, y: number, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / length2));
  return Math.hypot(x - (a.x + t * dx), y - (a.y + t * dy));
}



import * as THREE from 'three';
import { BufferTarget, CanvasSource, canEncodeVideo, Mp4OutputFormat, Output, QUALITY_HIGH, WebMOutputFormat } from 'mediabunny';
import type { LayoutName, Timeline } from '../../shared/network/timeline';
import type { StoryStep } from '../../shared/story/storyFile';
import type { VideoFrame as PlannedFrame } from '../../shared/story/storyClock';
import { VIDEO_FORMATS, otherFormat, videoTextScale, type VideoFormat } from '../../shared/video/videoSettings';
import type { CameraState } from '../../shared/view/viewSchema';
import { offscreenScene, renderInto, rowsTopDown, type OffscreenScene } from '../scene/stills';
import { followFog } from '../scene/OrbitCamera';
import { BACKGROUNDS } from '../scene/NetworkScene';
import { setVideoClock } from '../state/sceneClock';
import { sceneActions, sceneStore } from '../state/sceneStore';
import { viewActions, viewStore } from '../state/viewStore';
import { applyView, applyViewSettings, currentView } from '../state/viewFile';
import { viewOverlay } from '../ui/viewCommands';
import { captionText } from '../../shared/story/caption';
import { drawVideoOverlay } from './videoOverlay';

/** A video's frames: a story's plan (storyVideoPlan) with its steps, or an orbit of the view as it is (orbitVideoPlan). */
export interface VideoPlan {
  readonly frames: number;
  frameAt(index: number): PlannedFrame;
  /** The story's steps, whose views and captions the frames show; null: the view on screen, no caption. */
  readonly steps: readonly StoryStep[] | null;
}

export interface VideoRequest {
  readonly plan: VideoPlan;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly format: VideoFormat;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export interface RenderedVideo {
  readonly blob: Blob;
  readonly frames: number;
  /** What the dataset could not take of the steps' views (applyViewSettings' notes), once each. */
  readonly notes: readonly string[];
}

/** The platform cannot encode the format asked for; `alternative` is the other format, when it can. */
export class VideoFormatUnavailable extends Error {
  constructor(
    readonly format: VideoFormat,
    readonly alternative: VideoFormat | null,
  ) {
    super(
      `this browser cannot encode ${VIDEO_FORMATS[format].label} video` +
        (alternative ? `; ${VIDEO_FORMATS[alternative].label} works here: choose it instead` : `, nor ${VIDEO_FORMATS[otherFormat(format)].label}`),
    );
    this.name = 'VideoFormatUnavailable';
  }
}

/** Whether this platform's WebCodecs encodes the format at this size and rate. */
export async function canEncode(format: VideoFormat, width: number, height: number, fps: number): Promise<boolean> {
  if (typeof VideoEncoder === 'undefined') return false;
  return canEncodeVideo(VIDEO_FORMATS[format].codec, { width, height, frameRate: fps, quality: QUALITY_HIGH }).catch(() => false);
}

/** A pause on the page's clock (also the render API's waits, renderApi.ts). */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether a scene shows the view in the stores: this timeline, the difference view or not, this theme's background. */
function showsView(scene: OffscreenScene | null): scene is OffscreenScene {
  if (!scene) return false;
  const { timeline } = viewStore.getState();
  const comparison = timeline?.comparison ?? null;
  const { viewMode, theme } = sceneStore.getState();
  const background = scene.scene.background instanceof THREE.Color ? `#${scene.scene.background.getHexString()}` : null;
  return scene.hooks.timeline === timeline && scene.hooks.difference === (viewMode === 'difference' && comparison !== null) && background === BACKGROUNDS[theme];
}

/**
 * Waits until React has brought every scene of the view up to the stores (a step's view mode mounts
 * split view's two scenes; its theme and the difference view are props), so a frame never shows the
 * step before's look.
 */
async function scenesOf(ids: readonly string[], signal?: AbortSignal): Promise<OffscreenScene[]> {
  for (let waited = 0; waited < 15_000; waited += 8) {
    if (signal?.aborted) throw new DOMException('the video was cancelled', 'AbortError');
    const found = ids.map(offscreenScene);
    if (found.every(showsView)) return found;
    await sleep(8);
  }
  throw new Error(`the 3D view (${ids.join(', ')}) did not appear for the video`);
}

/** The video's camera for one pane: the scene's lens, the frame's place, the pane's shape. */
function videoCamera(lens: THREE.Camera, place: CameraState, width: number, height: number): THREE.PerspectiveCamera {
  const camera = (lens as THREE.PerspectiveCamera).clone();
  camera.clearViewOffset();
  camera.aspect = width / height;
  camera.position.fromArray(place.position);
  camera.up.set(0, 1, 0);
  camera.lookAt(new THREE.Vector3(...place.target));
  camera.updateProjectionMatrix();
  camera.updateMatrixWorld();
  return camera;
}

/**
 * Renders a video frame by frame, not by capturing the screen: for each planned frame the stores are set
 * to the frame (a story step's view when the step starts, then its position; the layout blend on the
 * video's frame clock), each scene draws offscreen at the video's size with the frame's camera, the
 * caption, legend, neuron names and frame stamp are drawn over it, and the canvas is encoded (WebCodecs,
 * through mediabunny) at the frame's own timestamp. Nothing depends on how long a frame takes, so the
 * same inputs give the same frames. The screen holds its picture meanwhile; the view is restored after.
 */
export async function renderVideo(request: VideoRequest): Promise<RenderedVideo> {
  const { plan, width, height, fps, format, signal } = request;
  const timeline = viewStore.getState().timeline;
  if (!timeline) throw new Error('no dataset is open');
  if (!(await canEncode(format, width, height, fps))) {
    const alternative = otherFormat(format);
    throw new VideoFormatUnavailable(format, (await canEncode(alternative, width, height, fps)) ? alternative : null);
  }
  const saved = currentView();
  const wasPlaying = viewStore.getState().playing;
  if (wasPlaying) viewActions.togglePlay();
  sceneActions.setStillActive(true);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  const target = new BufferTarget();
  const output = new Output({ format: format === 'mp4' ? new Mp4OutputFormat({ fastStart: 'in-memory' }) : new WebMOutputFormat(), target });
  const source = new CanvasSource(canvas, { codec: VIDEO_FORMATS[format].codec, bitrate: QUALITY_HIGH, keyFrameInterval: 2 });
  output.addVideoTrack(source, { frameRate: fps });
  // One target per renderer (split view's panes each have their own WebGL context).
  const targets = new Map<THREE.WebGLRenderer, THREE.WebGLRenderTarget>();
  const notes = new Set<string>();
  const scale = videoTextScale(height);
  let started = false;
  try {
    await output.start();
    started = true;
    let step = -1;
    let layout = sceneStore.getState().layout;
    for (let index = 0; index < plan.frames; index++) {
      if (signal?.aborted) throw new DOMException('the video was cancelled', 'AbortError');
      const frame = plan.frameAt(index);
      const clock = (index * 1000) / fps;
      setVideoClock(clock);
      if (plan.steps && frame.step !== step) {
        const next = plan.steps[frame.step]!;
        showStep(next, timeline, step < 0 ? null : layout, clock).forEach((note) => notes.add(note));
        ({ layout } = sceneStore.getState());
        step = frame.step;
      }
      viewStore.setState({ position: frame.position });
      const view = viewOverlay();
      if (!view) throw new Error('the dataset was closed while the video was being made');
      const scenes = await scenesOf(view.ids, signal);
      const widths = partWidths(width, view.ids.length);
      const labels: { x: number; y: number; text: string; selected: boolean }[][] = [];
      let left = 0;
      for (const [k, scene] of scenes.entries()) {
        const { pixels, camera } = drawPane(scene, targets, frame.camera, widths[k]!, height, scale);
        context.putImageData(new ImageData(pixels, widths[k]!, height), left, 0);
        labels.push(scene.hooks.labelsAt(camera, widths[k]!, height).map((l) => ({ ...l, x: l.x / scale, y: l.y / scale })));
        left += widths[k]!;
      }
      const caption = plan.steps ? plan.steps[frame.step]!.caption : '';
      drawVideoOverlay(context, { ...view.overlay, labels }, caption, widths, height, scale);
      await source.add(index / fps, 1 / fps);
      request.onProgress?.(index + 1, plan.frames);
    }
    source.close();
    await output.finalize();
    return { blob: new Blob([target.buffer!], { type: VIDEO_FORMATS[format].mimeType }), frames: plan.frames, notes: [...notes] };
  } catch (error) {
    if (started) await output.cancel().catch(() => {});
    throw error;
  } finally {
    for (const t of targets.values()) t.dispose();
    setVideoClock(null);
    if (saved) applyView(saved, timeline);
    sceneActions.setStillActive(false);
    if (wasPlaying && !viewStore.getState().playing) viewActions.togglePlay();
  }
}

/** Split view's panes share the width (the first takes an odd pixel). */
function partWidths(width: number, parts: number): number[] {
  const each = Math.floor(width / parts);
  return Array.from({ length: parts }, (_, k) => (k === 0 ? width - each * (parts - 1) : each));
}

/** A story step's view for the video: its settings, and its layout blending from the step before on the video's clock. */
function showStep(step: StoryStep, timeline: Timeline, previousLayout: LayoutName | null, clock: number): readonly string[] {
  const settings = applyViewSettings(step.view, timeline);
  if (!settings.applied) throw new Error(settings.notes.join('; '));
  if (previousLayout !== null && previousLayout !== step.view.layout) sceneStore.setState({ layoutFrom: previousLayout, layoutSince: clock });
  return settings.notes.map((note) => `step "${captionText(step.caption).split('\n')[0]!.slice(0, 60)}": ${note}`);
}

/** Draws one pane of a frame offscreen at the video's size: its pixels (rows top-down) and the camera it was drawn with. */
function drawPane(
  pane: OffscreenScene,
  targets: Map<THREE.WebGLRenderer, THREE.WebGLRenderTarget>,
  place: CameraState,
  width: number,
  height: number,
  scale: number,
): { pixels: Uint8ClampedArray<ArrayBuffer>; camera: THREE.PerspectiveCamera } {
  const { gl, scene, hooks } = pane;
  let target = targets.get(gl);
  if (!target) {
    // Once per renderer (a video's size does not change): a GL query stalls the pipeline.
    const limit = Math.min(gl.capabilities.maxTextureSize, (gl.getContext() as WebGL2RenderingContext).getParameter(WebGL2RenderingContext.MAX_RENDERBUFFER_SIZE) as number);
    if (width > limit || height > limit) throw new Error(`this computer's graphics draw at most ${limit} pixels a side; choose a smaller video size`);
    target = new THREE.WebGLRenderTarget(width, height, { samples: 4, type: THREE.UnsignedByteType });
    target.texture.colorSpace = THREE.SRGBColorSpace;
    targets.set(gl, target);
  }
  target.setSize(width, height);
  hooks.update();
  const camera = videoCamera(pane.camera, place, width, height);
  followFog(scene, camera.position.distanceTo(new THREE.Vector3(...place.target)));
  hooks.beforeStill(scale, { width, height });
  renderInto(gl, scene, camera, target);
  // Read at once: the asynchronous read (a fence, polled between turns of the page) took twice as long a
  // frame here, and an export's page has nothing else to do meanwhile.
  const pixels = new Uint8Array(width * height * 4);
  gl.readRenderTargetPixels(target, 0, 0, width, height, pixels);
  return { pixels: rowsTopDown(pixels, width, height), camera };
}

import { useEffect, useRef } from 'react';
import { Canvas, useThree } from '@react-three/fiber';
import { useView, viewStore } from '../state/viewStore';
import { sceneStore, useScene } from '../state/sceneStore';
import { NetworkGraph } from './NetworkGraph';
import { OrbitCamera } from './OrbitCamera';
import { registerStillRenderer, unregisterStill } from './stills';
import { useContextRecovery } from './useContextRecovery';
import { SceneBoundary } from './SceneBoundary';
import { createSceneRenderer } from './sceneRenderer';

export const BACKGROUNDS = { dark: '#0d1117', light: '#f6f8fa' } as const;

export interface SceneProps {
  readonly sceneId: string;
  readonly conditionOverride?: number;
  readonly difference?: boolean;
  /** Accessible name of the scene (split view names its condition). */
  readonly label?: string;
  /** A title drawn on the pane (split view: "Task", "Passive"). */
  readonly title?: string;
  /** Whether drags, pinches and the wheel move the camera (true; a kiosk may lock it, and does in its attract loop). */
  readonly cameraControls?: boolean;
}

/** Lets stills render this canvas's scene offscreen. */
function StillSupport({ sceneId }: { sceneId: string }) {
  const { gl, scene, camera, size } = useThree();
  useEffect(() => {
    registerStillRenderer(sceneId, { gl, scene, camera, size });
    return () => unregisterStill(sceneId);
  }, [sceneId, gl, scene, camera, size]);
  return null;
}

/**
 * Benchmark mode (?bench=…) and the kiosk's soak (?kiosk&timeScale=…) expose the renderer, so the
 * benchmark can read its draw calls and the soak three.js's geometries and textures (renderer.info).
 */
const BENCH = /[?&](bench|timeScale)=/.test(window.location.search);
function BenchProbe() {
  const { gl } = useThree();
  useEffect(() => {
    (window as unknown as { __chorusRenderer?: unknown }).__chorusRenderer = gl;
  }, [gl]);
  return null;
}

/**
 * Draws a frame when something changed: any change of the view or scene store (playback moves the
 * position, so a playing scene draws every frame), a pointer over the scene, and the animations that ask
 * for their next frame (a layout blend, a camera flight, the orbit's damping). A scene at rest draws
 * nothing: drawn continuously, it took a core of a 2-core machine with software WebGL, and the
 * statistics pass took twice as long beside it (126 s against 57 s for the demo).
 */
function RedrawOnChange() {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    // While a still or a video renders offscreen, the screen holds its picture: its frames would take the render's time.
    const redraw = () => {
      if (!sceneStore.getState().stillActive) invalidate();
    };
    const stops = [viewStore.subscribe(redraw), sceneStore.subscribe(redraw)];
    return () => stops.forEach((stop) => stop());
  }, [invalidate]);
  return null;
}

/** One 3D view. */
export function NetworkScene({ sceneId, conditionOverride, difference = false, label, title, cameraControls = true }: SceneProps) {
  const timeline = useView((s) => s.timeline);
  const version = useView((s) => s.timelineVersion);
  const theme = useScene((s) => s.theme);
  const labels = useRef<HTMLDivElement>(null);
  const { generation, onCreated, renew } = useContextRecovery();
  const background = BACKGROUNDS[theme];
  const name = label ?? (timeline ? `3D network of ${timeline.neuronIds.length} neuron${timeline.neuronIds.length === 1 ? '' : 's'}` : 'No dataset loaded');
  return (
    <div className="scene" role="img" aria-label={name} data-scene={sceneId}>
      <SceneBoundary onRetry={renew}>
        <Canvas key={generation} onCreated={onCreated} frameloop="demand" gl={createSceneRenderer} dpr={[1, 2]} camera={{ position: [0, 1.05, 1.75], fov: 45, near: 0.05, far: 50 }}>
          <color attach="background" args={[background]} />
          <fog attach="fog" args={[background, 1.6, 4.5]} />
          <ambientLight intensity={0.7} />
          <directionalLight position={[2, 3, 2]} intensity={1.4} />
          {timeline && (
            <NetworkGraph
              key={version}
              timeline={timeline}
              sceneId={sceneId}
              labelLayer={labels}
              {...(conditionOverride !== undefined ? { conditionOverride } : {})}
              difference={difference}
            />
          )}
          <OrbitCamera sceneId={sceneId} leads={sceneId !== 'passive'} controls={cameraControls} />
          <StillSupport sceneId={sceneId} />
          <RedrawOnChange />
          {BENCH && <BenchProbe />}
        </Canvas>
      </SceneBoundary>
      <div className="node-labels" ref={labels} aria-hidden="true" />
      {/* The pane's visible title; the scene's accessible name (label) already says it. */}
      {title && (
        <p className="pane-title" aria-hidden="true">
          {title}
        </p>
      )}
    </div>
  );
}

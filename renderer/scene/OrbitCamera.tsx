import { useEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { Fog, type Camera, type PerspectiveCamera } from 'three';
import { sceneActions, sceneStore } from '../state/sceneStore';
import type { CameraState } from '../../shared/view/viewSchema';
import { viewStore } from '../state/viewStore';
import { fitCamera } from '../../shared/network/cameraFit';

/** Seconds a fit flies the camera to its new place. */
const FIT_SECONDS = 0.6;

interface Flight {
  readonly from: CameraState;
  readonly to: CameraState;
  elapsed: number;
}

/**
 * Drag to orbit, wheel or pinch to zoom, right-drag to pan. Every scene follows the one camera in the
 * scene store: moving one (split view) moves the others, and views restore it. The scene's element
 * carries the camera as data-camera (for tests and the view file). The first scene (`leads`) also fits
 * the camera to the layout when asked (sceneActions.requestFit: a new dataset, a layout chosen, Fit view)
 * and again when its window changes shape while the camera is where the last fit put it; the fog
 * follows the camera's distance, so a far fit (a portrait window) does not fade the network out.
 */
export function OrbitCamera({ sceneId, leads, controls: enabled = true }: { sceneId: string; leads: boolean; controls?: boolean }) {
  const { camera, gl, scene, size, invalidate } = useThree();
  const controls = useRef<OrbitControls | null>(null);
  const applied = useRef(-1);
  const fitDone = useRef(0);
  const flight = useRef<Flight | null>(null);
  const aspect = useRef(size.width / Math.max(1, size.height));
  useEffect(() => {
    const orbit = new OrbitControls(camera, gl.domElement);
    orbit.enableDamping = true;
    orbit.dampingFactor = 0.1;
    orbit.minDistance = 0.5;
    orbit.maxDistance = 12;
    controls.current = orbit;
    const publish = () => showCamera(gl.domElement, camera, orbit);
    // Only the user's own moves are published (not the damping tail of a synced move).
    let interacting = false;
    orbit.addEventListener('start', () => {
      interacting = true;
      flight.current = null;
    });
    orbit.addEventListener('end', () => (interacting = false));
    const onChange = () => {
      const state = publish();
      // The scene moved last also publishes its damping tail, so followers end exactly where it does.
      if (interacting || sceneStore.getState().camera.by === sceneId) {
        sceneActions.moveCamera(state, sceneId);
        applied.current = sceneStore.getState().camera.version;
      }
    };
    orbit.addEventListener('change', onChange);
    publish();
    return () => {
      orbit.removeEventListener('change', onChange);
      orbit.dispose();
    };
  }, [camera, gl, sceneId]);

  useEffect(() => {
    if (controls.current) controls.current.enabled = enabled;
  }, [enabled, camera, gl]);

  /** Where a fit puts the camera for the layout on screen now. */
  const fitted = (): CameraState | null => {
    const timeline = viewStore.getState().timeline;
    if (!timeline) return null;
    const pose = fitCamera(timeline.layouts[sceneStore.getState().layout], aspect.current, (camera as PerspectiveCamera).fov ?? 45);
    return { position: [...pose.position], target: [...pose.target] };
  };
  const fly = (to: CameraState, animate: boolean) => {
    const orbit = controls.current!;
    const from = { position: camera.position.toArray() as CameraState['position'], target: orbit.target.toArray() as CameraState['target'] };
    flight.current = animate ? { from, to, elapsed: 0 } : { from: to, to, elapsed: FIT_SECONDS };
  };

  useFrame((_, delta) => {
    const orbit = controls.current;
    if (!orbit) return;
    const store = sceneStore.getState();
    if (leads) {
      const shape = size.width / Math.max(1, size.height);
      const reshaped = Math.abs(shape - aspect.current) > 1e-3;
      aspect.current = shape;
      const { fit } = store;
      if (fit.version !== fitDone.current) {
        fitDone.current = fit.version;
        // Asked before someone else moved the camera (a view file's camera wins over the reset's fit).
        const to = fit.cameraVersion === store.camera.version ? fitted() : null;
        if (to) fly(to, fit.animate);
      } else if (reshaped && store.camera.by === 'fit' && flight.current === null) {
        const to = fitted();
        if (to) fly(to, true);
      }
      const moving = flight.current;
      if (moving) {
        moving.elapsed = Math.min(FIT_SECONDS, moving.elapsed + delta);
        const t = moving.elapsed / FIT_SECONDS;
        const ease = t * t * (3 - 2 * t);
        const mix = (a: readonly number[], b: readonly number[]) => a.map((v, k) => v + (b[k]! - v) * ease);
        camera.position.fromArray(mix(moving.from.position, moving.to.position));
        orbit.target.fromArray(mix(moving.from.target, moving.to.target));
        orbit.update();
        sceneActions.moveCamera(showCamera(gl.domElement, camera, orbit), 'fit');
        applied.current = sceneStore.getState().camera.version;
        if (t >= 1) flight.current = null;
        else invalidate(); // the scene draws on demand: a flight asks for its next frame
        followFog(scene, camera.position.distanceTo(orbit.target));
        return;
      }
    }
    const shared = sceneStore.getState().camera;
    if (shared.version !== applied.current && shared.by !== sceneId) {
      camera.position.fromArray(shared.position);
      orbit.target.fromArray(shared.target);
      applied.current = shared.version;
      orbit.update();
      showCamera(gl.domElement, camera, orbit);
      followFog(scene, camera.position.distanceTo(orbit.target));
      return;
    }
    // Damping after a drag moves the camera for a few more frames: each asks for the next while it does.
    if (orbit.update()) invalidate();
    followFog(scene, camera.position.distanceTo(orbit.target));
  });
  return null;
}

/** The fog starts just in front of the network and ends well behind it, wherever the camera is (1.6…4.5 at the default view). */
export function followFog(scene: { fog: unknown }, distance: number): void {
  if (!(scene.fog instanceof Fog)) return;
  scene.fog.near = Math.max(0.1, distance - 0.45);
  scene.fog.far = distance + 2.45;
}

/** The camera as the store keeps it (rounded), also written on the scene's element as data-camera. */
function showCamera(canvas: HTMLCanvasElement, camera: Camera, orbit: OrbitControls): CameraState {
  const state = roundedCamera({ position: camera.position.toArray() as CameraState['position'], target: orbit.target.toArray() as CameraState['target'] });
  canvas.closest('[data-scene]')?.setAttribute('data-camera', cameraAttribute(state));
  return state;
}

/** A camera rounded as the store and the scene's data-camera keep it (4 decimals). */
export function roundedCamera(camera: CameraState): CameraState {
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { position: camera.position.map(round) as CameraState['position'], target: camera.target.map(round) as CameraState['target'] };
}

/** The scene element's data-camera for a camera: what tools wait on to know a view is drawn. */
export function cameraAttribute(camera: CameraState): string {
  return JSON.stringify(roundedCamera(camera));
}

import { useEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { Camera } from 'three';
import { sceneActions, sceneStore, type CameraState } from '../state/sceneStore';

/**
 * Drag to orbit, wheel or pinch to zoom, right-drag to pan. Every scene follows the one camera in the
 * scene store: moving one (split view) moves the others, and views restore it. The scene's element
 * carries the camera as data-camera (for tests and the view file).
 */
export function OrbitCamera({ sceneId }: { sceneId: string }) {
  const { camera, gl } = useThree();
  const controls = useRef<OrbitControls | null>(null);
  const applied = useRef(-1);
  useEffect(() => {
    const orbit = new OrbitControls(camera, gl.domElement);
    orbit.enableDamping = true;
    orbit.dampingFactor = 0.1;
    orbit.minDistance = 0.5;
    orbit.maxDistance = 8;
    controls.current = orbit;
    const publish = () => showCamera(gl.domElement, camera, orbit);
    // Only the user's own moves are published (not the damping tail of a synced move).
    let interacting = false;
    orbit.addEventListener('start', () => (interacting = true));
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
  useFrame(() => {
    const orbit = controls.current;
    if (!orbit) return;
    const shared = sceneStore.getState().camera;
    if (shared.version !== applied.current && shared.by !== sceneId) {
      camera.position.fromArray(shared.position);
      orbit.target.fromArray(shared.target);
      applied.current = shared.version;
      orbit.update();
      showCamera(gl.domElement, camera, orbit);
      return;
    }
    orbit.update();
  });
  return null;
}

/** The camera as the store keeps it (rounded), also written on the scene's element as data-camera. */
function showCamera(canvas: HTMLCanvasElement, camera: Camera, orbit: OrbitControls): CameraState {
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const state = { position: camera.position.toArray().map(round) as CameraState['position'], target: orbit.target.toArray().map(round) as CameraState['target'] };
  canvas.closest('[data-scene]')?.setAttribute('data-camera', JSON.stringify(state));
  return state;
}

import { useEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';

/** Drag to orbit, wheel or pinch to zoom, right-drag to pan. */
export function OrbitCamera() {
  const { camera, gl } = useThree();
  const controls = useRef<OrbitControls | null>(null);
  useEffect(() => {
    const orbit = new OrbitControls(camera, gl.domElement);
    orbit.enableDamping = true;
    orbit.dampingFactor = 0.1;
    orbit.minDistance = 0.8;
    orbit.maxDistance = 8;
    controls.current = orbit;
    return () => orbit.dispose();
  }, [camera, gl]);
  useFrame(() => controls.current?.update());
  return null;
}

import { useEffect, useMemo, useRef } from 'react';
import * as THREE from 'three';
import { useFrame, useThree } from '@react-three/fiber';
import type { Timeline } from '../../shared/network/timeline';
import { timelineFrameIndex } from '../../shared/network/timeline';
import { framesInCondition, viewStore } from '../state/viewStore';
import { createLinkGeometry, createLinkMaterial } from './linkMaterial';
import { createNodeGeometry, createNodeMaterial, nodeRadius } from './nodeMaterial';

const MAX_LINK_PIXELS = 9;

/**
 * Nodes and links of one timeline. Buffers are made once per timeline; when playback crosses into a new
 * pair of frames their weights are copied into the A/B attributes, and every animation frame sets only
 * the blend uniform (STYLE.md rule 8).
 */
export function NetworkGraph({ timeline }: { timeline: Timeline }) {
  const edgeCount = timeline.edges.length / 2;
  const nodeCount = timeline.neuronIds.length;
  const blend = useMemo(() => ({ value: 0 }), []);
  const linkMaterial = useMemo(() => createLinkMaterial(), []);
  const linkGeometry = useMemo(() => createLinkGeometry(edgeCount), [edgeCount]);
  const nodeMaterial = useMemo(() => createNodeMaterial(blend), [blend]);
  const nodeGeometry = useMemo(() => createNodeGeometry(nodeCount), [nodeCount]);
  const nodesRef = useRef<THREE.InstancedMesh>(null);
  const shown = useRef({ a: -1, b: -1 });
  const { size, viewport } = useThree();

  useEffect(() => {
    const start = linkGeometry.getAttribute('instanceStart') as THREE.InstancedBufferAttribute;
    const end = linkGeometry.getAttribute('instanceEnd') as THREE.InstancedBufferAttribute;
    for (let e = 0; e < edgeCount; e++) {
      const i = timeline.edges[2 * e]!;
      const j = timeline.edges[2 * e + 1]!;
      start.setXYZ(e, timeline.positions[3 * i]!, timeline.positions[3 * i + 1]!, timeline.positions[3 * i + 2]!);
      end.setXYZ(e, timeline.positions[3 * j]!, timeline.positions[3 * j + 1]!, timeline.positions[3 * j + 2]!);
    }
    start.needsUpdate = true;
    end.needsUpdate = true;
    linkGeometry.computeBoundingSphere = () => {
      linkGeometry.boundingSphere = new THREE.Sphere(new THREE.Vector3(), 10);
    };
    const mesh = nodesRef.current;
    if (mesh) {
      const matrix = new THREE.Matrix4();
      for (let i = 0; i < nodeCount; i++) {
        matrix.makeTranslation(timeline.positions[3 * i]!, timeline.positions[3 * i + 1]!, timeline.positions[3 * i + 2]!);
        mesh.setMatrixAt(i, matrix);
      }
      mesh.instanceMatrix.needsUpdate = true;
      mesh.computeBoundingSphere();
    }
    shown.current = { a: -1, b: -1 };
  }, [timeline, linkGeometry, edgeCount, nodeCount]);

  useEffect(
    () => () => {
      linkGeometry.dispose();
      linkMaterial.dispose();
      nodeGeometry.dispose();
      nodeMaterial.dispose();
    },
    [linkGeometry, linkMaterial, nodeGeometry, nodeMaterial],
  );

  useFrame(() => {
    const state = viewStore.getState();
    const count = framesInCondition(state);
    if (count === 0) return;
    const a = Math.min(Math.floor(state.position), count - 1);
    const b = Math.min(a + 1, count - 1);
    const base = timelineFrameIndex(timeline, state.conditionIndex, 0, 0);
    if (shown.current.a !== base + a || shown.current.b !== base + b) {
      writeFrame(base + a, 'weightA', 'sizeA');
      writeFrame(base + b, 'weightB', 'sizeB');
      shown.current = { a: base + a, b: base + b };
    }
    blend.value = state.position - a;
    const uniforms = linkMaterial.uniforms;
    uniforms.blend!.value = blend.value;
    uniforms.resolution!.value.set(size.width * viewport.dpr, size.height * viewport.dpr);
    uniforms.pixelsPerUnit!.value = timeline.edgeScale > 0 ? (MAX_LINK_PIXELS * viewport.dpr) / timeline.edgeScale : 0;
    uniforms.maxPixels!.value = MAX_LINK_PIXELS * viewport.dpr;
  });

  function writeFrame(frame: number, weightName: string, sizeName: string): void {
    const weights = linkGeometry.getAttribute(weightName) as THREE.InstancedBufferAttribute;
    (weights.array as Float32Array).set(timeline.edgeWeights.subarray(frame * edgeCount, (frame + 1) * edgeCount));
    weights.needsUpdate = true;
    const sizes = nodeGeometry.getAttribute(sizeName) as THREE.InstancedBufferAttribute;
    const array = sizes.array as Float32Array;
    for (let i = 0; i < nodeCount; i++) array[i] = nodeRadius(timeline.nodeWeights[frame * nodeCount + i]!, timeline.nodeScale);
    sizes.needsUpdate = true;
  }

  return (
    <group>
      <mesh geometry={linkGeometry} material={linkMaterial} frustumCulled={false} renderOrder={1} />
      <instancedMesh ref={nodesRef} args={[nodeGeometry, nodeMaterial, nodeCount]} renderOrder={2} />
    </group>
  );
}

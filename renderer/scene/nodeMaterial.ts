import * as THREE from 'three';

/**
 * Neurons as one InstancedMesh of spheres. Each instance's matrix holds only its position; its radius
 * is blended on the GPU between the sizes of frame A and frame B (per-instance attributes) with the same
 * `blend` uniform as the links, so playback costs no per-node CPU work either.
 */
export const NODE_COLOUR = new THREE.Color('#c9d1d9');

export function createNodeMaterial(blend: { value: number }): THREE.MeshStandardMaterial {
  const material = new THREE.MeshStandardMaterial({ color: NODE_COLOUR, roughness: 0.55, metalness: 0.05 });
  material.onBeforeCompile = (shader) => {
    shader.uniforms.blend = blend;
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', '#include <common>\nattribute float sizeA;\nattribute float sizeB;\nuniform float blend;')
      .replace('#include <begin_vertex>', '#include <begin_vertex>\ntransformed *= mix(sizeA, sizeB, blend);');
  };
  return material;
}

export function createNodeGeometry(nodeCount: number): THREE.SphereGeometry {
  const geometry = new THREE.SphereGeometry(1, 16, 12);
  geometry.setAttribute('sizeA', new THREE.InstancedBufferAttribute(new Float32Array(nodeCount), 1));
  geometry.setAttribute('sizeB', new THREE.InstancedBufferAttribute(new Float32Array(nodeCount), 1));
  return geometry;
}

/** Radius of a node from its single-neuron information, area-proportional above a visible minimum. */
export function nodeRadius(information: number, scale: number): number {
  const base = 0.012;
  const extra = 0.03;
  return base + (scale > 0 ? extra * Math.sqrt(Math.max(0, information) / scale) : 0);
}

import * as THREE from 'three';

/**
 * Neurons as one InstancedMesh of spheres (identity instance matrices). Per instance: the position in
 * two layouts (blended while the layout changes), the radius of frame A and frame B (blended with the
 * frame), the colour, and whether it is highlighted by the selection — all read in the shader, so
 * playback, layout moves and selection cost no per-node CPU work.
 */
export const NODE_COLOUR = new THREE.Color('#c9d1d9');

export interface NodeUniforms {
  readonly blend: { value: number };
  readonly layoutBlend: { value: number };
  readonly selecting: { value: number };
}

export function createNodeMaterial(uniforms: NodeUniforms): THREE.MeshStandardMaterial {
  const material = new THREE.MeshStandardMaterial({ color: 0xffffff, roughness: 0.55, metalness: 0.05, transparent: true });
  material.onBeforeCompile = (shader) => {
    Object.assign(shader.uniforms, uniforms);
    shader.vertexShader = shader.vertexShader
      .replace(
        '#include <common>',
        '#include <common>\nattribute float sizeA;\nattribute float sizeB;\nattribute vec3 positionA;\nattribute vec3 positionB;\nattribute float highlight;\nuniform float blend;\nuniform float layoutBlend;\nuniform float selecting;\nvarying float vEmphasis;',
      )
      .replace('#include <begin_vertex>', '#include <begin_vertex>\ntransformed = transformed * mix(sizeA, sizeB, blend) + mix(positionA, positionB, layoutBlend);\nvEmphasis = selecting > 0.5 ? mix(0.2, 1.0, highlight) : 1.0;');
    shader.fragmentShader = shader.fragmentShader
      .replace('#include <common>', '#include <common>\nvarying float vEmphasis;')
      .replace('#include <dithering_fragment>', '#include <dithering_fragment>\ngl_FragColor.a *= vEmphasis;');
  };
  return material;
}

const PER_INSTANCE: [string, number][] = [
  ['sizeA', 1],
  ['sizeB', 1],
  ['positionA', 3],
  ['positionB', 3],
  ['highlight', 1],
];

export function createNodeGeometry(nodeCount: number): THREE.SphereGeometry {
  // Fewer facets for large populations: a 5,000-node scene stays within a frame budget in software GL.
  const detail = nodeCount > 1000 ? [8, 6] : [16, 12];
  const geometry = new THREE.SphereGeometry(1, detail[0], detail[1]);
  for (const [name, size] of PER_INSTANCE) geometry.setAttribute(name, new THREE.InstancedBufferAttribute(new Float32Array(nodeCount * size), size));
  return geometry;
}

/** Radius of a node from its single-neuron information, area-proportional above a visible minimum. */
export function nodeRadius(information: number, scale: number, nodeCount = 120): number {
  // Smaller nodes for larger populations, so thousands of neurons do not merge into a blob.
  const shrink = Math.min(1, Math.sqrt(120 / Math.max(nodeCount, 1)));
  const base = 0.012 * Math.max(shrink, 0.25);
  const extra = 0.03 * Math.max(shrink, 0.3);
  return base + (scale > 0 ? extra * Math.sqrt(Math.max(0, information) / scale) : 0);
}

import * as THREE from 'three';

/**
 * Links as camera-facing ribbons of constant screen width: one instanced quad per link. Per instance:
 * the endpoints in two layouts (blended while the layout changes), the weights, ranks and significance
 * of frame A and frame B, and the pair's node indices. Uniforms: the frame blend, the layout blend, the
 * link filter and the selection. So animating, filtering and selecting cost no CPU work per link
 * (cf. three.js examples/jsm/lines/LineMaterial.js).
 * Width ∝ |R_ij| on one scale for the whole timeline; colour encodes the sign (Okabe–Ito orange for
 * redundant, sky blue for synergistic: distinguishable with the common colour-vision deficiencies).
 */
export const REDUNDANT_COLOUR = new THREE.Color('#E69F00');
export const SYNERGISTIC_COLOUR = new THREE.Color('#56B4E9');

/** Filter modes as the shader numbers them. */
export const FILTER_MODE = { top: 0, threshold: 1, significant: 2 } as const;

/**
 * The link filter as the GPU applies it to every link: the same rule as isLinkShown (shared/network/
 * linkFilter.ts), which the legend counts with; test/e2e/linkFilterShader.e2e.test.ts runs this very
 * source on a table of cases and compares.
 */
export const LINK_FILTER_GLSL = /* glsl */ `
  float shown(float weight, float rank, float significant, int mode, float value) {
    if (weight == 0.0) return 0.0;
    if (mode == 0) return rank < value ? 1.0 : 0.0;
    if (mode == 1) return abs(weight) >= value ? 1.0 : 0.0;
    return significant > 0.5 ? 1.0 : 0.0;
  }
`;

const vertexShader = /* glsl */ `
  attribute vec3 startA;
  attribute vec3 endA;
  attribute vec3 startB;
  attribute vec3 endB;
  attribute float weightA;
  attribute float weightB;
  attribute float rankA;
  attribute float rankB;
  attribute float significantA;
  attribute float significantB;
  attribute vec2 nodes;
  uniform float blend;
  uniform float layoutBlend;
  uniform float pixelsPerUnit;
  uniform float maxPixels;
  uniform vec2 resolution;
  uniform int filterMode;
  uniform float filterValue;
  uniform float selectedNode;
  uniform float selectedEdge;
  varying float vWeight;
  varying float vAcross;
  varying float vEmphasis;
  #include <fog_pars_vertex>

  ${LINK_FILTER_GLSL}

  void main() {
    float visible = mix(shown(weightA, rankA, significantA, filterMode, filterValue), shown(weightB, rankB, significantB, filterMode, filterValue), blend);
    float weight = mix(weightA, weightB, blend);
    float width = min(abs(weight) * pixelsPerUnit, maxPixels) * visible;
    bool selecting = selectedNode >= 0.0 || selectedEdge >= 0.0;
    bool chosen = nodes.x == selectedNode || nodes.y == selectedNode || float(gl_InstanceID) == selectedEdge;
    vEmphasis = !selecting ? 1.0 : (chosen ? 1.0 : 0.12);
    if (selecting && chosen) width = max(width, 1.5 * visible);
    // Sub-pixel links are dropped rather than drawn as flicker.
    if (width < 0.4) width = 0.0;
    vec3 start = mix(startA, startB, layoutBlend);
    vec3 end = mix(endA, endB, layoutBlend);
    vec4 mvStart = modelViewMatrix * vec4(start, 1.0);
    vec4 mvEnd = modelViewMatrix * vec4(end, 1.0);
    vec4 clipStart = projectionMatrix * mvStart;
    vec4 clipEnd = projectionMatrix * mvEnd;
    vec2 screenStart = clipStart.xy / clipStart.w * resolution;
    vec2 screenEnd = clipEnd.xy / clipEnd.w * resolution;
    vec2 direction = normalize(screenEnd - screenStart + vec2(1e-6, 0.0));
    vec2 normal = vec2(-direction.y, direction.x);
    vec4 clip = mix(clipStart, clipEnd, position.x);
    clip.xy += normal * width * position.y / resolution * clip.w;
    vec4 mvPosition = mix(mvStart, mvEnd, position.x);
    vWeight = weight;
    vAcross = position.y;
    gl_Position = clip;
    #include <fog_vertex>
  }
`;

const fragmentShader = /* glsl */ `
  uniform vec3 redundantColour;
  uniform vec3 synergisticColour;
  uniform float opacity;
  varying float vWeight;
  varying float vAcross;
  varying float vEmphasis;
  #include <fog_pars_fragment>

  void main() {
    vec3 colour = vWeight >= 0.0 ? redundantColour : synergisticColour;
    float edge = 1.0 - smoothstep(0.55, 1.0, abs(vAcross));
    gl_FragColor = vec4(colour, opacity * edge * vEmphasis);
    #include <fog_fragment>
  }
`;

export function createLinkMaterial(): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    vertexShader,
    fragmentShader,
    uniforms: THREE.UniformsUtils.merge([
      THREE.UniformsLib.fog,
      {
        blend: { value: 0 },
        layoutBlend: { value: 1 },
        pixelsPerUnit: { value: 1 },
        maxPixels: { value: 8 },
        resolution: { value: new THREE.Vector2(1, 1) },
        filterMode: { value: 0 },
        filterValue: { value: 300 },
        selectedNode: { value: -1 },
        selectedEdge: { value: -1 },
        redundantColour: { value: REDUNDANT_COLOUR.clone() },
        synergisticColour: { value: SYNERGISTIC_COLOUR.clone() },
        opacity: { value: 0.85 },
      },
    ]),
    transparent: true,
    depthWrite: false,
    fog: true,
  });
}

const PER_INSTANCE: [string, number][] = [
  ['startA', 3],
  ['endA', 3],
  ['startB', 3],
  ['endB', 3],
  ['weightA', 1],
  ['weightB', 1],
  ['rankA', 1],
  ['rankB', 1],
  ['significantA', 1],
  ['significantB', 1],
  ['nodes', 2],
];

/** A unit quad along x ∈ [0, 1], across y ∈ [−1, 1], shared by every link instance. */
export function createLinkGeometry(edgeCount: number): THREE.InstancedBufferGeometry {
  const geometry = new THREE.InstancedBufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute([0, -1, 0, 1, -1, 0, 1, 1, 0, 0, 1, 0], 3));
  geometry.setIndex([0, 1, 2, 0, 2, 3]);
  geometry.instanceCount = edgeCount;
  for (const [name, size] of PER_INSTANCE) geometry.setAttribute(name, new THREE.InstancedBufferAttribute(new Float32Array(edgeCount * size), size));
  // Endpoints move on the GPU: a fixed sphere around the unit-sphere layouts keeps three from recomputing it.
  geometry.boundingSphere = new THREE.Sphere(new THREE.Vector3(), 10);
  return geometry;
}

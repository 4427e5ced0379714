import * as THREE from 'three';

/**
 * Links as camera-facing ribbons of constant screen width: one instanced quad per link, endpoints and the
 * weights of frame A and frame B as per-instance attributes, the blend between them as a uniform. So
 * animating costs no CPU work per link (cf. three.js examples/jsm/lines/LineMaterial.js).
 * Width ∝ |R_ij| on one scale for the whole timeline; colour encodes the sign (Okabe–Ito orange for
 * redundant, sky blue for synergistic: distinguishable with the common colour-vision deficiencies).
 */
export const REDUNDANT_COLOUR = new THREE.Color('#E69F00');
export const SYNERGISTIC_COLOUR = new THREE.Color('#56B4E9');

const vertexShader = /* glsl */ `
  attribute vec3 instanceStart;
  attribute vec3 instanceEnd;
  attribute float weightA;
  attribute float weightB;
  uniform float blend;
  uniform float pixelsPerUnit;
  uniform float maxPixels;
  uniform vec2 resolution;
  varying float vWeight;
  varying float vAcross;
  #include <fog_pars_vertex>

  void main() {
    float weight = mix(weightA, weightB, blend);
    float width = min(abs(weight) * pixelsPerUnit, maxPixels);
    // Sub-pixel links are dropped rather than drawn as flicker.
    if (width < 0.4) width = 0.0;
    vec4 mvStart = modelViewMatrix * vec4(instanceStart, 1.0);
    vec4 mvEnd = modelViewMatrix * vec4(instanceEnd, 1.0);
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
  #include <fog_pars_fragment>

  void main() {
    vec3 colour = vWeight >= 0.0 ? redundantColour : synergisticColour;
    float edge = 1.0 - smoothstep(0.55, 1.0, abs(vAcross));
    gl_FragColor = vec4(colour, opacity * edge);
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
        pixelsPerUnit: { value: 1 },
        maxPixels: { value: 8 },
        resolution: { value: new THREE.Vector2(1, 1) },
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

/** A unit quad along x ∈ [0, 1], across y ∈ [−1, 1], shared by every link instance. */
export function createLinkGeometry(edgeCount: number): THREE.InstancedBufferGeometry {
  const geometry = new THREE.InstancedBufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute([0, -1, 0, 1, -1, 0, 1, 1, 0, 0, 1, 0], 3));
  geometry.setIndex([0, 1, 2, 0, 2, 3]);
  geometry.instanceCount = edgeCount;
  geometry.setAttribute('instanceStart', new THREE.InstancedBufferAttribute(new Float32Array(edgeCount * 3), 3));
  geometry.setAttribute('instanceEnd', new THREE.InstancedBufferAttribute(new Float32Array(edgeCount * 3), 3));
  geometry.setAttribute('weightA', new THREE.InstancedBufferAttribute(new Float32Array(edgeCount), 1));
  geometry.setAttribute('weightB', new THREE.InstancedBufferAttribute(new Float32Array(edgeCount), 1));
  return geometry;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from './harness';
import { FILTER_MODE, LINK_FILTER_GLSL } from '../../renderer/scene/linkMaterial';
import { isLinkShown, type LinkFilterRule } from '../../shared/network/linkFilter';

/**
 * The GPU draws a link when the shader's `shown()` says so; the legend counts links with isLinkShown.
 * This runs the shader's own source in Chromium's WebGL on a table of cases (one pixel per case) and
 * checks that both say the same for every one.
 */
interface Case {
  rule: LinkFilterRule;
  weight: number;
  rank: number;
  significant: number;
}

const RULES: LinkFilterRule[] = [{ mode: 'top', count: 3 }, { mode: 'top', count: 1 }, { mode: 'threshold', value: 0.1 }, { mode: 'threshold', value: 0 }, { mode: 'significant' }];
// Weights as the app stores them (Float32Array), on and around the threshold, signed, and zero.
const WEIGHTS = [0, 0.05, -0.05, 0.1, -0.1, 0.2, -0.7, 1e-8].map(Math.fround);
const RANKS = [0, 1, 2, 3, 4, 100];
const CASES: Case[] = RULES.flatMap((rule) => WEIGHTS.flatMap((weight) => RANKS.flatMap((rank) => [0, 1].map((significant) => ({ rule, weight, rank, significant })))));

const modeOf = (rule: LinkFilterRule) => FILTER_MODE[rule.mode];
const valueOf = (rule: LinkFilterRule) => (rule.mode === 'top' ? rule.count : rule.mode === 'threshold' ? rule.value : 0);

describe('link filter: shader and CPU agree', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findChromium(), args: ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(`on ${CASES.length} cases of every filter mode`, async () => {
    const page = await browser.newPage();
    const columns = CASES.map((c) => [c.weight, c.rank, c.significant, modeOf(c.rule), valueOf(c.rule)]);
    const gpu = await page.evaluate(
      ({ glsl, columns }) => {
        const canvas = document.createElement('canvas');
        canvas.width = columns.length;
        canvas.height = 1;
        const gl = canvas.getContext('webgl2')!;
        const compile = (type: number, source: string) => {
          const shader = gl.createShader(type)!;
          gl.shaderSource(shader, source);
          gl.compileShader(shader);
          if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(shader) ?? 'compile failed');
          return shader;
        };
        const program = gl.createProgram()!;
        gl.attachShader(
          program,
          compile(
            gl.VERTEX_SHADER,
            `#version 300 es
            in float weight; in float rank; in float significant; in float mode; in float value;
            uniform float count;
            out float vShown;
            ${glsl}
            void main() {
              vShown = shown(weight, rank, significant, int(mode + 0.5), value);
              gl_Position = vec4((float(gl_VertexID) + 0.5) / count * 2.0 - 1.0, 0.0, 0.0, 1.0);
              gl_PointSize = 1.0;
            }`,
          ),
        );
        gl.attachShader(program, compile(gl.FRAGMENT_SHADER, `#version 300 es\nprecision highp float; in float vShown; out vec4 colour; void main() { colour = vec4(vShown, 0.0, 0.0, 1.0); }`));
        gl.linkProgram(program);
        if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(program) ?? 'link failed');
        gl.useProgram(program);
        ['weight', 'rank', 'significant', 'mode', 'value'].forEach((name, k) => {
          const location = gl.getAttribLocation(program, name);
          gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
          gl.bufferData(gl.ARRAY_BUFFER, new Float32Array(columns.map((row) => row[k]!)), gl.STATIC_DRAW);
          gl.enableVertexAttribArray(location);
          gl.vertexAttribPointer(location, 1, gl.FLOAT, false, 0, 0);
        });
        gl.uniform1f(gl.getUniformLocation(program, 'count'), columns.length);
        gl.viewport(0, 0, columns.length, 1);
        gl.clearColor(0.5, 0, 0, 1);
        gl.clear(gl.COLOR_BUFFER_BIT);
        gl.drawArrays(gl.POINTS, 0, columns.length);
        const pixels = new Uint8Array(columns.length * 4);
        gl.readPixels(0, 0, columns.length, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
        return Array.from({ length: columns.length }, (_, i) => pixels[4 * i]!);
      },
      { glsl: LINK_FILTER_GLSL, columns },
    );
    await page.close();
    // Every case drew its pixel (the clear colour 128 would mean a point was missed).
    expect(gpu.every((red) => red === 0 || red === 255)).toBe(true);
    const disagreements = CASES.filter((c, i) => (gpu[i] === 255) !== isLinkShown(c.rule, c.weight, c.rank, c.significant));
    expect(disagreements).toEqual([]);
    // The table is not trivial: both outcomes occur in every mode.
    for (const rule of RULES) {
      const outcomes = new Set(CASES.flatMap((c, i) => (c.rule === rule ? [gpu[i]] : [])));
      expect(outcomes.size).toBe(2);
    }
  });
});

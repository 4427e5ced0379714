import { Vector2, WebGLRenderer, type WebGLRendererParameters } from 'three';

/**
 * The scene's WebGL renderer (R3F's `gl` factory). preserveDrawingBuffer keeps the last frame readable
 * (stills, the tests' pixel checks).
 *
 * Resizes that change nothing are skipped: R3F sets the pixel ratio and then the size, and three
 * reassigns the canvas's width and height each time, which makes the browser reallocate the drawing
 * buffer; with software WebGL that was ~100 ms each, three times on the way to the first frame.
 */
export function createSceneRenderer(defaults: WebGLRendererParameters): WebGLRenderer {
  // A lost context is never rebuilt in place (useContextRecovery.ts makes a new canvas instead): three.js's
  // own restore, which runs after this listener, kept each lost context alive with its programs.
  defaults.canvas?.addEventListener('webglcontextrestored', (event) => event.stopImmediatePropagation());
  const renderer = new WebGLRenderer({ ...defaults, preserveDrawingBuffer: true, antialias: true });
  const setSize = renderer.setSize.bind(renderer);
  const setPixelRatio = renderer.setPixelRatio.bind(renderer);
  renderer.setSize = (width, height, updateStyle = true) => {
    const canvas = renderer.domElement;
    const ratio = renderer.getPixelRatio();
    const current = renderer.getSize(SIZE);
    const unchanged = current.x === width && current.y === height && canvas.width === Math.floor(width * ratio) && canvas.height === Math.floor(height * ratio);
    if (!unchanged) setSize(width, height, updateStyle);
    else if (updateStyle) {
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
  };
  renderer.setPixelRatio = (value) => {
    if (value !== renderer.getPixelRatio()) setPixelRatio(value);
  };
  return renderer;
}

const SIZE = new Vector2();

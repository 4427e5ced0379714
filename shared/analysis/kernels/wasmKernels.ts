/**
 * Which build of the WebAssembly kernels (kernels/linalg.wat) this thread runs, chosen once at first use:
 * - fused multiply-add (relaxed SIMD's f64x2.relaxed_madd) where the runtime validates it — Chromium and
 *   Electron ship it; Node 20 has it behind --experimental-wasm-relaxed-simd, which the CLI turns on
 *   (node/kernelThreads.ts) — else plain f64x2 multiply and add;
 * - a shared memory when a kernel team (kernelTeam.ts) lends this thread helper threads, else its own.
 * No WebAssembly SIMD at all leaves `wasmKernels()` null, and linalg.ts's scalar JavaScript serves.
 */
import { linalgFmaWasm, linalgSharedFmaWasm, linalgSharedWasm, linalgWasm } from './linalgWasm';

export type TileKernel = (x: number, c: number, n: number, m: number, i0: number, i1: number, j0: number, j1: number, t0: number, t1: number, sign: number) => void;

export interface WasmKernels {
  readonly memory: WebAssembly.Memory;
  readonly tile: TileKernel;
  /** Cholesky–Crout on columns [j0, j1) of the n-stride matrix at byte offset a; 0 when not positive definite. */
  readonly panel: (a: number, n: number, j0: number, j1: number) => number;
  /** Solves L y = b (byte offsets). */
  readonly forward: (l: number, n: number, b: number, y: number) => void;
  readonly fma: boolean;
}

/**
 * What may be used (CHORUS_KERNELS in the CLI, `npm run bench -- --kernel K`), to compare and to check:
 * - auto: fused multiply-add where the runtime has it, the WebAssembly Cholesky and solves;
 * - simd: the same without fused multiply-add;
 * - baseline: the kernels before fused multiply-add and the WebAssembly Cholesky (plain SIMD products,
 *   JavaScript Cholesky and solves), against which the demo's results file is checked;
 * - scalar: JavaScript only, as on a runtime without WebAssembly SIMD.
 */
export type KernelName = 'auto' | 'simd' | 'baseline' | 'scalar';
export const KERNEL_NAMES: readonly KernelName[] = ['auto', 'simd', 'baseline', 'scalar'];

export interface KernelChoice {
  readonly kernel: KernelName;
}

let choice: KernelChoice = { kernel: 'auto' };
// Per-thread caches: the compiled kernels are reused, and so is their grown memory.
let own: WasmKernels | null | undefined;
let sharedModule: { module: WebAssembly.Module; fma: boolean } | null | undefined;
let onShared: WasmKernels | null = null;

export function chooseKernels(next: KernelChoice): void {
  choice = next;
  own = undefined;
  sharedModule = undefined;
  onShared = null;
}

function bytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}

/** The FMA build where the runtime validates relaxed SIMD and the choice allows it, else the plain one. */
function pick(plain: string, fused: string): { code: Uint8Array<ArrayBuffer>; fma: boolean } | null {
  if (choice.kernel === 'scalar') return null;
  if (choice.kernel === 'auto') {
    const code = bytes(fused);
    if (WebAssembly.validate(code)) return { code, fma: true };
  }
  const code = bytes(plain);
  return WebAssembly.validate(code) ? { code, fma: false } : null;
}

function bind(instance: WebAssembly.Instance, memory: WebAssembly.Memory, fma: boolean): WasmKernels {
  const exports = instance.exports;
  return { memory, tile: exports.tile as TileKernel, panel: exports.panel as WasmKernels['panel'], forward: exports.forward as WasmKernels['forward'], fma };
}

/** The kernels on this thread's own memory, or null where WebAssembly SIMD is missing (or 'scalar' is chosen). */
export function wasmKernels(): WasmKernels | null {
  if (onShared) return onShared;
  if (own !== undefined) return own;
  try {
    const picked = pick(linalgWasm, linalgFmaWasm);
    if (!picked) return (own = null);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(picked.code), {});
    own = bind(instance, instance.exports.memory as WebAssembly.Memory, picked.fma);
  } catch {
    own = null;
  }
  return own;
}

/** The shared-memory build, for a team's threads (null without threads or SIMD). */
export function sharedKernelModule(): { module: WebAssembly.Module; fma: boolean } | null {
  if (sharedModule !== undefined) return sharedModule;
  try {
    const picked = pick(linalgSharedWasm, linalgSharedFmaWasm);
    sharedModule = picked ? { module: new WebAssembly.Module(picked.code), fma: picked.fma } : null;
  } catch {
    sharedModule = null;
  }
  return sharedModule;
}

/** From now on this thread's kernels work on `memory` (a team's shared heap); null goes back to its own. */
export function useSharedMemory(memory: WebAssembly.Memory | null): void {
  if (!memory) {
    onShared = null;
    return;
  }
  const shared = sharedKernelModule();
  if (!shared) throw new Error('the shared-memory kernels cannot be compiled here');
  onShared = bind(new WebAssembly.Instance(shared.module, { env: { memory } }), memory, shared.fma);
}

/** The kernels for Cholesky factorisations and triangular solves: null keeps them in JavaScript. */
export function wasmSolves(): WasmKernels | null {
  return choice.kernel === 'baseline' ? null : wasmKernels();
}

/** A line for logs and benchmarks: which kernel the next product runs. */
export function kernelDescription(threads: number): string {
  const kernels = wasmKernels();
  if (!kernels) return 'scalar JavaScript';
  const solves = choice.kernel === 'baseline' ? 'JavaScript' : 'WebAssembly';
  return `WebAssembly SIMD${kernels.fma ? ' with fused multiply-add' : ''}, ${threads} thread${threads === 1 ? '' : 's'}; ${solves} Cholesky and solves`;
}

/**
 * Helper threads for one large product: the calling thread and its helpers share one WebAssembly memory
 * (the kernels' heap) and a small control block, and take row bands of the product from a shared counter.
 * The call stays synchronous — the caller works too, then blocks (Atomics.wait) until every claimed band
 * is done — so the statistics above it need not change. Where a thread can be spawned is the platform's
 * business (node/kernelThreads.ts); this module is plain TypeScript.
 *
 * Each band runs exactly the loop the single-threaded product runs for its rows (observation blocks in
 * order, tiles in order), so every entry is the same sum in the same order: threaded results equal
 * single-threaded ones bit for bit.
 *
 * The control block (Int32): GENERATION (bumped per job; helpers wait on it), TICKET (the job's tag in the
 * high bits, the next band in the low 16: a helper still in an old job sees the tag change and stops, so
 * it can never take a band of the next), COUNT, DONE (bands finished; the caller waits on it),
 * HELPER_BANDS, then the job's parameters (Float64).
 */
import { sharedKernelModule, useSharedMemory, type TileKernel as Tile } from './wasmKernels';

const GENERATION = 0;
const TICKET = 1;
const COUNT = 2;
const DONE = 3;
const HELPER_BANDS = 4; // bands helpers have done, over the team's life (for tests and logs)
const PARAMETERS = 3; // Float64 index: after the six Int32 slots
const PARAMETER_COUNT = 7; // x, c, n, m, outputRows, tile, block
const CONTROL_BYTES = (PARAMETERS + PARAMETER_COUNT) * 8;
const BAND_BITS = 16;

/** What a helper thread receives: the compiled shared kernels, the heap and the control block. */
export interface HelperData {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly control: SharedArrayBuffer;
}

/** Starts one helper thread running `helperSource()` with `data` (the platform's part); returns its stop. */
export type SpawnHelper = (source: string, data: HelperData) => () => void;

export interface KernelTeam {
  /** Threads that work on one product: the caller and its helpers. */
  readonly threads: number;
  readonly memory: WebAssembly.Memory;
  /**
   * C += X Xᵀ over bands of `outputRows` rows (tile `tile` rows each), as crossProduct's loop; x, c byte
   * offsets in the shared heap, n padded rows, m padded columns. Blocks until done.
   */
  crossProductBands(job: BandJob): void;
  /** Bands the helpers (not the caller) have done since the team started. */
  helperBands(): number;
  /** Stops the helpers; this thread's kernels go back to their own memory. */
  end(): void;
}

// The team lending this thread its helpers, if any (one per thread, like the kernels' cache).
let active: KernelTeam | null = null;

export function activeKernelTeam(): KernelTeam | null {
  return active;
}

export interface BandJob {
  readonly x: number;
  readonly c: number;
  readonly n: number;
  readonly m: number;
  readonly outputRows: number;
  readonly tile: number;
  readonly block: number;
}

/**
 * A job's parameters as runBand reads them (the control block's Float64 view, parameters from PARAMETERS):
 * the single-threaded product passes the same layout, in an array of its own.
 */
export function bandParameters(job: BandJob, into: Float64Array = new Float64Array(PARAMETERS + PARAMETER_COUNT)): Float64Array {
  into.set([job.x, job.c, job.n, job.m, job.outputRows, job.tile, job.block], PARAMETERS);
  return into;
}

/**
 * One band of the product: rows [band·tile, +tile) against columns from the band's start, observation
 * blocks outermost — crossProduct's own loop for these rows. Self-contained (it is also sent to helpers as
 * source text), so it may use nothing from outside.
 */
export function runBand(tile: Tile, p: Float64Array, band: number): void {
  const x = p[3]!;
  const c = p[4]!;
  const n = p[5]!;
  const m = p[6]!;
  const outputRows = p[7]!;
  const size = p[8]!;
  const block = p[9]!;
  const tileI = band * size;
  const endI = Math.min(outputRows, tileI + size);
  for (let start = 0; start < m; start += block) {
    const end = Math.min(m, start + block);
    for (let tileJ = tileI; tileJ < n; tileJ += size) tile(x, c, n, m, tileI, endI, tileJ, Math.min(n, tileJ + size), start, end, 1);
  }
}

/** Takes bands of the current job until none is left; self-contained, as runBand. */
export function claimBands(tile: Tile, control: Int32Array, p: Float64Array, run: typeof runBand, helper: boolean): void {
  for (;;) {
    const ticket = Atomics.load(control, 1);
    const generation = Atomics.load(control, 0);
    if (ticket >>> 16 !== (generation & 0x7fff)) return; // a new job is being set up, or this one moved on
    const band = ticket & 0xffff;
    if (band >= Atomics.load(control, 2)) return;
    if (Atomics.compareExchange(control, 1, ticket, ticket + 1) !== ticket) continue;
    run(tile, p, band);
    if (helper) Atomics.add(control, 4, 1);
    Atomics.add(control, 3, 1);
    Atomics.notify(control, 3);
  }
}

/** A helper's whole life: instantiate the kernels on the shared heap, then wait for jobs. Self-contained. */
export function helperMain(data: HelperData, claim: typeof claimBands, run: typeof runBand): void {
  const instance = new WebAssembly.Instance(data.module, { env: { memory: data.memory } });
  const tile = instance.exports.tile as Tile;
  const control = new Int32Array(data.control, 0, 6);
  const p = new Float64Array(data.control);
  let seen = 0;
  for (;;) {
    Atomics.wait(control, 0, seen);
    seen = Atomics.load(control, 0);
    claim(tile, control, p, run, true);
  }
}

/**
 * The helper's program as source text: the three functions above as expressions (a minifier may rename
 * them, or turn declarations into expressions; either way their text is a valid expression), called with
 * the platform's `data`.
 */
export function helperSource(dataExpression: string): string {
  return `const chorusRunBand = (${runBand.toString()});\nconst chorusClaimBands = (${claimBands.toString()});\n(${helperMain.toString()})(${dataExpression}, chorusClaimBands, chorusRunBand);\n`;
}

/**
 * A team of `threads` threads (the caller and threads − 1 helpers spawned by `spawn`), or null where
 * threads cannot share memory here (no SharedArrayBuffer — a page that is not cross-origin isolated — or
 * no WebAssembly SIMD). From then on this thread's kernels run on the team's shared heap.
 */
export function createKernelTeam(threads: number, spawn: SpawnHelper, dataExpression: string): KernelTeam | null {
  if (threads < 2 || typeof SharedArrayBuffer === 'undefined') return null;
  const shared = sharedKernelModule();
  if (!shared) return null;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
  } catch {
    return null;
  }
  const controlBuffer = new SharedArrayBuffer(CONTROL_BYTES);
  const control = new Int32Array(controlBuffer, 0, 6);
  const p = new Float64Array(controlBuffer);
  active?.end();
  const stops = Array.from({ length: threads - 1 }, () => spawn(helperSource(dataExpression), { module: shared.module, memory, control: controlBuffer }));
  useSharedMemory(memory);
  const tile = new WebAssembly.Instance(shared.module, { env: { memory } }).exports.tile as Tile;
  let generation = 0;
  const team: KernelTeam = {
    threads,
    memory,
    crossProductBands(job) {
      const bands = Math.ceil(job.outputRows / job.tile);
      if (bands >= 1 << BAND_BITS) throw new Error(`a product of ${bands} bands is more than a team can share out`);
      generation = (generation + 1) & 0x7fff;
      bandParameters(job, p);
      Atomics.store(control, COUNT, bands);
      Atomics.store(control, DONE, 0);
      Atomics.store(control, TICKET, generation << BAND_BITS);
      Atomics.store(control, GENERATION, generation);
      Atomics.notify(control, GENERATION);
      claimBands(tile, control, p, runBand, false);
      for (let done = Atomics.load(control, DONE); done < bands; done = Atomics.load(control, DONE)) Atomics.wait(control, DONE, done);
    },
    helperBands: () => Atomics.load(control, HELPER_BANDS),
    end() {
      for (const stop of stops) stop();
      if (active === team) {
        active = null;
        useSharedMemory(null);
      }
    },
  };
  active = team;
  return team;
}

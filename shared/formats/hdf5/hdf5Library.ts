import h5wasm from 'h5wasm';
// @ts-expect-error -- h5wasm ships no declaration beside its Emscripten factory (typed below)
import createHdf5Module from '../../../node_modules/h5wasm/dist/esm/hdf5_util.js'; // eslint-disable-line chorus/import-layers -- the factory is not in h5wasm's package exports; see below

/**
 * The HDF5 library (h5wasm's Emscripten module), and a fresh one after any failure inside it.
 *
 * A WebAssembly trap ("memory access out of bounds" on a corrupt file), or any JavaScript exception that
 * unwinds through the C library (h5wasm turns HDF5's errors into exceptions), skips HDF5's cleanup: what
 * it had allocated stays allocated, its internal state stays half-changed, and the C stack pointer stays
 * where the exception left it. The same module then fails on later good files, and its heap grows with
 * every failure (400 trapped opens of one corrupt NWB file took it to its 2 GB maximum). So after a failure
 * the next file gets a new instance, its memory and state as new.
 *
 * h5wasm's File, Group and Dataset classes call the one module object that `h5wasm.ready` resolves to,
 * and it exports no way to make another. Emscripten's factory writes a new instance's functions and heap
 * onto the object it is given, so calling it again with that object (emptied first: embind refuses to
 * register a function that is already there) swaps the library under h5wasm's classes. The factory is
 * the module h5wasm itself imports (dist/esm/hdf5_util.js); its package exports leave it out, so it is
 * reached by path. The old instance is garbage once nothing holds its functions or heap.
 *
 * One per JavaScript realm (a worker, the CLI's process), as h5wasm's own module is: this is the one
 * module-level state of shared/formats, mirroring the library's.
 */
export type Hdf5Module = Awaited<typeof h5wasm.ready>;

const renewModule = createHdf5Module as (module: object) => Promise<Hdf5Module>;

export interface Hdf5Library {
  /**
   * The library, for one file: waits for files still open on a failed instance to close, then renews it.
   * Every `acquire` is paired with one `release`.
   */
  acquire(): Promise<Hdf5Module>;
  /** The file is closed; `failed`: something went wrong inside the library while it was open. */
  release(failed: boolean): void;
  /** A failure inside the library that a reader caught and handled (a dangling link): renew it all the same. */
  taint(): void;
  /** How many times the library was renewed (for tests and diagnostics). */
  readonly renewals: number;
}

function hdf5Library(): Hdf5Library {
  let current: Promise<Hdf5Module> = h5wasm.ready;
  let open = 0;
  let tainted = false;
  let renewals = 0;
  let idle: (() => void)[] = [];

  const renew = async (): Promise<Hdf5Module> => {
    const module = await h5wasm.ready;
    for (const key of Object.keys(module)) delete (module as unknown as Record<string, unknown>)[key];
    Object.assign(module, { noInitialRun: true });
    await renewModule(module);
    renewals++;
    return module;
  };

  const release = (failed: boolean) => {
    open--;
    if (failed) tainted = true;
    if (open > 0) return;
    const waiting = idle;
    idle = [];
    for (const resume of waiting) resume();
  };

  return {
    async acquire() {
      while (tainted && open > 0) await new Promise<void>((resolve) => idle.push(resolve));
      // From here to `open++` nothing awaits, so no other file can start on an instance being renewed.
      if (tainted) {
        tainted = false;
        current = renew();
      }
      open++;
      try {
        return await current;
      } catch (error) {
        release(true);
        throw error;
      }
    },
    release,
    taint() {
      tainted = true;
    },
    get renewals() {
      return renewals;
    },
  };
}

export const HDF5_LIBRARY: Hdf5Library = hdf5Library();

import { throwIfAborted } from '../dataset/cancellation';

/**
 * How the caller of a long read steers it, and how much memory it may take. Readers run synchronous
 * loops between awaits, and shared/ has no timers, so an abort (a worker's cancel message, the CLI's
 * Ctrl+C) can only arrive while the caller's `pause` lets its event loop run: readers call it at every
 * checkpoint (each unit, block of frames, variable and file), and the caller decides how often it yields.
 */
export interface ReadControl {
  /** Aborted: the read stops at its next checkpoint with a DatasetError coded 'cancelled'. */
  readonly signal?: AbortSignal;
  /** Reading progress (sources read, units binned, frames read). */
  readonly onProgress?: (step: string, done: number, total: number) => void;
  readonly pause?: () => Promise<void>;
  /**
   * Bytes a read may allocate for what one source declares (arrays as doubles, inflated streams); past it the
   * source is refused before allocating (memoryLimit.ts; default DEFAULT_MEMORY_LIMIT, `chorus --max-memory`).
   */
  readonly memoryLimit?: number;
}

/** Between units, blocks, variables and files: let the caller's events in, then stop if it aborted. */
export async function checkpoint(control: ReadControl, file: string): Promise<void> {
  await control.pause?.();
  throwIfAborted(control.signal, file);
}

import type { BatchProducts } from './pairBlock';

/** One system of a batch of quadratic forms: A (n × n, row-major, symmetric) and b. */
export interface QuadraticSystem {
  readonly a: Float64Array;
  readonly b: ArrayLike<number>;
}

export interface QuadraticForms {
  /** bᵀA⁻¹b per system, or null where A is singular (as inverseQuadraticForm). */
  readonly values: (number | null)[];
  /** Systems refined from the accelerator's low-precision solve, and those solved in f64 on the CPU instead. */
  readonly refined: number;
  readonly solvedOnCpu: number;
}

/**
 * What the analysis can hand to another processor (the GPU backend, gpu/gpuKernels.ts): the observed
 * covariances' cross-products (where it can compute them to near-f64 accuracy), the trial-shuffle null's
 * batched cross-products and the population's solves. Frames run on one through
 * analyzeFrameAsync; without one, everything runs on the CPU kernels.
 */
export interface Accelerator {
  /** The device, in words (for the run's record and the user). */
  readonly adapter: string;
  readonly crossProductBatch: BatchProducts;
  /** X Xᵀ (n × m, symmetric n × n out) to near-f64 accuracy, or null where the processor cannot (the CPU computes them). */
  readonly crossProductPrecise?: ((x: Float64Array, n: number, m: number) => Promise<Float64Array>) | null;
  quadraticForms(systems: readonly QuadraticSystem[], n: number): Promise<QuadraticForms>;
}

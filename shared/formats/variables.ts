/**
 * Named arrays as array-holding formats give them (NumPy .npz / a folder of .npy, MATLAB v5 and v7.3):
 * the common currency between those readers and the array-dataset builder (arrayDataset.ts), so the
 * mapping logic is written once for all of them.
 */
export interface NumericVariable {
  readonly kind: 'numeric';
  /** `x`; struct fields `s.field`; cell elements `c{k}` (1-based, MATLAB's linear order). */
  readonly name: string;
  /** The array's own shape (MATLAB: its dims, e.g. [40, 200] for 40 × 200). */
  readonly shape: readonly number[];
  /** Values in C (row-major) order of `shape`, as doubles. */
  readonly values: Float64Array;
  /** Source type, e.g. `<f8`, `double`, `int16`, `logical`. */
  readonly dtype: string;
}

export interface TextVariable {
  readonly kind: 'text';
  readonly name: string;
  readonly shape: readonly number[];
  /** One string per element (a char matrix gives one string per row; a cell array of strings one per cell). */
  readonly values: readonly string[];
}

export type Variable = NumericVariable | TextVariable;

/** What the dataset dialog and `chorus inspect` list for each variable. */
export interface VariableInfo {
  readonly name: string;
  readonly kind: Variable['kind'];
  readonly shape: readonly number[];
  readonly dtype: string;
}

export function describeVariable(variable: Variable): VariableInfo {
  return { name: variable.name, kind: variable.kind, shape: variable.shape, dtype: variable.kind === 'numeric' ? variable.dtype : 'text' };
}

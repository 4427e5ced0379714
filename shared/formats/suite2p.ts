import type { DatasetIssue } from '../dataset/types';
import { failureIn } from '../dataset/datasetError';
import { memoryBudget } from './memoryLimit';
import { readNpy, type NpyArray } from './npy';
import { sessionDataset, type FolderInput, type FolderRead } from './recording';
import { wholeFile } from './source';
import { trialDesign } from './trialsTable';

/**
 * suite2p's ops.npy is a pickled dict; its frame rate `fs` is a pickled float after the key. Scanning for
 * the key and a BINFLOAT opcode reads it without a pickle interpreter; null when it is stored otherwise.
 */
export function frameRateFromOps(bytes: Uint8Array): number | null {
  for (let k = 0; k + 13 <= bytes.length; k++) {
    // SHORT_BINUNICODE (0x8c) len 2 'fs', optionally a MEMOIZE (0x94), then BINFLOAT 'G' + 8 bytes big-endian.
    if (bytes[k] !== 0x8c || bytes[k + 1] !== 2 || bytes[k + 2] !== 0x66 || bytes[k + 3] !== 0x73) continue;
    let at = k + 4;
    if (bytes[at] === 0x94) at++;
    if (bytes[at] !== 0x47 || at + 9 > bytes.length) continue;
    const value = new DataView(bytes.buffer, bytes.byteOffset + at + 1, 8).getFloat64(0, false);
    return Number.isFinite(value) && value > 0 ? value : null;
  }
  return null;
}

/** ROIs suite2p classified as cells (iscell.npy column 0 is 1); null when its rows do not match the ROIs. */
export function cellRois(iscell: NpyArray, rois: number): number[] | null {
  if (iscell.shape[0] !== rois) return null;
  const columns = iscell.shape[1] ?? 1;
  return Array.from({ length: rois }, (_, r) => r).filter((r) => iscell.values[r * columns] === 1);
}

/** Which of the given ROIs (rows of a ROIs × frames trace) are zero in every frame. */
export function zeroRois(values: Float64Array, frames: number, rois: Iterable<number>): number[] {
  return [...rois].filter((r) => values.subarray(r * frames, (r + 1) * frames).every((v) => v === 0));
}

/**
 * A suite2p plane folder (F.npy or spks.npy: ROIs × frames; iscell.npy; ops.npy) plus a trials CSV whose
 * times are seconds from the first imaging frame. Only ROIs classified as cells are used (all ROIs when
 * there is no iscell.npy), and ROIs whose trace is all zero are left out and counted in a warning.
 */
export async function readSuite2pFolder({ folder, files, trials, mapping, source, control }: FolderInput): Promise<FolderRead> {
  const warnings: DatasetIssue[] = [];
  const fail = failureIn(folder);
  const traceName = mapping.response ? `${mapping.response.replace(/\.npy$/, '')}.npy` : files.has('F.npy') ? 'F.npy' : 'spks.npy';
  const traceFile = files.get(traceName) ?? fail(traceName, `is not in the folder; it has ${[...files.keys()].join(', ')}`);
  const memory = memoryBudget(control); // one budget for the plane's arrays
  const traces = readNpy(wholeFile(traceFile), `${folder}/${traceName}`, memory);
  if (traces.shape.length !== 2) fail(traceName, `must be ROIs × frames (2-D), found shape (${traces.shape.join(', ')})`);
  const [rois, frames] = traces.shape as [number, number];

  const ops = files.get('ops.npy');
  const opsRate = ops ? frameRateFromOps(wholeFile(ops)) : null;
  const rate = mapping.sampleRate ?? opsRate ?? fail('ops.npy', `${ops ? 'holds no readable frame rate (fs)' : 'is missing'}: give the imaging frame rate in the dataset dialog or with --sample-rate HZ`, 'missing-sample-rate');

  const iscellFile = files.get('iscell.npy');
  const iscell = iscellFile ? readNpy(wholeFile(iscellFile), `${folder}/iscell.npy`, memory) : null;
  const classified = iscell ? cellRois(iscell, rois) : null;
  if (!iscell) warnings.push({ severity: 'warning', file: folder, field: 'iscell.npy', message: 'is missing: every ROI is used as a neuron' });
  else if (classified === null) warnings.push({ severity: 'warning', file: folder, field: 'iscell.npy', message: `has ${iscell.shape[0]} rows but ${traceName} has ${rois} ROIs; every ROI is used` });
  let cells = classified ?? Array.from({ length: rois }, (_, r) => r);
  const allZero = new Set(zeroRois(traces.values, frames, cells));
  if (allZero.size > 0) {
    const listed = [...allZero].slice(0, 10).join(', ');
    warnings.push({ severity: 'warning', file: folder, field: traceName, message: `${allZero.size} ROI(s) are zero in every frame and left out (ROIs ${listed}${allZero.size > 10 ? ', …' : ''})` });
    cells = cells.filter((r) => !allZero.has(r));
  }
  if (cells.length === 0) fail(traceName, 'no ROI is a cell with a non-zero trace');
  // Only the kept ROIs' rows, contiguous, so the binning reads them in one layout.
  const values = new Float64Array(cells.length * frames);
  cells.forEach((r, k) => values.set(traces.values.subarray(r * frames, (r + 1) * frames), k * frames));
  const times = Float64Array.from({ length: frames }, (_, f) => f / rate);
  warnings.push({ severity: 'warning', file: folder, field: traceName, message: `frame times from ${rate} Hz (${opsRate !== null && mapping.sampleRate === undefined ? 'ops.npy' : 'the mapping'}), starting at 0 s: trial times must be on that clock` });
  const design = trialDesign(trials, mapping, warnings);
  const dataset = await sessionDataset(
    { kind: 'traces', field: `${folder}/${traceName}`, neurons: cells.map((r) => ({ id: `ROI ${r}` })), trace: { values, frames, rois: cells.length, roiMajor: true, times } },
    design,
    { ...source, file: folder, name: folder || 'suite2p' },
    warnings,
    control,
  );
  return { dataset, warnings, detected: { stimulus: design.used.stimulus, choice: design.used.choice, sampleRate: rate, response: traceName.replace(/\.npy$/, '') } };
}

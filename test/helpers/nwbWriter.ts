import h5wasm from 'h5wasm';

/**
 * A small NWB 2.x file written with h5wasm (no Python): sorted units (ragged spike times) and a trials
 * table whose columns are given as numbers or strings, in order. Enough for the NWB reader and
 * `inspect`; the files of hdf5_fixtures.py cover the rest of the format.
 */
export interface NwbContent {
  readonly identifier: string;
  /** /session_start_time (ISO 8601), when the file should say when it was recorded. */
  readonly sessionStartTime?: string;
  /** Each unit's spike times in seconds. */
  readonly units: readonly (readonly number[])[];
  /** Trials columns by name (start_time first), each one value per trial. */
  readonly trials: readonly (readonly [string, readonly number[] | readonly string[]])[];
}

let written = 0;

export async function nwbBytes(content: NwbContent): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  const path = `/nwb-writer-${++written}.nwb`;
  const file = new h5wasm.File(path, 'w');
  try {
    file.create_attribute('nwb_version', '2.7.0');
    file.create_attribute('neurodata_type', 'NWBFile');
    file.create_dataset({ name: 'identifier', data: content.identifier });
    if (content.sessionStartTime !== undefined) file.create_dataset({ name: 'session_start_time', data: content.sessionStartTime });
    const units = file.create_group('units')!;
    let end = 0;
    units.create_dataset({ name: 'id', data: Int32Array.from(content.units.keys()) });
    units.create_dataset({ name: 'spike_times', data: Float64Array.from(content.units.flat()) });
    units.create_dataset({ name: 'spike_times_index', data: Int32Array.from(content.units, (times) => (end += times.length)) });
    // h5wasm creates one level of groups at a time.
    const trials = file.create_group('intervals')!.create_group('trials')!;
    for (const [name, values] of content.trials) {
      trials.create_dataset({ name, data: typeof values[0] === 'string' ? [...(values as readonly string[])] : Float64Array.from(values as readonly number[]) });
    }
  } finally {
    file.close();
  }
  const bytes = Uint8Array.from(FS!.readFile(path));
  FS!.unlink(path);
  return bytes;
}

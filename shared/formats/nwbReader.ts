import { isHdf5 } from './hdf5/h5File';
import { readNwbDataset } from './nwbDataset';
import { inspectNwb } from './nwbInspect';
import { checkpoint } from './readControl';
import { readerInfo } from './readerCatalog';
import type { FileReader } from './reader';

/** NWB 2.x: any HDF5 file that no MATLAB v7.3 header claimed first (the reader refuses HDF5 that is not NWB). */
export const nwbReader: FileReader = {
  ...readerInfo('nwb'),
  reads: 'file',
  canOpen: (probe) => isHdf5(probe.head),
  open: (group, { mapping, session, control }) => readNwbDataset(group.files[0]!, mapping, session, control),
  inspect: async (group, control) => {
    await checkpoint(control, group.name);
    const summary = await inspectNwb(group.files[0]!, control);
    return {
      format: `NWB ${summary.version}`,
      counts: {
        neurons: summary.units?.count ?? summary.roiSeries[0]?.shape[1] ?? 0,
        sessions: 1,
        trials: summary.trials?.count ?? 0,
        conditions: summary.trials?.conditions ? Object.keys(summary.trials.conditions.counts).length : 0,
      },
      details: { ...summary, warnings: undefined },
      warnings: summary.warnings,
    };
  },
};

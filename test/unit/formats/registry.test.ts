import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { READERS, FILE_READERS, FOLDER_READERS } from '../../../shared/formats/registry';
import { DATA_EXTENSIONS, READER_INFO, readerInfo } from '../../../shared/formats/readerCatalog';
import { folderMembers } from '../../../shared/formats/folderMembers';
import { groupInputs, inputFromBytes } from '../../../shared/formats/index';
import type { FileProbe } from '../../../shared/formats/reader';
import { EMPTY_MAPPING } from '../../../shared/formats/mapping';
import { encode, smallChorusFile } from '../../helpers/smallDataset';
import { npyBytes } from '../../helpers/npyBytes';

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** An HDF5 superblock signature at `offset` (0 for NWB, 512 behind a MATLAB v7.3 header). */
function hdf5Head(offset: number, header = ''): Uint8Array {
  const bytes = new Uint8Array(offset + 64);
  bytes.set(new TextEncoder().encode(header));
  bytes.set(HDF5_SIGNATURE, offset);
  return bytes;
}

/** A MATLAB v5 header: text, then version 0x0100 and the 'IM' endian mark (little-endian writer). */
function matV5Head(): Uint8Array {
  const bytes = new Uint8Array(256).fill(0x20, 0, 116);
  bytes.set(new TextEncoder().encode('MATLAB 5.0 MAT-file, Platform: GLNXA64'));
  bytes.set([0x00, 0x01, 0x49, 0x4d], 124);
  return bytes;
}

const LONG_CSV = 'session,condition,order,trial,stimulus,epoch,neuron,response\nd1,task,1,1,-1,stim,n1,3\n';
const probe = (name: string, head: Uint8Array): FileProbe => ({ name, head, text: new TextDecoder().decode(head), mapping: EMPTY_MAPPING });
const readerOf = (name: string, bytes: Uint8Array) => groupInputs([inputFromBytes(name, bytes)]).groups.map((group) => group.reader.id);

describe('the reader registry', () => {
  it('holds every catalogued reader once, each with its own id, label and extensions from the catalog', () => {
    expect(READERS.map((reader) => reader.id).sort()).toEqual(READER_INFO.map((reader) => reader.id).sort());
    expect(new Set(READERS.map((reader) => reader.id)).size).toBe(READERS.length);
    expect(new Set(READER_INFO.map((reader) => reader.label)).size).toBe(READER_INFO.length);
    for (const reader of READERS) {
      const info = readerInfo(reader.id);
      expect(reader.label).toBe(info.label);
      expect(reader.extensions).toEqual(info.extensions);
      expect(new Set(reader.extensions).size, reader.id).toBe(reader.extensions.length);
      for (const extension of reader.extensions) expect(extension, reader.id).toMatch(/^\.[a-z0-9]+$/);
    }
    expect([...FILE_READERS, ...FOLDER_READERS]).toHaveLength(READERS.length);
  });

  it('derives one extension list, each once, that the file choosers and folder picks share (.hdf5 included)', () => {
    expect([...DATA_EXTENSIONS].sort()).toEqual([...new Set(READERS.flatMap((reader) => reader.extensions))].sort());
    expect(new Set(DATA_EXTENSIONS).size).toBe(DATA_EXTENSIONS.length);
    for (const extension of ['.json', '.csv', '.tsv', '.txt', '.nwb', '.h5', '.hdf5', '.mat', '.npz', '.npy']) expect(DATA_EXTENSIONS).toContain(extension);
    // A folder pick keeps every data file, whatever reader takes it, and nothing else.
    expect(folderMembers(['a.nwb', 'b.HDF5', 'c.h5', 'notes.docx', '.hidden.csv', 'trials.csv'])).toEqual(['a.nwb', 'b.HDF5', 'c.h5', 'trials.csv']);
  });

  it('keeps a recording folder to its own files and a trials CSV beside them', () => {
    const kilosort = ['spike_times.npy', 'spike_clusters.npy', 'pc_features.npy', 'params.py', 'cluster_group.tsv', 'cluster_Amplitude.tsv', 'trials.csv', 'raw.bin'];
    expect(folderMembers(kilosort)).toEqual(['spike_times.npy', 'spike_clusters.npy', 'params.py', 'cluster_group.tsv', 'cluster_Amplitude.tsv', 'trials.csv']);
    expect(folderMembers(['F.npy', 'Fneu.npy', 'stat.npy', 'iscell.npy', 'ops.npy', 'trials.csv'])).toEqual(['F.npy', 'Fneu.npy', 'iscell.npy', 'ops.npy', 'trials.csv']);
  });

  it('detects by content in registry order: MATLAB v7.3 before NWB, whatever the file is called', () => {
    const v73 = hdf5Head(512, 'MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00 .');
    // Both claim a v7.3 file (it is HDF5 too): the earlier reader wins.
    expect(FILE_READERS.filter((reader) => reader.canOpen(probe('x.mat', v73))).map((reader) => reader.id)).toEqual(['matlab-v7.3', 'nwb']);
    expect(readerOf('recording.nwb', v73)).toEqual(['matlab-v7.3']);
    expect(readerOf('recording.mat', hdf5Head(0))).toEqual(['nwb']);
    expect(readerOf('old.dat', matV5Head())).toEqual(['matlab-v5']);
    expect(readerOf('arrays.bin', zipSync({ 'x.npy': npyBytes([2], [1, 2]) }))).toEqual(['npz']);
    expect(readerOf('data.txt', encode(smallChorusFile()))).toEqual(['chorus-json']);
    expect(readerOf('export.dat', encode(LONG_CSV))).toEqual(['long-csv']);
    expect(readerOf('resp.npy', npyBytes([2, 2], [1, 2, 3, 4]))).toEqual(['npy-folder']);
  });

  it('gives a folder to the first folder reader that claims its names, plain arrays last', () => {
    const npy = npyBytes([2], [1, 2]);
    const folder = (names: string[]) => groupInputs(names.map((name) => inputFromBytes(`rec/${name}`, name.endsWith('.py') ? encode('sample_rate = 30000.0\n') : npy))).groups.map((group) => [group.name, group.reader.id]);
    expect(folder(['spike_times.npy', 'spike_clusters.npy', 'params.py'])).toEqual([['rec', 'kilosort']]);
    expect(folder(['F.npy', 'iscell.npy'])).toEqual([['rec', 'suite2p']]);
    expect(folder(['resp.npy', 'stimulus.npy'])).toEqual([['rec', 'npy-folder']]);
  });

  it('tries another table as the long format only after trials tables, and names every format when none reads a file', () => {
    const grouped = groupInputs([inputFromBytes('rec/trials.csv', encode('start_time,stimulus\n0,1\n')), inputFromBytes('other.csv', encode('a,b,c\n1,2,3\n'))]);
    expect(grouped.groups.map((group) => [group.name, group.reader.id])).toEqual([['other.csv', 'long-csv']]);
    const { unreadable } = groupInputs([inputFromBytes('photo.png', Uint8Array.of(0x89, 0x50, 0x4e, 0x47))]);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]!.message).toBe(
      `is not a format Chorus can read; supported: ${READER_INFO.map((reader) => reader.label).join(', ')}, trials CSV, matching table, mapping preset (.chorus-mapping.json)`,
    );
  });
});

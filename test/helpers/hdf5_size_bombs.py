"""HDF5 size bombs for the memory-limit tests (issue 16), written by h5py: small files whose chunked
datasets are resized to 200 million elements that were never written, so the file stays a few KB.

  - resized_units.nwb: units_intervals.nwb (hdf5_fixtures.py) with /units/spike_times chunked and
    resized to 200,000,000 spike times;
  - resized_v73.mat: a MATLAB v7.3 file whose double variable "a" is 10 × 20,000,000 (chunked, resized).

Prints JSON {"files": {name: base64 of the file bytes}} on stdout. Needs numpy and h5py.
"""
import base64
import io
import json
import sys

import h5py
import numpy as np

from hdf5_fixtures import matlab_variable, units_intervals

ELEMENTS = 200_000_000


def resized_units():
    made, _ = units_intervals()
    bio = io.BytesIO(made["units_intervals.nwb"])
    with h5py.File(bio, "r+") as f:
        units = f["units"]
        old = units["spike_times"]
        times, attrs = old[...], dict(old.attrs)
        del units["spike_times"]
        spike_times = units.create_dataset("spike_times", data=times, maxshape=(None,), chunks=(1024,))
        for key, value in attrs.items():
            spike_times.attrs[key] = value
        spike_times.resize((ELEMENTS,))
    return bio.getvalue()


def resized_v73():
    bio = io.BytesIO()
    with h5py.File(bio, "w", userblock_size=512) as f:
        # MATLAB's 10 × n double is stored transposed: HDF5 shape (n, 10), n grown to 20 million.
        a = matlab_variable(f, "a", np.zeros((10, 1)), "double", maxshape=(None, 10), chunks=(64, 10))
        a.resize((ELEMENTS // 10, 10))
        matlab_variable(f, "b", np.arange(6.0).reshape(2, 3), "double")
    data = bytearray(bio.getvalue())
    text = b"MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Fri Mar  1 10:00:00 2024 HDF5 schema 1.00 ."
    data[:128] = text.ljust(116, b" ") + bytes(8) + (0x0200).to_bytes(2, "little") + b"IM"
    return bytes(data)


def main():
    files = {"resized_units.nwb": resized_units(), "resized_v73.mat": resized_v73()}
    json.dump({"files": {name: base64.b64encode(data).decode("ascii") for name, data in files.items()}}, sys.stdout)


if __name__ == "__main__":
    main()

"""MATLAB v5 MAT-files written by scipy.io.savemat, for the matV5 reader tests (no binary fixtures in git).

Prints JSON {fixture name: base64 of the .mat bytes} on stdout: each fixture in one python spawn,
uncompressed ("<name>") and zlib-compressed ("<name>_zlib", the v7 miCOMPRESSED form).
"""
import base64
import io
import json
import sys

import numpy as np
import scipy.io as sio
import scipy.sparse as sp


def cell(items, shape):
    """An object array scipy writes as a MATLAB cell of that shape (items in C order)."""
    out = np.empty(len(items), dtype=object)
    for k, item in enumerate(items):
        out[k] = item
    return out.reshape(shape)


def numeric():
    return {
        "resp": np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
        "cube": np.arange(24.0).reshape(2, 3, 4),
        "counts": np.array([[-300, 0], [7, 32000]], dtype=np.int16),
        "pixels": np.array([0, 128, 255], dtype=np.uint8).reshape(1, 3),
        "gain": np.array([[0.5, -1.25]], dtype=np.float32),
        "mask": np.array([[True, False, True]]),
        "big": np.array([[2**40, -(2**40)]], dtype=np.int64),
        "none": np.zeros((0, 0)),
        "nocols": np.zeros((0, 3)),
    }


def containers():
    trials = np.empty((1, 2), dtype=[("stim", object), ("label", object)])
    trials[0, 0] = (np.array([[1.0, 2.0]]), "left")
    trials[0, 1] = (np.array([[3.0]]), "right")
    return {
        "s": {
            "spikes": np.arange(6.0).reshape(2, 3),
            "area": "V1",
            "inner": {"gain": 2.5},
            "parts": cell([np.array([[1.0]]), np.array([[2.0, 3.0]])], (1, 2)),
        },
        "trials": trials,
        "grid": cell([np.array([[1.0]]), np.array([[2.0]]), np.array([[3.0]]), np.array([[4.0]])], (2, 2)),
        "mixed": cell([np.eye(2), "text"], (1, 2)),
        "conds": cell(["task", "passive"], (1, 2)),
        "table": cell(["a", "bb", "ccc", ""], (2, 2)),
        "names": np.array(["abc", "de "]),
        "greeting": "héllo wörld",
    }


def skipped():
    return {
        "z": np.array([[1 + 2j, 3 - 1j]]),
        "sparse": sp.csc_matrix(np.eye(3)),
        "kept": np.array([[7.0]]),
    }


def write(variables, compress):
    buffer = io.BytesIO()
    sio.savemat(buffer, variables, format="5", long_field_names=True, do_compression=compress)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def main():
    fixtures = {}
    for name, build in (("numeric", numeric), ("containers", containers), ("skipped", skipped)):
        fixtures[name] = write(build(), False)
        fixtures[name + "_zlib"] = write(build(), True)
    json.dump(fixtures, sys.stdout)


if __name__ == "__main__":
    main()

"""NWB 2.x and MATLAB v7.3 files written by h5py, for the HDF5 reader tests (no binary fixtures in git).

Prints JSON {"files": {fixture name: base64 of the file bytes}, "expected": {...}} on stdout, in one
python spawn. "expected" holds numpy's ground truth computed with the same rules as Chorus:
  - imaging: mean of each ROI over the frames whose timestamp t satisfies from <= t < to;
  - spikes: count of the (sorted) spike times s with from <= s < to;
  - MATLAB v7.3: the arrays in MATLAB's own (column-major) dims, as nested lists.

Needs numpy and h5py (Debian/Ubuntu: apt install python3-h5py).
"""
import base64
import io
import json
import sys

import h5py
import numpy as np

RNG = np.random.default_rng(20240301)
STR = h5py.string_dtype()

# ---- NWB 2.x ---------------------------------------------------------------------------------------


def nwb_root(f, identifier):
    f.attrs["nwb_version"] = "2.7.0"
    f.attrs["neurodata_type"] = "NWBFile"
    f.attrs["namespace"] = "core"
    f.attrs["object_id"] = "00000000-0000-4000-8000-000000000000"
    f.create_dataset("identifier", data=identifier, dtype=STR)
    f.create_dataset("session_description", data="Chorus HDF5 reader test", dtype=STR)
    f.create_dataset("session_start_time", data="2024-03-01T10:00:00+00:00", dtype=STR)
    f.create_dataset("timestamps_reference_time", data="2024-03-01T10:00:00+00:00", dtype=STR)
    f.create_dataset("file_create_date", data=np.array(["2024-03-01T10:00:00+00:00"], dtype=object), dtype=STR)
    for group in ("acquisition", "analysis", "general", "processing", "stimulus"):
        f.require_group(group)


def typed(obj, neurodata_type, **attrs):
    obj.attrs["neurodata_type"] = neurodata_type
    obj.attrs["namespace"] = "core" if neurodata_type not in ("VectorData", "VectorIndex", "ElementIdentifiers", "DynamicTableRegion", "DynamicTable") else "hdmf-common"
    for key, value in attrs.items():
        obj.attrs[key] = value
    return obj


def dynamic_table(group, neurodata_type, ids, columns, description, id_dtype=np.int64):
    """A DynamicTable: id (int64, as pynwb writes it) and one VectorData per column, in column order."""
    typed(group, neurodata_type, description=description, colnames=np.array(list(columns), dtype=object).astype(STR))
    typed(group.create_dataset("id", data=np.asarray(ids, dtype=id_dtype)), "ElementIdentifiers")
    for name, values in columns.items():
        values = np.asarray(values)
        dtype = STR if values.dtype.kind in "UO" else None
        typed(group.create_dataset(name, data=values.astype(object) if dtype else values, dtype=dtype), "VectorData", description=name)
    return group


def finish(f, bio):
    f.close()
    return bio.getvalue()


def ophys_trials():
    trials = 16
    start = 0.5 + 1.2 * np.arange(trials)
    stop = start + 1.1
    stim_on = start + 0.3 + RNG.uniform(0.0, 0.05, trials)
    stimulus = np.tile([-1.0, 1.0], trials // 2)
    RNG.shuffle(stimulus)
    return start, stop, stim_on, stimulus


def ophys_traces(stim_on, stimulus):
    frames, rois = 600, 6
    timestamps = np.arange(frames) / 30.0
    gains = np.array([1.0, -0.5, 0.8, 0.0, 0.3, -1.2])
    baseline = np.array([0.2, 0.5, 0.1, 0.3, 0.05, 0.4])
    data = baseline + 0.1 * RNG.standard_normal((frames, rois))
    for onset, stim in zip(stim_on, stimulus):
        inside = (timestamps >= onset) & (timestamps < onset + 0.6)
        data[inside] += gains * stim
    return timestamps, data.astype(np.float32)


def ophys_file(timestamps, data, trials, with_rate):
    start, stop, stim_on, stimulus = trials
    bio = io.BytesIO()
    f = h5py.File(bio, "w")
    nwb_root(f, "ophys-rate-test" if with_rate else "ophys-test")
    module = typed(f["processing"].create_group("ophys"), "ProcessingModule", description="optical physiology")
    fluorescence = typed(module.create_group("Fluorescence"), "Fluorescence")
    series = typed(fluorescence.create_group("RoiResponseSeries"), "RoiResponseSeries", description="ΔF/F", comments="")
    series.create_dataset("data", data=data).attrs["unit"] = "a.u."
    if with_rate:
        starting = series.create_dataset("starting_time", data=0.0)
        starting.attrs["rate"] = 30.0
        starting.attrs["unit"] = "seconds"
    else:
        series.create_dataset("timestamps", data=timestamps).attrs["unit"] = "seconds"
    intervals = f.create_group("intervals")
    dynamic_table(
        intervals.create_group("trials"),
        "TimeIntervals",
        np.arange(len(start)),
        {"start_time": start, "stop_time": stop, "stimulus": stimulus, "stim_on_time": stim_on},
        "trials",
    )
    return finish(f, bio)


def ophys():
    trials = ophys_trials()
    _, _, stim_on, stimulus = trials
    timestamps, data = ophys_traces(stim_on, stimulus)
    means = []
    for onset in stim_on:
        frm, to = onset + 0.0, onset + 0.5  # Chorus: anchor + start, anchor + end
        inside = (timestamps >= frm) & (timestamps < to)
        means.append(data[inside].astype(np.float64).mean(axis=0).tolist())
    files = {"ophys.nwb": ophys_file(timestamps, data, trials, False), "ophys_rate.nwb": ophys_file(timestamps, data, trials, True)}
    expected = {
        "series": "/processing/ophys/Fluorescence/RoiResponseSeries",
        "stimulus": stimulus.tolist(),
        "means": means,
        "framesPerWindow": [int(((timestamps >= t) & (timestamps < t + 0.5)).sum()) for t in stim_on],
    }
    return files, expected


def units_intervals():
    """Sorted units cut into trials by /intervals/blocks (no /intervals/trials).

    units_intervals.nwb stores its integer columns narrow (int32 ids, uint32/uint8 indexes, as NWB 2.0
    writers and hdmf's minimal-width indexes do); units_int64.nwb holds the same data with every integer
    column int64 (numpy's default, as h5py-direct and MatNWB writers store them) plus an int64 choice
    column in the blocks table, which h5wasm hands back as BigInt64Array.
    """
    trials = 20
    start = 2.0 + 1.5 * np.arange(trials)
    stop = start + 1.2
    cue = 0.25 + RNG.uniform(0.0, 0.1, trials)  # relative to the trial start
    condition = np.array(["left", "right"] * (trials // 2), dtype=object)
    RNG.shuffle(condition)
    cue_abs = start + cue  # Chorus: trial start + relative event time
    frm, to = cue_abs + 0.0, cue_abs + 0.2

    # Background firing plus a burst after the cue: unit 0 prefers right, unit 1 left, unit 2 both.
    duration = start[-1] + 2.0
    preference = [("right",), ("left",), ("left", "right")]
    spikes = []
    for unit in range(3):
        times = list(RNG.uniform(0.0, duration, RNG.poisson(5 * duration)))
        for t in range(trials):
            if condition[t] in preference[unit]:
                times += list(frm[t] + RNG.uniform(0.0, 0.3, RNG.poisson(6)))
        spikes.append(np.array(times))
    # Window edges exactly: a spike at `from` counts, a spike at `to` does not.
    spikes[2] = np.concatenate([spikes[2], [frm[3], to[5]]])
    for unit in (0, 2):
        spikes[unit] = np.sort(spikes[unit])
    RNG.shuffle(spikes[1])  # deliberately unsorted, as some files are
    assert np.any(np.diff(spikes[1]) < 0)

    counts = []
    ordered = [np.sort(s) for s in spikes]
    for t in range(trials):
        counts.append([int(np.searchsorted(s, to[t], "left") - np.searchsorted(s, frm[t], "left")) for s in ordered])

    choice = (RNG.uniform(size=trials) < 0.5).astype(np.int64)
    choice[:2] = [0, 1]

    electrodes_xyz = np.array([[10.0, -20.0, 5.5], [12.5, 40.0, -3.0], [-7.25, 60.0, 0.0], [30.0, 80.0, 1.5]])
    unit_electrode = [2, 0, 3]

    def write(wide):
        def ints(narrow):
            return np.int64 if wide else narrow

        bio = io.BytesIO()
        f = h5py.File(bio, "w")
        nwb_root(f, "units-intervals-test")
        ephys = f["general"].create_group("extracellular_ephys")
        electrodes = dynamic_table(
            ephys.create_group("electrodes"),
            "DynamicTable",
            np.arange(len(electrodes_xyz)),
            {
                "x": electrodes_xyz[:, 0],
                "y": electrodes_xyz[:, 1],
                "z": electrodes_xyz[:, 2],
                "location": np.array(["ALM"] * len(electrodes_xyz), dtype=object),
            },
            "electrodes",
        )
        units = dynamic_table(f.create_group("units"), "Units", [11, 12, 13], {}, "sorted units", ints(np.int32))
        units.attrs["colnames"] = np.array(["spike_times", "electrodes"], dtype=object).astype(STR)
        flat = np.concatenate(spikes)
        index = np.cumsum([len(s) for s in spikes])
        typed(units.create_dataset("spike_times", data=flat), "VectorData", description="spike times")
        typed(units.create_dataset("spike_times_index", data=index.astype(ints(np.uint32))), "VectorIndex", target=units["spike_times"].ref)
        region = typed(units.create_dataset("electrodes", data=np.array(unit_electrode, dtype=ints(np.int32))), "DynamicTableRegion", description="electrode of each unit")
        region.attrs["table"] = electrodes.ref
        typed(units.create_dataset("electrodes_index", data=np.array([1, 2, 3], dtype=ints(np.uint8))), "VectorIndex", target=region.ref)
        intervals = f.create_group("intervals")
        dynamic_table(
            intervals.create_group("blocks"),
            "TimeIntervals",
            np.arange(trials),
            {"start_time": start, "stop_time": stop, "condition": condition, "cue_time": cue, **({"choice": choice} if wide else {})},
            "blocks of trials",
        )
        return finish(f, bio)

    expected = {
        "unitIds": [11, 12, 13],
        "choice": choice.tolist(),
        "condition": condition.tolist(),
        "counts": counts,
        "positions": [electrodes_xyz[e].tolist() for e in unit_electrode],
        "spikeCounts": [len(s) for s in spikes],
    }
    return {"units_intervals.nwb": write(False), "units_int64.nwb": write(True)}, expected


def no_units():
    bio = io.BytesIO()
    f = h5py.File(bio, "w")
    nwb_root(f, "no-units-test")
    dynamic_table(f.create_group("intervals").create_group("trials"), "TimeIntervals", [0, 1], {"start_time": [0.0, 1.0], "stop_time": [1.0, 2.0]}, "trials")
    return finish(f, bio)


def not_nwb():
    bio = io.BytesIO()
    f = h5py.File(bio, "w")
    f.create_dataset("recording", data=np.arange(12.0).reshape(3, 4))
    return finish(f, bio)


# ---- MATLAB v7.3 -------------------------------------------------------------------------------------


def matlab_variable(parent, name, array, matlab_class, **kwargs):
    """Writes a MATLAB array as MATLAB does: column-major, i.e. HDF5 holds the transpose."""
    array = np.asarray(array)
    if array.ndim < 2:
        array = array.reshape(1, -1)  # MATLAB has no 1-D arrays: a row vector is 1×n
    dataset = parent.create_dataset(name, data=array.T, **kwargs)
    dataset.attrs["MATLAB_class"] = np.bytes_(matlab_class)
    return dataset


def v73():
    neurons, trials, conditions = 5, 12, 2
    orientations = np.array([-1.0, 1.0])
    tuning = RNG.uniform(-1.0, 1.0, neurons)
    resp = RNG.standard_normal((neurons, trials, conditions)) + 3.0 + tuning[:, None, None] * orientations[None, None, :]
    bio = io.BytesIO()
    f = h5py.File(bio, "w", userblock_size=512)
    matlab_variable(f, "resp", resp, "double")
    matlab_variable(f, "orientations", orientations.reshape(1, 2), "double")
    info = f.create_group("info")
    info.attrs["MATLAB_class"] = np.bytes_("struct")
    matlab_variable(info, "rate", np.array([[30.0]]), "double")
    label = "V1 left"
    matlab_variable(f, "label", np.array([[ord(c) for c in label]], dtype=np.uint16), "char")
    refs = f.create_group("#refs#")
    member = refs.create_dataset("a", data=np.array([[1.0, 2.0, 3.0]]).T)
    member.attrs["MATLAB_class"] = np.bytes_("double")
    notes = f.create_dataset("notes", data=np.array([[member.ref]], dtype=h5py.ref_dtype), dtype=h5py.ref_dtype)
    notes.attrs["MATLAB_class"] = np.bytes_("cell")
    f.close()

    data = bytearray(bio.getvalue())
    text = b"MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Fri Mar  1 10:00:00 2024 HDF5 schema 1.00 ."
    header = text.ljust(116, b" ") + bytes(8) + (0x0200).to_bytes(2, "little") + b"IM"
    assert len(header) == 128
    data[:128] = header
    expected = {"resp": resp.tolist(), "orientations": orientations.tolist(), "rate": 30.0, "label": label, "shape": [neurons, trials, conditions]}
    return {"v73.mat": bytes(data)}, expected


def main():
    files = {}
    expected = {}
    for key, build in (("ophys", ophys), ("units", units_intervals), ("v73", v73)):
        made, truth = build()
        files.update(made)
        expected[key] = truth
    files["no_units.nwb"] = no_units()
    files["not_nwb.h5"] = not_nwb()
    json.dump({"files": {name: base64.b64encode(data).decode("ascii") for name, data in files.items()}, "expected": expected}, sys.stdout)


if __name__ == "__main__":
    main()

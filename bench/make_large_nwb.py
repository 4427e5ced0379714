"""Writes a large NWB 2.x file (units + trials) for the ingestion benchmark; never committed.

usage: make_large_nwb.py OUT.nwb [GIGABYTES=1.0]
300 units with sorted spike times (float64) filling about GIGABYTES of spike_times, a 4000-trial
trials table with a signed stimulus and two trial-relative event columns. Units fire more after a
stimulus onset with a rate that depends on the stimulus, so the first frame has information.
"""
import sys

import h5py
import numpy as np

out = sys.argv[1]
gigabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
units = 300
trials = 4000
trial_length = 2.0
total_spikes = int(gigabytes * 1024**3 / 8)
per_unit = total_spikes // units
rng = np.random.default_rng(7)

start = np.arange(trials) * trial_length
stimulus = rng.choice([-0.2, -0.1, 0.0, 0.1, 0.2], size=trials)

with h5py.File(out, "w") as f:
    f.attrs["nwb_version"] = "2.7.0"
    f.attrs["neurodata_type"] = "NWBFile"
    f.attrs["namespace"] = "core"
    f.create_dataset("identifier", data="chorus-large-benchmark")
    f.create_dataset("session_start_time", data="2026-01-01T00:00:00")
    t = f.create_group("intervals/trials")
    t.attrs["neurodata_type"] = "TimeIntervals"
    t.create_dataset("id", data=np.arange(trials, dtype=np.int64))
    t.create_dataset("start_time", data=start)
    t.create_dataset("stop_time", data=start + trial_length)
    t.create_dataset("stimulus", data=stimulus)
    t.create_dataset("stim_on_time", data=np.full(trials, 0.5))  # relative to each trial's start
    t.create_dataset("response_time", data=np.full(trials, 1.6))
    u = f.create_group("units")
    u.attrs["neurodata_type"] = "Units"
    u.create_dataset("id", data=np.arange(units, dtype=np.int64))
    times = u.create_dataset("spike_times", shape=(per_unit * units,), dtype="f8")
    u.create_dataset("spike_times_index", data=(np.arange(1, units + 1) * per_unit).astype(np.int64))
    duration = trials * trial_length
    for k in range(units):
        gain = rng.normal(0, 1)
        # Background spikes plus a stimulus-dependent burst after each onset (0.5-1.0 s into the trial).
        burst_rate = np.clip(20 + 40 * gain * stimulus, 1, None)
        burst = rng.poisson(burst_rate * 0.5)
        burst_times = np.repeat(start + 0.5, burst) + rng.uniform(0, 0.5, burst.sum())
        background = rng.uniform(0, duration, max(per_unit - burst_times.size, 0))
        spikes = np.sort(np.concatenate([burst_times, background]))[:per_unit]
        if spikes.size < per_unit:
            spikes = np.sort(np.concatenate([spikes, rng.uniform(0, duration, per_unit - spikes.size)]))
        times[k * per_unit:(k + 1) * per_unit] = spikes
print(f"{out}: {units} units, {per_unit * units} spikes, {trials} trials")

"""The numpy peer of `npm run bench`: the same workloads, written the way a scientist would in numpy.

  python3 bench/numpy_peer.py a FRAME.bin REPEATS
  python3 bench/numpy_peer.py b FRAME.bin REPEATS
  python3 bench/numpy_peer.py c DEMO.chorus.json SUBSETS SHUFFLES FIXED_N
Prints one JSON line: {"seconds": …, "check": …}.
"""
import json
import sys
import time

import numpy as np


def read_frame(path):
    raw = np.fromfile(path, dtype=np.float64)
    n, m = int(raw[0]), int(raw[1])
    stimulus = raw[2 : 2 + m]
    values = raw[2 + m :].reshape(n, m)
    return values.T.copy(), stimulus  # trials x neurons


def timed(run, repeats):
    run()
    start = time.perf_counter()
    for _ in range(repeats):
        check = run()
    return (time.perf_counter() - start) / repeats, check


def pooled_cov(r, s, values):
    parts = [r[s == v] - r[s == v].mean(0) for v in values]
    x = np.vstack(parts)
    return x.T @ x / (len(x) - len(values))


def noise_corr(r, s):
    z = np.empty_like(r)
    for v in np.unique(s):
        block = r[s == v]
        z[s == v] = (block - block.mean(0)) / block.std(0, ddof=1)
    return np.corrcoef(z, rowvar=False)


def workload_a(r, s):
    cov = pooled_cov(r, s, [-1.0, 1.0])
    corr = noise_corr(r, s)
    return float(cov[0, 1] + corr[0, 1])


def fisher_var(i, n, dof, g):
    i = np.maximum(i, 0)
    return (2 * (i + n * g) ** 2 + (dof - n - 1) * (4 * g * i + 2 * n * g * g)) / (dof - n - 3)


def information(r, s, c, cov=None, dof=None):
    lo, hi = r[s == -c], r[s == c]
    t1, t2 = len(lo), len(hi)
    ds = 2 * c
    g = (1 / t1 + 1 / t2) / ds**2
    if cov is None:
        dof = t1 + t2 - 2
        cov = pooled_cov(r, s, [-c, c])
    fp = (hi.mean(0) - lo.mean(0)) / ds
    n = r.shape[1]
    naive = fp @ np.linalg.solve(cov, fp)
    i_bc = naive * (dof - n - 1) / dof - n * g
    d2 = fp**2 / np.diag(cov)
    single = d2 * (dof - 2) / dof - g
    return i_bc, single.sum(), fp, cov, dof, g


def pair_redundancy(fp, cov, dof, g):
    sd = np.sqrt(np.diag(cov))
    d = fp / sd
    rho = cov / np.outer(sd, sd)
    iu = np.triu_indices(len(fp), 1)
    di, dj, rij = d[iu[0]], d[iu[1]], rho[iu]
    joint = (di**2 + dj**2 - 2 * rij * di * dj) / (1 - rij**2) * (dof - 3) / dof - 2 * g
    single = d**2 * (dof - 2) / dof - g
    return single[iu[0]] + single[iu[1]] - joint


def workload_b(r, s):
    i_bc, i_sh, fp, cov, dof, g = information(r, s, 1.0)
    pairs = pair_redundancy(fp, cov, dof, g)
    return float(i_bc + i_sh + pairs[0])


def workload_c(path, subsets, shuffles, fixed_n):
    """Straightforward loop over frames: levels, fixed-N subsets, trial-shuffle nulls of R and noise r."""
    data = json.load(open(path))
    rng = np.random.default_rng(1)
    start = time.perf_counter()
    check = 0.0
    for session in data["sessions"]:
        s = np.asarray(session["trials"]["stimulus"], dtype=float)
        resp = np.asarray(session["responses"], dtype=float)  # trials x epochs x neurons
        levels = [c for c in np.unique(s) if c > 0]
        for e in range(resp.shape[1]):
            r = resp[:, e, :]
            n = r.shape[1]
            stats = [information(r, s, c) for c in levels]
            redundancy = [pair_redundancy(fp, cov, dof, g) for _, _, fp, cov, dof, g in stats]
            corr = noise_corr(r, s)
            for _ in range(subsets):
                idx = np.sort(rng.choice(n, fixed_n, replace=False))
                for _, _, fp, cov, dof, g in stats:
                    sub = cov[np.ix_(idx, idx)]
                    check += fp[idx] @ np.linalg.solve(sub, fp[idx]) * 0
            exceed = np.zeros_like(redundancy[0])
            exceed_r = np.zeros_like(corr)
            for _ in range(shuffles):
                shuffled = r.copy()
                for v in np.unique(s):
                    rows = np.flatnonzero(s == v)
                    shuffled[rows] = rng.permuted(r[rows], axis=0)
                null = [pair_redundancy(*information(shuffled, s, c)[2:]) for c in levels]
                exceed += np.abs(np.mean(null, 0)) >= np.abs(np.mean(redundancy, 0))
                exceed_r += np.abs(noise_corr(shuffled, s)) >= np.abs(corr)
            check += float(exceed.sum() + exceed_r.sum())
    return time.perf_counter() - start, check


def workload_d(path, repeats):
    """Writes a 50 MB double matrix as MATLAB v5 (uncompressed) at `path`, then times scipy.io.loadmat on it."""
    import scipy.io

    rows, columns = 2500, 2600
    scipy.io.savemat(path, {"big": np.arange(rows * columns, dtype=np.float64).reshape(columns, rows).T})

    def run():
        return float(scipy.io.loadmat(path)["big"][1, 0])

    return timed(run, repeats)


def main():
    kind = sys.argv[1]
    if kind == "d":
        seconds, check = workload_d(sys.argv[2], int(sys.argv[3]))
    elif kind in ("a", "b"):
        r, s = read_frame(sys.argv[2])
        seconds, check = timed(lambda: (workload_a if kind == "a" else workload_b)(r, s), int(sys.argv[3]))
    else:
        seconds, check = workload_c(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    print(json.dumps({"seconds": seconds, "check": check}))


if __name__ == "__main__":
    main()

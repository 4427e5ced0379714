"""Independent numpy reference for Chorus's estimators (SCIENCE.md), used by the cross-check tests.

Reads JSON {"responses": [[trial][neuron]], "stimulus": [...]} on stdin and prints the measures as JSON.
Written with numpy's own cov / solve / corrcoef rather than mirroring the TypeScript kernels.
"""
import json
import sys

import numpy as np


def fisher_variance(info, n, dof, g):
    info = max(info, 0.0)
    return (2 * (info + n * g) ** 2 + (dof - n - 1) * (4 * g * info + 2 * n * g * g)) / (dof - n - 3)


def combine(values, variances):
    w = 1.0 / np.asarray(variances)
    return float(np.sum(w * np.asarray(values)) / np.sum(w))


def main():
    data = json.load(sys.stdin)
    r = np.asarray(data["responses"], dtype=np.float64)
    s = np.asarray(data["stimulus"], dtype=np.float64)
    n = r.shape[1]
    levels = sorted(c for c in np.unique(s) if c > 0 and np.sum(s == -c) >= 2 and np.sum(s == c) >= 2)
    pop, pop_var, shuf, shuf_var = [], [], [], []
    single, single_var = [], []
    pair_joint, pair_joint_var, pair_shuf, pair_shuf_var = [], [], [], []
    iu = np.triu_indices(n, 1)
    for c in levels:
        lo, hi = r[s == -c], r[s == c]
        t1, t2 = len(lo), len(hi)
        dof = t1 + t2 - 2
        ds = 2 * c
        g = (1 / t1 + 1 / t2) / ds**2
        fp = (hi.mean(0) - lo.mean(0)) / ds
        if data.get("covariance") == "zero-signal":
            zero = r[s == 0]
            dof = len(zero) - 1
            cov = np.cov(zero, rowvar=False, ddof=1)
        else:
            cov = (np.cov(lo, rowvar=False, ddof=1) * (t1 - 1) + np.cov(hi, rowvar=False, ddof=1) * (t2 - 1)) / dof
        naive = float(fp @ np.linalg.solve(cov, fp))
        i_bc = naive * (dof - n - 1) / dof - n * g
        pop.append(i_bc)
        pop_var.append(fisher_variance(i_bc, n, dof, g))
        d2 = fp**2 / np.diag(cov)
        i_single = d2 * (dof - 2) / dof - g
        v_single = np.array([fisher_variance(x, 1, dof, g) for x in i_single])
        shuf.append(float(i_single.sum()))
        shuf_var.append(float(v_single.sum()))
        single.append(i_single)
        single_var.append(v_single)
        d = fp / np.sqrt(np.diag(cov))
        rho = cov / np.sqrt(np.outer(np.diag(cov), np.diag(cov)))
        di, dj, rij = d[iu[0]], d[iu[1]], rho[iu]
        joint_naive = (di**2 + dj**2 - 2 * rij * di * dj) / (1 - rij**2)
        joint = joint_naive * (dof - 3) / dof - 2 * g
        pair_joint.append(joint)
        pair_joint_var.append(np.array([fisher_variance(x, 2, dof, g) for x in joint]))
        pair_shuf.append(i_single[iu[0]] + i_single[iu[1]])
        pair_shuf_var.append(v_single[iu[0]] + v_single[iu[1]])

    def combine_columns(values, variances):
        w = 1.0 / np.asarray(variances)
        return np.sum(w * np.asarray(values), 0) / np.sum(w, 0)

    fisher = combine(pop, pop_var)
    fisher_shuffled = combine(shuf, shuf_var)
    z = np.zeros_like(r)
    for value in np.unique(s):
        rows = s == value
        if rows.sum() < 2:
            continue
        block = r[rows]
        z[rows] = (block - block.mean(0)) / block.std(0, ddof=1)
    noise = np.corrcoef(z, rowvar=False)
    out = {
        "fisher": fisher,
        "fisherShuffled": fisher_shuffled,
        "redundancy": fisher_shuffled - fisher,
        "neuronFisher": combine_columns(single, single_var).tolist(),
        "pairRedundancy": (combine_columns(pair_shuf, pair_shuf_var) - combine_columns(pair_joint, pair_joint_var)).tolist(),
        "pairNoiseCorrelation": noise[iu].tolist(),
        "meanNoiseCorrelation": float(np.tanh(np.mean(np.arctanh(noise[iu])))),
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

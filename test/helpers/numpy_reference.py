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
    out.update(extra_measures(r, s, data))
    json.dump(out, sys.stdout)


def roc_area(a, b):
    """P(a > b) + 0.5 P(a = b) by brute force over all pairs."""
    a = np.asarray(a)[:, None]
    b = np.asarray(b)[None, :]
    return float(((a > b).sum() + 0.5 * (a == b).sum()) / (a.size * b.size))


def extra_measures(r, s, data):
    n = r.shape[1]
    iu = np.triu_indices(n, 1)
    values = np.unique(s)
    out = {}
    # Signal correlation: Pearson r of the mean responses across stimulus values.
    means = np.array([r[s == v].mean(0) for v in values])
    out["pairSignalCorrelation"] = np.corrcoef(means, rowvar=False)[iu].tolist() if len(values) >= 3 else None
    # Differential correlations: f' = regression slope on stimulus; pooled within-value covariance.
    keep = np.isin(s, [v for v in values if (s == v).sum() >= 2])
    rk, sk = r[keep], s[keep]
    slope = np.array([np.polyfit(sk, rk[:, i], 1)[0] for i in range(n)])
    resid = np.vstack([rk[sk == v] - rk[sk == v].mean(0) for v in np.unique(sk)])
    sigma = resid.T @ resid / (len(sk) - len(np.unique(sk)))
    out["differentialSlope"] = float(np.polyfit(np.outer(slope, slope)[iu], sigma[iu], 1)[0])
    out["varianceAlongSignal"] = float(slope @ sigma @ slope / (slope @ slope))
    out["meanVariance"] = float(np.trace(sigma) / n)
    # Choice probabilities (preferred choice = sign of the mean f' over the +/-c levels).
    if data.get("choice") is not None:
        choice = np.asarray(data["choice"])
        levels = [c for c in values if c > 0 and (s == -c).sum() >= 2 and (s == c).sum() >= 2]
        fp = np.mean([(r[s == c].mean(0) - r[s == -c].mean(0)) / (2 * c) for c in levels], 0)
        conditions = [v for v in values if 0 < (choice[s == v] == 1).sum() < (s == v).sum()]
        grand, weighted = [], []
        for i in range(n):
            pref = 1 if fp[i] >= 0 else 0
            z, labels, wsum, wtot = [], [], 0.0, 0
            for v in conditions:
                x = r[s == v, i]
                c = choice[s == v]
                z.append((x - x.mean()) / x.std(ddof=1))
                labels.append(c)
                wsum += roc_area(x[c == pref], x[c != pref]) * len(x)
                wtot += len(x)
            z, labels = np.concatenate(z), np.concatenate(labels)
            grand.append(roc_area(z[labels == pref], z[labels != pref]))
            weighted.append(wsum / wtot)
        out["choiceProbability"] = grand
        out["choiceProbabilityWeighted"] = weighted
    return out


if __name__ == "__main__":
    main()

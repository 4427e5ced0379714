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


def fixed_point_weights(values, designs, n, steps=None):
    """Level weights 1/Var(I_bc) evaluated at the combined value, never at a level's own estimate.

    steps=None iterates to the fixed point (the population); steps=2 takes two steps from the design
    alone (neurons and pairs). values: (levels, items); designs: [(dof, g)] per level.
    """
    values = np.atleast_2d(np.asarray(values, dtype=np.float64))
    at = np.zeros(values.shape[1])
    for step in range(steps or 200):
        w = np.array([[1.0 / fisher_variance(a, n, dof, g) for a in at] for dof, g in designs])
        w = w / w.sum(0)
        new = (w * values).sum(0)
        done = steps is None and np.all(np.abs(new - at) <= 1e-13 * np.maximum(1, np.abs(new)))
        at = new
        if done:
            break
    return w


def main():
    data = json.load(sys.stdin)
    r = np.asarray(data["responses"], dtype=np.float64)
    s = np.asarray(data["stimulus"], dtype=np.float64)
    n = r.shape[1]
    levels = sorted(c for c in np.unique(s) if c > 0 and np.sum(s == -c) >= 2 and np.sum(s == c) >= 2)
    pop, shuf, designs = [], [], []
    diag, cv = [], []
    folds = int(data.get("decoderFolds", 5))
    single = []
    pair_joint, pair_shuf = [], []
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
        designs.append((dof, g))
        d2 = fp**2 / np.diag(cov)
        i_single = d2 * (dof - 2) / dof - g
        shuf.append(float(i_single.sum()))
        single.append(i_single)
        d = fp / np.sqrt(np.diag(cov))
        rho = cov / np.sqrt(np.outer(np.diag(cov), np.diag(cov)))
        di, dj, rij = d[iu[0]], d[iu[1]], rho[iu]
        joint_naive = (di**2 + dj**2 - 2 * rij * di * dj) / (1 - rij**2)
        joint = joint_naive * (dof - 3) / dof - 2 * g
        pair_joint.append(joint)
        diag.append(diagonal_information(fp, cov, dof, g))
        cv.append(cross_validated(lo, hi, ds, folds))
        pair_shuf.append(i_single[iu[0]] + i_single[iu[1]])

    # One set of weights per item for its joint and shuffled information (the population's from I).
    w_pop = fixed_point_weights(np.asarray(pop)[:, None], designs, n)[:, 0]
    fisher = float(np.dot(w_pop, pop))
    fisher_shuffled = float(np.dot(w_pop, shuf))
    w_single = fixed_point_weights(single, designs, 1, steps=2)
    w_pair = fixed_point_weights(pair_joint, designs, 2, steps=2)
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
        "neuronFisher": (w_single * np.asarray(single)).sum(0).tolist(),
        "pairRedundancy": (w_pair * (np.asarray(pair_shuf) - np.asarray(pair_joint))).sum(0).tolist(),
        "pairNoiseCorrelation": noise[iu].tolist(),
        "meanNoiseCorrelation": float(np.tanh(np.mean(np.arctanh(noise[iu])))),
    }
    def combine(values):
        keep = [k for k, v in enumerate(values) if v is not None]
        if not keep:
            return None
        return float(sum(w_pop[k] * values[k] for k in keep) / sum(w_pop[k] for k in keep))

    out["decoderDiagonal"] = combine(diag)
    out["decoderCrossValidated"] = combine(cv)
    out.update(extra_measures(r, s, data))
    json.dump(out, sys.stdout)


def diagonal_information(fp, cov, dof, g):
    """I_diag = (sum d^2)^2 / d'Rd, both sums corrected to first order (d = f'/sigma, R the correlations)."""
    sd = np.sqrt(np.diag(cov))
    d = fp / sd
    rho = cov / np.outer(sd, sd)
    shrink = (dof - 2) / dof
    single = shrink * d**2 - g
    off = shrink * np.outer(d, d) * rho - g * rho**2
    np.fill_diagonal(off, 0)
    denominator = single.sum() + off.sum()
    if denominator <= 0:
        return None
    return float(max(single.sum(), 0) ** 2 / denominator)


def fit_logistic(x, y, xb, yb, max_steps=500, patience=25, ridge=1e-4):
    """Nesterov gradient descent on the ridge logistic loss, kept at the best held-back loss (early stopping)."""
    a = np.hstack([x, np.ones((len(x), 1))])
    ab = np.hstack([xb, np.ones((len(xb), 1))])
    m = a.T @ a / len(a)
    v = np.ones(a.shape[1]) / np.sqrt(a.shape[1])
    lam = 1.0
    for _ in range(50):
        prod = m @ v
        lam = np.linalg.norm(prod)
        v = prod / lam
    step = 1 / (0.25 * lam + ridge)

    def loss(w):
        margin = np.where(yb == 1, ab @ w, -(ab @ w))
        return np.mean(np.maximum(-margin, 0) + np.log1p(np.exp(-np.abs(margin))))

    w = np.zeros(a.shape[1])
    ahead = w.copy()
    best, best_loss, best_step = w.copy(), loss(w), 0
    t = 1
    while t <= max_steps and t - best_step <= patience:
        residual = 1 / (1 + np.exp(-(a @ ahead))) - y
        grad = a.T @ residual / len(a)
        grad[:-1] += ridge * ahead[:-1]
        nxt = ahead - step * grad
        ahead = nxt + (t - 1) / (t + 2) * (nxt - w)
        w = nxt
        current = loss(w)
        if current < best_loss - 1e-12 * abs(best_loss):
            best, best_loss, best_step = w.copy(), current, t
        t += 1
    return best


def projected_information(low, high, ds):
    dof = len(low) + len(high) - 2
    var = (((low - low.mean()) ** 2).sum() + ((high - high.mean()) ** 2).sum()) / dof
    if var <= 0 or dof <= 2:
        return None
    naive = ((high.mean() - low.mean()) / ds) ** 2 / var
    return naive * (dof - 2) / dof - (1 / len(low) + 1 / len(high)) / ds**2


def cross_validated(lo, hi, ds, folds):
    """Held-out information of a logistic decoder, folds by position within class (position mod k)."""
    if folds < 2 or min(len(lo), len(hi)) < 3 * folds:
        return None
    values = []
    for k in range(folds):
        fit_x, fit_y, back_x, back_y, test = [], [], [], [], [[], []]
        for y, trials in enumerate([lo, hi]):
            training = 0
            for position, x in enumerate(trials):
                if position % folds == k:
                    test[y].append(x)
                else:
                    if training % 5 == 4:
                        back_x.append(x)
                        back_y.append(y)
                    else:
                        fit_x.append(x)
                        fit_y.append(y)
                    training += 1
        fit_x = np.asarray(fit_x)
        centre = fit_x.mean(0)
        var = fit_x.var(0, ddof=1)
        scale = np.where(var > 0, 1 / np.sqrt(np.where(var > 0, var, 1)), 0)
        z = lambda rows: (np.asarray(rows) - centre) * scale
        w = fit_logistic(z(fit_x), np.asarray(fit_y), z(back_x), np.asarray(back_y))
        project = lambda rows: z(rows) @ w[:-1] + w[-1]
        info = projected_information(project(test[0]), project(test[1]), ds)
        if info is not None:
            values.append(info)
    return float(np.mean(values)) if values else None


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
    x = np.outer(slope, slope)[iu]
    out["differentialSlopeThroughOrigin"] = float(np.linalg.lstsq(x[:, None], sigma[iu], rcond=None)[0][0])
    out["varianceAlongSignal"] = float(slope @ sigma @ slope / (slope @ slope))
    out["meanVariance"] = float(np.trace(sigma) / n)
    # Choice probabilities (preferred choice = sign of the mean f' over the +/-c levels).
    if data.get("choice") is not None:
        choice = np.asarray(data["choice"])
        levels = [c for c in values if c > 0 and (s == -c).sum() >= 2 and (s == c).sum() >= 2]
        fp = np.mean([(r[s == c].mean(0) - r[s == -c].mean(0)) / (2 * c) for c in levels], 0)
        conditions = [v for v in values if 0 < (choice[s == v] == 1).sum() < (s == v).sum()]
        # The study's choice: the zero-signal trials alone when they hold at least 5 of each choice.
        zero_choices = choice[s == 0]
        if (zero_choices == 1).sum() >= 5 and (zero_choices == 0).sum() >= 5:
            conditions = [0.0]
        out["choiceProbabilityTrials"] = "zero-signal" if conditions == [0.0] else "all conditions"
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

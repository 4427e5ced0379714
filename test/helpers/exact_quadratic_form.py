"""bᵀA⁻¹b of each system on stdin (JSON [{n, a, b}], the f64 inputs taken exactly), by Gaussian
elimination in 60-digit decimal arithmetic: a reference far below f64 rounding, for the solve tests."""
import json
import sys
from decimal import Decimal, getcontext

getcontext().prec = 60


def form(n, a, b):
    m = [[Decimal(a[i * n + j]) for j in range(n)] + [Decimal(b[i])] for i in range(n)]
    for k in range(n):
        p = max(range(k, n), key=lambda r: abs(m[r][k]))
        m[k], m[p] = m[p], m[k]
        if m[k][k] == 0:
            return None
        for r in range(k + 1, n):
            f = m[r][k] / m[k][k]
            if f:
                row, pivot = m[r], m[k]
                for c in range(k, n + 1):
                    row[c] -= f * pivot[c]
    x = [Decimal(0)] * n
    for i in reversed(range(n)):
        s = m[i][n] - sum(m[i][j] * x[j] for j in range(i + 1, n))
        x[i] = s / m[i][i]
    return float(sum(Decimal(b[i]) * x[i] for i in range(n)))


print(json.dumps([form(s["n"], s["a"], s["b"]) for s in json.load(sys.stdin)]))

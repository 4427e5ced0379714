import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { incompleteBeta, studentTTwoSided } from '../../../shared/math/studentT';
import { weightedMeanTest, weightedTrendTest } from '../../../shared/analysis/metaRegression';

/** scipy's answers for the same inputs, or null (the comparisons skip, said in one line). */
function scipy(script: string, input: unknown): unknown {
  for (const command of ['python3', '/usr/bin/python3']) {
    const run = spawnSync(command, ['-c', `import json, sys\nimport numpy as np\nfrom scipy import stats, special\ndata = json.load(sys.stdin)\n${script}`], { input: JSON.stringify(input), encoding: 'utf8' });
    if (run.status === 0) return JSON.parse(run.stdout);
  }
  return null;
}
const available = scipy('print(1)', null) !== null;
if (!available) console.warn('scipy comparisons skipped: no python3 with scipy');

const x = [1, 2, 3, 4, 5, 6];
const y = [0.31, 0.12, 0.45, 0.38, 0.52, 0.61];

describe.skipIf(!available)('Student t and the incomplete beta against scipy', () => {
  it('I_x(a, b) and two-sided t p-values to 1e-10', () => {
    const cases = [[0.3, 2, 3], [0.9, 0.5, 7.5], [0.01, 10, 0.5], [0.5, 50, 60]] as const;
    const expected = scipy('print(json.dumps([float(special.betainc(a, b, x)) for x, a, b in data]))', cases) as number[];
    cases.forEach(([xv, a, b], k) => expect(Math.abs(incompleteBeta(xv, a, b) - expected[k]!)).toBeLessThan(1e-10));
    const ts = [[0.5, 4], [2.1, 4], [-3.7, 5], [12, 3], [1.96, 1000]] as const;
    const p = scipy('print(json.dumps([float(2 * stats.t.sf(abs(t), df)) for t, df in data]))', ts) as number[];
    ts.forEach(([t, df], k) => expect(Math.abs(studentTTwoSided(t, df) - p[k]!)).toBeLessThan(1e-10));
  });

  it('without variances the trend is least squares (scipy linregress) and the mean test a one-sample t test', () => {
    const [slope, p] = scipy('r = stats.linregress(data[0], data[1]); print(json.dumps([r.slope, r.pvalue]))', [x, y]) as number[];
    const trend = weightedTrendTest(x, y, null);
    expect(trend.slope).toBeCloseTo(slope!, 12);
    expect(Math.abs(trend.p - p!)).toBeLessThan(1e-10);
    const d = [0.2, -0.1, 0.35, 0.05, 0.15];
    const tp = scipy('print(json.dumps(float(stats.ttest_1samp(data, 0).pvalue)))', d) as number;
    expect(Math.abs(weightedMeanTest(d, null).p - tp)).toBeLessThan(1e-10);
  });
});

describe('precision-weighted tests', () => {
  it('weigh precise sessions more, and a common scale on the variances (with no excess spread) leaves the test unchanged', () => {
    const v = [0.04, 0.02, 0.01, 0.005, 0.004, 0.003];
    const a = weightedTrendTest(x, y, v);
    const b = weightedTrendTest(x, y, v.map((value) => value * 10));
    expect(b.betweenVariance).toBe(0);
    expect(a.betweenVariance).toBe(0);
    expect(b.p).toBeCloseTo(a.p, 12);
    expect(b.slope).toBeCloseTo(a.slope, 12);
    // The slope is pulled towards the precise (late) sessions: it differs from least squares.
    expect(Math.abs(a.slope - weightedTrendTest(x, y, null).slope)).toBeGreaterThan(1e-3);
  });

  it('spread beyond the sampling variances is taken as between-session variance (τ² > 0), which widens the test', () => {
    const noisy = [0.1, 0.9, -0.4, 1.2, 0.0, 1.5];
    const tight = Array(6).fill(0.001);
    const test = weightedTrendTest(x, noisy, tight);
    expect(test.betweenVariance).toBeGreaterThan(0.1);
    expect(test.p).toBeGreaterThan(0.05);
  });
});

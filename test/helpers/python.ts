import { spawnSync } from 'node:child_process';

/** python3 with numpy, or null with the reason (tests that need it skip with that one line). */
export function findNumpyPython(): { command: string | null; reason: string } {
  const probe = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
  if (probe.error) return { command: null, reason: 'python3 is not installed' };
  if (probe.status !== 0) return { command: null, reason: 'python3 has no numpy (pip install numpy)' };
  return { command: 'python3', reason: `numpy ${probe.stdout.trim()}` };
}

export function runPythonJson(command: string, script: string, input: unknown): unknown {
  const result = spawnSync(command, [script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`python reference failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * A python3 with numpy and h5py, or null with the reason. `python3` on PATH first; Debian's
 * python3-h5py (the CI's) lives beside /usr/bin/python3, which a pyenv or venv python3 may shadow.
 */
export function findH5pyPython(): { command: string | null; reason: string } {
  let reason = 'python3 is not installed';
  for (const command of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(command, ['-c', 'import numpy, h5py'], { encoding: 'utf8' });
    if (probe.error) continue;
    if (probe.status === 0) return { command, reason: '' };
    reason = 'python3 has no h5py (apt install python3-h5py, or pip install h5py)';
  }
  return { command: null, reason };
}

/**
 * Runs `code` (which reads JSON from stdin and prints JSON) under a python3 with scipy — `python3` on
 * PATH first, then Debian's /usr/bin/python3, which a venv python3 may shadow — or null without one.
 */
export function runScipyJson(code: string, input: unknown): unknown {
  for (const command of ['python3', '/usr/bin/python3']) {
    const run = spawnSync(command, ['-c', code], { input: JSON.stringify(input), encoding: 'utf8' });
    if (run.status === 0) return JSON.parse(run.stdout);
  }
  return null;
}

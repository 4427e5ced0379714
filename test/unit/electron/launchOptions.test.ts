import { describe, expect, it } from 'vitest';
import { appEntryFor, backendRequested, backendSwitches } from '../../../electron/launchOptions';
import { APP_ENTRY } from '../../../electron/security';

describe('the launch\'s analysis backend', () => {
  it('Electron: --backend= on the command line becomes the page\'s ?backend=, and Linux gets WebGPU only when the GPU is asked for', () => {
    expect(backendRequested(['/app/chorus', 'data.nwb'])).toEqual({ backend: 'auto', problem: null });
    expect(backendRequested(['/app/chorus', '--backend=gpu'])).toEqual({ backend: 'gpu', problem: null });
    expect(backendRequested(['/app/chorus', '--backend=quantum'])).toEqual({ backend: 'auto', problem: '--backend=quantum: must be one of cpu, gpu, auto; running on auto' });
    expect(appEntryFor('auto')).toBe(APP_ENTRY);
    expect(appEntryFor('cpu')).toBe(`${APP_ENTRY}?backend=cpu`);
    expect(backendSwitches('gpu', 'linux')).toEqual(['enable-unsafe-webgpu']);
    expect(backendSwitches('auto', 'linux')).toEqual([]);
    expect(backendSwitches('gpu', 'win32')).toEqual([]);
  });
});

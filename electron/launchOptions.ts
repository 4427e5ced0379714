/**
 * The analysis backend an Electron launch asks for (`--backend=cpu|gpu|auto`, one token, so launch
 * requests read it as a flag and not as a file) and the page address that carries it (`?backend=`,
 * read by renderer/gpu/pageBackend.ts). Plain functions, tested without Electron.
 */
import { APP_ENTRY } from './security';
import { backendOf, type Backend } from '../shared/analysis/gpu/backend';

/** The backend named on the command line: auto without the flag; a name that is not a backend is auto too, with the reason for the log. */
export function backendRequested(argv: readonly string[]): { backend: Backend; problem: string | null } {
  const flag = argv.find((arg) => arg.startsWith('--backend='));
  if (flag === undefined) return { backend: 'auto', problem: null };
  const backend = backendOf(flag.slice(2));
  return backend === null ? { backend: 'auto', problem: `${flag}: must be one of cpu, gpu, auto; running on auto` } : { backend, problem: null };
}

/** The page the window loads: the app, with ?backend= when it is not the default. */
export function appEntryFor(backend: Backend): string {
  return backend === 'auto' ? APP_ENTRY : `${APP_ENTRY}?backend=${backend}`;
}

/**
 * Chromium's switches the backend needs: on Linux, WebGPU sits behind --enable-unsafe-webgpu, which is
 * turned on only when the GPU backend is asked for by name.
 */
export function backendSwitches(backend: Backend, platform: NodeJS.Platform): string[] {
  return backend === 'gpu' && platform === 'linux' ? ['enable-unsafe-webgpu'] : [];
}

import type { ChorusApi } from '../../shared/platform/chorusApi';
import { createWebPlatform } from './webPlatform';

declare global {
  interface Window {
    chorus?: ChorusApi;
  }
}

declare const __CHORUS_VERSION__: string | undefined;

/** The platform API: Electron's preload when present, else the web implementation. */
export const chorus: ChorusApi =
  window.chorus ?? createWebPlatform(typeof __CHORUS_VERSION__ === 'string' ? __CHORUS_VERSION__ : 'dev');

/**
 * The security rules of the shell as plain values and functions, so tests check them without Electron.
 * The renderer is served from a privileged custom scheme (chorus://app/), never file:// or the network.
 */
import { join, normalize, sep } from 'node:path';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from '../shared/platform/contentSecurityPolicy';

export const APP_SCHEME = 'chorus';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** True only for pages of the app itself. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app';
  } catch {
    return false;
  }
}

/** Maps chorus://app/… to a file inside the renderer build, or null for anything outside it. */
export function resolveAppFile(rendererRoot: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  const { pathname } = new URL(url);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded === '/' || decoded === '' ? '/index.html' : decoded).replace(/^[/\\]+/, '');
  const full = join(rendererRoot, relative);
  const rootWithSep = rendererRoot.endsWith(sep) ? rendererRoot : rendererRoot + sep;
  return full.startsWith(rootWithSep) ? full : null;
}

/**
 * The headers of every response of the app's scheme: the file's type (never sniffed: a file named .json
 * is not run as a script whatever it holds) and the strict CSP.
 */
export function appResponseHeaders(contentType: string, csp: string): Record<string, string> {
  return { 'Content-Type': contentType, 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', ...CROSS_ORIGIN_ISOLATION_HEADERS };
}

/**
 * Links the app may hand to the user's browser (shell.openExternal): https only, to these hosts only.
 * Everything else a page tries to open is refused.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['doi.org', 'www.science.org', 'www.nwb.org', 'nwb-schema.readthedocs.io'];

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && EXTERNAL_LINK_HOSTS.includes(parsed.hostname);
  } catch {
    return false;
  }
}

/**
 * Permission requests and checks: denied unless the app's own page asks for full screen (the
 * presentation's F key) or to write the clipboard (copy a link). Camera, microphone, location,
 * notifications, MIDI, USB, HID, serial and the rest are never granted.
 */
export function permissionGranted(permission: string, requestingUrl: string): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  return permission === 'fullscreen' || permission === 'clipboard-sanitized-write';
}

/** What a window does with a page's attempt to open a URL: the presenter view opens, a listed https link goes to the browser, nothing else. */
export function windowOpenDecision(url: string, isPresenterUrl: (url: string) => boolean): 'presenter' | 'external' | 'deny' {
  if (isPresenterUrl(url)) return 'presenter';
  return isAllowedExternalUrl(url) ? 'external' : 'deny';
}

import { describe, expect, it } from 'vitest';
import { APP_ENTRY, appResponseHeaders, isAllowedExternalUrl, isAppUrl, permissionGranted, resolveAppFile, secureWebPreferences, windowOpenDecision } from '../../../electron/security';
import { isPresenterUrl } from '../../../electron/presenterWindow';
import { contentTypeOf } from '../../../shared/platform/contentTypes';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../../../shared/platform/contentSecurityPolicy';

describe('shell security rules', () => {
  it('every window is isolated, sandboxed and without Node', () => {
    expect(secureWebPreferences('/x/preload.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/x/preload.cjs',
    });
  });

  it('only chorus://app pages count as the app', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('chorus://evil/index.html')).toBe(false);
    expect(isAppUrl('https://app/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('serves files inside the renderer build only', () => {
    expect(resolveAppFile('/opt/chorus/renderer', 'chorus://app/')).toBe('/opt/chorus/renderer/index.html');
    expect(resolveAppFile('/opt/chorus/renderer', 'chorus://app/assets/a.js')).toBe('/opt/chorus/renderer/assets/a.js');
    // URL parsing already folds literal ../ segments, so they can only land inside the root.
    expect(resolveAppFile('/opt/chorus/renderer', 'chorus://app/../../etc/passwd')).toBe('/opt/chorus/renderer/etc/passwd');
    // Encoded dot-dot segments are folded at the root: the result never leaves it.
    expect(resolveAppFile('/opt/chorus/renderer', 'chorus://app/%2e%2e/%2e%2e/etc/passwd')).toBe('/opt/chorus/renderer/etc/passwd');
    expect(resolveAppFile('/opt/chorus/renderer', 'chorus://app/..%2f..%2fetc%2fpasswd')).toBe('/opt/chorus/renderer/etc/passwd');
    expect(resolveAppFile('/opt/chorus/renderer', 'chorus://app/a%00b')).toBeNull();
    expect(resolveAppFile('/opt/chorus/renderer', 'https://app/index.html')).toBeNull();
  });

  it('content types and the CSP forbid remote content and inline scripts', () => {
    expect(contentTypeOf('/a/b.js')).toContain('javascript');
    expect(contentTypeOf('/a/b.unknown')).toBe('application/octet-stream');
    expect(contentTypeOf('/a.b/readme')).toBe('application/octet-stream');
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|'unsafe-inline'[^;]*script|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY_HEADER).toContain("frame-ancestors 'none'");
  });
});

describe("the app scheme's responses", () => {
  it('carry their type, never sniffed, the CSP and cross-origin isolation (for the kernel threads)', () => {
    expect(appResponseHeaders('application/json', "default-src 'self'")).toEqual({
      'Content-Type': 'application/json',
      'Content-Security-Policy': "default-src 'self'",
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
  });
});

describe('the Electron security checklist: links, permissions, new windows', () => {
  it('hands only https links to listed hosts to the browser', () => {
    expect(isAllowedExternalUrl('https://doi.org/10.1126/science.abc')).toBe(true);
    expect(isAllowedExternalUrl('https://www.science.org/doi/10.1126/x')).toBe(true);
    for (const url of ['http://doi.org/x', 'https://doi.org.evil.example/x', 'https://evil.example/?https://doi.org', 'https://user@doi.org/x', 'https://doi.org:8443/x', 'file:///etc/passwd', 'javascript:alert(1)', 'chorus://app/', 'smb://doi.org/x', 'not a url']) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('denies permissions by default: only full screen and clipboard writes, only to the app page', () => {
    expect(permissionGranted('fullscreen', APP_ENTRY)).toBe(true);
    expect(permissionGranted('clipboard-sanitized-write', APP_ENTRY)).toBe(true);
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'openExternal', 'hid', 'serial', 'usb', 'clipboard-read', 'display-capture', 'unknown']) {
      expect(permissionGranted(permission, APP_ENTRY), permission).toBe(false);
    }
    expect(permissionGranted('fullscreen', 'https://evil.example/')).toBe(false);
    expect(permissionGranted('fullscreen', '')).toBe(false);
  });

  it('a page may open the presenter view and listed links, nothing else', () => {
    expect(windowOpenDecision(`${APP_ENTRY}?presenter`, isPresenterUrl)).toBe('presenter');
    expect(windowOpenDecision('https://doi.org/10.1/x', isPresenterUrl)).toBe('external');
    expect(windowOpenDecision(`${APP_ENTRY}?kiosk`, isPresenterUrl)).toBe('deny');
    expect(windowOpenDecision('https://evil.example/', isPresenterUrl)).toBe('deny');
    expect(windowOpenDecision('about:blank', isPresenterUrl)).toBe('deny');
  });

  it('no window may run a <webview>', () => {
    expect(secureWebPreferences('/p.cjs').webviewTag).toBe(false);
  });
});

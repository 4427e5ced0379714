import { describe, expect, it } from 'vitest';
import { APP_ENTRY, appResponseHeaders, isAppUrl, resolveAppFile, secureWebPreferences } from '../../../electron/security';
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
  it('carry their type, never sniffed, and the CSP', () => {
    expect(appResponseHeaders('application/json', "default-src 'self'")).toEqual({ 'Content-Type': 'application/json', 'Content-Security-Policy': "default-src 'self'", 'X-Content-Type-Options': 'nosniff' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
// @ts-expect-error -- plain ESM build script without type declarations
import { resolveInside, serveDirectory } from '../../../scripts/static-server.mjs';
import { contentTypeOf } from '../../../shared/platform/contentTypes';

describe('127.0.0.1 static server of npm start', () => {
  const root = mkdtempSync(join(tmpdir(), 'chorus-serve-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = await serveDirectory(root, { port: 0, csp: "default-src 'self'", contentTypeOf });
    const address = server.address() as { port: number; address: string };
    expect(address.address).toBe('127.0.0.1');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => server.close());

  it('serves index.html with the CSP header', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('never leaves its root', async () => {
    expect(resolveInside(root, '/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc/passwd'));
    expect(resolveInside(root, '/..%2f..%2f..%2fetc%2fpasswd')).toBe(join(root, 'etc/passwd'));
    expect(resolveInside(root, '/a%00b')).toBeNull();
    expect((await fetch(`${base}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await fetch(`${base}/index.html`, { method: 'POST' })).status).toBe(405);
  });
});

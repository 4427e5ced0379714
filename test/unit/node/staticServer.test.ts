import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, type Server } from 'node:http';
import { isLoopbackHost, resolveInside, serveDirectory } from '../../../node/staticServer';
import { contentTypeOf } from '../../../shared/platform/contentTypes';

describe('127.0.0.1 static server of npm start', () => {
  const root = mkdtempSync(join(tmpdir(), 'chorus-serve-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  let server: Server;
  let base = '';
  let port = 0;

  /** A GET with the Host header as given (fetch may not set Host; node:http may), answered with its status and body. */
  const getWithHost = (host: string | null, path = '/') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers = host === null ? {} : { host };
      const sent = request({ host: '127.0.0.1', port, path, headers, setHost: host !== null }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      sent.on('error', reject);
      sent.end();
    });

  beforeAll(async () => {
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'chorus-serve-extra-')), 'museum.json');
    writeFileSync(elsewhere, '{"chorusKiosk": 1}');
    server = await serveDirectory(root, { port: 0, csp: "default-src 'self'", contentTypeOf, files: { '/kiosk.json': elsewhere } });
    const address = server.address() as { port: number; address: string };
    expect(address.address).toBe('127.0.0.1');
    port = address.port;
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => server.close());

  it('serves index.html with the CSP header', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('serves a file from elsewhere at its own path only (the kiosk configuration)', async () => {
    const response = await fetch(`${base}/kiosk.json?x=1`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"chorusKiosk": 1}');
    expect(response.headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${base}/museum.json`)).status).toBe(404);
  });

  it('never leaves its root', async () => {
    expect(resolveInside(root, '/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc/passwd'));
    expect(resolveInside(root, '/..%2f..%2f..%2fetc%2fpasswd')).toBe(join(root, 'etc/passwd'));
    expect(resolveInside(root, '/a%00b')).toBeNull();
    expect((await fetch(`${base}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await fetch(`${base}/index.html`, { method: 'POST' })).status).toBe(405);
  });

  it('answers only to its own loopback names and port: any other Host gets 421 and none of the files (DNS rebinding)', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect(await getWithHost(host), host).toMatchObject({ status: 200, body: '<!doctype html><title>t</title>' });
    }
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `localhost.:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `0.0.0.0:${port}`, `[::ffff:127.0.0.1]:${port}`]) {
      const answer = await getWithHost(host);
      expect(answer.status, host).toBe(421);
      expect(answer.body, host).not.toContain('<title>');
    }
    // No Host at all is refused too (Node's own HTTP/1.1 check answers 400 before the handler runs).
    expect((await getWithHost(null)).status).toBe(400);
  });

  it('reads the Host header as a browser sends it', () => {
    expect(isLoopbackHost('127.0.0.1:5317', 5317)).toBe(true);
    expect(isLoopbackHost(' localhost:5317 ', 5317)).toBe(true);
    expect(isLoopbackHost('localhost', 80)).toBe(true);
    expect(isLoopbackHost('localhost', 5317)).toBe(false);
    expect(isLoopbackHost('rebound.attacker.test:5317', 5317)).toBe(false);
    expect(isLoopbackHost(undefined, 5317)).toBe(false);
  });
});

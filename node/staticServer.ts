// A small static server for the built renderer, bound to 127.0.0.1 only: `npm start` without an Electron
// binary, and the end-to-end tests. Sends the same strict CSP as Electron; refuses paths outside the root,
// and requests whose Host is not this machine's own address and port (DNS rebinding: a web page whose name
// is made to resolve to 127.0.0.1 sends its own name as Host, and must not read anything served here).
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { CROSS_ORIGIN_ISOLATION_HEADERS } from '../shared/platform/contentSecurityPolicy';

/** Maps a URL path to a file under root, or null when it would leave root. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = join(root, relative);
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

/** Whether a request's Host header names this server as the loopback address it listens on: 127.0.0.1, localhost or [::1], with its port. */
export function isLoopbackHost(hostHeader: unknown, port: number | undefined): boolean {
  if (typeof hostHeader !== 'string') return false;
  const match = /^(127\.0\.0\.1|localhost|\[::1\])(?::(\d{1,5}))?$/i.exec(hostHeader.trim());
  if (!match) return false;
  // A browser leaves the port out of Host only for the scheme's default (80 for http).
  return Number(match[2] ?? 80) === port;
}

/**
 * Serves `root` on host:port. `contentTypeOf(path)` comes from the caller (shared/platform/contentTypes.ts,
 * through the built dist/node/serving.mjs), so the Electron protocol and this server agree.
 */
export interface ServeOptions {
  readonly port?: number;
  readonly host?: string;
  readonly csp?: string;
  readonly contentTypeOf?: (path: string) => string;
  /** Files served from elsewhere at a path of their own (`/kiosk.json` → the kiosk's configuration file). */
  readonly files?: Readonly<Record<string, string>>;
}

export function serveDirectory(root: string, { port = 5317, host = '127.0.0.1', csp, contentTypeOf = () => 'application/octet-stream', files = {} }: ServeOptions = {}): Promise<Server> {
  const server = createServer(async (request, response) => {
    const headers = {
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
      ...CROSS_ORIGIN_ISOLATION_HEADERS,
      ...(csp ? { 'Content-Security-Policy': csp } : {}),
    };
    // Before anything else: a request for another name is answered with nothing of ours (421, RFC 9110 §15.5.20).
    const address = server.address();
    if (!isLoopbackHost(request.headers.host, typeof address === 'object' && address ? address.port : undefined)) {
      response.writeHead(421, { ...headers, 'Content-Type': 'text/plain' }).end('misdirected request: this server answers only to 127.0.0.1, localhost or [::1] with its port');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, headers).end();
      return;
    }
    const path = (request.url ?? '/').split('?')[0]!.split('#')[0]!;
    const file = Object.hasOwn(files, path) ? files[path]! : resolveInside(root, request.url ?? '/');
    try {
      if (!file || !(await stat(file)).isFile()) throw new Error('not found');
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'Content-Type': contentTypeOf(file) });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

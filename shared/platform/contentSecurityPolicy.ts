/**
 * One strict Content-Security-Policy for every way the renderer is served (Electron's chorus:// protocol,
 * the 127.0.0.1 server, the built page's meta tag). No remote content, no eval, no inline scripts.
 * `style-src 'unsafe-inline'` is needed for React's style attributes; workers come from our origin
 * (blob: for Vite's inlined workers). 'wasm-unsafe-eval' lets the page compile WebAssembly (the SIMD
 * numeric kernel) and nothing else: JavaScript eval stays forbidden.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** As an HTTP header the policy can also forbid framing (browsers ignore frame-ancestors in <meta>). */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/**
 * Cross-origin isolation, sent with every response of the app's (both servers): the page and its workers
 * get SharedArrayBuffer and shared WebAssembly memories, which the kernel threads need
 * (shared/analysis/kernels/kernelTeam.ts). Everything the app loads is its own, so require-corp blocks
 * nothing it uses.
 */
export const CROSS_ORIGIN_ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

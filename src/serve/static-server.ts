/**
 * A plain static file server, deliberately as dumb as an intranet web server: a path ending in / serves
 * index.html, anything else must exist as a file (no .html guessing), unknown paths get 404.html with status
 * 404. Serves the built site under its base path only, so links that forget the base fail here too.
 *
 * It never serves anything outside its root: the path is decoded once, encoded slashes, backslashes and NUL
 * are refused (400), a `..` segment is refused (400; browsers never send one), and the file's real path —
 * after symlinks — must lie inside the root's real path, or the answer is 404. What is not site content (the
 * stamp build.json, dotfiles: src/lib/served.ts, the one list the README's nginx example is tested against) is
 * 404 too. The same security headers as the nginx example are sent, so the browser tests run under the policy
 * readers get.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CSP_HEADER } from '../lib/csp.ts';
import { contentType } from '../lib/mime.ts';
import { isDenied } from '../lib/served.ts';
import { normalizeBase } from '../lib/urls.ts';

/** Sent with every answer; the nginx example in the README sends the same. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CSP_HEADER,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'SAMEORIGIN',
};

/** What a request path maps to. */
export type Resolution =
  | { kind: 'file'; file: string }
  | { kind: 'redirect'; location: string }
  /** 400: a path no browser sends for a link on this site (encoded slash, backslash, NUL, `..`, malformed). */
  | { kind: 'bad' }
  /** 404 */
  | { kind: 'missing' };

function inside(rootReal: string, p: string): boolean {
  return p === rootReal || p.startsWith(rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep);
}

async function realpathOrNull(p: string): Promise<string | null> {
  try {
    return await realpath(p);
  } catch {
    return null;
  }
}

/**
 * Maps a raw request target (as in the request line: `/showcase/reports/x/?q=1`) to a file inside root.
 * Exported for the unit tests; the server below is a thin shell around it.
 */
export async function resolveRequest(root: string, baseOption: string, rawUrl: string): Promise<Resolution> {
  const base = normalizeBase(baseOption);
  // Absolute-form targets (`http://host/…`) and `*` are proxy requests, not ours.
  if (!rawUrl.startsWith('/')) return { kind: 'bad' };
  const q = rawUrl.search(/[?#]/);
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = q >= 0 && rawUrl[q] === '?' ? rawUrl.slice(q).split('#')[0]! : '';
  // Encoded separators would become path structure only after decoding, where no check expects them.
  if (/%(2f|5c|00)/i.test(rawPath) || rawPath.includes('\\')) return { kind: 'bad' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'bad' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad' };
  const parts = decoded.split('/');
  if (parts.includes('..')) return { kind: 'bad' };
  // Normalise: empty and `.` segments carry no meaning (nginx merges slashes the same way).
  const segs = parts.filter((s) => s !== '' && s !== '.');
  const wantsDir = decoded.endsWith('/') || segs.length === 0;
  const baseSegs = base.split('/').filter(Boolean);
  if (segs.length === baseSegs.length && !wantsDir && segs.every((s, i) => s === baseSegs[i])) {
    return { kind: 'redirect', location: base + safeQuery(query) };
  }
  if (segs.length < baseSegs.length || !baseSegs.every((s, i) => segs[i] === s)) return { kind: 'missing' };
  const rel = segs.slice(baseSegs.length);
  // Bookkeeping (the stamp, a release's .release-complete.json), never part of the site; nginx denies the same.
  if (isDenied(rel)) return { kind: 'missing' };

  // Resolved at every request: root may be a `current` symlink that a deployment switches atomically.
  const rootReal = await realpathOrNull(root);
  if (!rootReal) return { kind: 'missing' };
  const candidate = path.resolve(rootReal, ...rel);
  if (!inside(rootReal, candidate)) return { kind: 'bad' };
  const real = await realpathOrNull(candidate);
  // A symlink leading out of the root is treated as absent: its target is none of the site's business.
  if (!real || !inside(rootReal, real)) return { kind: 'missing' };
  const st = await stat(real);
  if (st.isDirectory()) {
    // Like nginx: a directory asked for without its slash is redirected, never guessed as x.html.
    if (!wantsDir) return { kind: 'redirect', location: `${base}${rel.map(encodeURIComponent).join('/')}/${safeQuery(query)}` };
    const index = await realpathOrNull(path.join(real, 'index.html'));
    if (!index || !inside(rootReal, index) || !(await stat(index)).isFile()) return { kind: 'missing' };
    return { kind: 'file', file: index };
  }
  if (wantsDir || !st.isFile()) return { kind: 'missing' };
  return { kind: 'file', file: real };
}

/** The query string re-serialised, so that a Location header never carries raw bytes from the request. */
function safeQuery(query: string): string {
  if (!query || query === '?') return '';
  const s = new URLSearchParams(query.slice(1)).toString();
  return s ? `?${s}` : '';
}

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

export function serveStatic(opts: {
  root: string;
  base?: string;
  port?: number;
  host?: string;
  /** Send the security headers (CSP and others); on by default, as on the intranet server. */
  securityHeaders?: boolean;
}): Promise<StaticServer> {
  const base = normalizeBase(opts.base);
  const root = path.resolve(opts.root);
  const extra = opts.securityHeaders === false ? {} : SECURITY_HEADERS;

  const sendFile = async (req: http.IncomingMessage, res: http.ServerResponse, file: string, status: number) => {
    const st = await stat(file);
    res.writeHead(status, {
      ...extra,
      'content-type': contentType(file),
      'content-length': st.size,
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const sendPlain = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...extra, 'content-type': 'text/plain; charset=utf-8', ...headers }).end(body);
  };

  const send404 = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const notFound = await realpathOrNull(path.join(root, '404.html'));
    if (notFound) await sendFile(req, res, notFound, 404);
    else sendPlain(res, 404, '404 找不到页面');
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendPlain(res, 405, '405 只支持 GET 和 HEAD', { allow: 'GET, HEAD' });
      return;
    }
    const r = await resolveRequest(root, base, req.url ?? '/');
    switch (r.kind) {
      case 'file':
        return sendFile(req, res, r.file, 200);
      case 'redirect':
        res.writeHead(301, { ...extra, location: r.location }).end();
        return;
      case 'bad':
        sendPlain(res, 400, '400 请求路径无效');
        return;
      case 'missing':
        return send404(req, res);
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendPlain(res, 500, '500 服务器内部错误');
      else res.destroy();
    });
  });
  return new Promise((resolve) => {
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${opts.host ?? '127.0.0.1'}:${port}${base}`,
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            // Keep-alive sockets from a browser would otherwise hold close() open.
            server.closeAllConnections();
          }),
      });
    });
  });
}

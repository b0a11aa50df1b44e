/**
 * The preview server serves its root and nothing else: a sibling folder whose name starts like the root's
 * (dist-secret beside dist), encoded and double-encoded traversal, backslashes, NUL, absolute paths and
 * symlinks out of the root must never reach a file outside it.
 */
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_HEADER, CSP_META } from '../../src/lib/csp.ts';
import { readFileSync } from 'node:fs';
import { DENIED_FILES, isDenied, STAMP_FILE } from '../../src/lib/served.ts';
import { resolveRequest, serveStatic, type StaticServer } from '../../src/serve/static-server.ts';

const SECRET = 'GEHEIM-7f3a';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-static-'));
const dist = path.join(tmp, 'dist');

function write(rel: string, body: string): void {
  const p = path.join(tmp, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, body);
}

beforeAll(() => {
  write('dist/index.html', '<p>首页</p>');
  write('dist/404.html', '<p>找不到</p>');
  write('dist/reports/a/index.html', '<p>报告A</p>');
  write('dist/themes/普惠金融/index.html', '<p>普惠</p>');
  write('dist/_astro/site.css', 'body{}');
  write('dist/pagefind/x.pf_fragment', 'frag');
  write('dist/.release-complete.json', SECRET);
  write('dist/.git/config', SECRET);
  write(`dist/${STAMP_FILE}`, `{"builtAt":"${SECRET}"}`);
  // Only the stamp at the root is bookkeeping; a file of that name deeper down is content.
  write(`dist/reports/a/${STAMP_FILE}`, '{}');
  mkdirSync(path.join(dist, 'empty-dir'));
  // The sibling whose name shares the root's prefix: a plain startsWith check lets it through.
  write('dist-secret/secret.txt', SECRET);
  write('secret.txt', SECRET);
  symlinkSync(path.join(tmp, 'dist-secret'), path.join(dist, 'link-out'));
  symlinkSync(path.join(tmp, 'dist-secret', 'secret.txt'), path.join(dist, 'link-file.txt'));
  symlinkSync('../dist-secret/secret.txt', path.join(dist, 'reports', 'rel-link.txt'));
  symlinkSync(path.join(dist, 'reports'), path.join(dist, 'link-in'));
  // A deployment's `current` symlink as the root.
  symlinkSync(dist, path.join(tmp, 'current'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** Sends the path exactly as written: no client-side normalisation or re-encoding. */
function raw(server: StaticServer, rawPath: string, method = 'GET'): Promise<Answer> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const TRAVERSALS_UNDER_BASE = [
  '/showcase/../dist-secret/secret.txt',
  '/showcase/..%2Fdist-secret%2Fsecret.txt',
  '/showcase/..%2fdist-secret%2fsecret.txt',
  '/showcase/%2e%2e/dist-secret/secret.txt',
  '/showcase/%2E%2E/%2E%2E/secret.txt',
  '/showcase/.%2e/dist-secret/secret.txt',
  '/showcase/..%5cdist-secret%5csecret.txt',
  '/showcase/..%5Cdist-secret%5Csecret.txt',
  '/showcase/..\\dist-secret\\secret.txt',
  '/showcase/%252e%252e%252fdist-secret%252fsecret.txt',
  '/showcase/%252e%252e/dist-secret/secret.txt',
  '/showcase/%25252e%25252e/dist-secret/secret.txt',
  '/showcase/%2Fetc%2Fpasswd',
  '/showcase//etc/passwd',
  '/showcase/' + path.join(tmp, 'dist-secret/secret.txt'),
  '/showcase/link-out/secret.txt',
  '/showcase/link-file.txt',
  '/showcase/reports/rel-link.txt',
  '/showcase/index.html%00.txt',
  '/showcase/reports/a/%00',
  '/showcase/%c0%ae%c0%ae/dist-secret/secret.txt',
  '/showcase/%ff',
  `http://127.0.0.1/showcase/../dist-secret/secret.txt`,
  '/dist-secret/secret.txt',
  '/secret.txt',
  '/showcase/.release-complete.json',
  '/showcase/.git/config',
  '/showcase/%2egit/config',
];

describe('preview server under /showcase/', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serveStatic({ root: dist, base: '/showcase/' });
  });
  afterAll(() => server.close());

  it('serves pages, directory indexes and encoded Chinese paths', async () => {
    expect((await raw(server, '/showcase/')).body).toBe('<p>首页</p>');
    expect((await raw(server, '/showcase/reports/a/')).body).toBe('<p>报告A</p>');
    expect((await raw(server, `/showcase/themes/${encodeURIComponent('普惠金融')}/`)).body).toBe('<p>普惠</p>');
    const css = await raw(server, '/showcase/_astro/site.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('follows a symlink that stays inside the root', async () => {
    const r = await raw(server, '/showcase/link-in/a/');
    expect(r.status).toBe(200);
    expect(r.body).toBe('<p>报告A</p>');
  });

  it('redirects a directory without its slash, and the base without its slash', async () => {
    const r = await raw(server, '/showcase/reports/a?x=1');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/showcase/reports/a/?x=1');
    expect((await raw(server, '/showcase')).headers.location).toBe('/showcase/');
  });

  it('does not guess .html and answers unknown paths with 404.html', async () => {
    const r = await raw(server, '/showcase/reports/a/index');
    expect(r.status).toBe(404);
    expect(r.body).toBe('<p>找不到</p>');
    expect((await raw(server, '/showcase/empty-dir/')).status).toBe(404);
    expect((await raw(server, '/showcase/_astro/site.css/')).status).toBe(404);
  });

  for (const p of TRAVERSALS_UNDER_BASE) {
    it(`never leaks a file outside the root: ${p}`, async () => {
      const r = await raw(server, p);
      expect(r.body).not.toContain(SECRET);
      expect([400, 404]).toContain(r.status);
    });
  }

  it('refuses encoded separators, NUL and `..` with 400, not 404', async () => {
    for (const p of ['/showcase/..%2Fdist-secret%2Fsecret.txt', '/showcase/%2e%2e/x', '/showcase/a%5cb', '/showcase/a%00', '/showcase/../x', '/showcase/a\\b']) {
      expect((await raw(server, p)).status, p).toBe(400);
    }
  });

  it('treats a symlink out of the root as absent', async () => {
    expect((await raw(server, '/showcase/link-out/secret.txt')).status).toBe(404);
    expect((await raw(server, '/showcase/link-file.txt')).status).toBe(404);
  });

  it('sends the security headers the nginx example sends', async () => {
    const r = await raw(server, '/showcase/');
    expect(r.headers['content-security-policy']).toBe(CSP_HEADER);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('same-origin');
    expect((await raw(server, '/showcase/nope/')).headers['content-security-policy']).toBe(CSP_HEADER);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await raw(server, '/showcase/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength('<p>首页</p>')));
    const post = await raw(server, '/showcase/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });
});

/** The `location` blocks of the README's nginx example that answer 404, as written. */
function nginxDenials(): { exact: string[]; regex: string[] } {
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block, 'README.md has an nginx example').toBeDefined();
  const exact: string[] = [];
  const regex: string[] = [];
  for (const m of block!.matchAll(/location\s+(=|~)\s+(\S+)\s*\{\s*return\s+404;\s*\}/g)) (m[1] === '=' ? exact : regex).push(m[2]!);
  return { exact, regex };
}

describe('one list of what is not site content, for the preview server and nginx', () => {
  it('the README’s nginx example denies exactly DENIED_FILES and dotfiles', () => {
    const { exact, regex } = nginxDenials();
    expect(exact.map((l) => l.replace(/^\/showcase\//, '')).sort()).toEqual([...DENIED_FILES].sort());
    expect(exact.every((l) => l.startsWith('/showcase/'))).toBe(true);
    expect(regex).toEqual(['/\\.']);
    // The same rules, applied to paths the way nginx applies the example's blocks.
    const nginxDenies = (uri: string) => exact.includes(uri) || regex.some((r) => new RegExp(r).test(uri));
    for (const rel of [[STAMP_FILE], ['.release-complete.json'], ['.git', 'config'], ['reports', '.x'], ['reports', 'a', STAMP_FILE], ['index.html'], ['reports', 'a', '']]) {
      expect(isDenied(rel.filter(Boolean)), rel.join('/')).toBe(nginxDenies(`/showcase/${rel.join('/')}`));
    }
  });

  it('answers 404 for every denied file, under a base and at the root', async () => {
    for (const base of ['/showcase/', '/']) {
      const server = await serveStatic({ root: dist, base });
      try {
        for (const name of DENIED_FILES) {
          const r = await raw(server, `${base}${name}`);
          expect(r.status, `${base}${name}`).toBe(404);
          expect(r.body).not.toContain(SECRET);
        }
        expect((await raw(server, `${base}reports/a/${STAMP_FILE}`)).status).toBe(200);
      } finally {
        await server.close();
      }
    }
  });
});

describe('preview server at the root (base /)', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serveStatic({ root: dist, base: '/' });
  });
  afterAll(() => server.close());

  for (const p of ['/..%2Fdist-secret%2Fsecret.txt', '/%2e%2e/dist-secret/secret.txt', '/../dist-secret/secret.txt', '/..%5Csecret.txt', '/%252e%252e%252fsecret.txt', '/link-out/secret.txt']) {
    it(`never leaks: ${p}`, async () => {
      const r = await raw(server, p);
      expect(r.body).not.toContain(SECRET);
      expect([400, 404]).toContain(r.status);
    });
  }

  it('serves the site', async () => {
    expect((await raw(server, '/')).body).toBe('<p>首页</p>');
    expect((await raw(server, '/reports/a/')).status).toBe(200);
  });
});

describe('preview server whose root is a `current` symlink', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serveStatic({ root: path.join(tmp, 'current'), base: '/showcase/' });
  });
  afterAll(() => server.close());

  it('serves the release the symlink points at, and still nothing outside it', async () => {
    expect((await raw(server, '/showcase/reports/a/')).body).toBe('<p>报告A</p>');
    expect((await raw(server, '/showcase/link-out/secret.txt')).status).toBe(404);
    expect((await raw(server, '/showcase/..%2F..%2Fsecret.txt')).status).toBe(400);
  });
});

describe('resolveRequest', () => {
  it('maps to real files inside the root only', async () => {
    expect(await resolveRequest(dist, '/showcase/', '/showcase/reports/a/')).toEqual({ kind: 'file', file: path.join(dist, 'reports/a/index.html') });
    expect(await resolveRequest(dist, '/showcase/', '/showcase/pagefind/x.pf_fragment?v=1')).toEqual({ kind: 'file', file: path.join(dist, 'pagefind/x.pf_fragment') });
    expect(await resolveRequest(dist, '/showcase/', '/showcase/./reports//a/')).toEqual({ kind: 'file', file: path.join(dist, 'reports/a/index.html') });
    expect(await resolveRequest(dist, '/showcase/', '/showcasex/reports/a/')).toEqual({ kind: 'missing' });
    expect(await resolveRequest(dist, '/showcase/', '/showcase/link-out/secret.txt')).toEqual({ kind: 'missing' });
    expect(await resolveRequest(path.join(tmp, 'no-such-root'), '/', '/')).toEqual({ kind: 'missing' });
  });

  it('re-serialises the query of a redirect', async () => {
    const r = await resolveRequest(dist, '/showcase/', '/showcase/reports/a?q=%E4%B8%8D%0D%0ALocation:%20x');
    expect(r.kind).toBe('redirect');
    if (r.kind === 'redirect') expect(r.location).not.toMatch(/[\r\n]/);
  });
});

describe('the policy', () => {
  it('is the same in the meta and the header, which adds only frame-ancestors', () => {
    expect(CSP_HEADER).toBe(`${CSP_META}; frame-ancestors 'self'`);
    expect(CSP_META).not.toContain('frame-ancestors');
    expect(CSP_META).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  });
});

/** Reads every page, stylesheet, script and feed of a built site, then runs each check on each reference. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { normalizeBase } from '../lib/urls.ts';
import { checkAnchor } from './checks/anchor.ts';
import { targetFile } from './checks/file.ts';
import { checkHost } from './checks/host.ts';
import { relativeIn404 } from './checks/not-found-page.ts';
import { scanHtml } from './html.ts';
import { inferSite, urlPathOf } from './site.ts';
import { cssUrls, jsImports } from './text.ts';
import type { ExternalLink, Finding, LinkCheckOptions, LinkCheckResult, Problem, Ref } from './types.ts';
import { scanXml } from './xml.ts';

/** All files under dist, as posix paths relative to it. */
function listFiles(dist: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() && !e.isSymbolicLink()) continue;
    out.push(path.relative(dist, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  }
  return out;
}

const FAKE_ORIGIN = 'http://linkcheck.invalid';

export function checkLinks(opts: LinkCheckOptions): LinkCheckResult {
  const started = performance.now();
  const dist = path.resolve(opts.dist);
  const base = normalizeBase(opts.base);
  const files = listFiles(dist);
  const fileSet = new Set(files);
  const ids = new Map<string, Set<string>>();
  const twice = new Map<string, Set<string>>();
  const refs: Ref[] = [];
  let pages = 0;
  let stylesheets = 0;

  for (const f of files) {
    const ext = path.posix.extname(f).toLowerCase();
    if (ext === '.html') {
      pages++;
      const scan = scanHtml(f, readFileSync(path.join(dist, f), 'utf8'));
      ids.set(f, scan.ids);
      twice.set(f, scan.twice);
      refs.push(...scan.refs);
    } else if (ext === '.css') {
      stylesheets++;
      for (const u of cssUrls(readFileSync(path.join(dist, f), 'utf8'))) refs.push({ from: f, url: u, kind: 'asset', where: 'css url()' });
    } else if (ext === '.js' && f.startsWith('_astro/')) {
      for (const u of jsImports(readFileSync(path.join(dist, f), 'utf8'))) refs.push({ from: f, url: u, kind: 'asset', where: 'js import' });
    } else if (ext === '.xml') {
      refs.push(...scanXml(f, readFileSync(path.join(dist, f), 'utf8')));
    }
  }

  const site = opts.site ? new URL(opts.site).origin : inferSite(refs);
  const problems: Problem[] = [];
  const external: ExternalLink[] = [];
  const fail = (r: Ref, f: Finding) => problems.push({ ...r, ...f });

  for (const r of refs) {
    const url = r.url;
    if (url === '' && r.kind !== 'self') continue; // The page itself.
    if (/^(mailto|tel|sms|javascript|data|blob|about):/i.test(url)) continue;
    const in404 = relativeIn404(r);
    if (in404) {
      fail(r, in404);
      continue;
    }
    let target: URL;
    try {
      target = new URL(url, FAKE_ORIGIN + urlPathOf(base, r.from));
    } catch {
      fail(r, { problem: 'bad-url', reason: '不是有效的网址' });
      continue;
    }
    if (target.origin !== FAKE_ORIGIN) {
      const host = checkHost(r, target, site);
      if (!host.own) {
        if (host.finding) fail(r, host.finding);
        if (host.external) external.push(host.external);
        continue;
      }
    }
    const resolved = targetFile(target, base, fileSet);
    if (!('file' in resolved)) {
      fail(r, resolved);
      continue;
    }
    const anchor = checkAnchor(r, target, resolved.file, base, ids, twice);
    if (anchor) fail(r, anchor);
  }

  return { base, site, pages, stylesheets, refs: refs.length, problems, external, ms: performance.now() - started };
}

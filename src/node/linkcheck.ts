/**
 * Offline link check of a built site: every internal reference in every page and stylesheet must resolve to a
 * file in dist/ under the configured base, the way a plain static server resolves it (a URL ending in / needs
 * its index.html, nothing is guessed), and every #fragment must name exactly one element on the target page
 * (a figure's source link, #src-3, must find the sentence that prints it).
 *
 * Why not a crawler such as linkinator: it checks over HTTP, so it needs a server that behaves like the
 * intranet one, it follows redirects that hide a missing trailing slash, and it cannot tell the base from the
 * host. Reading dist/ directly with a real HTML parser (htmlparser2: entities decoded, raw-text elements
 * handled) is exact and takes about a second for the whole site.
 *
 * What is read: a/area href, link href, script src, img/source src and srcset, video poster, iframe/embed src,
 * object data, form action, meta refresh, og:image / og:url / twitter:image and <link rel=canonical> (absolute
 * URLs on the site's own host: their path is checked), inline SVG use href, CSS url() and @import in
 * stylesheets, <style> and style="", relative imports between the bundled scripts in _astro/, and the item
 * links of XML feeds and sitemaps.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { groupInOrder } from '../lib/site-index.ts';
import { normalizeBase } from '../lib/urls.ts';

/** How a reference is used: an asset is loaded by the page itself, so it may never come from another host. */
export type RefKind = 'asset' | 'link' | 'self';

export interface Ref {
  /** dist-relative file the reference is in, posix separators ('reports/x/index.html'). */
  from: string;
  /** As written, after entity decoding. */
  url: string;
  kind: RefKind;
  /** Where it was found, e.g. 'img src', 'css url()'. */
  where: string;
}

export type ProblemKind = 'missing' | 'anchor' | 'anchor-twice' | 'outside-base' | 'no-slash' | 'external-asset' | 'bad-url' | 'foreign-self' | 'relative-in-404';

export interface Problem extends Ref {
  problem: ProblemKind;
  /** Chinese explanation for the operator. */
  reason: string;
}

export interface ExternalLink extends Ref {
  host: string;
}

export interface LinkCheckResult {
  base: string;
  /** Origin of the site's own absolute URLs (og:image, canonical …), given or taken from the pages. */
  site: string | null;
  pages: number;
  stylesheets: number;
  refs: number;
  problems: Problem[];
  /** Links (not assets) to other hosts: intranet readers cannot open them, but they are not broken. */
  external: ExternalLink[];
  ms: number;
}

export interface LinkCheckOptions {
  dist: string;
  base?: string;
  /** The site's absolute address (SHOWCASE_SITE), e.g. http://showcase.bank.local; its origin counts as internal. */
  site?: string;
}

/** meta properties/names whose content is an absolute URL of this site. */
const SELF_META = new Set(['og:image', 'og:image:url', 'og:image:secure_url', 'og:url', 'twitter:image', 'twitter:image:src']);
/** <link rel> values that make the browser load the target. */
const ASSET_RELS = new Set(['stylesheet', 'icon', 'shortcut', 'apple-touch-icon', 'preload', 'modulepreload', 'prefetch', 'manifest', 'mask-icon']);

/** All files under dist, as posix paths relative to it. */
function listFiles(dist: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() && !e.isSymbolicLink()) continue;
    out.push(path.relative(dist, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  }
  return out;
}

/** The URL path a file is served at: pages by their directory, with the trailing slash. */
export function urlPathOf(base: string, file: string): string {
  if (file === 'index.html') return base;
  if (file.endsWith('/index.html')) return `${base}${file.slice(0, -'index.html'.length)}`;
  return base + file;
}

/** srcset candidates: URLs separated by commas, each optionally followed by a descriptor (HTML spec, simplified). */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i]!)) i++;
    if (i >= srcset.length) break;
    let j = i;
    while (j < srcset.length && !/\s/.test(srcset[j]!)) j++;
    let url = srcset.slice(i, j);
    let endsCandidate = false;
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
      endsCandidate = true;
    }
    if (url) urls.push(url);
    i = j;
    if (!endsCandidate) {
      // Skip the descriptor up to the next comma (descriptors never contain one outside parentheses).
      let depth = 0;
      while (i < srcset.length && (srcset[i] !== ',' || depth > 0)) {
        if (srcset[i] === '(') depth++;
        else if (srcset[i] === ')') depth--;
        i++;
      }
    }
  }
  return urls;
}

/** url(...) and @import targets in a piece of CSS. */
export function cssUrls(css: string): string[] {
  const out: string[] = [];
  const noComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of noComments.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi)) out.push((m[1] ?? m[2] ?? m[3] ?? '').trim());
  for (const m of noComments.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) out.push((m[1] ?? m[2] ?? '').trim());
  return out.filter((u) => u !== '');
}

/** Relative module specifiers in a bundled script: static imports, re-exports and literal dynamic imports. */
export function jsImports(js: string): string[] {
  const out: string[] = [];
  const re = /\bimport\s*\(\s*(["'`])([^"'`]+)\1\s*\)|\b(?:import|export)\b[^"'`;()]*?\bfrom\s*(["'])([^"']+)\3|\bimport\s*(["'])([^"']+)\5/g;
  for (const m of js.matchAll(re)) {
    const spec = m[2] ?? m[4] ?? m[6] ?? '';
    // Only paths: bare names would be resolved by a bundler, and the built output has none.
    if (/^\.{1,2}\//.test(spec) || spec.startsWith('/')) out.push(spec);
  }
  return out;
}

interface PageScan {
  ids: Set<string>;
  /** Ids more than one element has: a link to one of them lands on the first, maybe not the one meant. */
  twice: Set<string>;
  refs: Ref[];
}

function scanHtml(file: string, html: string): PageScan {
  const ids = new Set<string>();
  const twice = new Set<string>();
  const refs: Ref[] = [];
  const add = (url: string | undefined, kind: RefKind, where: string) => {
    if (url !== undefined) refs.push({ from: file, url: url.trim(), kind, where });
  };
  let inStyle = false;
  let styleText = '';
  const parser = new Parser(
    {
      onopentag(name, a) {
        for (const id of new Set([a.id, name === 'a' ? a.name : undefined])) {
          if (!id) continue;
          if (ids.has(id)) twice.add(id);
          ids.add(id);
        }
        if (a.style) for (const u of cssUrls(a.style)) add(u, 'asset', `${name} style`);
        switch (name) {
          case 'a':
          case 'area':
            add(a.href, 'link', `${name} href`);
            break;
          case 'link': {
            const rels = (a.rel ?? '').toLowerCase().split(/\s+/);
            if (rels.includes('canonical')) add(a.href, 'self', 'link canonical');
            else add(a.href, rels.some((r) => ASSET_RELS.has(r)) ? 'asset' : 'link', `link ${a.rel ?? ''}`.trim());
            if (a.imagesrcset) for (const u of srcsetUrls(a.imagesrcset)) add(u, 'asset', 'link imagesrcset');
            break;
          }
          case 'script':
            add(a.src, 'asset', 'script src');
            break;
          case 'img':
          case 'source':
          case 'audio':
          case 'track':
          case 'iframe':
          case 'embed':
          case 'input':
            add(a.src, 'asset', `${name} src`);
            if (a.srcset) for (const u of srcsetUrls(a.srcset)) add(u, 'asset', `${name} srcset`);
            break;
          case 'video':
            add(a.src, 'asset', 'video src');
            add(a.poster, 'asset', 'video poster');
            break;
          case 'object':
            add(a.data, 'asset', 'object data');
            break;
          case 'form':
            add(a.action, 'link', 'form action');
            break;
          case 'use':
          case 'image':
            add(a.href ?? a['xlink:href'], 'asset', `${name} href`);
            break;
          case 'meta': {
            const key = (a.property ?? a.name ?? '').toLowerCase();
            if (SELF_META.has(key)) add(a.content, 'self', `meta ${key}`);
            if ((a['http-equiv'] ?? '').toLowerCase() === 'refresh') {
              const m = /url\s*=\s*['"]?([^'"]+)/i.exec(a.content ?? '');
              if (m) add(m[1], 'link', 'meta refresh');
            }
            break;
          }
          case 'style':
            inStyle = true;
            styleText = '';
            break;
        }
      },
      ontext(text) {
        if (inStyle) styleText += text;
      },
      onclosetag(name) {
        if (name === 'style' && inStyle) {
          inStyle = false;
          for (const u of cssUrls(styleText)) add(u, 'asset', 'style url()');
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { ids, twice, refs };
}

/** Item links of an RSS/Atom feed or a sitemap: absolute URLs of the site's own pages. */
function scanXml(file: string, xml: string): Ref[] {
  const refs: Ref[] = [];
  let textOf: string | null = null;
  let text = '';
  const parser = new Parser(
    {
      onopentag(name, a) {
        if ((name === 'link' || name === 'loc' || name === 'guid') && a.ispermalink !== 'false') {
          textOf = name;
          text = '';
        }
        if (name === 'atom:link' || (name === 'link' && a.href)) refs.push({ from: file, url: a.href ?? '', kind: 'self', where: `${name} href` });
        if (name === 'enclosure' && a.url) refs.push({ from: file, url: a.url, kind: 'self', where: 'enclosure url' });
      },
      ontext(t) {
        if (textOf) text += t;
      },
      onclosetag(name) {
        if (textOf === name) {
          const url = text.trim();
          if (/^https?:\/\//i.test(url)) refs.push({ from: file, url, kind: 'self', where: name });
          textOf = null;
        }
      },
    },
    { xmlMode: true, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(xml);
  parser.end();
  return refs;
}

/** The most frequent origin among the pages' own absolute URLs: the site's host when none is given. */
function inferSite(refs: Ref[]): string | null {
  const counts = new Map<string, number>();
  for (const r of refs) {
    if (r.kind !== 'self') continue;
    try {
      const o = new URL(r.url).origin;
      if (o !== 'null') counts.set(o, (counts.get(o) ?? 0) + 1);
    } catch {
      // Not absolute: checked as a path below.
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The base the pages were built for, read from the script and stylesheet paths Astro writes (…/_astro/…). */
export function inferBase(dist: string): string | null {
  let html: string;
  try {
    html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  } catch {
    return null;
  }
  const m = /(?:href|src)="(\/[^"]*?)_astro\//.exec(html);
  return m ? normalizeBase(m[1]) : null;
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
  const fail = (r: Ref, problem: ProblemKind, reason: string) => problems.push({ ...r, problem, reason });

  for (const r of refs) {
    const url = r.url;
    if (url === '' && r.kind !== 'self') continue; // The page itself.
    if (/^(mailto|tel|sms|javascript|data|blob|about):/i.test(url)) continue;
    // 404.html is served at any missing address, so a relative reference in it resolves somewhere else each time.
    if (r.from === '404.html' && r.kind !== 'self' && !/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(url)) {
      fail(r, 'relative-in-404', '404 页面在任何找不到的网址下显示，页面里的相对地址会指向别处，请写成以子路径开头的地址');
      continue;
    }
    let target: URL;
    try {
      target = new URL(url, FAKE_ORIGIN + urlPathOf(base, r.from));
    } catch {
      fail(r, 'bad-url', '不是有效的网址');
      continue;
    }
    const absolute = target.origin !== FAKE_ORIGIN;
    if (absolute) {
      if (!/^https?:$/.test(target.protocol)) {
        if (r.kind === 'asset') fail(r, 'external-asset', `页面加载了 ${target.protocol} 协议的资源，内网读者的浏览器加载不了`);
        continue;
      }
      const own = site !== null && target.origin === site;
      if (r.kind === 'self') {
        if (site !== null && !own) {
          fail(r, 'foreign-self', `站点自己的地址应当在 ${site} 上，这里是 ${target.origin}（检查 SHOWCASE_SITE）`);
          continue;
        }
      } else if (!own) {
        if (r.kind === 'asset') fail(r, 'external-asset', `资源来自其他主机 ${target.host}：内网没有外网，而且内容安全策略只允许本站资源`);
        else external.push({ ...r, host: target.host });
        continue;
      }
    }

    if (!target.pathname.startsWith(base)) {
      fail(r, 'outside-base', `地址不在子路径 ${base} 下，部署到子路径后会找不到`);
      continue;
    }
    let rel: string;
    try {
      rel = target.pathname.slice(base.length).split('/').map(decodeURIComponent).join('/');
    } catch {
      fail(r, 'bad-url', '网址里的百分号编码无效');
      continue;
    }
    let file: string;
    if (rel === '' || rel.endsWith('/')) {
      file = `${rel}index.html`;
      if (!fileSet.has(file)) {
        fail(r, 'missing', `找不到文件 ${file}`);
        continue;
      }
    } else if (fileSet.has(rel)) {
      file = rel;
    } else if (fileSet.has(`${rel}/index.html`)) {
      fail(r, 'no-slash', `这是一个目录，网址要以 / 结尾（${target.pathname}/），否则要多一次跳转，服务器不允许时就找不到`);
      continue;
    } else {
      fail(r, 'missing', `找不到文件 ${rel}`);
      continue;
    }

    const hash = target.hash.slice(1);
    if (hash && file.endsWith('.html')) {
      let id: string;
      try {
        id = decodeURIComponent(hash);
      } catch {
        id = hash;
      }
      // `#top` scrolls to the top even without such an element (HTML spec).
      if (id.toLowerCase() !== 'top' && !ids.get(file)?.has(id)) {
        fail(r, 'anchor', `${file === r.from ? '本页' : `页面 ${urlPathOf(base, file)} `}上没有 id="${id}" 的元素`);
      } else if (twice.get(file)?.has(id)) {
        fail(r, 'anchor-twice', `${file === r.from ? '本页' : `页面 ${urlPathOf(base, file)} `}上不止一个元素的 id 是“${id}”，链接只会到第一个`);
      }
    }
  }

  return { base, site, pages, stylesheets, refs: refs.length, problems, external, ms: performance.now() - started };
}

/** The Chinese report: broken references grouped by target, each with the pages that contain it. */
export function formatReport(res: LinkCheckResult, opts: { maxPagesPerTarget?: number } = {}): string {
  const max = opts.maxPagesPerTarget ?? 5;
  const lines: string[] = [];
  const secs = (res.ms / 1000).toFixed(1);
  lines.push(
    `链接检查：子路径 ${res.base}${res.site ? `，站点 ${res.site}` : ''}；页面 ${res.pages} 个，样式表 ${res.stylesheets} 个，引用 ${res.refs} 处；用时 ${secs} 秒`,
  );
  if (res.problems.length) {
    lines.push('', `✖ 断链 ${res.problems.length} 处：`);
    for (const [, items] of groupInOrder(res.problems, (p) => `${p.problem}\u0000${p.url}\u0000${p.reason}`)) {
      const p = items[0]!;
      const froms = [...new Set(items.map((x) => urlPathOf(res.base, x.from)))];
      const shown = froms.slice(0, max);
      for (const from of shown) lines.push(`  ${from} → ${p.url}`);
      if (froms.length > shown.length) lines.push(`  …另有 ${froms.length - shown.length} 个页面引用了同一地址`);
      lines.push(`    原因：${p.reason}（${p.where}）`);
    }
  } else {
    lines.push('✔ 没有断链。');
  }
  if (res.external.length) {
    const hosts = groupInOrder(res.external, (e) => e.host);
    lines.push('', `提醒：指向其他主机的链接 ${res.external.length} 个（${hosts.size} 个主机），内网读者可能打不开：`);
    for (const [host, items] of hosts) {
      const froms = [...new Set(items.map((x) => urlPathOf(res.base, x.from)))];
      lines.push(`  ${host}：${froms.slice(0, max).join('、')}${froms.length > max ? ` 等 ${froms.length} 个页面` : ''}`);
    }
  }
  return lines.join('\n');
}

/**
 * The offline link checker on small hand-written sites: every kind of reference it reads, resolved like a
 * plain static server under a sub-path, with one deliberate fault per case; and the command's exit codes and
 * Chinese report.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLinks, cssUrls, inferBase, jsImports, srcsetUrls, type LinkCheckResult } from '../../src/linkcheck/index.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'showcase-linkcheck-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A site folder from { 'path/in/dist': content }. */
function site(files: Record<string, string>): string {
  const dist = path.join(tmp, `site-${++n}`);
  for (const [rel, body] of Object.entries(files)) {
    const p = path.join(dist, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, body);
  }
  return dist;
}

const page = (head: string, body: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

/** A correct site under /showcase/ using every kind of reference the checker reads. */
const GOOD: Record<string, string> = {
  'index.html': page(
    '<link rel="stylesheet" href="/showcase/_astro/site.css"><link rel="icon" href="/showcase/brand/logo.svg">' +
      '<script type="module" src="/showcase/_astro/app.js"></script>' +
      '<meta property="og:image" content="http://showcase.test/showcase/cards/home.png">' +
      '<link rel="canonical" href="http://showcase.test/showcase/">' +
      '<link rel="alternate" type="application/rss+xml" href="/showcase/feed.xml">',
    '<a href="#main">跳到正文</a><main id="main">' +
      '<a href="/showcase/reports/a/">报告</a> <a href="reports/a/#fig-1">相对链接与锚点</a> <a href="./reports/a/?q=1">带查询</a>' +
      '<a href="/showcase/themes/%E6%99%AE%E6%83%A0%E9%87%91%E8%9E%8D/">编码的中文</a> <a href="/showcase/themes/普惠金融/">未编码的中文</a>' +
      '<a href="/showcase/cards/home.png" download>下载</a> <a href="#top">回到顶部</a> <a href="mailto:a@b.c">邮件</a> <a href="">本页</a>' +
      '<img src="/showcase/cards/home.png" srcset="/showcase/cards/home.png 1x, /showcase/cards/home@2x.png 2x" alt="">' +
      '<div style="background:url(&quot;/showcase/brand/bg.png&quot;)"></div>' +
      '<svg><use href="/showcase/brand/icons.svg#x"></use></svg>' +
      '<form action="/showcase/search/"><input name="q"></form>' +
      '<style>.x{background:url(/showcase/brand/bg.png)}</style>' +
      '<a href="https://www.example.com/news">外部新闻</a></main>',
  ),
  'reports/a/index.html': page('', '<h1 id="t">报告</h1><figure id="fig-1"></figure><a href="../../">首页</a><a href="/showcase/#main">首页正文</a>'),
  'themes/普惠金融/index.html': page('', '<p>主题</p>'),
  'search/index.html': page('', '<p>搜索</p>'),
  '404.html': page('<link rel="stylesheet" href="/showcase/_astro/site.css">', '<a href="/showcase/">首页</a>'),
  '_astro/site.css': '@import "./more.css";body{background:url(../brand/bg.png)} /* url(/showcase/nothing.png) */',
  '_astro/more.css': '.y{background-image:url("data:image/png;base64,AAAA")}',
  '_astro/app.js': 'import{a as b}from"./chunk.js";const m=()=>import("./lazy.js");',
  '_astro/chunk.js': 'export const a=1;',
  '_astro/lazy.js': 'export default 1;',
  'brand/logo.svg': '<svg/>',
  'brand/bg.png': 'png',
  'brand/icons.svg': '<svg/>',
  'cards/home.png': 'png',
  'cards/home@2x.png': 'png',
  'feed.xml':
    '<?xml version="1.0"?><rss version="2.0"><channel><link>http://showcase.test/showcase/</link>' +
    '<item><link>http://showcase.test/showcase/reports/a/</link><guid isPermaLink="false">x-1</guid></item></channel></rss>',
};

function run(files: Record<string, string>, opts: { base?: string; site?: string } = {}): LinkCheckResult {
  return checkLinks({ dist: site(files), base: opts.base ?? '/showcase/', site: opts.site ?? 'http://showcase.test' });
}

/** The good site with one file replaced or added. */
function withFile(rel: string, body: string): Record<string, string> {
  return { ...GOOD, [rel]: body };
}
function without(rel: string): Record<string, string> {
  const f = { ...GOOD };
  delete f[rel];
  return f;
}

describe('checkLinks on a correct site', () => {
  const res = run(GOOD);

  it('finds nothing broken', () => {
    expect(res.problems).toEqual([]);
  });

  it('reads every page and stylesheet and many references', () => {
    expect(res.pages).toBe(5);
    expect(res.stylesheets).toBe(2);
    expect(res.refs).toBeGreaterThanOrEqual(30);
  });

  it('reports the link to another host without counting it as broken', () => {
    expect(res.external.map((e) => [e.from, e.host])).toEqual([['index.html', 'www.example.com']]);
  });
});

describe('checkLinks finds each fault', () => {
  const cases: [name: string, files: Record<string, string>, expected: { problem: string; from: string; url: RegExp | string }][] = [
    ['a missing page', without('reports/a/index.html'), { problem: 'missing', from: 'index.html', url: '/showcase/reports/a/' }],
    ['a directory without index.html', { ...without('search/index.html'), 'search/x.txt': '' }, { problem: 'missing', from: 'index.html', url: '/showcase/search/' }],
    ['a missing stylesheet', without('_astro/site.css'), { problem: 'missing', from: 'index.html', url: '/showcase/_astro/site.css' }],
    ['a missing script', without('_astro/app.js'), { problem: 'missing', from: 'index.html', url: '/showcase/_astro/app.js' }],
    ['a missing chunk of a script', without('_astro/chunk.js'), { problem: 'missing', from: '_astro/app.js', url: './chunk.js' }],
    ['a missing srcset candidate', without('cards/home@2x.png'), { problem: 'missing', from: 'index.html', url: '/showcase/cards/home@2x.png' }],
    ['a missing CSS url() in a stylesheet', without('brand/bg.png'), { problem: 'missing', from: '_astro/site.css', url: '../brand/bg.png' }],
    ['a missing @import', without('_astro/more.css'), { problem: 'missing', from: '_astro/site.css', url: './more.css' }],
    ['a missing og:image', without('cards/home.png'), { problem: 'missing', from: 'index.html', url: 'http://showcase.test/showcase/cards/home.png' }],
    ['a missing svg use', without('brand/icons.svg'), { problem: 'missing', from: 'index.html', url: '/showcase/brand/icons.svg#x' }],
    ['a missing feed item', withFile('feed.xml', GOOD['feed.xml']!.replace('reports/a/', 'reports/gone/')), { problem: 'missing', from: 'feed.xml', url: 'http://showcase.test/showcase/reports/gone/' }],
    [
      'an anchor missing on another page',
      withFile('reports/a/index.html', GOOD['reports/a/index.html']!.replace('id="fig-1"', 'id="fig-2"')),
      { problem: 'anchor', from: 'index.html', url: 'reports/a/#fig-1' },
    ],
    ['an anchor missing on the same page', withFile('index.html', GOOD['index.html']!.replace('id="main"', 'id="content"')), { problem: 'anchor', from: 'index.html', url: '#main' }],
    [
      'a figure’s source link to a sentence its report page lacks',
      withFile('reports/a/index.html', page('', '<h1 id="t">报告</h1><figure id="fig-1"></figure><a href="#src-1">216.66亿元</a><p><span id="src-2">存款余额216.66亿元。</span></p>')),
      { problem: 'anchor', from: 'reports/a/index.html', url: '#src-1' },
    ],
    [
      'an anchor two elements share',
      withFile('reports/a/index.html', page('', '<h1 id="t">报告</h1><figure id="fig-1"></figure><a href="#src-1">216.66亿元</a><p id="src-1">伪造</p><p><span id="src-1">存款余额216.66亿元。</span></p>')),
      { problem: 'anchor-twice', from: 'reports/a/index.html', url: '#src-1' },
    ],
    [
      'a link that forgets the base',
      withFile('reports/a/index.html', page('', '<a href="/reports/a/">忘了子路径</a>')),
      { problem: 'outside-base', from: 'reports/a/index.html', url: '/reports/a/' },
    ],
    [
      'a relative link climbing above the base',
      withFile('reports/a/index.html', page('', '<a href="../../../other/">太多的 ..</a>')),
      { problem: 'outside-base', from: 'reports/a/index.html', url: '../../../other/' },
    ],
    [
      'a directory link without its trailing slash',
      withFile('reports/a/index.html', page('', '<a href="/showcase/search">没有斜杠</a>')),
      { problem: 'no-slash', from: 'reports/a/index.html', url: '/showcase/search' },
    ],
    [
      'a page link guessed as .html',
      withFile('reports/a/index.html', page('', '<a href="/showcase/search.html">猜 .html</a>')),
      { problem: 'missing', from: 'reports/a/index.html', url: '/showcase/search.html' },
    ],
    [
      'an image from another host',
      withFile('reports/a/index.html', page('', '<img src="https://cdn.example.com/x.png" alt="">')),
      { problem: 'external-asset', from: 'reports/a/index.html', url: 'https://cdn.example.com/x.png' },
    ],
    [
      'a protocol-relative script',
      withFile('reports/a/index.html', page('<script src="//cdn.example.com/x.js"></script>', '')),
      { problem: 'external-asset', from: 'reports/a/index.html', url: '//cdn.example.com/x.js' },
    ],
    [
      'a stylesheet from another host',
      withFile('reports/a/index.html', page('<link rel="stylesheet" href="https://fonts.example.com/css">', '')),
      { problem: 'external-asset', from: 'reports/a/index.html', url: 'https://fonts.example.com/css' },
    ],
    [
      'an iframe from another host',
      withFile('reports/a/index.html', page('', '<iframe src="https://video.example.com/embed/1"></iframe>')),
      { problem: 'external-asset', from: 'reports/a/index.html', url: 'https://video.example.com/embed/1' },
    ],
    [
      'a CSS font from another host',
      withFile('_astro/more.css', '@font-face{src:url(https://fonts.example.com/a.woff2)}'),
      { problem: 'external-asset', from: '_astro/more.css', url: 'https://fonts.example.com/a.woff2' },
    ],
    [
      'an og:image on the wrong host',
      withFile('index.html', GOOD['index.html']!.replace('http://showcase.test/showcase/cards', 'http://localhost:4321/showcase/cards')),
      { problem: 'foreign-self', from: 'index.html', url: /^http:\/\/localhost:4321\// },
    ],
    [
      'a relative address in the 404 page',
      withFile('404.html', page('<link rel="stylesheet" href="_astro/site.css">', '')),
      { problem: 'relative-in-404', from: '404.html', url: '_astro/site.css' },
    ],
    [
      'a malformed percent-encoding',
      withFile('reports/a/index.html', page('', '<a href="/showcase/%E6%99/">坏编码</a>')),
      { problem: 'bad-url', from: 'reports/a/index.html', url: '/showcase/%E6%99/' },
    ],
  ];

  for (const [name, files, want] of cases) {
    it(name, () => {
      const res = run(files);
      const hit = res.problems.find((p) => p.problem === want.problem && p.from === want.from && (typeof want.url === 'string' ? p.url === want.url : want.url.test(p.url)));
      expect(hit, JSON.stringify(res.problems, null, 1)).toBeDefined();
      expect(hit!.reason).toMatch(/\p{Script=Han}/u);
    });
  }

  it('decodes entities in attributes before resolving', () => {
    const res = run(withFile('reports/a/index.html', page('', '<figure id="fig-1"></figure><a href="/showcase/reports/a/?x=1&amp;y=2#fig&#45;1">实体</a>')));
    expect(res.problems).toEqual([]);
    const bad = run(withFile('reports/a/index.html', page('', '<figure id="fig-1"></figure><a href="/showcase/reports/a/#fig&#45;9">实体</a>')));
    expect(bad.problems.map((p) => p.url)).toEqual(['/showcase/reports/a/#fig-9']);
  });

  it('ignores URLs inside scripts and comments', () => {
    const res = run(withFile('reports/a/index.html', page('<script type="module" src="/showcase/_astro/app.js"></script>', '<figure id="fig-1"></figure><!-- <a href="/showcase/gone/">x</a> --><script>const u = "<a href=\\"/showcase/gone/\\">";</script>')));
    expect(res.problems).toEqual([]);
  });

  it('checks a site built at the root', () => {
    const res = checkLinks({ dist: site({ 'index.html': page('', '<a href="/a/">A</a><a href="/b/">B</a>'), 'a/index.html': page('', '') }), base: '/', site: 'http://x.test' });
    expect(res.problems.map((p) => [p.problem, p.url])).toEqual([['missing', '/b/']]);
  });
});

describe('parsers', () => {
  it('srcset: candidates with descriptors; a comma ends a URL only at its end (HTML spec)', () => {
    expect(srcsetUrls('a.png 1x, b.png 2x')).toEqual(['a.png', 'b.png']);
    expect(srcsetUrls(' a.png, b.png 480w ,c.png')).toEqual(['a.png', 'b.png', 'c.png']);
    expect(srcsetUrls('x.png?a=1,2 1x,y.png 2x')).toEqual(['x.png?a=1,2', 'y.png']);
    expect(srcsetUrls('f.png 1x (min-width: 1px, 2px), g.png')).toEqual(['f.png', 'g.png']);
  });

  it('CSS: url() in its three spellings and @import, not in comments', () => {
    expect(cssUrls('a{b:url(x.png)} c{d:url( "y.png" )} e{f:url(\'z.png\')} @import "i.css"; /* url(no.png) */')).toEqual(['x.png', 'y.png', 'z.png', 'i.css']);
  });

  it('JS: relative static, re-export and dynamic imports only', () => {
    expect(jsImports('import{a}from"./a.js";export*from"../b.js";import"./c.js";const d=import("./d.js");import e from"chart.js";')).toEqual(['./a.js', '../b.js', './c.js', './d.js']);
  });

  it('infers the base from the asset paths of index.html', () => {
    expect(inferBase(site(GOOD))).toBe('/showcase/');
    expect(inferBase(site({ 'index.html': page('<script src="/_astro/a.js"></script>', '') }))).toBe('/');
    expect(inferBase(path.join(tmp, 'nothing-here'))).toBeNull();
  });
});

describe('scripts/linkcheck.ts', () => {
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['scripts/linkcheck.ts', ...args], { encoding: 'utf8', env: { ...process.env, SHOWCASE_BASE: '', SHOWCASE_SITE: '' } });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };

  it('exits 0 on a correct site and says so in Chinese', () => {
    const r = cli(site(GOOD), '--base', '/showcase/', '--site', 'http://showcase.test');
    expect(r.out).toContain('没有断链');
    expect(r.out).toContain('www.example.com');
    expect(r.code).toBe(0);
  });

  it('exits 1 with the page → target list', () => {
    const r = cli(site(without('reports/a/index.html')), '--base=/showcase/', '--site=http://showcase.test');
    expect(r.code).toBe(1);
    expect(r.out).toContain('断链');
    expect(r.out).toContain('/showcase/ → /showcase/reports/a/');
    expect(r.out).toContain('找不到文件 reports/a/index.html');
  });

  it('infers the base when none is given', () => {
    const r = cli(site(without('search/index.html')));
    expect(r.code).toBe(1);
    expect(r.out).toContain('子路径 /showcase/');
  });

  it('counts links to other hosts as errors with --strict', () => {
    expect(cli(site(GOOD), '--base', '/showcase/', '--strict').code).toBe(1);
  });

  it('exits 2 without a built site or with a bad option', () => {
    expect(cli(path.join(tmp, 'nothing-here')).code).toBe(2);
    expect(cli(site(GOOD), '--nope').code).toBe(2);
  });
});

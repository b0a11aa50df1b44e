/**
 * The data downloads of the built site, fetched from the plain static server under the sub-path: CSV that Excel
 * opens (BOM, parses, Chinese intact), JSON of the same rows, as many rows as the page each file belongs to shows
 * figures, sentence URLs into the site under the base, nothing from a draft or an embargoed report, and the
 * 数据下载 page listing every file with links that work.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DomUtils, parseDocument } from 'htmlparser2';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { unescapeCell } from '../../src/lib/downloads.ts';
import { loadContent } from '../helpers/content.ts';
import { BASE, SITE } from './global-setup.ts';

const distDir = inject('distDir');
const contentDir = inject('contentDir');
const siteUrl = inject('siteUrl');

type Node = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.findAll>[number];

function page(rel: string): Node {
  return parseDocument(readFileSync(path.join(distDir, rel, 'index.html'), 'utf8'));
}
function all(root: Node | Element, test: (e: Element) => boolean): Element[] {
  return DomUtils.findAll(test, 'children' in root ? root.children : []);
}
const hasClass = (cls: string) => (e: Element) => (e.attribs.class ?? '').split(/\s+/).includes(cls);
const dirs = (rel: string) =>
  readdirSync(path.join(distDir, rel), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'page').map((d) => d.name);

interface Json {
  name: string;
  columns: { key: string; header: string }[];
  rows: Record<string, string | number | boolean | null>[];
}

/** Every download file in dist/data, relative to dist. */
function dataFiles(): string[] {
  return (readdirSync(path.join(distDir, 'data'), { recursive: true }) as string[])
    .filter((f) => /\.(csv|json)$/.test(f))
    .map((f) => `data/${f.split(path.sep).join('/')}`)
    .sort();
}

async function fetchBytes(rel: string): Promise<{ bytes: Buffer; type: string | null }> {
  const res = await fetch(siteUrl + rel);
  expect(res.status, rel).toBe(200);
  return { bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

const csvCache = new Map<string, string[][]>();
async function csv(rel: string): Promise<string[][]> {
  let records = csvCache.get(rel);
  if (!records) {
    const { bytes } = await fetchBytes(rel);
    records = parse(bytes, { bom: true }) as string[][];
    csvCache.set(rel, records);
  }
  return records;
}
async function json(rel: string): Promise<Json> {
  return JSON.parse((await fetchBytes(rel)).bytes.toString('utf8')) as Json;
}
/** Header → index of a CSV's columns. */
const col = (records: string[][], header: string) => records[0]!.indexOf(header);

/** The figures a report page shows in its figures panel. */
const reportFigures = new Map<string, number>();
function figuresOf(slug: string): number {
  let n = reportFigures.get(slug);
  if (n === undefined) {
    const panel = all(page(`reports/${slug}`), hasClass('metrics-panel'))[0];
    n = panel ? all(panel, hasClass('metric')).length : 0;
    reportFigures.set(slug, n);
  }
  return n;
}

let unpublished: { slug: string; title: string }[] = [];
let files: string[] = [];

beforeAll(async () => {
  const { model } = await loadContent({ contentDir });
  unpublished = model.reports.filter((r) => !r.published).map((r) => ({ slug: r.slug, title: r.title }));
  files = dataFiles();
});

describe('the files', () => {
  it('there is a site file, one per ranking page and one per organisation page, each as CSV and JSON', () => {
    const metrics = dirs('metrics');
    const orgs = dirs('orgs');
    expect(metrics.length).toBeGreaterThan(5);
    expect(orgs.length).toBeGreaterThan(5);
    const expected = [
      'data/figures.csv', 'data/figures.json',
      ...metrics.flatMap((k) => [`data/metrics/${k}.csv`, `data/metrics/${k}.json`]),
      ...orgs.flatMap((id) => [`data/orgs/${id}.csv`, `data/orgs/${id}.json`]),
    ].sort();
    expect(files).toEqual(expected);
  });

  it('every CSV starts with the UTF-8 BOM, uses CRLF, is served as text/csv and parses with Chinese headers', async () => {
    for (const rel of files.filter((f) => f.endsWith('.csv'))) {
      const { bytes, type } = await fetchBytes(rel);
      expect([...bytes.subarray(0, 3)], rel).toEqual([0xef, 0xbb, 0xbf]);
      expect(type).toBe('text/csv; charset=utf-8');
      const text = bytes.toString('utf8');
      expect(text.endsWith('\r\n'), rel).toBe(true);
      const records = await csv(rel);
      expect(records[0]!.slice(0, 4), rel).toEqual(['机构', '机构代码', '报告', '标题']);
      expect(records.every((r) => r.length === records[0]!.length), rel).toBe(true);
    }
  });

  it('the Chinese is intact: the site file has every published report title and printed figure of a sample report', async () => {
    const records = await csv('data/figures.csv');
    const doc = page('reports/jiexiu-2025q1');
    const title = DomUtils.textContent(all(doc, (e) => e.name === 'h1')[0]!).trim();
    const rows = records.filter((r) => r[col(records, '报告')] === 'jiexiu-2025q1');
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[col(records, '标题')]))).toEqual(new Set([title]));
    expect(rows.map((r) => r[col(records, '机构')])).toContain('介休农商银行');
    const printed = all(doc, hasClass('metric')).map((e) => e.attribs['data-figure']);
    expect(rows.map((r) => unescapeCell(r[col(records, '印的数字')]!)).sort()).toEqual([...printed].sort());
  });

  it('each JSON holds the same rows as its CSV', async () => {
    for (const rel of files.filter((f) => f.endsWith('.json'))) {
      const doc = await json(rel);
      const records = await csv(rel.replace(/\.json$/, '.csv'));
      expect(doc.columns.map((c) => c.header), rel).toEqual(records[0]);
      const cells = doc.rows.map((r) =>
        doc.columns.map(({ key }) => {
          const v = r[key];
          return v === null ? '' : typeof v === 'boolean' ? (v ? '是' : '') : String(v);
        }),
      );
      expect(records.slice(1).map((r) => r.map(unescapeCell)), rel).toEqual(cells);
    }
  });
});

describe('rows are the figures the pages show', () => {
  it('a ranking file has a row per row of its ranking page’s tables, same organisations and printed figures in order', async () => {
    for (const key of dirs('metrics')) {
      const doc = page(`metrics/${key}`);
      const trs = all(doc, (e) => e.name === 'tr' && e.parent?.type === 'tag' && (e.parent as Element).name === 'tbody' && all(e, hasClass('num')).length > 0);
      const shown = trs.map((tr) => {
        const org = DomUtils.textContent(all(tr, (e) => e.name === 'th')[0]!).trim();
        const figure = DomUtils.textContent(all(tr, hasClass('num'))[0]!).trim();
        return `${org}|${figure}`;
      });
      const records = await csv(`data/metrics/${key}.csv`);
      const rows = records.slice(1).map((r) => `${r[col(records, '机构')]}|${unescapeCell(r[col(records, '印的数字')]!)}`);
      expect(rows, key).toEqual(shown);
      expect(records.slice(1).every((r) => r[col(records, '指标代码')] === key), key).toBe(true);
    }
  });

  it('an organisation file has every figure of the reports its pages list', async () => {
    for (const id of dirs('orgs')) {
      const listed: string[] = [];
      for (let p = 1, rel = `orgs/${id}`; ; p++, rel = `orgs/${id}/page/${p}`) {
        let doc: Node;
        try {
          doc = page(rel);
        } catch {
          break;
        }
        for (const a of all(doc, (e) => e.name === 'a' && e.parent?.type === 'tag' && hasClass('report-item-title')(e.parent as Element))) {
          listed.push(/\/reports\/([^/]+)\/$/.exec(a.attribs.href ?? '')![1]!);
        }
      }
      const records = await csv(`data/orgs/${id}.csv`);
      expect(records.length - 1, id).toBe(listed.reduce((n, slug) => n + figuresOf(slug), 0));
      expect(new Set(records.slice(1).map((r) => r[col(records, '报告')])), id).toEqual(new Set(listed.filter((s) => figuresOf(s) > 0)));
      expect(new Set(records.slice(1).map((r) => r[col(records, '机构代码')])).size <= 1, id).toBe(true);
    }
  });

  it('the site file has every figure of every report page', async () => {
    const slugs = dirs('reports');
    const records = await csv('data/figures.csv');
    expect(records.length - 1).toBe(slugs.reduce((n, s) => n + figuresOf(s), 0));
    expect(records.length - 1).toBeGreaterThan(100);
  });
});

describe('nothing unpublished', () => {
  it('the fixture’s draft and embargoed reports are known to be unpublished', () => {
    expect(unpublished.map((r) => r.slug)).toEqual(expect.arrayContaining(['shili-draft-2025q3', 'shili-embargo-2031']));
  });

  it('no download names a draft or an embargoed report', () => {
    for (const rel of files) {
      const text = readFileSync(path.join(distDir, rel), 'utf8');
      for (const r of unpublished) {
        expect(text.includes(r.slug), `${rel}: ${r.slug}`).toBe(false);
        expect(text.includes(r.title), `${rel}: ${r.title}`).toBe(false);
      }
    }
  });
});

describe('sentence URLs', () => {
  it('point to a figure of a report page of this site, under the base', async () => {
    const doc = await json('data/figures.json');
    const prefix = `${SITE}${BASE}reports/`;
    for (const row of doc.rows) {
      const url = String(row.url);
      expect(url.startsWith(prefix), url).toBe(true);
      const m = /^([^/]+)\/#(src|note)-(\d+)$/.exec(url.slice(prefix.length));
      expect(m, url).not.toBeNull();
      const [, slug, kind, n] = m!;
      expect(slug).toBe(row.report);
      expect(kind === 'note').toBe(row.derived);
      expect(statSync(path.join(distDir, 'reports', slug!, 'index.html')).isFile()).toBe(true);
      expect(Number(n)).toBeGreaterThanOrEqual(1);
      expect(Number(n)).toBeLessThanOrEqual(figuresOf(slug!));
    }
  });

  it('name an element of the report page once report pages carry figure anchors', () => {
    const doc = readFileSync(path.join(distDir, 'data/figures.json'), 'utf8');
    const rows = (JSON.parse(doc) as Json).rows;
    for (const slug of new Set(rows.map((r) => String(r.report)))) {
      const ids = new Set(all(page(`reports/${slug}`), (e) => !!e.attribs.id).map((e) => e.attribs.id));
      // The anchors are the report page's (src/lib/figure-source.ts); until a page has any, there is nothing to match.
      if (![...ids].some((id) => /^(src|note)-\d+$/.test(id!))) continue;
      for (const r of rows.filter((x) => x.report === slug)) expect(ids.has(String(r.url).split('#')[1]), String(r.url)).toBe(true);
    }
  });
});

describe('the 数据下载 page', () => {
  const doc = () => page('data');

  it('lists every file with its row count and size, and every link works', async () => {
    const links = all(doc(), (e) => e.name === 'a' && /\.(csv|json)$/.test(e.attribs.href ?? ''));
    const hrefs = links.map((a) => a.attribs.href!);
    expect(hrefs.map((h) => h.slice(BASE.length)).sort()).toEqual(files);
    for (const a of links) {
      const rel = a.attribs.href!.slice(BASE.length);
      expect(a.attribs.href!.startsWith(BASE)).toBe(true);
      expect(a.attribs.download, rel).toMatch(/\.(csv|json)$/);
      expect(Number(a.attribs['data-bytes']), rel).toBe(statSync(path.join(distDir, rel)).size);
      const { bytes } = await fetchBytes(rel);
      expect(bytes.length, rel).toBe(Number(a.attribs['data-bytes']));
    }
    for (const tr of all(doc(), (e) => e.name === 'tr' && !!e.attribs['data-download-set'])) {
      const csvHref = all(tr, (e) => e.name === 'a' && /\.csv$/.test(e.attribs.href ?? ''))[0]!.attribs.href!;
      const rows = Number(all(tr, (e) => !!e.attribs['data-rows'])[0]!.attribs['data-rows']);
      expect(rows, csvHref).toBe((await csv(csvHref.slice(BASE.length))).length - 1);
    }
  });

  it('says how to open the files in Excel and WPS, and is in the navigation of every page', () => {
    const text = DomUtils.textContent(doc());
    expect(text).toContain('Excel');
    expect(text).toContain('WPS');
    for (const rel of ['', 'reports', 'metrics', 'data']) {
      const nav = all(page(rel), (e) => e.name === 'nav')[0]!;
      expect(all(nav, (e) => e.name === 'a').map((a) => a.attribs.href), rel).toContain(`${BASE}data/`);
    }
  });

  it('each ranking page and organisation page links to its own CSV and JSON', () => {
    const check = (rel: string, file: string) => {
      const hrefs = all(page(rel), (e) => e.name === 'a' && !!e.attribs['data-download']).map((a) => a.attribs.href);
      expect(hrefs, rel).toEqual([`${BASE}${file}.csv`, `${BASE}${file}.json`]);
    };
    for (const key of dirs('metrics')) check(`metrics/${key}`, `data/metrics/${key}`);
    for (const id of dirs('orgs')) check(`orgs/${id}`, `data/orgs/${id}`);
  });
});

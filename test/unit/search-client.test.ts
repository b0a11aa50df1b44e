import { describe, expect, it } from 'vitest';
import { search, type PagefindShard, type SearchIndex } from '../../src/search/client.ts';
import { scoreExactness } from '../helpers/search-exactness.ts';
import { indexStream } from '../../src/search/text.ts';

interface Page {
  url: string;
  title: string;
  date: string;
  text: string;
  filters: Record<string, string>;
}

/**
 * Stands in for a Pagefind shard with the properties the client relies on: a quoted query finds the pages
 * whose token stream has those tokens next to each other in that order; an unquoted one, the pages that have
 * every token; results newest first. Records how it was asked and which records were read.
 */
function fakeShard(pages: Page[], log: { asked: (string | null)[]; read: string[] }): PagefindShard {
  return {
    search: async (q, o) => {
      log.asked.push(q);
      const phrase = q && /^".*"$/.test(q) ? q.slice(1, -1).split(' ') : undefined;
      const want = q && !phrase ? q.split(' ') : [];
      const results = pages
        .filter((p) => {
          const stream = indexStream(`${p.title}\n摘要\n\n${p.text}`);
          const has = phrase ? stream.some((_, i) => phrase.every((t, k) => stream[i + k] === t)) : want.every((t) => stream.includes(t));
          return has && Object.entries(o?.filters ?? {}).every(([k, v]) => p.filters[k] === v);
        })
        .sort((a, b) => b.date.localeCompare(a.date))
        .map((p) => ({
          id: p.url,
          data: async () => {
            log.read.push(p.url);
            return { url: p.url, meta: { title: p.title, date: p.date, org: '示例农商银行', summary: '摘要', text: `${p.title}\n摘要\n\n${p.text}` } };
          },
        }));
      return { results };
    },
  };
}

/** An index of one shard per list, newest first. */
function fakeIndex(...shards: Page[][]): SearchIndex & { asked: (string | null)[]; read: string[] } {
  const log = { asked: [] as (string | null)[], read: [] as string[] };
  return { ...log, shards: shards.map((s) => fakeShard(s, log)), get asked() { return log.asked; }, get read() { return log.read; } };
}

const pages: Page[] = [
  { url: '/r/a/', title: '清收简讯', date: '2024-05-01', text: '该行不良贷款清收成效明显。', filters: { 地区: '山西' } },
  { url: '/r/b/', title: '存贷简讯', date: '2025-03-01', text: '不良率下降，贷款增加，清收有力。', filters: { 地区: '山西' } },
  { url: '/r/c/', title: '不良贷款清收', date: '2023-01-01', text: '不良\n贷款清收：不良贷款、不良贷款。', filters: { 地区: '湖南' } },
];

describe('search client', () => {
  it('finds exactly the pages containing the phrase, newest first, with the phrase marked', async () => {
    const idx = fakeIndex(pages);
    const { hits, total, candidates } = await search(idx, '不良贷款');
    expect([total, candidates]).toEqual([2, 2]);
    expect(hits.map((h) => h.url)).toEqual(['/r/a/', '/r/c/']);
    expect(hits[0]!.excerptHtml).toContain('<mark>不良贷款</mark>');
  });

  it('cuts the excerpt from the summary and body, not the title shown above it', async () => {
    const page: Page = { url: '/r/d/', title: '清收工作简讯', date: '2025-01-01', text: '正文开头。该行清收有力。', filters: {} };
    const { hits } = await search(fakeIndex([page]), '清收');
    expect(hits[0]!.excerptHtml).toBe('摘要 正文开头。该行<mark>清收</mark>有力。');
  });

  it('does not find a page that has the pairs but not the phrase, nor a phrase across punctuation', async () => {
    const trap: Page = { url: '/r/t/', title: '陷阱', date: '2025-01-01', text: '贷款不良，不良贷。金融，2025年', filters: {} };
    expect((await search(fakeIndex([trap]), '不良贷款')).total).toBe(0);
    expect((await search(fakeIndex([trap]), '金融2025')).total).toBe(0);
    expect((await search(fakeIndex([trap]), '2025年')).total).toBe(1);
  });

  it('counts every hit exactly but reads only the page shown; more() reads the next page', async () => {
    const many: Page[] = Array.from({ length: 45 }, (_, i) => ({ url: `/r/${i}/`, title: `简讯${i}`, date: `2025-01-${String(1 + (i % 28)).padStart(2, '0')}`, text: '普惠金融服务', filters: {} }));
    const idx = fakeIndex(many);
    const out = await search(idx, '普惠金融', {}, 'date', 20);
    expect(out.total).toBe(45);
    expect(out.hits).toHaveLength(20);
    expect(idx.read).toHaveLength(20);
    const next = await out.more();
    expect(next).toHaveLength(20);
    expect((await out.more()).length).toBe(5);
    expect(await out.more()).toEqual([]);
    const dates = [...out.hits, ...next].map((h) => h.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('lists the shards in their order: the newest shard’s hits first', async () => {
    const older: Page[] = [{ url: '/r/old/', title: '旧', date: '2023-05-01', text: '清收', filters: {} }];
    const newer: Page[] = [{ url: '/r/new/', title: '新', date: '2025-05-01', text: '清收', filters: {} }];
    expect((await search(fakeIndex(newer, older), '清收')).hits.map((h) => h.url)).toEqual(['/r/new/', '/r/old/']);
  });

  it('confirms on the text a term tokens cannot say exactly', async () => {
    const p: Page[] = [
      { url: '/r/x/', title: '甲', date: '2025-01-01', text: '截至3月底', filters: {} },
      { url: '/r/y/', title: '乙', date: '2025-01-02', text: '截至3月末', filters: {} },
      { url: '/r/z/', title: '丙', date: '2025-01-03', text: '近3个月', filters: {} },
    ];
    const out = await search(fakeIndex(p), '3月');
    expect(out.hits.map((h) => h.url).sort()).toEqual(['/r/x/', '/r/y/']);
    expect(out.total).toBe(2);
    expect(out.candidates).toBe(3);
  });

  it('sorts by relevance on request and combines terms and filters', async () => {
    expect((await search(fakeIndex(pages), '不良贷款', {}, 'relevance')).hits.map((h) => h.url)).toEqual(['/r/c/', '/r/a/']);
    expect((await search(fakeIndex(pages), '清收', { 地区: '山西' })).hits.map((h) => h.url)).toEqual(['/r/b/', '/r/a/']);
    expect((await search(fakeIndex(pages), '清收 不良贷款', { 地区: '山西' })).hits.map((h) => h.url)).toEqual(['/r/a/']);
  });

  it('lists a filter without a query, and asks nothing for an empty query', async () => {
    const idx = fakeIndex(pages);
    expect((await search(idx, '', { 地区: '湖南' })).hits.map((h) => h.url)).toEqual(['/r/c/']);
    expect(idx.asked).toEqual([null]);
    expect((await search(idx, '，。', {})).hits).toEqual([]);
    expect(idx.asked).toHaveLength(1);
  });
});

describe('exactness score', () => {
  it('compares by path and reports what is missing and extra', () => {
    const s = scoreExactness(['/showcase/reports/a/', '/showcase/reports/b/'], ['http://h:1/showcase/reports/a/', '/showcase/reports/c/']);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
    expect(s.missing).toEqual(['/showcase/reports/b/']);
    expect(s.extra).toEqual(['/showcase/reports/c/']);
    expect(scoreExactness([], [])).toMatchObject({ precision: 1, recall: 1 });
  });
});

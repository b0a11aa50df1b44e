/**
 * Runs a search in the browser. The index is in shards by date (src/search/index-build.ts), each a Pagefind
 * bundle; every term of the query is asked of every shard as an exact phrase of index tokens (phraseTokens),
 * which Pagefind answers exactly from its word positions, newest first. So the count is exact without reading
 * any report's text, and only the reports shown are loaded, a page at a time, for their excerpts.
 *
 * A term that tokens cannot say exactly (punctuation inside, a lone character next to a word) is asked by its
 * tokens, and each candidate is confirmed on its real text. Sorting by relevance reads every hit's text too,
 * since relevance counts occurrences in the title, summary and body.
 */
import { FILTERS } from './filters.ts';
import { containsTerms, excerptHtml, normalizeWithMap, parseQuery, phraseTokens, relevance, termTokens } from './text.ts';

/** Filter values by filter name (机构, 地区, 主题, 年份); empty or missing means no restriction. */
export type SearchFilters = Partial<Record<(typeof FILTERS)[keyof typeof FILTERS], string>>;

export type SearchSort = 'date' | 'relevance';

/** Hits loaded at a time. */
export const PAGE_SIZE = 20;

/** One confirmed result. */
export interface Hit {
  /** Base-prefixed URL of the report page. */
  url: string;
  title: string;
  org: string;
  /** YYYY-MM-DD */
  date: string;
  summary: string;
  /** Escaped HTML: the real text around the match with the terms in <mark>, or the summary. */
  excerptHtml: string;
  /** Higher is more relevant; 0 when searching by filters alone or by date. */
  score: number;
}

/** What a search found. */
export interface SearchOutcome {
  /** How many reports match: exact. */
  total: number;
  /** Records Pagefind proposed; equal to total unless some term had to be confirmed on the text. */
  candidates: number;
  /** The first hits, up to the page size asked for. */
  hits: Hit[];
  /** The next hits in order, up to `n` (the page size by default); none once all are shown. */
  more: (n?: number) => Promise<Hit[]>;
}

export interface PagefindRecord {
  url: string;
  meta: Record<string, string | undefined>;
}

export interface PagefindResult {
  id: string;
  data: () => Promise<PagefindRecord>;
}

/** One Pagefind bundle: the part of Pagefind's browser API (an instance of createInstance) used here. */
export interface PagefindShard {
  search: (
    q: string | null,
    o?: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> },
  ) => Promise<{ results: PagefindResult[] } | null>;
}

/** The shards of the index, newest first. */
export interface SearchIndex {
  shards: PagefindShard[];
}

interface PagefindModule {
  createInstance: (o: { basePath: string; baseUrl: string }) => PagefindShard & {
    init: () => Promise<void>;
    preload: (term: string) => Promise<void>;
  };
}

type OpenShard = ReturnType<PagefindModule['createInstance']>;

/**
 * Opens the index written by buildSearchIndex under `<base>pagefind/`, on the reader's own host. Each shard is
 * opened with its own copy of Pagefind's script: one script's instances share a WebAssembly memory, and a second
 * bundle loaded into it reads the first one's chunks out of bounds (with Pagefind's worker or without it: at
 * 5,000 reports in 14 shards, a query failed with "memory access out of bounds" either way).
 */
export async function loadSearchIndex(base: string): Promise<SearchIndex & { shards: OpenShard[] }> {
  const root = `${base}pagefind/`;
  const manifest = await fetch(`${root}shards.json`).then((r) => {
    if (!r.ok) throw new Error(`检索索引目录读取失败（${r.status}）`);
    return r.json() as Promise<{ shards: { name: string }[] }>;
  });
  const shards = await Promise.all(
    manifest.shards.map(async (s) => {
      const dir = `${root}${s.name}/`;
      const pf = (await import(/* @vite-ignore */ `${dir}pagefind.js`)) as PagefindModule;
      return pf.createInstance({ basePath: dir, baseUrl: base });
    }),
  );
  return { shards };
}

/**
 * Loads what every search needs from each shard (its script's worker, WebAssembly, entry and metadata) before
 * the first query: the search page calls it once it has loaded, while the reader is still typing.
 */
export async function warmUp(index: { shards: OpenShard[] }): Promise<void> {
  await Promise.all(index.shards.map((s) => s.init()));
}

/**
 * Fetches the index chunks the query's terms will need from every shard, while the reader is still typing,
 * so pressing Enter finds them loaded. Failures are left to the search itself to report.
 */
export async function preloadQuery(index: { shards: OpenShard[] }, query: string): Promise<void> {
  const qs = parseQuery(query).map((t) => pagefindQuery(t).q);
  await Promise.all(index.shards.flatMap((s) => qs.map((q) => s.preload(q).catch(() => undefined))));
}

/** A term as Pagefind is asked it: an exact phrase of index tokens where tokens can say it, else its tokens. */
function pagefindQuery(term: string): { q: string; exact: boolean } {
  const phrase = phraseTokens(term);
  return phrase ? { q: `"${phrase.join(' ')}"`, exact: true } : { q: termTokens(term).join(' '), exact: false };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const NEWEST_FIRST = { date: 'desc' } as const;

/** A hit before its record is read: where it is, and its record once read. */
interface Ref {
  result: PagefindResult;
  record?: PagefindRecord;
}

/**
 * The reports of one shard containing every term, newest first. Exact terms are Pagefind's phrase results;
 * the others come back as candidates to confirm.
 */
async function searchShard(shard: PagefindShard, terms: string[], filters: Record<string, string>): Promise<{ refs: Ref[]; confirm: boolean }> {
  if (terms.length === 0) return { refs: ((await shard.search(null, { filters, sort: NEWEST_FIRST }))?.results ?? []).map((result) => ({ result })), confirm: false };
  const lists = await Promise.all(
    terms.map(async (t) => {
      const { q, exact } = pagefindQuery(t);
      return { exact, results: (await shard.search(q, { filters, sort: NEWEST_FIRST }))?.results ?? [] };
    }),
  );
  // The shortest list in its date order, kept where every other list has the record too.
  const [first, ...rest] = [...lists].sort((a, b) => a.results.length - b.results.length);
  const others = rest.map((l) => new Set(l.results.map((r) => r.id)));
  const refs = first!.results.filter((r) => others.every((o) => o.has(r.id))).map((result) => ({ result }));
  return { refs, confirm: lists.some((l) => !l.exact) };
}

async function load(refs: Ref[]): Promise<void> {
  await Promise.all(refs.map(async (r) => (r.record ??= await r.result.data())));
}

function toHit(record: PagefindRecord, query: string, terms: string[], score: number): Hit {
  const doc = { title: record.meta.title ?? record.url, summary: record.meta.summary ?? '', text: record.meta.text ?? '' };
  const normalized = terms.length ? normalizeWithMap(doc.text) : undefined;
  return {
    url: record.url,
    title: doc.title,
    org: record.meta.org ?? '',
    date: record.meta.date ?? '',
    summary: doc.summary,
    excerptHtml: (normalized && excerpt(doc, query, normalized)) || escapeHtml(doc.summary),
    score,
  };
}

/**
 * Reports containing every term of the query (see parseQuery) within the filters, newest first or most
 * relevant first: the exact total, the first `pageSize` hits with their excerpts, and `more` for the rest. A
 * query without searchable terms and no filter finds nothing.
 */
export async function search(index: SearchIndex, query: string, filters: SearchFilters = {}, sort: SearchSort = 'date', pageSize = PAGE_SIZE): Promise<SearchOutcome> {
  const terms = parseQuery(query);
  const active = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;
  if (terms.length === 0 && Object.keys(active).length === 0) return { total: 0, candidates: 0, hits: [], more: async () => [] };
  // Shards are in date order: their lists, each newest first, make one list newest first.
  const perShard = await Promise.all(index.shards.map((s) => searchShard(s, terms, active)));
  const candidates = perShard.reduce((n, s) => n + s.refs.length, 0);
  let refs: Ref[] = [];
  for (const s of perShard) {
    if (!s.confirm) {
      refs.push(...s.refs);
      continue;
    }
    await load(s.refs);
    refs.push(...s.refs.filter((r) => containsTerms(normalizeWithMap(r.record!.meta.text ?? '').text, terms)));
  }
  let scores: number[] | undefined;
  if (sort === 'relevance' && terms.length > 0) {
    await load(refs);
    const scored = refs.map((r, i) => ({ r, i, score: relevance({ title: r.record!.meta.title ?? '', summary: r.record!.meta.summary ?? '', text: r.record!.meta.text ?? '' }, terms) }));
    // Most relevant first; on a tie, newest first (the order the shards gave).
    scored.sort((a, b) => b.score - a.score || a.i - b.i);
    refs = scored.map((x) => x.r);
    scores = scored.map((x) => x.score);
  }
  let shown = 0;
  const more = async (n = pageSize): Promise<Hit[]> => {
    const page = refs.slice(shown, shown + n);
    const from = shown;
    shown += page.length;
    await load(page);
    return page.map((r, k) => toHit(r.record!, query, terms, scores?.[from + k] ?? 0));
  };
  const hits = await more();
  return { total: refs.length, candidates, hits, more };
}

/**
 * The excerpt comes from the summary and body when the terms are there: the title is shown above it
 * already. The record's text is title, summary and body, one per line (see buildSearchIndex).
 */
function excerpt(doc: { title: string; text: string }, query: string, normalized: { text: string; map: number[] }): string | undefined {
  const rest = doc.text.startsWith(`${doc.title}\n`) ? doc.text.slice(doc.title.length + 1) : '';
  return (rest && excerptHtml(rest, query)) || excerptHtml(doc.text, query, 40, normalized);
}

/**
 * Writes the search bundle from validated, published reports (never from crawled HTML, so nothing
 * unpublished can be indexed). Each record's searchable content is the token stream of src/search/text.ts
 * (indexStream: Pagefind's exact phrase search on it is exact); the real text travels in the record's
 * metadata for the excerpts.
 *
 * The reports are split by date into shards of at most SHARD_MAX records, one Pagefind bundle each, under
 * `pagefind/<shard>/` (2025, 2025-h1, 2025-q3, 2025-08 …: a year, split further only while too big). The
 * client searches them newest first, so their results in date order are already in date order overall.
 * Sharding is what Pagefind allows for reuse: a bundle cannot be updated, but a shard whose records did not
 * change is taken from the cache (`node_modules/.cache/showcase-search/`) instead of being indexed again, and
 * Pagefind never holds more than a shard in memory (about 1.2 MB per record). A cached shard is used only when
 * every file matches the content hash recorded when it was written, and is copied into the site, never linked
 * (src/cache/verified.ts); a damaged one is indexed again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { copyIntoSite, recordCacheTree, verdictSummary, verifyCacheTree } from '../cache/verified.ts';
import { FILTERS } from './filters.ts';
import { indexStream } from './text.ts';

export { FILTERS } from './filters.ts';

export interface SearchDoc {
  slug: string;
  /** Base-prefixed URL of the report page. */
  url: string;
  title: string;
  org: string;
  orgId: string;
  province: string;
  city?: string;
  themes: string[];
  year: number;
  date: string;
  summary: string;
  /** Plain text of the body with its figures (title and summary are added by the index). */
  text: string;
}

/** Records per shard: Pagefind's memory, and what an edit costs to index again. */
export const SHARD_MAX = 500;

/** The list of shards the client reads, newest first: `pagefind/shards.json`. */
export interface ShardManifest {
  format: 1;
  shards: { name: string; records: number }[];
}

export const SHARDS_FILE = 'shards.json';

/** Pagefind's runtime and index files; its UI bundles are not used by the site and not shipped. */
const UNUSED = /^pagefind-(ui|component-ui|modular-ui|highlight)\./;

/** Date levels a shard is split by while it has more than SHARD_MAX records: year, half, quarter, month, day. */
const LEVELS: ((date: string) => string)[] = [
  (d) => d.slice(0, 4),
  (d) => `${d.slice(0, 4)}-h${Number(d.slice(5, 7)) <= 6 ? 1 : 2}`,
  (d) => `${d.slice(0, 4)}-q${Math.ceil(Number(d.slice(5, 7)) / 3)}`,
  (d) => d.slice(0, 7),
  (d) => d.slice(0, 10),
];

/** The shards, newest first; each covers a range of dates no other shard touches. */
export function planShards(docs: readonly SearchDoc[], max = SHARD_MAX): { name: string; docs: SearchDoc[] }[] {
  if (docs.length === 0) return [{ name: 'all', docs: [] }];
  const split = (name: string, ds: SearchDoc[], level: number): { name: string; docs: SearchDoc[] }[] => {
    if ((name && ds.length <= max) || level === LEVELS.length) return [{ name, docs: ds }];
    const groups = new Map<string, SearchDoc[]>();
    for (const d of ds) {
      const k = LEVELS[level]!(d.date);
      const g = groups.get(k);
      if (g) g.push(d);
      else groups.set(k, [d]);
    }
    return [...groups.keys()].sort().reverse().flatMap((k) => split(k, groups.get(k)!, level + 1));
  };
  return split('', [...docs], 0);
}

/** A Pagefind index holding one record per report; the caller writes it out or takes its files. */
async function indexOf(docs: readonly SearchDoc[]): Promise<pagefind.PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'zh' });
  if (!index) throw new Error(`检索索引创建失败：${errors.join('；')}`);
  // Records go to Pagefind's indexing process all at once: it works through them faster than one by one.
  const added = await Promise.all(
    docs.map((d) => {
      const full = `${d.title}\n${d.summary}\n\n${d.text}`;
      return index.addCustomRecord({
        url: d.url,
        language: 'zh',
        content: indexStream(full).join(' '),
        meta: { title: d.title, org: d.org, date: d.date, summary: d.summary, text: full },
        filters: {
          [FILTERS.org]: [d.org],
          [FILTERS.region]: [d.province],
          [FILTERS.theme]: d.themes,
          [FILTERS.year]: [String(d.year)],
        },
        sort: { date: d.date },
      });
    }),
  );
  added.forEach((res, i) => {
    if (res.errors.length > 0) throw new Error(`检索索引收录 ${docs[i]!.slug} 失败：${res.errors.join('；')}`);
  });
  return index;
}

/** What decides a shard's files besides its records: the indexing code and Pagefind's version. */
function codeVersion(): string {
  const h = createHash('sha256').update('format 1');
  for (const f of ['index-build.ts', 'text.ts', 'filters.ts']) h.update(readFileSync(new URL(`./${f}`, import.meta.url)));
  try {
    h.update((createRequire(import.meta.url)('pagefind/package.json') as { version: string }).version);
  } catch {
    h.update('pagefind@?');
  }
  return h.digest('hex');
}

function shardKey(version: string, docs: readonly SearchDoc[]): string {
  return createHash('sha256').update(version).update(JSON.stringify(docs)).digest('hex');
}

/** A verified shard into the site, file by file as copies; returns each site file with its hash. */
function copyTree(from: string, to: string, files: Record<string, string>): [string, string][] {
  const made = new Set<string>();
  return Object.entries(files).map(([rel, hash]) => {
    const dst = path.join(to, rel);
    const dir = path.dirname(dst);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    copyIntoSite(path.join(from, rel), dst);
    return [dst, hash];
  });
}

function dropUnused(dir: string): void {
  for (const f of readdirSync(dir)) if (UNUSED.test(f)) rmSync(path.join(dir, f), { force: true });
}

export interface SearchBuildResult {
  pages: number;
  bytes: number;
  ms: number;
  shards: number;
  /** Shards indexed by Pagefind this time (the others came from the cache). */
  indexed: number;
  /** Each shard file put into the site with its SHA-256 (for the build's stamp). */
  hashes: [file: string, hash: string][];
}

/**
 * Writes `<outDir>/pagefind/` from the given reports (pass published reports only): a bundle per shard
 * (the client opens each with its own pagefind.js) and `shards.json` at the top. Filters 机构, 地区, 主题, 年份; sort key date. Shards whose
 * records are unchanged come from `cacheDir`.
 */
export async function buildSearchIndex(opts: { outDir: string; docs: SearchDoc[]; cacheDir?: string; log?: (line: string) => void }): Promise<SearchBuildResult> {
  const started = performance.now();
  const out = path.join(opts.outDir, 'pagefind');
  const cacheDir = opts.cacheDir ?? path.join(process.cwd(), 'node_modules', '.cache', 'showcase-search');
  const version = codeVersion();
  const shards = planShards(opts.docs).map((s) => ({ ...s, key: shardKey(version, s.docs) }));
  const cached = (key: string) => path.join(cacheDir, key.slice(0, 2), key);
  const verdicts = shards.map((s) => verifyCacheTree(cached(s.key)));
  const damaged = verdictSummary(verdicts, '个分片');
  if (damaged) (opts.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(`检索索引缓存：${damaged}，已删除，这些分片重新建索引。`);
  const files = new Map<string, Record<string, string>>();
  shards.forEach((s, i) => {
    const v = verdicts[i]!;
    if (v.ok) files.set(s.key, v.files);
  });
  const todo = shards.filter((s) => !files.has(s.key));
  for (const s of todo) {
    const dir = cached(s.key);
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    const index = await indexOf(s.docs);
    const written = await index.writeFiles({ outputPath: tmp });
    if (written.errors.length > 0) throw new Error(`检索索引写出失败：${written.errors.join('；')}`);
    // One shard at a time, each in a fresh Pagefind process: closing it gives its memory back to the system.
    await pagefind.close();
    dropUnused(tmp);
    // Complete under its real name or not at all: a killed build leaves only a temporary folder. The record of
    // its files comes last: a folder without one is not trusted.
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    files.set(s.key, recordCacheTree(dir));
  }
  rmSync(out, { recursive: true, force: true });
  const hashes = shards.flatMap((s) => copyTree(cached(s.key), path.join(out, s.name), files.get(s.key)!));
  const manifest: ShardManifest = { format: 1, shards: shards.map((s) => ({ name: s.name, records: s.docs.length })) };
  writeFileSync(path.join(out, SHARDS_FILE), `${JSON.stringify(manifest)}\n`);
  return { pages: opts.docs.length, bytes: dirBytes(out), ms: performance.now() - started, shards: shards.length, indexed: todo.length, hashes };
}

/** The same bundle in memory, keyed by its path inside pagefind/ (dev serves it without writing files). */
export async function searchIndexFiles(docs: readonly SearchDoc[]): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const shards = planShards(docs);
  for (const s of shards) {
    const index = await indexOf(s.docs);
    const res = await index.getFiles();
    await index.deleteIndex();
    if (res.errors.length > 0) throw new Error(`检索索引生成失败：${res.errors.join('；')}`);
    for (const f of res.files) {
      const rel = f.path.split(path.sep).join('/');
      if (UNUSED.test(rel)) continue;
      files.set(`${s.name}/${rel}`, f.content);
    }
  }
  const manifest: ShardManifest = { format: 1, shards: shards.map((s) => ({ name: s.name, records: s.docs.length })) };
  files.set(SHARDS_FILE, new TextEncoder().encode(`${JSON.stringify(manifest)}\n`));
  return files;
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
}

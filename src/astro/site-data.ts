/**
 * Content for pages, from the reports collection. Pages get published reports only; in dev a report page
 * may also show a draft, an embargoed report or the problems of a broken one (see `previewEntries`).
 *
 * What is derived from the collections is kept while the digests of the problems entry and the data files stay
 * the same: a build computes it once instead of once per page, and dev recomputes it as soon as any report or
 * data file changes.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { reportCharts, type ChartSpec } from '../charts/configs.ts';
import { buildCatalog, buildRegistry } from '../lib/catalog.ts';
import { todayInShanghai } from '../lib/dates.ts';
import type { ContentModel, Report } from '../lib/model.ts';
import { formatProblem, type Problem } from '../lib/problems.ts';
import { publicationState, type PublicationState } from '../lib/published.ts';
import { buildSiteIndex, type SiteIndex } from '../lib/site-index.ts';
import { PROBLEMS_ID, storedReport, type ProblemsData } from '../loaders/entry.ts';
import { nowFromEnv, PROJECT_ROOT } from '../node/config.ts';

export interface SiteData {
  model: ContentModel;
  /** Published reports, newest first. */
  published: Report[];
  /** '/showcase/' form. */
  base: string;
  /** Absolute intranet address. */
  site: string;
  /** Listings and related reports, computed once (see src/lib/site-index.ts). */
  index: SiteIndex;
  /**
   * A page's cache key for Astro's incremental build: what the page shows beyond its own code (which Astro
   * hashes itself). `parts` name the page and its data. A list of reports counts by what lists, rankings and
   * charts can show of a report: all of it as validated (frontmatter, figures, organisation, cover image) but
   * its body, so an edit to a body alone does not render again every list the report is in. A page that
   * prints bodies adds `bodies(reports)`. Every key also covers site.yaml, metrics.yaml and orgs.yaml, which
   * the layout, labels and links of every page come from.
   */
  pageKey: (...parts: (string | number | boolean | undefined | readonly Report[])[]) => string;
  /** For the key of a page that prints these reports' bodies: their entry digests (file bytes, data files, checking code, images). */
  bodies: (reports: readonly Report[]) => string;
  /**
   * The charts a published report's page (and its casebook section) draws under its figures: its own
   * comparisons and its organisation's trends (src/charts/configs.ts), computed once per report. None when
   * its .mdx body draws its own <MetricChart>, so figures are not drawn twice.
   */
  charts: (report: Report) => ChartSpec[];
  /** A digest of `charts(report)`, for the cache keys of the pages that draw them. */
  chartsDigest: (report: Report) => string;
}

export interface PreviewEntry {
  slug: string;
  file: string;
  state: PublicationState | 'invalid';
  problems: Problem[];
  /** Absent when the report has errors. */
  report?: Report;
  entry: CollectionEntry<'reports'>;
}

let memo: { key: string; data: SiteData; preview: PreviewEntry[]; dev: boolean } | undefined;

export class ContentUnavailableError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    // The dev server shows this message in its error overlay: the problems themselves, in Chinese.
    super(`设置、指标目录或机构名录有误，页面暂时无法生成。\n\n${problems.map(formatProblem).join('\n\n')}`);
    this.name = '内容设置有误';
    this.problems = problems;
  }
}

async function loaderState(): Promise<ProblemsData> {
  const entry = await getEntry('problems', PROBLEMS_ID);
  if (!entry) throw new ContentUnavailableError([]);
  return entry.data;
}

/** site.yaml, metrics.yaml and orgs.yaml as their collections hold them: the last good ones in dev. */
async function dataFiles(idx: ProblemsData) {
  const [site, catalog, registry] = await Promise.all([getEntry('site', 'site'), getEntry('catalog', 'catalog'), getEntry('registry', 'registry')]);
  if (!site || !catalog || !registry) throw new ContentUnavailableError(idx.configProblems);
  return { site: site.data, catalog: catalog.data, registry: registry.data, digest: `${site.digest ?? ''}${catalog.digest ?? ''}${registry.digest ?? ''}` };
}

/**
 * The images a report's page shows (cover and body), by size and modification time: the entry digest covers
 * the report file only, and a replaced image under the same name changes the page (its hashed image URL).
 */
function imageFingerprint(entry: CollectionEntry<'reports'>): string {
  const cover = entry.data.status === 'ok' ? entry.data.cover?.src : undefined;
  const paths = [cover, ...(entry.rendered?.metadata?.imagePaths ?? [])].filter((p): p is string => typeof p === 'string');
  if (paths.length === 0 || !entry.filePath) return '';
  const dir = path.dirname(path.resolve(PROJECT_ROOT, entry.filePath));
  return paths
    .map((p) => {
      const s = statSync(path.resolve(dir, p), { throwIfNoEntry: false });
      return `|${p}:${s ? `${s.size}:${s.mtimeMs}` : '-'}`;
    })
    .join('');
}

async function load(): Promise<NonNullable<typeof memo>> {
  // A build's collection cannot change while the build runs: once loaded, no page, list or chart asks the
  // store for the loader's state again. The dev server asks on every call, so an edit shows on the next page load.
  if (memo && !memo.dev) return memo;
  const idx = await loaderState();
  const files = await dataFiles(idx);
  const now = nowFromEnv();
  const key = `${idx.digest}|${files.digest}|${todayInShanghai(now)}`;
  if (memo?.key === key) return memo;
  const entries = await getCollection('reports');
  const site = files.site;
  const catalog = buildCatalog(files.catalog);
  const preview: PreviewEntry[] = [];
  const published: Report[] = [];
  const digests = new Map<string, string>();
  const images = new Map<string, string>();
  for (const entry of entries) {
    const image = imageFingerprint(entry);
    images.set(entry.id, image);
    digests.set(entry.id, `${entry.digest ?? ''}${image}`);
    const data = entry.data;
    const report = storedReport(data, now);
    const state = report ? publicationState(report, todayInShanghai(now)) : 'invalid';
    // Dev: a report that contradicts another of its organisation shows its page with the problem, and like any
    // report with an error stays out of lists, totals and rankings (a build stops on it).
    const across = (idx.timelineProblems ?? []).filter((p) => p.file === data.file);
    preview.push({ slug: entry.id, file: data.file, state, problems: [...data.problems, ...across], report, entry });
    if (report?.published && !across.some((p) => p.severity === 'error')) published.push(report);
  }
  published.sort((a, b) => b.date.localeCompare(a.date) || a.slug.localeCompare(b.slug));
  const model: ContentModel = { site, catalog, registry: buildRegistry(files.registry), reports: published };
  // site.yaml, metrics.yaml and orgs.yaml as read (base and site included): every page shows some of them.
  const configDigest = createHash('sha256').update(JSON.stringify([files.site, files.catalog, files.registry])).digest('hex');
  // What a report shows outside its own page, once per report: the validated report but its body's text.
  const listed = new Map<string, string>();
  const listedDigest = (r: Report) => {
    let d = listed.get(r.slug);
    if (d === undefined) {
      const { text: _text, ...shown } = r;
      d = `${createHash('sha256').update(JSON.stringify(shown)).digest('hex')}${images.get(r.slug) ?? ''}`;
      listed.set(r.slug, d);
    }
    return d;
  };
  const pageKey: SiteData['pageKey'] = (...parts) => {
    const h = createHash('sha256').update(configDigest);
    for (const p of parts) {
      h.update('\u0000');
      if (Array.isArray(p)) for (const r of p as readonly Report[]) h.update(`${r.slug}:${listedDigest(r)};`);
      else h.update(String(p));
    }
    return h.digest('hex').slice(0, 32);
  };
  const bodies: SiteData['bodies'] = (reports) => createHash('sha256').update(reports.map((r) => `${r.slug}:${digests.get(r.slug) ?? ''}`).join(';')).digest('hex');
  const siteIndex = buildSiteIndex(published);
  const charts = new Map<string, { specs: ChartSpec[]; digest?: string }>();
  const chartsOf = (r: Report) => {
    let got = charts.get(r.slug);
    if (!got) {
      got = { specs: r.chartsInBody ? [] : reportCharts(r, model.catalog.relations, siteIndex.byOrg.get(r.org.id) ?? []) };
      charts.set(r.slug, got);
    }
    return got;
  };
  const data: SiteData = {
    model, published, base: site.base, site: site.site, index: siteIndex, pageKey, bodies,
    charts: (r) => chartsOf(r).specs,
    chartsDigest: (r) => {
      const c = chartsOf(r);
      return (c.digest ??= createHash('sha256').update(JSON.stringify(c.specs)).digest('hex'));
    },
  };
  memo = { key, data, preview, dev: idx.mode === 'dev' };
  return memo;
}

export async function getSiteData(): Promise<SiteData> {
  return (await load()).data;
}

/**
 * Report pages to generate: published reports always; in dev also drafts, embargoed and broken reports, each
 * page saying plainly what it is. The build's loader stores nothing but published reports.
 */
export async function previewEntries(): Promise<PreviewEntry[]> {
  const dev = await isDevPreview();
  return (await load()).preview.filter((p) => dev || p.state === 'published');
}

/** Is this the dev server's preview (drafts, problems, live data), as opposed to a build? Asked of the loader. */
export async function isDevPreview(): Promise<boolean> {
  return (await load()).dev;
}

/** Dev: every problem of every report file, for the banner on every page. */
export async function devProblems(): Promise<{ problems: Problem[]; config: Problem[] }> {
  if (memo && !memo.dev) return { problems: [], config: [] };
  const data = (await getEntry('problems', PROBLEMS_ID))?.data;
  if (data?.mode !== 'dev') return { problems: [], config: [] };
  return { problems: data?.problems ?? [], config: data?.configProblems ?? [] };
}

/**
 * The reports collection's loader: the one place a report file is read, decoded, parsed, validated and judged
 * published. Everything the site shows — pages, listings, totals, rankings, feed, search records, cards —
 * derives from what this loader stores.
 *
 * - Build: every file is checked (the same `checkReportFile` as `npm run check`); any error stops the build
 *   with the same Chinese messages, before a page is written. Only published reports are stored, so nothing
 *   unpublished can reach any output, whatever code asks for it.
 * - Dev: drafts, embargoed reports and reports with problems are stored too (with their state and problems),
 *   so a writer can preview a draft and sees the problems of a broken report on its page instead of a 404.
 *   Report files and the three data files are watched; a change re-checks what it affects and the open page
 *   reloads.
 * - Incremental: an entry's digest covers the file's bytes, the data files, the checking code and the mode;
 *   an unchanged report is not parsed again on a warm build.
 * - Links between reports are checked across all of them after every file is synced, from what each file's
 *   check noted (kept in the store's meta, so a reused entry is not parsed for them): a change to one report
 *   can break another's link without changing that report.
 * - Reports of one organisation are checked against each other (src/lib/validate/timeline.ts) the same way,
 *   drafts and embargoed reports included, from the figures each file's check resolved (kept in meta for a
 *   build's unstored drafts). These problems stop a build like any other; in dev they show on the page of the
 *   report they are attached to and in the banner.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { isPublished } from '../lib/published.ts';
import { formatProblem, sortProblems, summarize, type Problem } from '../lib/problems.ts';
import { REPORT_FILE, slugOf } from '../lib/validate/report.ts';
import { ContentConfigError, DATA_FILES, readContentConfig, type ContentConfig } from '../node/content-config.ts';
import { contentDirFromEnv, nowFromEnv, NowError, projectContentDir } from '../node/config.ts';
import { listReportFiles, scanReportFolder } from '../node/check-content.ts';
import { problemsError, showcaseError } from '../node/errors.ts';
import { displayPath, isInside } from '../node/paths.ts';
import { cardFontGlyphs, checkReportFile, linkedReport, reportsDir, type CheckedReport } from '../node/report-file.ts';
import { reportLinkProblems, type LinkedReport, type ReportLink } from '../lib/validate/report-links.ts';
import { addTime, timingsLine, timingsWanted, type Timings } from '../node/timings.ts';
import { PROBLEMS_ID, toEntryData, type ProblemsData, type ReportEntryData } from './entry.ts';
import { withBodyFigures } from '../markdown/body-figures.ts';
import { checkTimeline, timelineSource, type TimelineSource } from '../lib/validate/timeline.ts';

export interface ReportsLoaderOptions {
  /** Treat warnings as errors (SHOWCASE_STRICT=1). */
  strict?: boolean;
}

/** Source folders whose code decides what a report becomes: a change there re-checks every report. */
const CODE_DIRS = ['src/lib', 'src/schemas', 'src/node', 'src/loaders', 'src/markdown'];

function codeDigest(root: string): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mjs|js|json|yaml)$/.test(e.name)) h.update(e.name).update(readFileSync(p));
    }
  };
  for (const d of CODE_DIRS) {
    const dir = path.join(root, d);
    if (statSync(dir, { throwIfNoEntry: false })?.isDirectory()) walk(dir);
  }
  return h.digest('hex');
}

interface State {
  root: string;
  contentDir: string;
  dev: boolean;
  now: Date;
  config: ContentConfig;
  code: string;
  /** slug → file path of the entry stored for it, for duplicates and renames. */
  slugToAbs: Map<string, string>;
  absToSlug: Map<string, string>;
  problems: Map<string, Problem[]>;
  /** file path → what links to it need to know, and its links to other reports (crossProblems). */
  links: Map<string, { slug: string; file: string; target: LinkedReport; links: ReportLink[] }>;
  /** file path → its keyed figures, for every report without errors, stored or not (timelineProblems). */
  timeline: Map<string, TimelineSource>;
  /** Dev: counts the updates of single files, each of which must give the problems entry a new digest. */
  updates: number;
  parsed: number;
  reused: number;
  /** Phases of this run (validation, Markdown), logged with the loader's own time (src/node/timings.ts). */
  timings: Timings;
}

/**
 * Hands the reports loader's problems to the `problems` collection's loader: both are made together in
 * src/content.config.ts, and Astro runs the two at once, so whichever comes second finds the other's part.
 */
class ProblemsOutlet {
  latest?: ProblemsData;
  private write?: (data: ProblemsData) => void;
  publish(data: ProblemsData): void {
    this.latest = data;
    this.write?.(data);
  }
  attach(write: (data: ProblemsData) => void): void {
    this.write = write;
    if (this.latest) write(this.latest);
  }
}

/** The reports collection's loader and the loader of its problems, sharing one outlet. */
export function reportsLoaders(options: ReportsLoaderOptions = {}): { reports: Loader; problems: Loader } {
  const outlet = new ProblemsOutlet();
  return {
    reports: reportsLoader(options, outlet),
    problems: {
      name: 'showcase-problems',
      load: async (context) => {
        outlet.attach((data) => context.store.set({ id: PROBLEMS_ID, data, digest: data.digest }));
      },
    },
  };
}

function reportsLoader(options: ReportsLoaderOptions, outlet: ProblemsOutlet): Loader {
  return {
    name: 'showcase-reports',
    load: async (context) => {
      const started = performance.now();
      const timings = await load(context, options, outlet);
      // The build's other phases are timed by the integration, which has its own copy of the timing code: the
      // loader's reach the bench through the log.
      if (timingsWanted()) context.logger.info(timingsLine(addTime(timings, 'loader', performance.now() - started)));
    },
  };
}

async function load(context: LoaderContext, options: ReportsLoaderOptions, outlet: ProblemsOutlet): Promise<Timings> {
  const root = fileURLToPath(context.config.root);
  const dev = context.watcher !== undefined;
  const contentDir = contentDirFromEnv(process.env, root);
  let now: Date;
  try {
    now = nowFromEnv();
  } catch (e) {
    if (e instanceof NowError) throw showcaseError('设置有误', e.message);
    throw e;
  }
  let config: ContentConfig;
  try {
    config = readContentConfig({ contentDir, projectContentDir: projectContentDir(root) });
  } catch (e) {
    if (!(e instanceof ContentConfigError)) throw e;
    if (!dev) throw problemsError(e.problems, '设置、指标目录或机构名录有误，构建停止。', '改正上面的问题后重新运行；npm run check 可以只做检查。');
    reportConfigProblems(context, outlet, e.problems);
    watch(context, options, outlet, { root, contentDir });
    return {};
  }
  const state: State = {
    root, contentDir, dev, now, config, code: codeDigest(root),
    slugToAbs: new Map(), absToSlug: new Map(), problems: new Map(), links: new Map(), timeline: new Map(), updates: 0, parsed: 0, reused: 0,
    timings: {},
  };
  await syncAll(context, state, outlet);
  const all = [...[...state.problems.values()].flat(), ...crossProblems(state), ...timelineProblems(state)];
  const problems = options.strict ? all.map((p) => (p.severity === 'warning' ? { ...p, severity: 'error' as const } : p)) : all;
  const summary = `${summarize(problems, state.slugToAbs.size + countRejected(state))}（解析 ${state.parsed} 份，未改动沿用 ${state.reused} 份）`;
  if (problems.some((p) => p.severity === 'error') && !dev) {
    throw problemsError(problems, `${summary} 构建停止。`, '改正上面的错误后重新运行；npm run check 可以只做检查，几秒内列出全部问题。');
  }
  if (problems.length > 0) process.stderr.write(`${sortProblems(problems).map(formatProblem).join('\n\n')}\n\n`);
  context.logger.info(summary);
  if (dev) watch(context, options, outlet, { root, contentDir, state });
  return state.timings;
}

/** Problems of links between reports, from every file's noted links and state (report-links.ts). */
function crossProblems(state: State, only?: string): Problem[] {
  const targets = new Map<string, LinkedReport>();
  for (const l of state.links.values()) if (!targets.has(l.slug)) targets.set(l.slug, l.target);
  const out: Problem[] = [];
  for (const [abs, l] of state.links) if (only === undefined || only === abs) out.push(...reportLinkProblems(l.file, l.links, targets, state.now));
  return out;
}

/** The reports of each organisation against each other; publication judged now (an embargo ends by itself). */
function timelineProblems(state: State, file?: string): Problem[] {
  const reports = [...state.timeline.values()].map((t) => ({ ...t, published: isPublished(t, state.now) }));
  const out = checkTimeline(reports, state.config.catalog);
  return file === undefined ? out : out.filter((p) => p.file === file);
}

/** Notes a file's links to other reports and what it is as a link target; kept in meta for a reused entry. */
function noteLinks(context: LoaderContext, state: State, abs: string, target: LinkedReport, links?: ReportLink[]): void {
  const key = `links:${path.relative(state.root, abs).split(path.sep).join('/')}`;
  if (links === undefined) {
    const kept = context.meta.get(key);
    links = kept ? (JSON.parse(kept) as ReportLink[]) : [];
  } else if (links.length > 0) {
    context.meta.set(key, JSON.stringify(links));
  } else {
    context.meta.delete(key);
  }
  state.links.set(abs, { slug: slugOf(abs), file: displayPath(abs, state.contentDir), target, links });
}

function countRejected(state: State): number {
  let n = 0;
  for (const [abs] of state.problems) if (!state.absToSlug.has(abs)) n++;
  return n;
}

function entryDigest(bytes: Uint8Array, state: State, abs: string): string {
  return createHash('sha256')
    .update(bytes).update('\0').update(state.config.digest).update('\0').update(state.code)
    .update('\0').update(state.dev ? 'dev' : 'build').update('\0').update(path.relative(state.contentDir, abs))
    .digest('hex').slice(0, 32);
}

async function syncAll(context: LoaderContext, state: State, outlet: ProblemsOutlet): Promise<void> {
  const scan = scanReportFolder(reportsDir(state.contentDir), state.contentDir);
  const keep = new Set<string>();
  for (const d of scan.duplicates) state.problems.set(d.abs, [d.problem]);
  for (const { abs, slug } of scan.reports) {
    const stored = await syncFile(context, state, abs);
    if (stored) keep.add(slug);
  }
  for (const id of context.store.keys()) if (!keep.has(id)) context.store.delete(id);
  publishProblems(context, state, outlet);
}

/**
 * Checks one file (or reuses its unchanged entry, unless `recheck`) and stores it; true when an entry is stored
 * under its slug.
 */
async function syncFile(context: LoaderContext, state: State, abs: string, recheck = false): Promise<boolean> {
  const { store } = context;
  const slug = slugOf(abs);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(abs);
  } catch {
    bytes = new Uint8Array();
  }
  const digest = entryDigest(bytes, state, abs);
  const filePath = path.relative(state.root, abs).split(path.sep).join('/');
  const existing = store.get(slug);
  if (!recheck && existing && existing.digest === digest && existing.filePath === filePath) {
    // What this loader stored under this digest, so of the collection's schema.
    const data = existing.data as ReportEntryData;
    if (data.status === 'ok') state.timeline.set(abs, timelineSource(data));
    else state.timeline.delete(abs);
    noteLinks(context, state, abs, data.status === 'ok' ? { file: displayPath(abs, state.contentDir), draft: data.draft, date: data.date } : null);
    // Publication is re-judged every time: an embargo ends without the file changing.
    if (!state.dev && !(data.status === 'ok' && isPublished(data, state.now))) {
      store.delete(slug);
      return false;
    }
    // As Astro's glob loader does for an unchanged entry: its modules and images are still needed by the build.
    const imports = store as typeof store & { addAssetImports?: (a: string[], f: string) => void };
    if (existing.deferredRender) store.addModuleImport(existing.filePath!);
    if (existing.assetImports?.length) imports.addAssetImports?.(existing.assetImports, existing.filePath!);
    state.slugToAbs.set(slug, abs);
    state.absToSlug.set(abs, slug);
    state.problems.set(abs, data.problems);
    state.reused++;
    return true;
  }

  // A build stores no draft or embargoed report; its verdict is kept aside so an unchanged one is not parsed
  // again on every build (publication is still judged anew: an embargo ends without the file changing).
  const asideKey = `unpublished:${filePath}`;
  const aside = context.meta.get(asideKey);
  if (!state.dev && aside) {
    const v = JSON.parse(aside) as { digest: string; draft: boolean; date: string; problems: Problem[]; timeline?: TimelineSource };
    if (v.digest === digest && !isPublished(v, state.now)) {
      store.delete(slug);
      if (v.timeline) state.timeline.set(abs, v.timeline);
      else state.timeline.delete(abs);
      noteLinks(context, state, abs, { file: displayPath(abs, state.contentDir), draft: v.draft, date: v.date });
      state.problems.set(abs, v.problems);
      state.reused++;
      return false;
    }
  }

  state.parsed++;
  const t0 = performance.now();
  const checked = await checkReportFile(abs, { ...state.config, now: state.now, missingGlyphs: await cardFontGlyphs() }, bytes);
  addTime(state.timings, 'validation', performance.now() - t0);
  state.problems.set(abs, checked.problems);
  noteLinks(context, state, abs, linkedReport(checked), checked.reportLinks);
  if (checked.report) state.timeline.set(abs, timelineSource(checked.report));
  else state.timeline.delete(abs);
  if (!state.dev && checked.report && !checked.report.published) {
    // Its figures are kept with the verdict: an unchanged draft is still held to the published reports.
    const timeline = timelineSource(checked.report);
    context.meta.set(asideKey, JSON.stringify({ digest, draft: checked.report.draft, date: checked.report.date, problems: checked.problems, timeline }));
  } else {
    context.meta.delete(asideKey);
  }
  const stored = await storeChecked(context, state, checked, { digest, filePath, recheck });
  if (stored) {
    state.slugToAbs.set(slug, abs);
    state.absToSlug.set(abs, slug);
  }
  return stored;
}

async function storeChecked(context: LoaderContext, state: State, checked: CheckedReport, meta: { digest: string; filePath: string; recheck: boolean }): Promise<boolean> {
  const { store } = context;
  const { report } = checked;
  // Astro's store keeps an entry whose digest is unchanged; an entry checked again (its bytes the same, a picture
  // it names come or gone) must replace it. Deleted and set in one turn, so the store is written once.
  const put = (entry: Parameters<typeof store.set>[0]) => {
    if (meta.recheck) store.delete(checked.slug);
    store.set(entry);
  };
  if (!report) {
    if (!state.dev) return false;
    // Dev only: the page of a broken report shows its problems.
    const data = await context.parseData({ id: checked.slug, data: toEntryData(checked), filePath: checked.abs });
    put({ id: checked.slug, data, filePath: meta.filePath, digest: meta.digest });
    return true;
  }
  if (!state.dev && !report.published) {
    store.delete(checked.slug);
    return false;
  }
  const data = await context.parseData({ id: checked.slug, data: toEntryData(checked), filePath: checked.abs });
  // The entry keeps no copy of the Markdown source: a page renders the body from `rendered` (.md) or the file
  // (.mdx), and the whole store is bundled into the build, so every copy costs bundling time and memory.
  if (checked.kind === 'md') {
    // The body is rendered here, once, by Astro's own Markdown pipeline (with its image handling and the
    // sanitiser configured in astro.config.mjs). The report's figures go with it as its frontmatter, which
    // Astro hands to the rehype plugin: it marks where each figure is printed, the targets of the source links
    // (src/markdown/body-figures.ts). An .mdx body gets them when @astrojs/mdx compiles the file.
    const t0 = performance.now();
    const source = withBodyFigures(checked.body ?? '', { metrics: report.metrics, baseUnits: state.config.catalog.baseUnits });
    const rendered = await context.renderMarkdown(source, { fileURL: pathToFileURL(checked.abs) });
    addTime(state.timings, 'markdown', performance.now() - t0);
    put({ id: checked.slug, data, filePath: meta.filePath, digest: meta.digest, rendered, assetImports: rendered.metadata?.imagePaths });
  } else {
    // MDX is compiled by @astrojs/mdx when the page renders it.
    put({ id: checked.slug, data, filePath: meta.filePath, digest: meta.digest, deferredRender: true });
  }
  return true;
}

/**
 * The problems entry: a digest of every stored entry (pages memoise what they derive from the collection on it,
 * and it changes whenever any report does) and, in dev, every problem of every file for the problem banner.
 */
function publishProblems(context: LoaderContext, state: State, outlet: ProblemsOutlet): void {
  const digests = [...state.slugToAbs.keys()].sort().map((slug) => `${slug}:${context.store.get(slug)?.digest ?? ''}`);
  const across = timelineProblems(state);
  const problems = [...[...state.problems.values()].flat(), ...crossProblems(state), ...across];
  const data: ProblemsData = {
    mode: state.dev ? 'dev' : 'build',
    // A file checked again can change its entry without changing its bytes (a picture it names came or went),
    // so in dev every update counts: pages keep what they derive from the collection while this stays the same.
    digest: createHash('sha256').update(digests.join('\n')).update(state.config.digest).update(String(state.updates)).digest('hex').slice(0, 32),
    problems: state.dev ? sortProblems(problems) : [],
    timelineProblems: state.dev ? across : [],
    configProblems: [],
  };
  outlet.publish(data);
}

function reportConfigProblems(context: LoaderContext, outlet: ProblemsOutlet, problems: Problem[]): void {
  process.stderr.write(`${problems.map(formatProblem).join('\n\n')}\n\n`);
  context.logger.error('设置、指标目录或机构名录有误：改正后页面会自动刷新。');
  // The last good content stays on show (the banner says why it does not change); without any, pages fail
  // with these problems in the dev server's error overlay.
  const previous = outlet.latest;
  outlet.publish({ mode: 'dev', digest: `config-error-${Date.now()}`, problems: previous?.problems ?? [], timelineProblems: previous?.timelineProblems ?? [], configProblems: problems });
}

/**
 * Dev: the watcher reports a save as it begins and drops the file's further change events for 50 ms, so a file
 * read at once may be half written (even empty, as an editor saving in place leaves it for a moment) with the
 * rest of the save never reported. The file is read until two reads 100 ms apart agree (at most about a second).
 */
async function untilStable(abs: string): Promise<void> {
  const read = () => {
    try {
      return readFileSync(abs);
    } catch {
      return Buffer.alloc(0);
    }
  };
  let last = read();
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = read();
    if (now.equals(last)) return;
    last = now;
  }
}

/** Per store (one per sync): the listeners added once, and the state they work on, replaced by each full run. */
const holders = new WeakMap<object, { state?: State }>();

/**
 * Dev: a report file that changes is checked again alone; a data file (site, catalog, registry) that changes
 * re-checks every report, since each is validated against them. Astro removes loader listeners before each
 * full sync, so these are added once per sync.
 */
function watch(context: LoaderContext, options: ReportsLoaderOptions, outlet: ProblemsOutlet, where: { root: string; contentDir: string; state?: State }): void {
  const watcher = context.watcher!;
  const dir = reportsDir(where.contentDir);
  watcher.add(dir);
  // Images may sit anywhere in the content folder (a report names them relative to itself).
  watcher.add(where.contentDir);
  const dataFiles = Object.values(DATA_FILES).flatMap((f) => [path.join(where.contentDir, f), path.join(projectContentDir(where.root), f)]);
  watcher.add(dataFiles);
  const known = holders.get(context.store);
  const holder = known ?? { state: where.state };
  holder.state = where.state;
  let queue = Promise.resolve();
  const run = (job: () => Promise<void>) => {
    queue = queue.then(job).catch((e: unknown) => context.logger.error(`内容更新失败：${e instanceof Error ? e.message : String(e)}`));
  };
  const full = () => run(async () => {
    // A re-run of load() with the same context: it re-reads the data files and re-checks every report.
    await reportsLoader(options, outlet).load(context);
  });
  const one = (abs: string, removed: boolean) => run(async () => {
    const state = holder.state;
    if (!state) return full();
    await untilStable(abs);
    const oldSlug = state.absToSlug.get(abs);
    // The old entry stays in the store until the new one replaces it: Astro writes the store (and reloads open
    // pages) 500 ms after a change, and a check can take longer. Deleted first, pages would reload once without
    // the report (a 404) and again with it, and a page still loading from the first reload misses the second.
    if (oldSlug) {
      state.slugToAbs.delete(oldSlug);
      state.absToSlug.delete(abs);
    }
    state.problems.delete(abs);
    state.links.delete(abs);
    state.timeline.delete(abs);
    // A file that shadowed this one's slug may now be the one to store: recheck everything sharing it.
    const slug = slugOf(abs);
    const sharing = (s: string) => s === slug || s === oldSlug;
    const scan = scanReportFolder(dir, where.contentDir);
    for (const d of scan.duplicates.filter((x) => sharing(x.slug))) {
      // The file that owned the URL until now may have lost it to one earlier in the folder's order.
      if (state.absToSlug.get(d.abs) === d.slug) {
        state.absToSlug.delete(d.abs);
        state.slugToAbs.delete(d.slug);
      }
      state.links.delete(d.abs);
      state.timeline.delete(d.abs);
      state.problems.set(d.abs, [d.problem]);
    }
    for (const f of scan.reports.filter((x) => sharing(x.slug))) {
      if (state.absToSlug.has(f.abs)) continue;
      state.problems.delete(f.abs);
      state.links.delete(f.abs);
      state.timeline.delete(f.abs);
      // Checked again even if the file's bytes did not change: a picture it names may have come or gone.
      await syncFile(context, state, f.abs, true);
    }
    if (oldSlug && !state.slugToAbs.has(oldSlug)) context.store.delete(oldSlug);
    state.updates++;
    if (removed) state.problems.delete(abs);
    publishProblems(context, state, outlet);
    const mine = [...(state.problems.get(abs) ?? []), ...crossProblems(state, abs), ...timelineProblems(state, displayPath(abs, state.contentDir))];
    if (mine.length > 0) process.stderr.write(`${mine.map(formatProblem).join('\n\n')}\n\n`);
    context.logger.info(`${removed ? '已移除' : '已更新'} ${path.relative(where.contentDir, abs)}${mine.length ? `（${mine.length} 个问题）` : ''}`);
  });
  if (known) return;
  holders.set(context.store, holder);
  const onChange = (changed: string, removed = false) => {
    if (dataFiles.includes(changed)) return full();
    if (!REPORT_FILE.test(changed)) {
      // Another file of the content folder, such as an image: a report's entry does not change with it (its
      // digest covers the report's own bytes), so the reports naming it are checked again. Copying in the
      // picture a report already names clears its "文件不存在" problem; deleting one shows it.
      if (!isInside(where.contentDir, changed) || !holder.state) return;
      const name = Buffer.from(path.basename(changed));
      for (const f of listReportFiles(dir)) {
        let text: Buffer;
        try {
          text = readFileSync(f);
        } catch {
          continue; // Removed meanwhile: its own event handles it.
        }
        if (text.includes(name)) one(f, false);
      }
      return;
    }
    if (!isInside(dir, changed)) return;
    const rel = path.relative(dir, changed);
    if (rel.split(path.sep).some((s) => s.startsWith('.') || s.startsWith('_'))) return;
    one(changed, removed);
  };
  watcher.on('change', (p) => onChange(p));
  watcher.on('add', (p) => onChange(p));
  watcher.on('unlink', (p) => onChange(p, true));
}

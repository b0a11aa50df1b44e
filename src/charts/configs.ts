/**
 * Chart.js configurations as plain data, built on the server and serialised into the page. Number formatting
 * cannot travel as functions, so each config carries a `format` spec that the client turns into tick and
 * tooltip callbacks with the same Chinese formatting as the rest of the site (1.2亿, 3,580万).
 *
 * Which figures may share a chart is decided here, once for every page:
 * - Only figures of one base unit (元 with 元, 人 with 人; never 人 with 人次) and one scope (see figureScope).
 * - Only figures of comparable magnitude: on a linear axis the largest bar is at most MAX_RATIO times the
 *   smallest (a bar 3,000 times another leaves the small one invisible). Figures outside that band are left
 *   out of the chart (they stay in the page's figure list and tables), or the chart is not drawn.
 * - A report's own figures are charted only where the comparison says something: a balance with its
 *   increase (catalog `balance_change`, same as-of date), a whole with its parts (`part_of`, `ratio`), and
 *   the same metric over time for the organisation.
 * - Only the organisation's own figures (isOwnFigure): a figure a report quotes about someone else (`context`,
 *   全国, 全省 …) is never drawn, neither beside the organisation's figures nor as its line.
 * - Titles are short (at most MAX_TITLE characters), never a list of labels.
 * Every chart carries its data as a table, with each figure as printed; a cell that is one report's figure
 * links to the sentence of that report which prints it (src/lib/figure-source.ts).
 */
import type { RankEntry, SeriesPoint, ThemeCounts } from '../lib/aggregate.ts';
import { figureSourceLabel, figureSourcePath, isCatalogFigure, ownFigures } from '../lib/figures/index.ts';
import type { Report, ResolvedMetric } from '../lib/model.ts';
import type { Relation } from '../schemas/catalog.ts';

/** Largest ratio between two values drawn on one linear axis. */
export const MAX_RATIO = 50;
/** Longest chart title, in characters: it sits above a 390 px wide chart on a phone. */
export const MAX_TITLE = 16;
/** Most bars in a ranking chart; the ranking table under it lists every organisation. */
export const MAX_RANKING_BARS = 20;
/** Most trend charts on a report page: the figures' own charts come first. */
export const MAX_REPORT_TRENDS = 2;

export interface FormatSpec {
  /** Base unit appended to values: 元, %, 人 … */
  unit: string;
}

export interface ChartSpec {
  /** Visible title: short, at most MAX_TITLE characters. */
  title: string;
  /** A line under the title: the date the figures share, what was left out of the chart and why. */
  note?: string;
  type: 'line' | 'bar';
  /** Horizontal bars for rankings. */
  horizontal?: boolean;
  /** Datasets stacked into one bar per label (parts of a whole, e.g. a theme's reports by year). */
  stacked?: boolean;
  labels: string[];
  /** `texts`: each value as the article printed it (超2100亿元), for the tooltip; the bar is drawn at its number. */
  datasets: { label: string; data: number[]; texts?: string[] }[];
  format: FormatSpec;
  /** Describes the chart for screen readers (aria-label). */
  description: string;
  /**
   * The same data as a table: header row and rows of display strings; `links`, parallel to `rows`, where a cell
   * is one report's figure: the figure's source (null for any other cell).
   */
  table: { caption: string; head: string[]; rows: string[][]; links?: (CellLink | null)[][] };
}

/** A table cell's link to where its figure is printed: a path relative to the site's base, and the link's name. */
export interface CellLink {
  path: string;
  label: string;
}

/** The report a figure is printed in: its page holds the sentence (or, for a derived figure, the note). */
type SourceReport = Pick<Report, 'slug' | 'title'>;

export function sourceLink(report: SourceReport, m: ResolvedMetric): CellLink {
  return { path: figureSourcePath(report.slug, m), label: figureSourceLabel(m, report) };
}

type Display = (m: ResolvedMetric) => string;
/** A figure is shown as printed. */
const printed: Display = (m) => m.text;

/** The first candidate that fits MAX_TITLE characters; the last one cut with an ellipsis if none does. */
export function chartTitle(...candidates: string[]): string {
  const fit = candidates.find((c) => [...c].length <= MAX_TITLE);
  if (fit !== undefined) return fit;
  const last = [...(candidates.at(-1) ?? '')];
  return `${last.slice(0, MAX_TITLE - 1).join('')}…`;
}

/**
 * Whether values may share a linear axis: all non-zero and the largest at most `maxRatio` times the smallest
 * (by size: a decrease is drawn as a bar to the left, as long as the one next to it).
 */
export function comparableMagnitudes(values: readonly number[], maxRatio = MAX_RATIO): boolean {
  const abs = values.map((v) => Math.abs(v));
  if (abs.length === 0 || abs.some((v) => !Number.isFinite(v) || v === 0)) return false;
  return Math.max(...abs) / Math.min(...abs) <= maxRatio;
}

/** The catalog key, when the figure has one: a figure of the report's own is never joined to other reports'. */
function metricKey(m: ResolvedMetric): string | undefined {
  return (m as { key?: string }).key || undefined;
}

/**
 * What a figure counts beyond its metric, for deciding which figures share a chart: '' for the metric itself
 * (the whole organisation, or a scope the catalog lists as the metric's own, such as 普惠小微 for
 * 普惠小微贷款余额), otherwise the narrower scope as written (近3年, 扶贫贷款, 江华支行). Figures of different
 * scopes are never on one line or one axis.
 */
export function figureScope(m: ResolvedMetric): string {
  const scope = (m as { scope?: unknown }).scope;
  if (typeof scope !== 'string' || scope.trim() === '') return '';
  const own = (m as { definition?: { scopes?: readonly string[] } }).definition?.scopes ?? [];
  return own.includes(scope.trim()) ? '' : scope.trim();
}

/** Figures of one report that may sit on one axis: same as-of date, base unit and scope. */
function sameFrame(a: ResolvedMetric, b: ResolvedMetric): boolean {
  return a.asOf === b.asOf && a.baseUnit === b.baseUnit && figureScope(a) === figureScope(b);
}

function figureTable(caption: string, metrics: readonly ResolvedMetric[], display: Display, report?: SourceReport): ChartSpec['table'] {
  return {
    caption,
    head: ['指标', '数字', '截至'],
    rows: metrics.map((m) => [m.label, display(m), m.asOfLabel]),
    ...(report ? { links: metrics.map((m) => [null, sourceLink(report, m), null]) } : {}),
  };
}

/** A report's figures side by side as horizontal bars: the building block of the report charts. */
function figureBars(title: string, metrics: readonly ResolvedMetric[], display: Display, note?: string, report?: SourceReport): ChartSpec {
  return {
    title,
    ...(note ? { note } : {}),
    type: 'bar',
    // Chinese metric names are long: bars run sideways so the names stay readable on a phone.
    horizontal: true,
    labels: metrics.map((m) => m.label),
    datasets: [{ label: title, data: metrics.map((m) => m.base), texts: metrics.map(display) }],
    format: { unit: metrics[0]!.baseUnit },
    description: `${title}：${metrics.map((m) => `${m.label}${display(m)}（截至${m.asOfLabel}）`).join('，')}`,
    table: figureTable(title, metrics, display, report),
  };
}

/** One as-of date shared by every figure: said once under the title. */
function sharedDate(metrics: readonly ResolvedMetric[]): string | undefined {
  const dates = new Set(metrics.map((m) => m.asOfLabel));
  return dates.size === 1 ? `截至${metrics[0]!.asOfLabel}` : undefined;
}

/**
 * Figures an author chose to compare (<MetricChart> in an .mdx report): one base unit, at least two.
 * The title is the author's; magnitudes are not checked here because the check already accepted the chart.
 * With `report`, each figure in the table links to its source.
 */
export function comparisonChart(title: string, metrics: readonly ResolvedMetric[], display: Display = printed, report?: SourceReport): ChartSpec | undefined {
  if (metrics.length < 2) return undefined;
  const unit = metrics[0]!.baseUnit;
  if (metrics.some((m) => m.baseUnit !== unit)) return undefined;
  return figureBars(title, metrics, display, sharedDate(metrics), report);
}

/** How a report names the increase of a balance it names “<stem>余额”: 实体贷款余额 → 实体贷款较年初增加, 实体贷款净增. */
const INCREASE_WORDS = ['较年初增加', '较年初增长', '较年初净增', '比年初增加', '比年初增长', '比年初净增', '较年初新增', '净增', '新增', '增加', '增长', '增量'];

/**
 * Balances with their increase since the start of the year, same date and scope: catalog metrics by their
 * `balance_change` relation; a report's own figures by their names, a “…余额” with the same words followed
 * by 较年初增加, 净增 and the like (实体贷款余额 and 实体贷款净增).
 */
function balancePairs(metrics: readonly ResolvedMetric[], relations: readonly Relation[]): [ResolvedMetric, ResolvedMetric][] {
  const pairs: [ResolvedMetric, ResolvedMetric][] = [];
  for (const rel of relations) {
    if (rel.type !== 'balance_change') continue;
    for (const balance of metrics.filter((m) => metricKey(m) === rel.balance)) {
      const increase = metrics.find((m) => metricKey(m) === rel.increase && sameFrame(m, balance));
      if (increase) pairs.push([balance, increase]);
    }
  }
  for (const balance of metrics) {
    if (metricKey(balance) || !balance.label.endsWith('余额') || balance.label.length < 4) continue;
    const stem = balance.label.slice(0, -2);
    const increase = metrics.find(
      (m) => !metricKey(m) && m !== balance && sameFrame(m, balance) && m.label.startsWith(stem) && INCREASE_WORDS.includes(m.label.slice(stem.length)),
    );
    if (increase) pairs.push([balance, increase]);
  }
  return pairs;
}

function balanceCharts(metrics: readonly ResolvedMetric[], relations: readonly Relation[], display: Display, report?: SourceReport): ChartSpec[] {
  return balancePairs(metrics, relations)
    .filter(([balance, increase]) => comparableMagnitudes([balance.base, increase.base]))
    .map(([balance, increase]) => {
      const catalogLabel = balance.definition?.label ?? balance.label;
      const title = chartTitle(`${balance.label}与增量`, `${catalogLabel}与增量`, '余额与增量');
      return figureBars(title, [balance, increase], display, sharedDate([balance, increase]), report);
    });
}

/**
 * A whole with its parts (catalog `part_of`, and the part and whole of a `ratio`), same date and scope. Parts
 * smaller than the whole by more than MAX_RATIO are left out (and said so under the title).
 */
function partCharts(metrics: readonly ResolvedMetric[], relations: readonly Relation[], display: Display, report?: SourceReport): ChartSpec[] {
  const pairs = relations.flatMap((r) => (r.type === 'part_of' || r.type === 'ratio' ? [{ part: r.part, whole: r.whole }] : []));
  const out: ChartSpec[] = [];
  for (const whole of metrics) {
    const wholeKey = metricKey(whole);
    if (!wholeKey) continue;
    const partKeys = new Set(pairs.filter((p) => p.whole === wholeKey).map((p) => p.part));
    const parts = metrics.filter((m) => m !== whole && partKeys.has(metricKey(m) ?? '') && sameFrame(m, whole));
    const shown = parts.filter((p) => comparableMagnitudes([whole.base, p.base]));
    if (shown.length === 0) continue;
    const title = shown.length === 1
      ? chartTitle(`${shown[0]!.label}与${whole.label}`, `${whole.label}及其中部分`, '部分与整体')
      : chartTitle(`${whole.label}及其中部分`, '部分与整体');
    const left = parts.length - shown.length;
    const note = [sharedDate([whole, ...shown]), left > 0 ? `另有 ${left} 项数字相差太大，未画入图中` : undefined].filter(Boolean).join('；');
    out.push(figureBars(title, [whole, ...shown], display, note || undefined, report));
  }
  return out;
}

export interface TrendSeries {
  /** Catalog key of the metric. */
  key: string;
  /** figureScope of every point. */
  scope: string;
  baseUnit: string;
  /** The label of the latest point. */
  label: string;
  /** Oldest first, one per as-of date (the latest report wins). */
  points: SeriesPoint[];
}

const trendMemo = new WeakMap<readonly Report[], Map<string, readonly TrendSeries[]>>();

/**
 * An organisation's figures over time, one series per metric, scope and base unit: a line joins only figures
 * that count the same thing (各项贷款余额 never continues as 实体贷款余额, 人 never as 人次).
 * Worked out once per list of reports and organisation: every report page of the organisation charts the
 * same series. The series are shared, so callers must not change them.
 */
export function orgTrendSeries(reports: readonly Report[], orgId: string): readonly TrendSeries[] {
  let byOrg = trendMemo.get(reports);
  if (!byOrg) trendMemo.set(reports, (byOrg = new Map()));
  let got = byOrg.get(orgId);
  if (!got) byOrg.set(orgId, (got = trendSeriesOf(reports, orgId)));
  return got;
}

function trendSeriesOf(reports: readonly Report[], orgId: string): TrendSeries[] {
  const series = new Map<string, { key: string; scope: string; baseUnit: string; byDate: Map<string, SeriesPoint> }>();
  for (const report of reports) {
    if (report.org.id !== orgId) continue;
    for (const metric of report.metrics) {
      if (!isCatalogFigure(metric)) continue;
      const key = metric.key;
      const scope = figureScope(metric);
      const id = `${key}\u0000${scope}\u0000${metric.baseUnit}`;
      const s = series.get(id) ?? { key, scope, baseUnit: metric.baseUnit, byDate: new Map<string, SeriesPoint>() };
      const prev = s.byDate.get(metric.asOf);
      if (!prev || prev.report.date < report.date) {
        s.byDate.set(metric.asOf, { asOf: metric.asOf, asOfLabel: metric.asOfLabel, base: metric.base, metric, report });
      }
      series.set(id, s);
    }
  }
  return [...series.values()].map((s) => {
    const points = [...s.byDate.values()].sort((a, b) => a.asOf.localeCompare(b.asOf));
    return { key: s.key, scope: s.scope, baseUnit: s.baseUnit, label: points.at(-1)!.metric.label, points };
  });
}

/** A line per organisation metric over time; the title defaults to “<label>变化趋势”, shortened to fit. */
export function trendChart(label: string, points: readonly SeriesPoint[], display: Display = printed, opts: { title?: string; note?: string } = {}): ChartSpec {
  const unit = points[0]?.metric.baseUnit ?? '';
  const title = opts.title ?? chartTitle(`${label}变化趋势`, `${label}变化`, label);
  return {
    title,
    ...(opts.note ? { note: opts.note } : {}),
    type: 'line',
    labels: points.map((p) => p.asOfLabel),
    datasets: [{ label, data: points.map((p) => p.base), texts: points.map((p) => display(p.metric)) }],
    format: { unit },
    description: `${label}变化趋势：${points.map((p) => `${p.asOfLabel}${display(p.metric)}`).join('，')}`,
    table: {
      caption: `${label}变化趋势`,
      head: ['截至', label, '报告'],
      rows: points.map((p) => [p.asOfLabel, display(p.metric), p.report.title]),
      links: points.map((p) => [null, sourceLink(p.report, p.metric), null]),
    },
  };
}

/** Whether a series is worth a line: two dates or more, magnitudes that share an axis. */
function chartableSeries(s: TrendSeries): boolean {
  return s.points.length >= 2 && comparableMagnitudes(s.points.map((p) => p.base));
}

function priority(m: ResolvedMetric): number {
  return (m as { definition?: { priority?: number } }).definition?.priority ?? 0;
}

/** Trend charts for an organisation page, highest catalog priority first; `key` links each to its ranking. */
export function orgTrendCharts(reports: readonly Report[], orgId: string, display: Display = printed): { key: string; spec: ChartSpec }[] {
  return orgTrendSeries(reports, orgId)
    .filter(chartableSeries)
    .sort((a, b) => priority(b.points[0]!.metric) - priority(a.points[0]!.metric) || a.key.localeCompare(b.key) || a.scope.localeCompare(b.scope))
    .map((s) => ({ key: s.key, spec: trendChart(s.label, s.points, display) }));
}

/**
 * The charts of a report page: each balance with its increase, each whole with its parts, then up to
 * MAX_REPORT_TRENDS of its figures over the organisation's reports (balances first, then by priority). A
 * figure with no meaningful comparison gets no chart: the figure list above already shows it.
 */
export function reportCharts(report: Report, relations: readonly Relation[], published: readonly Report[], display: Display = printed): ChartSpec[] {
  const metrics = ownFigures(report.metrics);
  const own = [...balanceCharts(metrics, relations, display, report), ...partCharts(metrics, relations, display, report)];
  const series = orgTrendSeries(published, report.org.id).filter(chartableSeries);
  const kindOrder = (m: ResolvedMetric) => (m.definition?.kind === 'stock' ? 0 : 1);
  const candidates = [...metrics].sort((a, b) => kindOrder(a) - kindOrder(b) || priority(b) - priority(a));
  const trends: ChartSpec[] = [];
  const used = new Set<TrendSeries>();
  for (const m of candidates) {
    if (trends.length >= MAX_REPORT_TRENDS) break;
    const s = series.find((x) => x.key === metricKey(m) && x.scope === figureScope(m) && x.baseUnit === m.baseUnit);
    // Only a line through this figure's date (a draft's later figures are in no published series yet).
    if (!s || used.has(s) || !s.points.some((p) => p.asOf === m.asOf)) continue;
    used.add(s);
    trends.push(trendChart(s.label, s.points, display, { title: chartTitle(`${s.label}变化`, s.label), note: `${report.org.short ?? report.org.name}历次报告中的数字` }));
  }
  return [...own, ...trends];
}

/**
 * Horizontal bars ranking organisations by their latest figure: the leaders, at most MAX_RANKING_BARS, as
 * long as they stay within MAX_RATIO of the first (in either ranking direction) and count the same thing
 * (the metric itself when there are such figures, not a narrower scope). The ranking table on the page lists everyone. Undefined
 * when fewer than two bars are left.
 */
export function rankingChart(label: string, entries: readonly RankEntry[], display: Display = printed): ChartSpec | undefined {
  const unit = entries[0]?.metric.baseUnit ?? '';
  const scope = entries.length === 0 || entries.some((e) => figureScope(e.metric) === '') ? '' : figureScope(entries[0]!.metric);
  const candidates = entries.filter((e) => e.metric.base !== 0 && figureScope(e.metric) === scope);
  const lead = Math.abs(candidates[0]?.metric.base ?? 0);
  const shown = candidates.filter((e) => comparableMagnitudes([lead, e.metric.base])).slice(0, MAX_RANKING_BARS);
  // One bar is not a comparison: the ranking table says it all.
  if (shown.length < 2) return undefined;
  const place = (e: RankEntry) => entries.indexOf(e) + 1;
  const left = entries.length - shown.length;
  return {
    title: chartTitle(`${label}排行`, label),
    ...(left > 0 ? { note: `图中为 ${shown.length} 家可以同图比较的机构，全部 ${entries.length} 家见下表` } : {}),
    type: 'bar',
    horizontal: true,
    labels: shown.map((e) => e.report.org.short ?? e.report.org.name),
    datasets: [{ label, data: shown.map((e) => e.metric.base), texts: shown.map((e) => display(e.metric)) }],
    format: { unit },
    description: `${label}排行：${shown.map((e) => `第${place(e)}名${e.report.org.name}${display(e.metric)}`).join('，')}`,
    table: {
      caption: `${label}排行（各机构最新数字）`,
      head: ['名次', '机构', label, '截至'],
      rows: shown.map((e) => [String(place(e)), e.report.org.name, display(e.metric), e.metric.asOfLabel]),
      links: shown.map((e) => [null, null, sourceLink(e.report, e.metric), null]),
    },
  };
}

/**
 * Reports per theme, one bar per theme stacked by year: twelve themes side by side read better than twelve
 * colours per year. Themes without reports are left out; the most reported theme comes first.
 */
export function themeChart(data: ThemeCounts): ChartSpec {
  const keep = data.themes
    .map((t, i) => ({ t, c: data.counts[i]!, sum: data.counts[i]!.reduce((a, b) => a + b, 0) }))
    .filter((x) => x.sum > 0)
    .sort((a, b) => b.sum - a.sum);
  return {
    title: '各主题每年报告数',
    type: 'bar',
    horizontal: true,
    stacked: true,
    labels: keep.map((x) => x.t),
    // Newest year first, so it takes the brand colour and the start of each bar.
    datasets: data.years.map((y, i) => ({ label: `${y}年`, data: keep.map((x) => x.c[i]!) })).reverse(),
    format: { unit: '篇' },
    description: `各主题每年报告数：${keep.map((x) => `${x.t}${x.c.map((n, i) => `${data.years[i]}年${n}篇`).join('、')}`).join('；')}`,
    table: {
      caption: '各主题每年报告数',
      head: ['主题', ...data.years.map((y) => `${y}年`)],
      rows: keep.map((x) => [x.t, ...x.c.map(String)]),
    },
  };
}

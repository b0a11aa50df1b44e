/**
 * Chart.js configurations as plain data, built on the server and serialised into the page. Number formatting
 * cannot travel as functions, so each config carries a `format` spec that the client turns into tick and
 * tooltip callbacks with the same Chinese formatting as the rest of the site (1.2亿, 3,580万).
 */
import type { RankEntry, SeriesPoint, ThemeCounts } from '../lib/aggregate.ts';
import type { ResolvedMetric } from '../lib/model.ts';

export interface FormatSpec {
  /** Base unit appended to values: 元, %, 人 … */
  unit: string;
}

export interface ChartSpec {
  /** Visible title (the figure's caption). */
  title: string;
  type: 'line' | 'bar';
  /** Horizontal bars for rankings. */
  horizontal?: boolean;
  /** Datasets stacked into one bar per label (parts of a whole, e.g. a theme's reports by year). */
  stacked?: boolean;
  labels: string[];
  datasets: { label: string; data: number[] }[];
  format: FormatSpec;
  /** Describes the chart for screen readers (aria-label). */
  description: string;
  /** The same data as a table: header row and rows of display strings. */
  table: { caption: string; head: string[]; rows: string[][] };
}

/** A line per organisation metric over time. */
export function trendChart(label: string, points: readonly SeriesPoint[], display: (m: ResolvedMetric) => string): ChartSpec {
  const unit = points[0]?.metric.baseUnit ?? '';
  const labels = points.map((p) => p.asOfLabel.replace(/^(\d{4})年/, '$1年\u2009'));
  return {
    title: `${label}变化趋势`,
    type: 'line',
    labels,
    datasets: [{ label, data: points.map((p) => p.base) }],
    format: { unit },
    description: `${label}变化趋势：${points.map((p) => `${p.asOfLabel}${display(p.metric)}`).join('，')}`,
    table: { caption: `${label}变化趋势`, head: ['截至', label], rows: points.map((p) => [p.asOfLabel, display(p.metric)]) },
  };
}

/** Horizontal bars ranking organisations by their latest figure. */
export function rankingChart(label: string, entries: readonly RankEntry[], display: (m: ResolvedMetric) => string): ChartSpec {
  const unit = entries[0]?.metric.baseUnit ?? '';
  return {
    title: `${label}排行`,
    type: 'bar',
    horizontal: true,
    labels: entries.map((e) => e.report.org.short ?? e.report.org.name),
    datasets: [{ label, data: entries.map((e) => e.metric.base) }],
    format: { unit },
    description: `${label}排行：${entries.map((e, i) => `第${i + 1}名${e.report.org.name}${display(e.metric)}`).join('，')}`,
    table: {
      caption: `${label}排行（各机构最新数字）`,
      head: ['名次', '机构', label, '截至'],
      rows: entries.map((e, i) => [String(i + 1), e.report.org.name, display(e.metric), e.metric.asOfLabel]),
    },
  };
}

/** A report's figures of one base unit side by side, when it has at least two. */
export function comparisonChart(title: string, metrics: readonly ResolvedMetric[], display: (m: ResolvedMetric) => string): ChartSpec | undefined {
  if (metrics.length < 2) return undefined;
  const unit = metrics[0]!.baseUnit;
  if (metrics.some((m) => m.baseUnit !== unit)) return undefined;
  return {
    title,
    type: 'bar',
    // Chinese metric names are long: bars run sideways so the names stay readable on a phone.
    horizontal: true,
    labels: metrics.map((m) => m.label),
    datasets: [{ label: title, data: metrics.map((m) => m.base) }],
    format: { unit },
    description: `${title}：${metrics.map((m) => `${m.label}${display(m)}`).join('，')}`,
    table: { caption: title, head: ['指标', '数字', '截至'], rows: metrics.map((m) => [m.label, display(m), m.asOfLabel]) },
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

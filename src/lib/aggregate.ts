/**
 * Figures across reports: yearly totals, latest value per organisation (rankings), series over time (trends),
 * theme counts, related reports. Pure functions over published reports.
 *
 * Only catalog figures (a `key`: the organisation's own metric) are added up, ranked or joined over time. A
 * figure of the report's own (a segment, programme, branch or period, no key) is never in any of them: 15.4亿元
 * lent to one motorway is not the bank's loans. Where a report keyed two figures of one metric and date, the
 * first in its list is the metric (the check warns about the second).
 */
import type { Catalog, Report, ResolvedMetric } from './model.ts';
import type { MetricDefinition } from '../schemas/catalog.ts';
import { countedAs } from './catalog.ts';
import { formatCompact, formatCompactExact, isCatalogFigure, type CatalogFigure } from './figures/index.ts';

/**
 * A report's catalog figures, the first of each key and date only: the figures that have a ranking page, are
 * added up and drawn over time. Never a figure quoted about someone else (isCatalogFigure says no to `context`).
 */
export function catalogFigures(report: Report): CatalogFigure[] {
  const seen = new Set<string>();
  const out: CatalogFigure[] = [];
  for (const m of report.metrics) {
    if (!isCatalogFigure(m)) continue;
    const id = `${m.key}\u0000${m.asOf}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(m);
  }
  return out;
}

export interface Total {
  definition: MetricDefinition;
  /**
   * Sum in base units: each figure as its printed number (the lower end of a range), never below what it stands
   * for (数百名 is at least 200).
   */
  base: number;
  /** The unit the sum is counted in: the first of its alike group in the catalog (120余名 and 80人 are 人). */
  baseUnit: string;
  /** Organisations that contributed (one figure each). */
  orgs: number;
  /** Slugs of the reports the figures come from. */
  sources: string[];
  /** The figures added up, each with its report (each links to where it is printed). */
  figures: { report: Report; metric: CatalogFigure }[];
  /** Every figure added up is exact as printed: no approximate marker (余, 超, 近, 约, 以上 …), no range. */
  exact: boolean;
  /**
   * The total as the page prints it. One figure is its printed text (120余名), never rebuilt; a sum is exact only
   * when every figure is and its digits all show (733.1万元), and otherwise says so (约733万元).
   */
  text: string;
}

/** Whether a printed figure says its value to its last digit: a marker or a range says less. */
function exactAsPrinted(m: ResolvedMetric): boolean {
  return !m.approx && m.form !== 'range' && m.form !== 'fraction';
}

/** A sum as the figures allow: every digit of an exact sum, else 约 and the sum made readable. */
function sumText(base: number, baseUnit: string, exact: boolean): string {
  const shown = exact ? formatCompactExact(base, baseUnit) : undefined;
  return shown ?? `约${formatCompact(base, baseUnit)}`;
}

/**
 * Yearly totals of `total: true` metrics. A flow is counted once per organisation and year, from its latest
 * as-of date, because quarterly reports repeat the year-to-date figure. Units the catalog lists as alike (人, 名,
 * 位) make one total; others (人 and 人次) are never added together: each gets its own total.
 */
export function yearlyTotals(reports: readonly Report[], catalog: Catalog, year: number): Total[] {
  const latest = new Map<string, { m: CatalogFigure; report: Report }>();
  for (const report of reports) {
    for (const m of catalogFigures(report)) {
      if (!catalog.byKey.get(m.key)?.total || Number(m.asOf.slice(0, 4)) !== year) continue;
      const k = `${m.key}|${report.org.id}|${countedAs(catalog, m.baseUnit)}`;
      const prev = latest.get(k);
      if (!prev || prev.m.asOf < m.asOf || (prev.m.asOf === m.asOf && prev.report.date < report.date)) latest.set(k, { m, report });
    }
  }
  const totals = new Map<string, Omit<Total, 'text'>>();
  for (const { m, report } of latest.values()) {
    const unit = countedAs(catalog, m.baseUnit);
    const k = `${m.key}|${unit}`;
    const t = totals.get(k) ?? { definition: m.definition, base: 0, baseUnit: unit, orgs: 0, sources: [], figures: [], exact: true };
    t.base += Math.max(m.base, m.interval[0]);
    t.orgs += 1;
    t.figures.push({ report, metric: m });
    if (!t.sources.includes(report.slug)) t.sources.push(report.slug);
    t.exact &&= exactAsPrinted(m);
    totals.set(k, t);
  }
  return [...totals.values()]
    .map((t) => {
      // Sums are floating point: 5.37亿 + 12.64亿 must not print as 18.009999999亿.
      const base = Number(t.base.toPrecision(12));
      const text = t.figures.length === 1 ? t.figures[0]!.metric.text : sumText(base, t.baseUnit, t.exact);
      return { ...t, base, text };
    })
    .sort((a, b) => b.definition.priority - a.definition.priority || b.orgs - a.orgs);
}

/** The latest year that has any catalog figure (the year totals are shown for). */
export function latestYear(reports: readonly Report[]): number | undefined {
  let y: number | undefined;
  for (const r of reports) for (const m of catalogFigures(r)) y = Math.max(y ?? 0, Number(m.asOf.slice(0, 4)));
  return y;
}

export interface RankEntry {
  report: Report;
  metric: CatalogFigure;
}

export interface RankGroup {
  /** Base unit every entry of the group is counted in. */
  unit: string;
  entries: RankEntry[];
}

/**
 * Per organisation, its latest figure for a metric (latest as-of date, then latest report), grouped by base
 * unit because only figures in one unit compare (人 and 人次 are different things), each group ranked by base
 * value in the catalog's `better` direction. The largest group comes first.
 */
export function rankingGroups(reports: readonly Report[], key: string): RankGroup[] {
  return rankingsByKey(reports, (k) => k === key).get(key) ?? [];
}

/** `rankingGroups` of every metric (or of those `keep` keeps), in one pass over the reports. */
export function rankingsByKey(reports: readonly Report[], keep: (key: string) => boolean = () => true): Map<string, RankGroup[]> {
  const best = new Map<string, Map<string, RankEntry>>();
  for (const report of reports) {
    for (const metric of catalogFigures(report)) {
      if (!keep(metric.key)) continue;
      let ofKey = best.get(metric.key);
      if (!ofKey) best.set(metric.key, (ofKey = new Map()));
      const k = `${report.org.id}|${metric.baseUnit}`;
      const prev = ofKey.get(k);
      if (!prev || prev.metric.asOf < metric.asOf || (prev.metric.asOf === metric.asOf && prev.report.date < report.date)) {
        ofKey.set(k, { report, metric });
      }
    }
  }
  return new Map([...best].map(([key, ofKey]) => [key, rankGroups([...ofKey.values()])]));
}

function rankGroups(best: RankEntry[]): RankGroup[] {
  const groups = groupBy(best, (e) => e.metric.baseUnit);
  return [...groups.entries()]
    .map(([unit, entries]) => {
      const dir = entries[0]?.metric.definition.better === 'lower' ? 1 : -1;
      const ranked = entries.sort((a, b) => dir * (a.metric.base - b.metric.base) || a.report.org.name.localeCompare(b.report.org.name, 'zh-CN'));
      return { unit, entries: ranked };
    })
    .sort((a, b) => b.entries.length - a.entries.length || a.unit.localeCompare(b.unit, 'zh-CN'));
}

/** The main ranking of a metric: the largest group of comparable figures (see rankingGroups). */
export function ranking(reports: readonly Report[], key: string): RankEntry[] {
  return rankingGroups(reports, key)[0]?.entries ?? [];
}

export interface SeriesPoint {
  asOf: string;
  asOfLabel: string;
  base: number;
  metric: ResolvedMetric;
  report: Report;
}

/**
 * One organisation's figures for each metric over time, oldest first: one point per as-of date (the latest
 * report wins), in one base unit.
 */
export function orgSeries(reports: readonly Report[], orgId: string): Map<string, SeriesPoint[]> {
  const series = new Map<string, Map<string, SeriesPoint>>();
  for (const report of reports) {
    if (report.org.id !== orgId) continue;
    for (const metric of catalogFigures(report)) {
      const byDate = series.get(metric.key) ?? new Map<string, SeriesPoint>();
      const prev = byDate.get(metric.asOf);
      if (!prev || prev.report.date < report.date) {
        byDate.set(metric.asOf, { asOf: metric.asOf, asOfLabel: metric.asOfLabel, base: metric.base, metric, report });
      }
      series.set(metric.key, byDate);
    }
  }
  const out = new Map<string, SeriesPoint[]>();
  for (const [key, byDate] of series) {
    const points = [...byDate.values()].sort((a, b) => a.asOf.localeCompare(b.asOf));
    // A line joins comparable figures only: those in the base unit of the latest one (人 and 人次 never mix).
    const unit = points.at(-1)?.metric.baseUnit;
    out.set(key, points.filter((p) => p.metric.baseUnit === unit));
  }
  return out;
}

export interface ThemeCounts {
  /** Oldest first. */
  years: number[];
  themes: string[];
  /** counts[themeIndex][yearIndex] */
  counts: number[][];
}

/** Reports per theme per year, for the themes given (in that order). */
export function themeCountsByYear(reports: readonly Report[], themes: readonly string[]): ThemeCounts {
  const years = [...new Set(reports.map((r) => r.year))].sort((a, b) => a - b);
  const counts = themes.map((t) => years.map((y) => reports.filter((r) => r.year === y && r.themes.includes(t)).length));
  return { years, themes: [...themes], counts };
}

/**
 * Up to n reports sharing the organisation or themes: the organisation counts as two shared themes; most
 * shared first, newest first on a tie.
 */
export function relatedReports(report: Report, all: readonly Report[], n = 4): Report[] {
  return all
    .filter((r) => r.slug !== report.slug)
    .map((r) => ({ r, score: (r.org.id === report.org.id ? 2 : 0) + r.themes.filter((t) => report.themes.includes(t)).length }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || b.r.date.localeCompare(a.r.date))
    .slice(0, n)
    .map((x) => x.r);
}

/** Group reports by a key, keeping the newest-first order inside each group. */
export function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    m.set(k, [...(m.get(k) ?? []), x]);
  }
  return m;
}

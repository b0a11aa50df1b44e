/**
 * Figures across reports: yearly totals, latest value per organisation (rankings), series over time (trends),
 * theme counts, related reports. Pure functions over published reports.
 */
import type { Catalog, Report, ResolvedMetric } from './model.ts';
import type { MetricDefinition } from '../schemas/catalog.ts';

export interface Total {
  definition: MetricDefinition;
  /** Sum in base units. */
  base: number;
  baseUnit: string;
  /** How many reports contributed, and whether any figure was approximate (余/超…: the total is a floor). */
  reports: number;
  approximate: boolean;
}

/**
 * Yearly totals of `total: true` metrics. A flow is counted once per organisation and year, from its latest
 * as-of date, because quarterly reports repeat the year-to-date figure; figures in different base units
 * (人 and 人次) are not added together.
 */
export function yearlyTotals(reports: readonly Report[], catalog: Catalog, year: number): Total[] {
  const latest = new Map<string, { m: ResolvedMetric; slug: string }>();
  for (const r of reports) {
    for (const m of r.metrics) {
      if (!m.definition.total || Number(m.asOf.slice(0, 4)) !== year) continue;
      const k = `${m.key}|${r.org.id}|${m.baseUnit}`;
      const prev = latest.get(k);
      if (!prev || prev.m.asOf < m.asOf) latest.set(k, { m, slug: r.slug });
    }
  }
  const totals = new Map<string, Total>();
  for (const { m } of latest.values()) {
    const k = `${m.key}|${m.baseUnit}`;
    const t = totals.get(k) ?? { definition: m.definition, base: 0, baseUnit: m.baseUnit, reports: 0, approximate: false };
    t.base += m.base;
    t.reports += 1;
    t.approximate ||= !!m.approx;
    totals.set(k, t);
  }
  return [...totals.values()]
    .filter((t) => catalog.byKey.has(t.definition.key))
    .sort((a, b) => b.definition.priority - a.definition.priority);
}

/** The latest year that has any figure. */
export function latestYear(reports: readonly Report[]): number | undefined {
  let y: number | undefined;
  for (const r of reports) for (const m of r.metrics) y = Math.max(y ?? 0, Number(m.asOf.slice(0, 4)));
  return y;
}

export interface RankEntry {
  report: Report;
  metric: ResolvedMetric;
}

/** Per organisation, its latest figure for a metric; ranked by base value in the catalog's direction. */
export function ranking(reports: readonly Report[], key: string): RankEntry[] {
  const best = new Map<string, RankEntry>();
  for (const report of reports) {
    for (const metric of report.metrics) {
      if (metric.key !== key) continue;
      const prev = best.get(report.org.id);
      if (!prev || prev.metric.asOf < metric.asOf || (prev.metric.asOf === metric.asOf && prev.report.date < report.date)) {
        best.set(report.org.id, { report, metric });
      }
    }
  }
  const entries = [...best.values()];
  // Only figures in the dominant base unit are comparable (人 vs 人次 are different things).
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.metric.baseUnit, (counts.get(e.metric.baseUnit) ?? 0) + 1);
  const unit = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const dir = entries[0]?.metric.definition.better === 'lower' ? 1 : -1;
  return entries.filter((e) => e.metric.baseUnit === unit).sort((a, b) => dir * (a.metric.base - b.metric.base) || a.report.org.name.localeCompare(b.report.org.name, 'zh-CN'));
}

export interface SeriesPoint {
  asOf: string;
  asOfLabel: string;
  base: number;
  metric: ResolvedMetric;
  report: Report;
}

/** One organisation's figures for each metric over time (one point per as-of date, latest report wins). */
export function orgSeries(reports: readonly Report[], orgId: string): Map<string, SeriesPoint[]> {
  const series = new Map<string, Map<string, SeriesPoint>>();
  for (const report of reports) {
    if (report.org.id !== orgId) continue;
    for (const metric of report.metrics) {
      const byDate = series.get(metric.key) ?? new Map<string, SeriesPoint>();
      const prev = byDate.get(metric.asOf);
      if (!prev || prev.report.date < report.date) {
        byDate.set(metric.asOf, { asOf: metric.asOf, asOfLabel: metric.asOfLabel, base: metric.base, metric, report });
      }
      series.set(metric.key, byDate);
    }
  }
  const out = new Map<string, SeriesPoint[]>();
  for (const [key, byDate] of series) out.set(key, [...byDate.values()].sort((a, b) => a.asOf.localeCompare(b.asOf)));
  return out;
}

/** Reports per theme per year: {years, themes, counts[themeIndex][yearIndex]}. */
export function themeCountsByYear(reports: readonly Report[], themes: readonly string[]) {
  const years = [...new Set(reports.map((r) => r.year))].sort();
  const counts = themes.map((t) => years.map((y) => reports.filter((r) => r.year === y && r.themes.includes(t)).length));
  return { years, themes: [...themes], counts };
}

/** Up to n reports sharing the organisation or themes, most shared first, newest first. */
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

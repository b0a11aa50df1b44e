/**
 * Reports of one organisation agree. Each keyed balance or amount is the organisation's metric at its as-of
 * day, so across all reports they form one timeline per organisation and metric:
 *
 * - `timeline-conflict`: two reports give one organisation, metric and day two values that cannot both be true
 *   (their printed intervals do not overlap);
 * - `timeline-balance`: a balance and its 较年初增加 in one report imply the previous year-end balance
 *   (balance − increase, by the catalog's balance_change relations); another report's balance at that
 *   year-end must agree within the printed rounding.
 *
 * Each problem names both files and lines. It is attached to the report a writer is about to change: an
 * unpublished one (draft or embargoed) when the other is published, so nothing of a draft shows on a published
 * report; otherwise the later one. Pure: `npm run check` and the reports loader both call it after every file
 * is checked.
 */
import { countedAs } from '../catalog.ts';
import { formatNumber, intervalsOverlap, isCatalogFigure, type CatalogFigure } from '../figures/index.ts';
import type { Catalog, Report, ResolvedMetric } from '../model.ts';
import type { Problem } from '../problems.ts';

/** What the check needs of a report; small enough to keep for reports a build does not store. */
export interface TimelineSource {
  file: string;
  org: { id: string; name: string };
  date: string;
  draft: boolean;
  /** Its keyed balances and amounts, in list order. */
  metrics: ResolvedMetric[];
}

export interface TimelineReport extends TimelineSource {
  /** Judged by the caller at check time: an embargo ends without the file changing. */
  published: boolean;
}

/** The part of a report the timeline reads: its keyed stock and flow figures. */
export function timelineSource(report: Pick<Report, 'file' | 'org' | 'date' | 'draft' | 'metrics'>): TimelineSource {
  return {
    file: report.file,
    org: { id: report.org.id, name: report.org.name },
    date: report.date,
    draft: report.draft,
    metrics: report.metrics.filter((m) => isCatalogFigure(m) && m.definition.kind !== 'rate'),
  };
}

interface Point {
  report: TimelineReport;
  m: CatalogFigure;
}

function where(p: Point): string {
  return p.m.line !== undefined ? `${p.report.file}:${p.m.line}` : p.report.file;
}

/** The report the problem goes to first: the unpublished one beside a published one, else the later. */
function order(a: Point, b: Point): [Point, Point] {
  if (a.report.published !== b.report.published) return a.report.published ? [b, a] : [a, b];
  const later = a.report.date.localeCompare(b.report.date) || a.report.file.localeCompare(b.report.file);
  return later >= 0 ? [a, b] : [b, a];
}

function at(p: Point): Pick<Problem, 'file' | 'line' | 'field'> {
  return { file: p.report.file, ...(p.m.line !== undefined ? { line: p.m.line } : {}), field: `metrics[${p.m.index}].text` };
}

export function checkTimeline(reports: readonly TimelineReport[], catalog: Catalog): Problem[] {
  // org, metric and day → the figure of each report (its first keyed one, as rankings and trends take it).
  const points = new Map<string, Point[]>();
  const id = (org: string, key: string, day: string) => `${org}\u0000${key}\u0000${day}`;
  for (const report of reports) {
    const seen = new Set<string>();
    for (const m of report.metrics) {
      if (!isCatalogFigure(m) || catalog.byKey.get(m.key)?.kind === 'rate' || !catalog.byKey.has(m.key)) continue;
      const k = id(report.org.id, m.key, m.asOf);
      if (seen.has(k)) continue;
      seen.add(k);
      const list = points.get(k) ?? [];
      list.push({ report, m });
      points.set(k, list);
    }
  }
  return [...conflicts(points, catalog), ...balances(points, reports, catalog)];
}

function conflicts(points: Map<string, Point[]>, catalog: Catalog): Problem[] {
  const problems: Problem[] = [];
  for (const list of points.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        // 人 and 人次 count different things; 120名 and 125人 do not.
        if (a.report.file === b.report.file || countedAs(catalog, a.m.baseUnit) !== countedAs(catalog, b.m.baseUnit)) continue;
        if (intervalsOverlap(a.m.interval, b.m.interval)) continue;
        const [here, there] = order(a, b);
        const def = catalog.byKey.get(here.m.key) ?? here.m.definition;
        problems.push({
          severity: 'error', code: 'timeline-conflict', ...at(here),
          title: '同一机构同一天的同一个指标，两份报告写得不一样',
          what: `${here.report.org.name}截至 ${here.m.asOfLabel} 的“${def.label}”：${where(here)} 写的是 ${here.m.text}，${where(there)} 写的是 ${there.m.text}。`,
          why: '写了 key 的数字就是本机构这一天的这个指标，只有一个值；两份报告说法不一，排行和趋势不知道该用哪个，读者也会发现。',
          fix: '对照两篇文章核对，改正抄错的一份；两个数字若口径不同（一个是某个支行、某项业务或某个时段的），给不是全行的那个删掉 key，用 label 和 scope 写明。',
        });
      }
    }
  }
  return problems;
}

interface ImpliedStart {
  report: TimelineReport;
  bal: Point;
  inc: Point;
  yearEnd: string;
  start: readonly [number, number];
  implied: string;
}

function balances(points: Map<string, Point[]>, reports: readonly TimelineReport[], catalog: Catalog): Problem[] {
  const problems: Problem[] = [];
  const id = (org: string, key: string, day: string) => `${org}\u0000${key}\u0000${day}`;
  // Year starts implied by two reports of one year (Q1 and H1) must agree even where no year-end is printed.
  const starts = new Map<string, ImpliedStart[]>();
  for (const rel of catalog.relations) {
    if (rel.type !== 'balance_change') continue;
    for (const report of reports) {
      const first = (key: string, day: string) => points.get(id(report.org.id, key, day))?.find((p) => p.report === report);
      for (const m of report.metrics) {
        if (m.key !== rel.balance) continue;
        const bal = first(rel.balance, m.asOf);
        const inc = first(rel.increase, m.asOf);
        if (!bal || bal.m !== m || !inc) continue;
        // 较年初增加 counts from the start of the as-of day's year: the balance printed at the previous year-end.
        const yearEnd = `${Number(m.asOf.slice(0, 4)) - 1}-12-31`;
        const start: readonly [number, number] = [bal.m.interval[0] - inc.m.interval[1], bal.m.interval[1] - inc.m.interval[0]];
        const startKey = id(report.org.id, rel.balance, yearEnd);
        const impliedStart = `${formatNumber((bal.m.base - inc.m.base) / bal.m.multiplier, { maximumFractionDigits: Math.max(bal.m.decimals, 2) })}${bal.m.unit}`;
        starts.set(startKey, [...(starts.get(startKey) ?? []), { report, bal, inc, yearEnd, start, implied: impliedStart }]);
        for (const end of points.get(id(report.org.id, rel.balance, yearEnd)) ?? []) {
          if (end.report.file === report.file || intervalsOverlap(start, end.m.interval)) continue;
          const [here] = order(bal, end);
          const implied = `${formatNumber((bal.m.base - inc.m.base) / bal.m.multiplier, { maximumFractionDigits: Math.max(bal.m.decimals, 2) })}${bal.m.unit}`;
          const incAt = inc.m.line !== undefined && inc.m.line !== bal.m.line ? `（第 ${inc.m.line} 行）` : '';
          problems.push({
            severity: 'error', code: 'timeline-balance', ...at(here),
            title: '推出的年初余额与上年末的余额对不上',
            what: `${report.org.name}：${where(bal)} 写截至 ${bal.m.asOfLabel}，${bal.m.definition.label}${bal.m.text}，较年初增加${inc.m.text}${incAt}，推出 ${yearEnd.slice(0, 4)}年末余额约 ${implied}；${where(end)} 写截至 ${end.m.asOfLabel}，${end.m.definition.label}${end.m.text}。`,
            why: '余额 − 较年初增加 = 年初余额，也就是上一年末的余额；按印刷数字的舍入误差也对不上，至少有一个数字抄错了。',
            fix: '对照两篇文章核对这三个数字，改正抄错的那一个；其中一个若不是全行口径（某个支行、某项业务），删掉它的 key，用 label 和 scope 写明。',
          });
        }
      }
    }
  }
  for (const list of starts.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.report.file === b.report.file || intervalsOverlap(a.start, b.start)) continue;
        const [here, there] = order(a.bal, b.bal)[0] === a.bal ? [a, b] : [b, a];
        const says = (x: ImpliedStart) => `${where(x.bal)} 写截至 ${x.bal.m.asOfLabel}，${x.bal.m.definition.label}${x.bal.m.text}、较年初增加${x.inc.m.text}，推出年初余额约 ${x.implied}`;
        problems.push({
          severity: 'error', code: 'timeline-balance', ...at(here.bal),
          title: '两份报告推出的年初余额对不上',
          what: `${here.report.org.name}：${says(here)}；${says(there)}。`,
          why: `同一年的年初余额（${here.yearEnd.slice(0, 4)}年末余额）只有一个；余额 − 较年初增加 在两份报告里按印刷数字的舍入误差也对不上，至少有一个数字抄错了。`,
          fix: '对照两篇文章核对这四个数字，改正抄错的那一个；其中一个若不是全行口径（某个支行、某项业务），删掉它的 key，用 label 和 scope 写明。',
        });
      }
    }
  }
  return problems;
}

/**
 * The site's figures as data files: one row per figure, for the whole site, per metric ranking and per
 * organisation, as CSV (for Excel and WPS) and JSON (for programs). Pure: rows come from published reports and
 * the catalog, the files are strings; the Astro endpoints under src/pages/data/ only serve them.
 *
 * - Rows of a ranking are exactly the figures its page shows (rankingGroups, every group in page order); rows of
 *   an organisation are every figure of its published reports; the site's rows are every figure of every
 *   published report. A draft or embargoed report never gives a row, whatever it is handed.
 * - Only the organisation's own figures (isOwnFigure). A figure a report quotes about someone else (`context`:
 *   全国普惠小微贷款余额 36.1万亿元) is left out rather than given a column saying so: every row names the
 *   organisation in its first column, and an analyst sums or pivots `value` by that column; a flag column is
 *   one a pivot table ignores, and the nationwide figure would be added to the bank's. The report page lists
 *   such figures, apart, with their sentences.
 * - The printed text is copied verbatim, never composed from value and unit. The value is the printed number in
 *   base units (40余亿元 → 40亿, 3至5个 → 3); `upper` is the largest value the figure stands for where it is a range
 *   or carries a marker (40余亿元 → 50亿, 3至5个 → 5).
 * - CSV: UTF-8 with a BOM (Excel otherwise reads UTF-8 as the local code page and the Chinese is garbled), CRLF
 *   line endings, Chinese headers. A text cell starting with = + - @ tab or CR (or their full-width forms) gets
 *   a leading apostrophe so no spreadsheet runs it as a formula; numbers are written as numbers and never
 *   prefixed (-3.2 is a number, not a formula). The JSON keeps every text as printed.
 */
import { stringify } from 'csv-stringify/sync';
import { rankingsByKey, type RankGroup } from './aggregate.ts';
import { figureSourceUrl, isOwnFigure } from './figures/index.ts';
import { groupInOrder } from './site-index.ts';
import type { Catalog, Report, ResolvedMetric } from './model.ts';
import { figureVocabulary, parseFigure, type FigureVocabulary } from './figures/index.ts';
import { routes } from './urls.ts';

/** One figure as a row of a download. Blank cells are null. */
export interface FigureRow {
  /** Organisation, full name. */
  org: string;
  orgId: string;
  /** The report's file name: it lives at reports/<report>/. */
  report: string;
  title: string;
  /** Publication day of the report, YYYY-MM-DD. */
  date: string;
  /** What the figure counts, in the article's words (the catalog's label when the report wrote none). */
  label: string;
  scope: string | null;
  /** Catalog key: set only for the organisation's own metric (the figures rankings and totals use). */
  key: string | null;
  /** As printed, verbatim: 216.66亿元, 40余亿元, 超六成, 3至5个. */
  text: string;
  /** In `unit` (base unit): 21666000000 for 216.66亿元; the lower end of a range. */
  value: number;
  /**
   * The largest value the printed figure stands for, in `unit`: the printed upper end of a range (3至5个 → 5); for
   * a figure with a marker, the top of the interval the check reads it as (40余亿元 → 5000000000, 120余名 → 130,
   * 约100人 → 105, 近180万户 → 1800000, the printed figure itself). Null for an exact figure.
   */
  upper: number | null;
  /** Base unit: 元, %, 人 …; '' when the figure has none. */
  unit: string;
  /** The approximation marker as printed: 余, 多, 超, 近, 约 … */
  approx: string | null;
  /** Last day of the period the figure describes, YYYY-MM-DD. */
  asOf: string;
  /** Printed nowhere: worked out from other figures (the note on the report page says how). */
  derived: boolean;
  /** The sentence of the report that prints it, or the note of a derived figure: absolute, on the intranet host. */
  url: string;
}

/** Columns in file order: the JSON key, the CSV header and what it holds (the 数据下载 page lists them). */
export const COLUMNS: readonly { key: keyof FigureRow; header: string; description: string }[] = [
  { key: 'org', header: '机构', description: '报告机构的全称' },
  { key: 'orgId', header: '机构代码', description: '机构名录里的代码，机构页网址的一部分' },
  { key: 'report', header: '报告', description: '报告的文件名，报告页网址的一部分' },
  { key: 'title', header: '标题', description: '报告标题' },
  { key: 'date', header: '发布日期', description: '报告的发布日期' },
  { key: 'label', header: '名称', description: '这个数字数的是什么，用文章的说法' },
  { key: 'scope', header: '口径', description: '比全行窄的口径（某个业务、支行、时段），没有则空' },
  { key: 'key', header: '指标代码', description: '指标目录的代码：只有本机构整体（或细分指标本身）的数字才有，这些数字进排行和合计' },
  { key: 'text', header: '印的数字', description: '正文印的样子，原样照录：216.66亿元、40余亿元、超六成' },
  { key: 'value', header: '折合数值', description: '按基本单位折合的数（216.66亿元 → 21666000000）；约数和区间取印出的那个数（40余亿元 → 4000000000，3至5个 → 3）' },
  { key: 'upper', header: '上限', description: '印的数字最大可能是多少（按基本单位）：区间印的上端（3至5个 → 5）；带约数标记的取检查核对关系所用区间的上端（40余亿元 → 5000000000，120余名 → 130，约100人 → 105，近180万户 → 1800000）；精确的数字空' },
  { key: 'unit', header: '单位', description: '折合数值的基本单位：元、%、人、户 …' },
  { key: 'approx', header: '约数', description: '印的约数标记：余、多、超、近、约、以上 …，没有则空' },
  { key: 'asOf', header: '截至', description: '数字所说时期的最后一天' },
  { key: 'derived', header: '推算', description: '正文里没有、由其他数字推算出的数字为“是”（算法见出处的说明）' },
  { key: 'url', header: '出处', description: '正文里印这个数字的句子的网址（推算的数字链接到它的说明）' },
];

export interface SiteAddress {
  /** Absolute intranet address (site.yaml `site`). */
  site: string;
  /** Deployment sub-path, '/showcase/' form. */
  base: string;
}

/** What rows are made with: where the site lives and the units its figures are read with. */
export interface RowContext extends SiteAddress {
  vocab: FigureVocabulary;
}

export function rowContext(catalog: Catalog, addr: SiteAddress): RowContext {
  return { site: addr.site, base: addr.base, vocab: figureVocabulary(catalog.baseUnits) };
}

/** The other end of a figure's interval; null when it is exact. */
function upperOf(m: ResolvedMetric, vocab: FigureVocabulary): number | null {
  if (m.form === 'range') {
    // A range's interval is widened by rounding (3至5个 = 2.5–5.5); its printed upper end is what a reader expects,
    // read from the printed text with the same parser as the check.
    const parsed = parseFigure(m.text, vocab);
    if (parsed.ok && parsed.figure.to) return parsed.figure.to.base;
    return m.interval[1];
  }
  if (!m.approx) return null;
  return m.interval[1];
}

export function figureRow(report: Report, m: ResolvedMetric, ctx: RowContext): FigureRow {
  return {
    org: report.org.name,
    orgId: report.org.id,
    report: report.slug,
    title: report.title,
    date: report.date,
    label: m.label,
    scope: m.scope ?? null,
    key: m.key ?? null,
    text: m.text,
    value: m.base,
    upper: upperOf(m, ctx.vocab),
    unit: m.baseUnit,
    approx: m.approx ?? null,
    asOf: m.asOf,
    derived: m.derived,
    url: figureSourceUrl(ctx.site, ctx.base, report.slug, m),
  };
}

/**
 * Every figure of the organisation in the given reports (none quoted about someone else), reports in the order
 * given, figures in the order of their frontmatter.
 */
export function reportRows(reports: readonly Report[], ctx: RowContext): FigureRow[] {
  return reports.filter((r) => r.published).flatMap((r) => r.metrics.filter(isOwnFigure).map((m) => figureRow(r, m, ctx)));
}

/** The figures a metric's ranking page shows, in its order: the main group ranked, then the other units' groups. */
function groupRows(groups: readonly RankGroup[], ctx: RowContext): FigureRow[] {
  return groups.flatMap((g) => g.entries.map((e) => figureRow(e.report, e.metric, ctx)));
}

export type DownloadKind = 'site' | 'metric' | 'org';

/** One download, in both formats. */
export interface DownloadSet {
  kind: DownloadKind;
  /** Metric key or organisation id; '' for the site. */
  id: string;
  /** What it holds, in Chinese: 全部数字, 各项存款余额排行, 介休农商银行. */
  name: string;
  /** The page the data belongs to (relative to the base), where it is linked from. */
  page: string;
  rows: FigureRow[];
}

/** Path of a download relative to the base, like `routes`. */
export function downloadPath(set: Pick<DownloadSet, 'kind' | 'id'>, format: 'csv' | 'json'): string {
  if (set.kind === 'metric') return routes.metricData(set.id, format);
  if (set.kind === 'org') return routes.orgData(set.id, format);
  return routes.siteData(format);
}

/** A file name for the browser's download (the `download` attribute): the set's Chinese name. */
export function downloadFileName(set: Pick<DownloadSet, 'name'>, format: 'csv' | 'json'): string {
  return `${set.name.replace(/[\\/:*?"<>|\s]+/g, '_')}.${format}`;
}

/**
 * Every download of the site: the whole site, each metric that has a ranking page (catalog order), each
 * organisation with published reports (province, then name).
 */
export function downloadSets(published: readonly Report[], catalog: Catalog, addr: SiteAddress): DownloadSet[] {
  const ctx = rowContext(catalog, addr);
  const reports = published.filter((r) => r.published);
  const sets: DownloadSet[] = [{ kind: 'site', id: '', name: '全部数字', page: routes.downloads(), rows: reportRows(reports, ctx) }];
  // The same metrics as the ranking pages (src/pages/metrics/[key].astro).
  const rankings = rankingsByKey(reports);
  for (const def of catalog.metrics) {
    if (!rankings.has(def.key)) continue;
    sets.push({ kind: 'metric', id: def.key, name: `${def.label}排行`, page: routes.metric(def.key), rows: groupRows(rankings.get(def.key) ?? [], ctx) });
  }
  const orgs = [...groupInOrder(reports, (r) => r.org.id).values()].sort(
    (a, b) => a[0]!.org.region.province.localeCompare(b[0]!.org.region.province, 'zh-CN') || a[0]!.org.name.localeCompare(b[0]!.org.name, 'zh-CN'),
  );
  for (const rs of orgs) {
    const org = rs[0]!.org;
    sets.push({ kind: 'org', id: org.id, name: org.name, page: routes.org(org.id), rows: reportRows(rs, ctx) });
  }
  return sets;
}

/** A number as Excel and every CSV reader read it: plain digits, never 1e+21 or grouping. */
export function plainNumber(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20, maximumSignificantDigits: 21 });
}

/** The cells of a row in CSV: numbers stay numbers, a blank is empty, 推算 is 是 or empty. */
function csvRecord(row: FigureRow): (string | number | null)[] {
  return COLUMNS.map(({ key }) => {
    const v = row[key];
    if (typeof v === 'boolean') return v ? '是' : null;
    return v;
  });
}

/** The CSV file: BOM, Chinese header, one line per row, CRLF. */
export function toCsv(rows: readonly FigureRow[]): string {
  return stringify([COLUMNS.map((c) => c.header), ...rows.map(csvRecord)], {
    bom: true,
    record_delimiter: 'windows',
    // Every text cell quoted, so a reader sees at once which cells are text; numbers bare.
    quoted_string: true,
    escape_formulas: true,
    cast: { number: plainNumber },
  });
}

/**
 * The text a CSV text cell stands for: without the apostrophe toCsv puts before a leading = + - @ tab or CR.
 * For programs reading the CSV back; the JSON needs none of it.
 */
export function unescapeCell(cell: string): string {
  return /^'[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) ? cell.slice(1) : cell;
}

/** The JSON file: the set's name, the columns (JSON key and CSV header) and the rows, one per line. */
export function toJson(set: Pick<DownloadSet, 'name'>, rows: readonly FigureRow[]): string {
  const head = JSON.stringify({ name: set.name, columns: COLUMNS.map(({ key, header }) => ({ key, header })) });
  return `${head.slice(0, -1)},"rows":[${rows.length ? '\n' : ''}${rows.map((r) => JSON.stringify(r)).join(',\n')}${rows.length ? '\n' : ''}]}\n`;
}

/** Bytes of a file as served (UTF-8). */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

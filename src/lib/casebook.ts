/**
 * The annual casebooks: one printable booklet per year of published reports, and one per theme within a year.
 * A booklet is an archive, so it holds every published report of its year (or of its theme that year) in date
 * order, oldest first, and its table of contents is divided by month: a year of hundreds of reports stays one
 * booklet (what an archive is for), the month headings keep its contents readable, and the theme booklets are
 * the smaller books to print. Only published reports ever reach a booklet: the callers pass `published`.
 */
import type { Report } from './model.ts';

export interface CasebookRef {
  year: number;
  /** Absent for the whole year's booklet. */
  theme?: string;
}

export interface Casebook extends CasebookRef {
  /** Oldest first; reports of the same day by file name. */
  reports: Report[];
}

export interface CasebookYear {
  year: number;
  /** Every published report of the year. */
  count: number;
  /** The themes with reports that year, in the order of site.yaml, with their report counts. */
  themes: { name: string; count: number }[];
}

export interface TocMonth {
  /** 1–12 */
  month: number;
  label: string;
  reports: Report[];
}

/** Date order for a booklet: oldest first, then by file name (the URL), so a rebuild prints the same book. */
export function bookOrder(reports: readonly Report[]): Report[] {
  return [...reports].sort((a, b) => a.date.localeCompare(b.date) || a.slug.localeCompare(b.slug));
}

/**
 * Every booklet to publish: each year that has published reports, newest year first, then each theme with
 * reports that year in the order of site.yaml. `byYear` is the site index's listing (published reports only).
 */
export function casebooks(byYear: ReadonlyMap<number, readonly Report[]>, themeOrder: readonly string[]): Casebook[] {
  const books: Casebook[] = [];
  for (const year of [...byYear.keys()].sort((a, b) => b - a)) {
    const reports = bookOrder(byYear.get(year) ?? []);
    if (reports.length === 0) continue;
    books.push({ year, reports });
    for (const theme of themeOrder) {
      const rs = reports.filter((r) => r.themes.includes(theme));
      if (rs.length > 0) books.push({ year, theme, reports: rs });
    }
  }
  return books;
}

/** The casebook index: years newest first, each with its themes. */
export function casebookYears(books: readonly Casebook[]): CasebookYear[] {
  const years: CasebookYear[] = [];
  for (const b of books) {
    if (b.theme === undefined) years.push({ year: b.year, count: b.reports.length, themes: [] });
    else years.find((y) => y.year === b.year)?.themes.push({ name: b.theme, count: b.reports.length });
  }
  return years;
}

/** The table of contents by month of publication, in the booklet's order. */
export function tocByMonth(reports: readonly Report[]): TocMonth[] {
  const months: TocMonth[] = [];
  for (const r of reports) {
    const month = Number(r.date.slice(5, 7));
    let m = months.at(-1);
    if (!m || m.month !== month) months.push((m = { month, label: `${month}月`, reports: [] }));
    m.reports.push(r);
  }
  return months;
}

/** The booklet's title: 2025 年度案例汇编, or 2025 年度案例汇编·普惠金融. */
export function casebookTitle(ref: CasebookRef): string {
  return `${ref.year} 年度案例汇编${ref.theme ? `·${ref.theme}` : ''}`;
}

/** The anchor of a report's section in its booklet (also the print layout's page lookup). */
export function sectionId(slug: string): string {
  return `report-${slug}`;
}

/**
 * The as-of date the importer writes for a figure, from the date its claim reads (src/lib/figures/claim-dates.ts
 * has the time words): a point or period (截至3月末, 一季度) is its own date; up to now (今年以来, 截至目前) and a
 * scope that reaches back (2019年以来, 近3年) are as of the publication date; a figure whose sentence and paragraph
 * name no date gets the publication date, or the article's period when it prints none, for the writer to confirm.
 * Never the first year of a scope, never a plan period, never after the publication date.
 */
import { parseAsOf } from '../dates.ts';
import { readTimeExpressions, type ClaimDate } from '../figures/index.ts';

export interface ImportedAsOf {
  asOf?: string;
  /** Why the writer should confirm it: the sentence named no date, or the article no publication date. */
  unsure?: string;
}

/** The last day of an as-of value, for comparing with the publication date. */
function dayOf(asOf: string): string | undefined {
  const p = parseAsOf(asOf);
  return p.ok ? p.day : undefined;
}

/**
 * The as-of date of a figure whose claim reads `date`. `pub` is the publication day; without one, `period` (the
 * article's period, articlePeriod) stands in for it and every date it gives is marked for the writer to confirm.
 */
export function asOfFromClaim(date: ClaimDate | undefined, pub: string | undefined, period: string | undefined): ImportedAsOf {
  const fallback = pub ?? period;
  if (!fallback) return {};
  if (date?.kind === 'point' && date.asOf) {
    const day = dayOf(date.asOf);
    // 全年 in a report of April: the year so far. A period that begins after publication is a slip to confirm.
    if (pub && day && day > pub) return date.from && date.from <= pub ? { asOf: pub } : { asOf: date.asOf, unsure: `正文说的“${date.words}”晚于发布日期 ${pub}，请核对原文` };
    return pub ? { asOf: date.asOf } : { asOf: date.asOf, unsure: '原文没有印发布日期，截至日期按正文推算' };
  }
  if (date && (date.kind === 'now' || date.kind === 'since')) {
    return pub ? { asOf: pub } : { asOf: fallback, unsure: `正文说的是到发稿为止（${date.words}），原文没有印发布日期，按文中的时期写` };
  }
  return {
    asOf: fallback,
    unsure: pub ? '这句话和它所在的段落没说截至日期，按发布日期写' : '这句话和它所在的段落没说截至日期，原文也没有印发布日期，按文中的时期写',
  };
}

/** Years the text prints, each with where it stands. */
function printedYears(text: string): { year: number; at: number }[] {
  return [...text.matchAll(/(\d{4})\s*年/g)].map((m) => ({ year: Number(m[1]), at: m.index })).filter((y) => y.year >= 2000 && y.year <= 2100);
}

/** Inside 《…》: a document's name (《2025—2027年发展规划》), whose years are not the article's. */
function inTitle(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return before.lastIndexOf('《') > before.lastIndexOf('》');
}

/**
 * The year an article speaks of: its publication year, else the latest year it prints that is not a plan's
 * (2025—2027年, 到2027年末, 《2025—2027年发展规划》) or a scope's first year (2019年以来).
 */
export function articleYear(text: string, pub: string | undefined): number | undefined {
  if (pub) return Number(pub.slice(0, 4));
  const years = printedYears(text);
  if (years.length === 0) return undefined;
  // Read as of the earliest year printed, every later year in a plan reads as a plan.
  const aside = readTimeExpressions(text, `${Math.min(...years.map((y) => y.year))}-01-01`).filter((x) => x.kind === 'plan' || x.kind === 'since');
  const kept = years.filter((y) => !inTitle(text, y.at) && !aside.some((x) => y.at >= x.start && y.at < x.end));
  return Math.max(...(kept.length > 0 ? kept : years).map((y) => y.year));
}

/**
 * The period an article without a publication date reports on: the latest day it says its figures stand at
 * (截至2025年3月末), else the latest period of its year it names (2025年一季度), in frontmatter form; else its year.
 */
export function articlePeriod(text: string, year: number | undefined): string | undefined {
  if (year === undefined) return undefined;
  const points = readTimeExpressions(text, `${year}-12-31`).filter((x) => x.kind === 'point' && x.asOf && x.to?.startsWith(String(year)));
  const latest = (xs: typeof points) => xs.reduce<(typeof points)[number] | undefined>((best, x) => (!best || x.to! > best.to! ? x : best), undefined);
  return (latest(points.filter((x) => x.from === x.to)) ?? latest(points))?.asOf ?? String(year);
}

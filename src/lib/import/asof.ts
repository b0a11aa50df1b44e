/**
 * As-of dates from the words an article uses: 截至3月末, 2025年一季度, 上半年, 去年5月-12月, 今年以来. A figure
 * takes the last such expression before it in its paragraph; one that runs up to now (今年以来, 截至目前)
 * is as of the publication date. The result is written the way frontmatter writes it: 2025-03-31, 2025-03,
 * 2025-Q1, 2025-H1, 2025.
 */
import { parseAsOf } from '../dates.ts';

const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };

interface Found {
  end: number;
  /** Resolves the expression against the article's year and publication date. */
  resolve(year: number | undefined, pub: string | undefined): string | undefined;
}

const Y = '(?:(\\d{4})\\s*年|(去年|上年|今年|当年))?';

function yearOf(explicit: string | undefined, relative: string | undefined, year: number | undefined): number | undefined {
  if (explicit) return Number(explicit);
  if (relative === '去年' || relative === '上年') return year === undefined ? undefined : year - 1;
  return year;
}

const pad = (n: number) => String(n).padStart(2, '0');

const PATTERNS: { re: RegExp; make: (m: RegExpExecArray) => Found['resolve'] }[] = [
  // 截至目前 / 截至当前: the day of publication.
  { re: /截[至止]\s*(?:目前|当前|发稿时|现在)/g, make: () => (_y, pub) => pub },
  // 截至2025年3月31日 / 截至3月31日
  { re: new RegExp(`截[至止]\\s*${Y}\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日`, 'g'), make: (m) => (y) => { const yr = yearOf(m[1], m[2], y); return yr ? `${yr}-${pad(Number(m[3]))}-${pad(Number(m[4]))}` : undefined; } },
  // 截至2025年第一季度(末)
  { re: new RegExp(`${Y}\\s*(?:第)?\\s*([一二三四1-4])\\s*季度`, 'g'), make: (m) => (y) => { const yr = yearOf(m[1], m[2], y); return yr ? `${yr}-Q${CN[m[3]!]}` : undefined; } },
  { re: new RegExp(`${Y}\\s*前\\s*([一二三1-3])\\s*季度`, 'g'), make: (m) => (y) => { const yr = yearOf(m[1], m[2], y); return yr ? `${yr}-Q${CN[m[3]!]}` : undefined; } },
  { re: new RegExp(`${Y}\\s*上半年`, 'g'), make: (m) => (y) => { const yr = yearOf(m[1], m[2], y); return yr ? `${yr}-H1` : undefined; } },
  { re: new RegExp(`${Y}\\s*(?:下半年|全年|年末|年底)`, 'g'), make: (m) => (y) => { const yr = yearOf(m[1], m[2], y); return yr ? `${yr}` : undefined; } },
  // 去年5月-12月, 1至5月: the end month.
  { re: new RegExp(`${Y}\\s*\\d{1,2}\\s*月?\\s*(?:-|—|–|至|到|~|～)\\s*(\\d{1,2})\\s*月`, 'g'), make: (m) => (y) => { const yr = yearOf(m[1], m[2], y); return yr ? `${yr}-${pad(Number(m[3]))}` : undefined; } },
  // 截至3月末 / 截至2025年5月底 / 3月末
  { re: new RegExp(`${Y}\\s*(\\d{1,2})\\s*月\\s*(?:末|底|份)`, 'g'), make: (m) => (y) => { const yr = yearOf(m[1], m[2], y); return yr ? `${yr}-${pad(Number(m[3]))}` : undefined; } },
  { re: /截[至止]\s*(?:(\d{4})\s*年|(去年|上年|今年))?\s*(\d{1,2})\s*月(?!\s*\d)/g, make: (m) => (y) => { const yr = yearOf(m[1], m[2], y); return yr ? `${yr}-${pad(Number(m[3]))}` : undefined; } },
  // Up to now: 今年以来, 年初以来, 5月以来, 2019年以来, 近3年, 近年来, 目前.
  { re: /今年以来|年初以来|今年|\d{1,2}\s*月以来|\d{4}\s*年以来|近\s*[\d一二三四五六七八九十]+\s*年来?|近年来|目前|截至目前|活动开展以来|开展以来/g, make: () => (y, pub) => pub ?? (y ? String(y) : undefined) },
  // 2025年4月 / 2022年
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)/g, make: (m) => () => `${m[1]}-${pad(Number(m[2]))}` },
  { re: /(\d{4})\s*年(?![\s\d]*月|以来|末|底|第|[一二三四]季度|上半年|下半年|前)/g, make: (m) => () => m[1] },
  { re: /(去年|上年)(?!\s*\d{1,2}\s*月|同期)/g, make: () => (y) => (y ? String(y - 1) : undefined) },
];

/** Every time expression in a paragraph, in order of where it ends. */
export function timeExpressions(paragraph: string): Found[] {
  const found: (Found & { start: number })[] = [];
  for (const { re, make } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(paragraph); m; m = re.exec(paragraph)) {
      const start = m.index;
      const end = m.index + m[0].length;
      // A longer expression already read here wins (截至2025年3月末 is not also 2025年).
      if (found.some((f) => f.start <= start && f.end >= end)) continue;
      found.push({ start, end, resolve: make(m) });
    }
  }
  return found.sort((a, b) => a.end - b.end);
}

/** The last day of an as-of value, for comparing with the publication date. */
export function asOfDay(asOf: string): string | undefined {
  const p = parseAsOf(asOf);
  return p.ok ? p.day : undefined;
}

/** The as-of date of a figure at `at` in `paragraph`, never after the publication date. */
export function asOfAt(paragraph: string, at: number, year: number | undefined, pub: string | undefined, carried?: string): string | undefined {
  const before = timeExpressions(paragraph).filter((f) => f.end <= at);
  let value = before.length > 0 ? before[before.length - 1]!.resolve(year, pub) : carried;
  value ??= pub ?? (year ? String(year) : undefined);
  if (value && pub) {
    const day = asOfDay(value);
    if (day && day > pub) value = pub;
  }
  return value;
}

/** The year an article speaks of: its publication year, else the latest year it prints with a period. */
export function articleYear(text: string, pub: string | undefined): number | undefined {
  if (pub) return Number(pub.slice(0, 4));
  const years = [...text.matchAll(/(\d{4})\s*年/g)].map((m) => Number(m[1])).filter((y) => y >= 2000 && y <= 2100);
  return years.length > 0 ? Math.max(...years) : undefined;
}

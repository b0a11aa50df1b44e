/**
 * The time words of a sentence, read for what they say of a figure's date: a point or period (截至2025年3月末,
 * 一季度, 上半年, 去年, 2024年), up to now (今年以来, 截至目前), a scope that reaches back further than the
 * report (2019年以来, 近3年, 成立以来: the figure adds up years, its date is still the report's), or a plan
 * (2025—2027年, 到2027年末: a target, not an achievement). Resolved against the report's publication day, so
 * 3月末 in an April report is this year's and 12月末 in a January report last year's.
 *
 * Values are written the way frontmatter writes asOf (2025-03-31, 2025-03, 2025-Q1, 2025-H1, 2025), so the
 * importer can write them and the check can compare them. Pure.
 */

/** name: years inside a title or quoted name, or a comparison's baseline: no date of any figure. */
export type TimeKind = 'point' | 'now' | 'since' | 'plan' | 'name';

export interface TimeExpression {
  start: number;
  end: number;
  /** As printed. */
  words: string;
  kind: TimeKind;
  /**
   * point: the period the words name, first and last day (截至3月末: both the 31st; 一季度: 01-01 to 03-31).
   * now: from the start of what it runs from to the publication day. since: the first year to the publication
   * day. plan: the planned period.
   */
  from?: string;
  to?: string;
  /** The asOf to write for a figure of this date, in frontmatter form. */
  asOf?: string;
  /** since: the first year of the scope (2019 of 2019年以来), which is never an asOf. */
  sinceYear?: number;
  /** 去年同期: the period of the date before it in its sentence, a year earlier (set by the reader). */
  sameLastYear?: true;
  /** 中旬, 上旬: any day of the span is the date. */
  loose?: true;
}

const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 两: 2 };
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(lastDay(y, m))}`;
const m0 = (s: string) => /[末底]$/.test(s);
const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : s.length === 2 && s[0] === '十' ? 10 + (CN[s[1]!] ?? Number.NaN) : CN[s] ?? Number.NaN);

interface Context {
  text: string;
  pubYear: number;
  pubMonth: number;
  pub: string;
}

/** The year a yearless month belongs to: 3月末 in an April report is this year's; 12月末 in January, last year's. */
function yearFor(explicit: string | undefined, relative: string | undefined, month: number | undefined, c: Context): number {
  if (explicit) return Number(explicit);
  if (relative === '去年' || relative === '上年') return c.pubYear - 1;
  if (relative === '前年') return c.pubYear - 2;
  if (relative) return c.pubYear;
  return month !== undefined && month > c.pubMonth ? c.pubYear - 1 : c.pubYear;
}

const Y = '(?:(\\d{4})\\s*年|(去年|上年|今年|当年|本年|前年))?\\s*';
/** A month in digits or in words (截至九月末, 十二月). */
const MONTH = '(\\d{1,2}|十[一二]?|[一二三四五六七八九])';

/** Inside 《…》 or “…” on its line: the words are a name (a plan's title), not the sentence's date. */
function insideName(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, text.lastIndexOf('\n', at) + 1), at);
  return before.lastIndexOf('《') > before.lastIndexOf('》') || before.lastIndexOf('“') > before.lastIndexOf('”');
}

type Make = (m: RegExpExecArray, c: Context) => Omit<TimeExpression, 'start' | 'end' | 'words'> | undefined;

/** Longest and most specific first: where two overlap, the first that read the place wins. */
const PATTERNS: { re: RegExp; make: Make }[] = [
  // 《2024—2026年普惠金融发展规划》实施以来: a plan's title, and the scope since it began.
  {
    re: /《[^》]{0,20}?(\d{4})\s*年?\s*(?:—|–|-|－|至|到)\s*\d{4}\s*年[^》]{0,30}》[^，,。；]{0,8}?以来/g,
    make: (m, c) => ({ kind: 'since', from: `${m[1]}-01-01`, to: c.pub, sinceYear: Number(m[1]), asOf: c.pub }),
  },
  // Plans: 2025—2027年, 2025年至2027年, 到2027年末, 未来3年 (not inside a title or a quoted name).
  {
    re: /(\d{4})\s*年?\s*(?:—|–|-|－|至|到|~|～)\s*(\d{4})\s*年/g,
    make: (m, c) => {
      if (insideName(c.text, m.index)) return { kind: 'name', from: `${m[1]}-01-01`, to: `${m[2]}-12-31` };
      return Number(m[2]) > c.pubYear ? { kind: 'plan', from: `${m[1]}-01-01`, to: `${m[2]}-12-31` } : { kind: 'point', from: `${m[1]}-01-01`, to: `${m[2]}-12-31`, asOf: m[2] };
    },
  },
  // 到2027年末 is a target; 截至2025年 is a date (至 alone never opens a plan).
  { re: /(?<!截)(?:力争到|计划到|预计到|力争至|计划至|预计至|到)\s*(\d{4})\s*年(?:末|底)?/g, make: (m, c) => (Number(m[1]) >= c.pubYear ? { kind: 'plan', to: `${m[1]}-12-31` } : undefined) },
  { re: /未来\s*[\d一二三四五六七八九十两]+\s*年/g, make: () => ({ kind: 'plan' }) },
  { re: /(?:力争|计划|预计|争取|确保)(?:到|在|至)?(?:今年)?(?:年末|年底|全年)/g, make: (_m, c) => ({ kind: 'plan', to: `${c.pubYear}-12-31` }) },
  // Up to now.
  { re: /截[至止]\s*(?:目前|当前|发稿时|现在|今天)|目前|至今|当前/g, make: (_m, c) => ({ kind: 'now', to: c.pub, asOf: c.pub }) },
  { re: /(?:今年|本年|年初)以来/g, make: (_m, c) => ({ kind: 'now', from: `${c.pubYear}-01-01`, to: c.pub, asOf: c.pub }) },
  {
    re: /(\d{1,2})\s*月(?:份)?以来/g,
    make: (m, c) => {
      const mo = Number(m[1]);
      const y = mo > c.pubMonth ? c.pubYear - 1 : c.pubYear;
      return { kind: 'now', from: `${y}-${pad(mo)}-01`, to: c.pub, asOf: c.pub };
    },
  },
  // Scopes that reach back: 2019年以来, 近3年, 成立以来.
  {
    re: /(?:自\s*)?(\d{4})\s*年(?:以来|起|至今)|自\s*(\d{4})\s*年/g,
    make: (m, c) => {
      const y = Number(m[1] ?? m[2]);
      return y >= c.pubYear ? { kind: 'now', from: `${y}-01-01`, to: c.pub, asOf: c.pub } : { kind: 'since', from: `${y}-01-01`, to: c.pub, sinceYear: y, asOf: c.pub };
    },
  },
  {
    // 近年来 and 多年来 only frame a story; they bound no figure.
    re: /近\s*([\d一二三四五六七八九十两]+)\s*年来?|(?:成立|开业|改制|组建)以来|历年/g,
    make: (m, c) => {
      const n = m[1] ? num(m[1]) : Number.NaN;
      return { kind: 'since', to: c.pub, asOf: c.pub, ...(Number.isFinite(n) ? { sinceYear: c.pubYear - n + 1 } : {}) };
    },
  },
  // Points and periods.
  {
    re: new RegExp(`${Y}${MONTH}\\s*月\\s*(\\d{1,2})\\s*日`, 'g'),
    make: (m, c) => {
      const mo = num(m[3]!);
      const y = yearFor(m[1], m[2], mo, c);
      const day = `${y}-${pad(mo)}-${pad(Number(m[4]))}`;
      return { kind: 'point', from: day, to: day, asOf: day };
    },
  },
  {
    re: new RegExp(`${Y}(?:第)?\\s*([一二三四1-4])\\s*季度(末)?`, 'g'),
    make: (m, c) => {
      const q = num(m[3]!);
      const y = yearFor(m[1], m[2], q * 3, c);
      return { kind: 'point', from: m[4] ? monthEnd(y, q * 3) : `${y}-${pad(q * 3 - 2)}-01`, to: monthEnd(y, q * 3), asOf: `${y}-Q${q}` };
    },
  },
  {
    re: new RegExp(`${Y}前\\s*([一二三1-3])\\s*季度`, 'g'),
    make: (m, c) => {
      const q = num(m[3]!);
      const y = yearFor(m[1], m[2], q * 3, c);
      return { kind: 'point', from: `${y}-01-01`, to: monthEnd(y, q * 3), asOf: `${y}-Q${q}` };
    },
  },
  {
    re: new RegExp(`${Y}上半年(末)?`, 'g'),
    make: (m, c) => {
      const y = yearFor(m[1], m[2], 6, c);
      return { kind: 'point', from: m[3] ? `${y}-06-30` : `${y}-01-01`, to: `${y}-06-30`, asOf: `${y}-H1` };
    },
  },
  {
    // 2024年末, 2024年底: the year's last day.
    re: /(?:截[至止]\s*)?(\d{4})\s*年\s*(?:末|底)/g,
    make: (m) => ({ kind: 'point', from: `${m[1]}-12-31`, to: `${m[1]}-12-31`, asOf: m[1] }),
  },
  {
    re: /(去年|上年|前年)\s*(?:末|底)/g,
    make: (m, c) => {
      const y = c.pubYear - (m[1] === '前年' ? 2 : 1);
      return { kind: 'point', from: `${y}-12-31`, to: `${y}-12-31`, asOf: String(y) };
    },
  },
  {
    // 全年, 年末 without a year: in a report of the year's first quarter, the year just ended (a year-end
    // report); later, this year's, even before it ends (全年计划 in a July report).
    // 全年计划, 年度任务 name a target, not the figure's date.
    re: new RegExp(`${Y}(?:下半年|全年|(年末|年底)|年度)(?!计划|任务|目标|预算|考核|指标)`, 'g'),
    make: (m, c) => {
      const y = yearFor(m[1], m[2] ?? (c.pubMonth <= 3 ? '去年' : '今年'), 12, c);
      return { kind: 'point', from: m[3] ? `${y}-12-31` : `${y}-01-01`, to: `${y}-12-31`, asOf: String(y) };
    },
  },
  {
    // 上月末, 上个月: the month before the report's.
    re: /上个?月(?:末|底)?/g,
    make: (_m, c) => {
      const [y, mo] = c.pubMonth === 1 ? [c.pubYear - 1, 12] : [c.pubYear, c.pubMonth - 1];
      return { kind: 'point', from: m0(_m[0]) ? monthEnd(y, mo) : `${y}-${pad(mo)}-01`, to: monthEnd(y, mo), asOf: `${y}-${pad(mo)}` };
    },
  },
  {
    // 上季度末: the quarter before the report's.
    re: /上(?:个)?季度(?:末)?/g,
    make: (_m, c) => {
      let q = Math.ceil(c.pubMonth / 3) - 1;
      let y = c.pubYear;
      if (q === 0) [q, y] = [4, y - 1];
      return { kind: 'point', from: `${y}-${pad(q * 3 - 2)}-01`, to: monthEnd(y, q * 3), asOf: `${y}-Q${q}` };
    },
  },
  {
    // 今年前4个月, 前5月: from the year's start to that month's end.
    re: new RegExp(`${Y}前\\s*([\\d一二三四五六七八九十]{1,3})\\s*个?月`, 'g'),
    make: (m, c) => {
      const to = num(m[3]!);
      if (!(to >= 1 && to <= 12)) return undefined;
      const y = yearFor(m[1], m[2] ?? '今年', to, c);
      return { kind: 'point', from: `${y}-01-01`, to: monthEnd(y, to), asOf: `${y}-${pad(to)}` };
    },
  },
  // 较去年同期增加: the baseline of a comparison, not the figure's date.
  { re: /(?:较|比|同比|与|相比)\s*(?:去年|上年)同期/g, make: () => ({ kind: 'name' }) },
  {
    // 去年同期为15.2亿元: the sentence's period a year earlier (the reader shifts the date before it).
    re: /(?:去年|上年)同期/g,
    make: () => ({ kind: 'point', sameLastYear: true }),
  },
  {
    // 1至5月, 去年5月-12月: the period ends with the second month.
    re: new RegExp(`${Y}${MONTH}\\s*月?\\s*(?:-|—|–|至|到|~|～)\\s*${MONTH}\\s*月(?:末|底|份)?`, 'g'),
    make: (m, c) => {
      const to = num(m[4]!);
      const y = yearFor(m[1], m[2], to, c);
      return { kind: 'point', from: `${y}-${pad(num(m[3]!))}-01`, to: monthEnd(y, to), asOf: `${y}-${pad(to)}` };
    },
  },
  {
    // 截至5月中旬, 6月上旬, 3月初: a part of the month, as loose as the words.
    re: new RegExp(`(?:截[至止]\\s*)?${Y}${MONTH}\\s*月\\s*(上旬|中旬|下旬|初)`, 'g'),
    make: (m, c) => {
      const mo = num(m[3]!);
      const y = yearFor(m[1], m[2], mo, c);
      const [a, b] = m[4] === '中旬' ? [11, 20] : m[4] === '下旬' ? [21, lastDay(y, mo)] : [1, 10];
      return { kind: 'point', from: `${y}-${pad(mo)}-${pad(a)}`, to: `${y}-${pad(mo)}-${pad(b)}`, asOf: `${y}-${pad(mo)}-${pad(b)}`, loose: true };
    },
  },
  {
    // 截至3月末, 2025年5月底: the month's last day.
    re: new RegExp(`(?:截[至止]\\s*)?${Y}${MONTH}\\s*月\\s*(?:末|底)`, 'g'),
    make: (m, c) => {
      const mo = num(m[3]!);
      const y = yearFor(m[1], m[2], mo, c);
      return { kind: 'point', from: monthEnd(y, mo), to: monthEnd(y, mo), asOf: `${y}-${pad(mo)}` };
    },
  },
  {
    // 截至3月: as 3月末.
    re: new RegExp(`截[至止]\\s*${Y}${MONTH}\\s*月(?!\\s*\\d)`, 'g'),
    make: (m, c) => {
      const mo = num(m[3]!);
      const y = yearFor(m[1], m[2], mo, c);
      return { kind: 'point', from: monthEnd(y, mo), to: monthEnd(y, mo), asOf: `${y}-${pad(mo)}` };
    },
  },
  {
    // 5月, 2025年4月: within the month.
    re: new RegExp(`${Y}${MONTH}\\s*月(?:份)?(?!\\s*\\d{1,2}\\s*日|\\s*以来)`, 'g'),
    make: (m, c) => {
      const mo = num(m[3]!);
      if (mo < 1 || mo > 12) return undefined;
      const y = yearFor(m[1], m[2], mo, c);
      return { kind: 'point', from: `${y}-${pad(mo)}-01`, to: monthEnd(y, mo), asOf: `${y}-${pad(mo)}` };
    },
  },
  // 今年 alone: the year so far (今年3月 was read above as a month).
  { re: /今年|本年度|本年/g, make: (_m, c) => ({ kind: 'now', from: `${c.pubYear}-01-01`, to: c.pub, asOf: c.pub }) },
  {
    re: /(\d{4})\s*年(?![\s\d]*月|以来|起|至今|末|底|第|[一二三四]季度|上半年|下半年|前|度)/g,
    make: (m) => ({ kind: 'point', from: `${m[1]}-01-01`, to: `${m[1]}-12-31`, asOf: m[1] }),
  },
  {
    re: /(去年|上年|前年)(?!\s*\d{1,2}\s*月|同期|末|底|全年|年末|以来)/g,
    make: (m, c) => {
      const y = c.pubYear - (m[1] === '前年' ? 2 : 1);
      return { kind: 'point', from: `${y}-01-01`, to: `${y}-12-31`, asOf: String(y) };
    },
  },
];

/** Every time expression in `text`, in order; `pub` is the publication day (YYYY-MM-DD). */
export function readTimeExpressions(text: string, pub: string): TimeExpression[] {
  const c: Context = { text, pub, pubYear: Number(pub.slice(0, 4)), pubMonth: Number(pub.slice(5, 7)) };
  const found: TimeExpression[] = [];
  const taken = new Uint8Array(text.length);
  for (const { re, make } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      // A pattern's optional parts may start on the space or line break before the words.
      const start = m.index + (m[0].length - m[0].trimStart().length);
      const end = m.index + m[0].length;
      if (taken.subarray(start, end).some((x) => x === 1)) continue;
      const read = make(m, c);
      if (!read) continue;
      taken.fill(1, start, end);
      found.push({ start, end, words: m[0].replace(/\s+/g, ''), ...read });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

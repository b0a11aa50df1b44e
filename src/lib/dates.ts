/**
 * Calendar dates for reports. A report's date is a day in China (Asia/Shanghai, UTC+8, no DST), so it is
 * kept as the string 'YYYY-MM-DD' end to end: converting it to a Date at UTC midnight and formatting it in a
 * western time zone is the classic off-by-one-day bug.
 */

export type IsoDay = string;

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

export type DateParse = { ok: true; day: IsoDay; label: string } | { ok: false; reason: string };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkedDay(year: number, month: number, day: number, raw: string): DateParse {
  if (month < 1 || month > 12) {
    return { ok: false, reason: `“${raw}”中的月份 ${month} 不存在，月份应在 1 到 12 之间` };
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return { ok: false, reason: `“${raw}”中的日期不存在：${year}年${month}月只有 ${last} 天` };
  }
  if (year < 1949 || year > 2100) {
    return { ok: false, reason: `“${raw}”中的年份 ${year} 不合理` };
  }
  return { ok: true, day: `${year}-${pad(month)}-${pad(day)}`, label: `${year}年${month}月${day}日` };
}

/**
 * A YAML timestamp becomes a Date. A bare date (`2025-04-18`) is midnight UTC and stands for that calendar day;
 * a date with a time stands for an instant, which is read as the day it was in Shanghai.
 */
export function dayFromDate(d: Date, hadTime = false): IsoDay {
  const t = hadTime ? d.getTime() + SHANGHAI_OFFSET_MS : d.getTime();
  const s = new Date(t);
  return `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}`;
}

/** Publication date: one calendar day. Accepts 2025-04-18, 2025/4/18, 2025.4.18, 2025年4月18日. */
export function parseDay(input: unknown): DateParse {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { ok: false, reason: '日期无效' };
    const hadTime = input.getUTCHours() + input.getUTCMinutes() + input.getUTCSeconds() !== 0;
    const day = dayFromDate(input, hadTime);
    return parseDay(day);
  }
  if (typeof input !== 'string') {
    return { ok: false, reason: '日期要写成 2025-04-18 这样的格式' };
  }
  const raw = input.trim();
  // A date-time names an instant (YAML 1.2 leaves it a string): the day it was in Beijing, where a time
  // without a zone is Beijing time. 2025-04-21T20:00:00Z is 22 April in China.
  const t = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(raw);
  if (t) {
    const zone = t[3] ? t[3].toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : '+08:00';
    const d = new Date(`${t[1]}T${t[2]}${zone}`);
    const [y, mo, da] = t[1]!.split('-').map(Number) as [number, number, number];
    const valid = checkedDay(y, mo, da, raw);
    if (!valid.ok) return valid;
    if (Number.isNaN(d.getTime())) return { ok: false, reason: `“${raw}”不是有效的日期时间` };
    return parseDay(dayFromDate(d, true));
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(raw);
  if (!m) return { ok: false, reason: `“${raw}”不是日期，请写成 2025-04-18 这样的格式` };
  return checkedDay(Number(m[1]), Number(m[2]), Number(m[3]), raw);
}

/**
 * As-of date of a figure: the last day of the period it describes. Writers think in periods
 * (截至3月末, 一季度, 上半年, 全年), so those forms are accepted and kept as the label.
 */
export function parseAsOf(input: unknown): DateParse {
  if (typeof input === 'number' && Number.isInteger(input)) input = String(input);
  if (typeof input === 'string') {
    const raw = input.trim();
    let m = /^(\d{4})$/.exec(raw) ?? /^(\d{4})\s*年(?:末|底|全年)?$/.exec(raw);
    if (m) return { ok: true, day: `${m[1]}-12-31`, label: `${m[1]}年末` };
    m = /^(\d{4})\s*[-]?\s*[Qq]([1-4])$/.exec(raw) ?? /^(\d{4})\s*年\s*(?:第)?([一二三四1-4])\s*季度(?:末)?$/.exec(raw);
    if (m) {
      const q = '一二三四'.includes(m[2]!) ? '一二三四'.indexOf(m[2]!) + 1 : Number(m[2]);
      const month = q * 3;
      return { ok: true, day: `${m[1]}-${pad(month)}-${pad(daysInMonth(Number(m[1]), month))}`, label: `${m[1]}年第${'一二三四'[q - 1]}季度末` };
    }
    m = /^(\d{4})\s*[-]?\s*[Hh]([12])$/.exec(raw) ?? /^(\d{4})\s*年\s*([上下])半年(?:末)?$/.exec(raw);
    if (m) {
      const half = m[2] === '1' || m[2] === '上' ? 1 : 2;
      return half === 1
        ? { ok: true, day: `${m[1]}-06-30`, label: `${m[1]}年上半年末` }
        : { ok: true, day: `${m[1]}-12-31`, label: `${m[1]}年末` };
    }
    m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:末|底)?$/.exec(raw);
    if (m) {
      const y = Number(m[1]);
      const mo = Number(m[2]);
      if (mo < 1 || mo > 12) return { ok: false, reason: `“${raw}”中的月份 ${mo} 不存在，月份应在 1 到 12 之间` };
      return { ok: true, day: `${y}-${pad(mo)}-${pad(daysInMonth(y, mo))}`, label: `${y}年${mo}月末` };
    }
  }
  const day = parseDay(input);
  if (day.ok) {
    // 2025-03-31 is what writers call 3月末.
    const [y, mo, d] = day.day.split('-').map(Number) as [number, number, number];
    return d === daysInMonth(y, mo) ? { ...day, label: `${y}年${mo}月末` } : day;
  }
  return {
    ok: false,
    reason: `${typeof input === 'string' ? `“${input}”` : '这个值'}不是截至日期。可以写 2025-03-31、2025-03（3月末）、2025-Q1（一季度末）、2025-H1（上半年末）或 2025（年末）`,
  };
}

/** Today's calendar day in Shanghai. */
export function todayInShanghai(now: Date = new Date()): IsoDay {
  return dayFromDate(now, true);
}

/** '2025-04-18' → '2025年4月18日' */
export function formatDay(day: IsoDay): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The year of a day, as a number. */
export function yearOf(day: IsoDay): number {
  return Number(day.slice(0, 4));
}

/** Midnight in Shanghai of a day, as an instant: for feeds and <time datetime>. */
export function shanghaiMidnight(day: IsoDay): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

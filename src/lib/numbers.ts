/**
 * Chinese figures as bank publicity writes them: 216.66亿元, 1392.1 万元, 120余名, 超60户, 近180万户,
 * 14万余元, 9.32%, ２１６.６６, 1,392.1, 两户, 超六成, 三分之一. Parsing, exact conversion to base units,
 * the interval a printed figure stands for, formatting back, and finding figures in running text.
 * Pure: no I/O, usable in the browser, in scripts and in the build.
 */

/** 'more' = 余/多/超/超过/逾/以上/上 ; 'nearly' = 近/将近/接近/逼近 ; 'about' = 约/大约/左右/上下 */
export type ApproxKind = 'more' | 'nearly' | 'about';

/** Every approximate marker as written → what it means. */
export const APPROX_MARKERS: Record<string, ApproxKind> = {
  余: 'more', 多: 'more', 超: 'more', 超过: 'more', 逾: 'more', 以上: 'more', 上: 'more',
  近: 'nearly', 将近: 'nearly', 接近: 'nearly', 逼近: 'nearly',
  约: 'about', 大约: 'about', 左右: 'about', 上下: 'about',
};

/** Markers written before the number (超60户), after the number (120余名) and after the unit (90%以上). */
const PRE_MARKERS = ['超过', '将近', '接近', '逼近', '大约', '超', '逾', '近', '约', '上'];
const MID_MARKERS = ['余', '多'];
const POST_MARKERS = ['以上', '左右', '上下'];

export type Approx = string;

export type UnitPrefix = '' | '十' | '百' | '千' | '万' | '十万' | '百万' | '千万' | '亿' | '万亿';

export interface UnitParts {
  multiplier: number;
  prefix: UnitPrefix;
  base: string;
}

const PREFIXES: [UnitPrefix, number][] = [
  ['万亿', 1e12],
  ['千万', 1e7],
  ['百万', 1e6],
  ['十万', 1e5],
  ['亿', 1e8],
  ['万', 1e4],
  ['千', 1e3],
  ['百', 1e2],
  ['十', 10],
];

/** Units figures are counted in. Longest first so 人次 wins over 人. */
export const DEFAULT_BASE_UNITS: readonly string[] = [
  '人次', '户次', '小时', '元', '%', '人', '名', '位', '户', '家', '笔', '件', '起', '次', '场', '期', '轮',
  '个', '条', '项', '封', '份', '所', '支', '篇', '台', '张', '天', '年',
];

function sortedUnits(units: readonly string[]): string[] {
  return [...new Set(units)].sort((a, b) => b.length - a.length);
}

/** '亿元' → {1e8,'亿','元'}; '%' → {1,'','%'}; '万户' → {1e4,'万','户'}; null when the base is unknown. */
export function splitUnit(unit: string, knownBaseUnits: readonly string[] = DEFAULT_BASE_UNITS): UnitParts | null {
  const u = unit.trim();
  if (knownBaseUnits.includes(u)) return { multiplier: 1, prefix: '', base: u };
  for (const [prefix, multiplier] of PREFIXES) {
    if (u.startsWith(prefix)) {
      const rest = u.slice(prefix.length);
      if (rest === '%') return null;
      if (knownBaseUnits.includes(rest)) return { multiplier, prefix, base: rest };
    }
  }
  return null;
}

export interface Figure {
  /** The text as written (trimmed). */
  raw: string;
  /** The number as printed, before the unit prefix: 216.66 for 216.66亿元. */
  value: number;
  /** Digits printed after the decimal point: they say how precise the figure is. */
  decimals: number;
  /** Unit as written including its prefix: 亿元, %, 名, 万户; '' if none. */
  unit: string;
  multiplier: number;
  /** 元, %, 名 …; '' if none. */
  baseUnit: string;
  /** value × multiplier, exact for printed decimals. */
  base: number;
  approx?: string;
  approxKind?: ApproxKind;
}

export type ParseResult = { ok: true; figure: Figure } | { ok: false; reason: string };

/** Full-width digits and signs to ASCII, thousands separators out, odd spaces to plain spaces. */
export function normalizeFigureText(s: string): string {
  return s
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.')
    .replace(/％/g, '%')
    .replace(/[＋]/g, '+')
    .replace(/[－−]/g, '-')
    .replace(/[\u3000\u00a0\u2002-\u200a]/g, ' ')
    .replace(/(\d)[,，](?=\d{3}(?!\d))/g, '$1');
}

/** Exact value × 10^k for a decimal string: 216.66 × 1e8 is not exact in binary floating point. */
function exactBase(digits: string, multiplier: number): number {
  const neg = digits.startsWith('-');
  const d = digits.replace(/^[-+]/, '');
  const [int, frac = ''] = d.split('.');
  const n = Number(`${int}${frac}`);
  const v = (n * multiplier) / 10 ** frac.length;
  // Dividing by a power of ten can leave a last-bit error; the printed figure has at most 15 significant digits.
  const r = Number(v.toPrecision(15));
  return neg ? -r : r;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一百二十 → 120, 十二 → 12, 两 → 2; undefined when it is not a plain Chinese numeral. */
export function parseChineseInteger(s: string): number | undefined {
  if (!s || !/^[零〇一二两三四五六七八九十百千]+$/.test(s)) return undefined;
  let total = 0;
  let digit: number | undefined;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      // Two digits in a row (五四) is a name or a date, not a number; 零 may stand between (一百零五).
      if (digit !== undefined && digit !== 0 && CN_DIGITS[ch] !== 0) return undefined;
      digit = CN_DIGITS[ch]!;
    } else {
      const unit = CN_UNITS[ch]!;
      total += (digit ?? 1) * unit;
      digit = undefined;
    }
  }
  return total + (digit ?? 0);
}

function markerKind(m: string | undefined): ApproxKind | undefined {
  return m ? APPROX_MARKERS[m] : undefined;
}

function fail(reason: string): ParseResult {
  return { ok: false, reason };
}

/**
 * One figure: '216.66亿元', '120余名', '超60户', '14 万余元', '９.３２％', '1,392.1万元', '两户', '超六成',
 * '三分之一', '上万个'. The result keeps the value as printed and its precision.
 */
export function parseFigure(input: string | number, opts: { baseUnits?: readonly string[] } = {}): ParseResult {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail('数值不是有限的数字');
    input = String(input);
  }
  const raw = input.trim();
  const s = normalizeFigureText(raw).replace(/\s+/g, '');
  if (!s) return fail('没有写数字');
  const units = sortedUnits(opts.baseUnits ?? DEFAULT_BASE_UNITS);
  const unitAlt = units.map(escapeRe).join('|');
  const prefixAlt = PREFIXES.map(([p]) => p).join('|');
  const pre = PRE_MARKERS.join('|');

  // Arabic digits, the common case.
  const m = new RegExp(
    `^(${pre})?([-+]?\\d+(?:\\.\\d+)?)(余|多)?(${prefixAlt})?(余|多)?(${unitAlt})?(${POST_MARKERS.join('|')})?$`,
  ).exec(s);
  if (m) {
    const [, preM, num, mid1, prefix = '', mid2, base = '', post] = m;
    const markers = [preM, mid1, mid2, post].filter((x): x is string => !!x);
    if (markers.length > 1) return fail(`“${raw}”里有两个约数标记（${markers.join('、')}），只保留一个`);
    const multiplier = PREFIXES.find(([p]) => p === prefix)?.[1] ?? 1;
    const decimals = num!.includes('.') ? num!.split('.')[1]!.length : 0;
    const approx = markers[0];
    return {
      ok: true,
      figure: {
        raw,
        value: Number(num),
        decimals,
        unit: `${prefix}${base}`,
        multiplier,
        baseUnit: base,
        base: exactBase(num!, multiplier),
        ...(approx ? { approx, approxKind: markerKind(approx) } : {}),
      },
    };
  }

  // 上万个 / 近万人: a marker and a bare prefix stand for "about one unit of the prefix".
  const bare = new RegExp(`^(${pre})(万亿|亿|千万|百万|十万|万|千)(${unitAlt})?$`).exec(s);
  if (bare) {
    const [, marker, prefix, base = ''] = bare;
    const multiplier = PREFIXES.find(([p]) => p === prefix)![1];
    return { ok: true, figure: { raw, value: 1, decimals: 0, unit: `${prefix}${base}`, multiplier, baseUnit: base, base: multiplier, approx: marker, approxKind: markerKind(marker) } };
  }

  // 三分之一 → 33.33…%: kept as an exact fraction of a hundred, reported with 2 decimals of precision.
  const frac = new RegExp(`^(${pre})?([一二两三四五六七八九十百]+)分之([一二两三四五六七八九十]+)$`).exec(s);
  if (frac) {
    const whole = parseChineseInteger(frac[2]!);
    const part = parseChineseInteger(frac[3]!);
    if (whole && part !== undefined && part <= whole) {
      const value = (part / whole) * 100;
      const approx = frac[1];
      return { ok: true, figure: { raw, value, decimals: 2, unit: '%', multiplier: 1, baseUnit: '%', base: value, ...(approx ? { approx, approxKind: markerKind(approx) } : {}) } };
    }
  }

  // 六成 → 60 %; 两户, 一百二十名, 十二万元.
  const cn = new RegExp(`^(${pre})?([零〇一二两三四五六七八九十百千]+)(余|多)?(成|${prefixAlt})?(余|多)?(${unitAlt})?(${POST_MARKERS.join('|')})?$`).exec(s);
  if (cn) {
    const [, preM, numText, mid1, prefix = '', mid2, base = '', post] = cn;
    const n = parseChineseInteger(numText!);
    const markers = [preM, mid1, mid2, post].filter((x): x is string => !!x);
    if (n !== undefined && markers.length <= 1 && (prefix || base)) {
      const approx = markers[0];
      if (prefix === '成') {
        if (base) return fail(`“${raw}”的写法看不懂：“成”后面不能再跟单位`);
        return { ok: true, figure: { raw, value: n * 10, decimals: 0, unit: '%', multiplier: 1, baseUnit: '%', base: n * 10, ...(approx ? { approx, approxKind: markerKind(approx) } : {}) } };
      }
      const multiplier = PREFIXES.find(([p]) => p === prefix)?.[1] ?? 1;
      return { ok: true, figure: { raw, value: n, decimals: 0, unit: `${prefix}${base}`, multiplier, baseUnit: base, base: n * multiplier, ...(approx ? { approx, approxKind: markerKind(approx) } : {}) } };
    }
  }

  // Explain the failure as precisely as possible.
  const numbers = s.match(/\d+(?:\.\d+)*/g) ?? [];
  if (numbers.length === 0) return fail(`“${raw}”里没有数字`);
  if (numbers.length > 1) return fail(`“${raw}”里有不止一个数字，一项只能写一个数字`);
  if (/\d+\.\d+\.\d+/.test(s)) return fail(`“${raw}”里有两个小数点`);
  const tail = s.replace(/^.*?\d+(?:\.\d+)?/, '').replace(/^(余|多)/, '').replace(new RegExp(`^(${prefixAlt})`), '').replace(/^(余|多)/, '');
  if (tail) {
    return fail(`不认识的单位“${tail}”，可用的单位有：${units.filter((u) => u !== '%').join('、')}、%（可加 万、亿 等前缀，如 万元、亿元）`);
  }
  return fail(`“${raw}”的写法看不懂，请写成 216.66、120余 或 9.32% 这样的形式`);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\%]/g, '\\$&');
}

/**
 * The closed interval of base values a printed figure stands for. An exact figure is anything that rounds to
 * it (216.66 → [216.655, 216.665]). 'more' runs from the figure to the next step of its last significant
 * digit (120余 → [120, 130], 2万多 → [2万, 3万], 超2100亿 → [2100亿, 2200亿]); 'nearly' is the tenth below
 * ([0.9v, v]); 'about' is ±5 %.
 */
export function figureInterval(f: Pick<Figure, 'base' | 'decimals' | 'multiplier' | 'approxKind' | 'value'>): [number, number] {
  const v = f.base;
  if (f.approxKind === 'more') {
    return [v, v + lastDigitStep(f.value, f.decimals) * f.multiplier * Math.sign(v || 1)].sort((a, b) => a - b) as [number, number];
  }
  if (f.approxKind === 'nearly') return [v * 0.9, v].sort((a, b) => a - b) as [number, number];
  if (f.approxKind === 'about') return [v * 0.95, v * 1.05].sort((a, b) => a - b) as [number, number];
  const half = (0.5 / 10 ** f.decimals) * f.multiplier;
  return [v - half, v + half];
}

/** 120 → 10, 2100 → 100, 2 → 1, 9.3 → 0.1 */
function lastDigitStep(value: number, decimals: number): number {
  if (decimals > 0) return 1 / 10 ** decimals;
  let step = 1;
  let n = Math.abs(Math.round(value));
  while (n >= 10 && n % 10 === 0) {
    n /= 10;
    step *= 10;
  }
  return step;
}

export function intervalsOverlap(a: readonly [number, number], b: readonly [number, number]): boolean {
  const slack = 1e-9 * Math.max(Math.abs(a[1]), Math.abs(b[1]), 1);
  return a[0] <= b[1] + slack && b[0] <= a[1] + slack;
}

/**
 * Same figure, however written: same base unit, and the less precise of the two is what the more precise
 * one rounds to (1.2亿元 = 12000万元 = 1.20亿元; 1.2亿元 ≠ 1.3亿元). Markers are ignored.
 */
export function sameFigure(a: Figure, b: Figure): boolean {
  if (a.baseUnit !== b.baseUnit) return false;
  const half = (f: Figure) => (0.5 / 10 ** f.decimals) * f.multiplier;
  return Math.abs(a.base - b.base) < Math.max(half(a), half(b)) * (1 - 1e-9);
}

/** convert(1.2, '亿元', '万元') → 12000 */
export function convert(value: number, fromUnit: string, toUnit: string): number {
  const from = splitUnit(fromUnit);
  const to = splitUnit(toUnit);
  if (!from || !to || from.base !== to.base) throw new Error(`无法把“${fromUnit}”换算成“${toUnit}”`);
  return Number(((value * from.multiplier) / to.multiplier).toPrecision(15));
}

const formatters = new Map<string, Intl.NumberFormat>();

/** zh-CN number: 3580 → '3,580'; decimals fixes the digits after the point. */
export function formatNumber(n: number, opts: { decimals?: number; grouping?: boolean; maximumFractionDigits?: number } = {}): string {
  const key = `${opts.decimals}|${opts.grouping}|${opts.maximumFractionDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('zh-CN', {
      minimumFractionDigits: opts.decimals ?? 0,
      maximumFractionDigits: opts.decimals ?? opts.maximumFractionDigits ?? 2,
      useGrouping: opts.grouping ?? true,
    });
    formatters.set(key, f);
  }
  return f.format(n);
}

function decimalsOf(value: number): number {
  const s = String(value);
  return s.includes('.') && !s.includes('e') ? s.split('.')[1]!.length : 0;
}

function printed(value: number, decimals: number | undefined): string {
  const d = decimals ?? decimalsOf(value);
  // The press prints 1392.1 and 21666 without separators; only long integers are grouped (12,000).
  return formatNumber(value, { decimals: Math.min(d, 20), grouping: Math.abs(value) >= 100000 });
}

/** A figure for display, split so the number can be set large: 超 | 60 | 户, 14 | 万余元, 90 | % | 以上. */
export function figureParts(f: { value: number; unit: string; approx?: string; decimals?: number }): { prefix: string; number: string; suffix: string; unit: string } {
  const parts = splitUnit(f.unit) ?? { prefix: '' as UnitPrefix, base: f.unit, multiplier: 1 };
  const a = f.approx;
  const bareWan = a === '上' && f.value === 1 && parts.prefix !== '';
  const number = bareWan ? '' : printed(f.value, f.decimals);
  if (!a) return { prefix: '', number, suffix: '', unit: f.unit };
  if (MID_MARKERS.includes(a)) return { prefix: '', number, suffix: '', unit: `${parts.prefix}${a}${parts.base}` };
  if (POST_MARKERS.includes(a)) return { prefix: '', number, suffix: a, unit: f.unit };
  return { prefix: a, number, suffix: '', unit: f.unit };
}

/** As published: {120,'名','余'} → '120余名'; {60,'户','超'} → '超60户'; {14,'万元','余'} → '14万余元'. */
export function formatFigure(f: { value: number; unit: string; approx?: string; decimals?: number }): string {
  const p = figureParts(f);
  return `${p.prefix}${p.number}${p.unit}${p.suffix}`;
}

/**
 * A base value made readable: (126400000,'元') → '1.26亿元'; (35800000,'元') → '3,580万元';
 * (1.2e12,'元') → '1.2万亿元'; (288,'人') → '288人'; no unit → '1.2亿' (chart axes).
 */
export function formatCompact(base: number, baseUnit = '', opts: { maximumFractionDigits?: number } = {}): string {
  const max = opts.maximumFractionDigits ?? 2;
  if (baseUnit === '%') return `${formatNumber(base, { maximumFractionDigits: max })}%`;
  const tiers: [number, string][] = [[1, ''], [1e4, '万'], [1e8, '亿'], [1e12, '万亿']];
  let t = Math.abs(base) >= 1e12 ? 3 : Math.abs(base) >= 1e8 ? 2 : Math.abs(base) >= 1e4 ? 1 : 0;
  const digitsFor = (i: number) => (i === 1 && Math.abs(base) >= 1e6 ? 0 : max);
  // Rounding can reach the next tier: 99,999,999 is 1亿, not 10,000万.
  if (t > 0 && t < 3 && Math.abs(Number((base / tiers[t]![0]).toFixed(digitsFor(t)))) >= 1e4) t++;
  const [div, prefix] = tiers[t]!;
  return `${formatNumber(base / div, { maximumFractionDigits: digitsFor(t) })}${prefix}${baseUnit}`;
}

export interface FoundFigure extends Figure {
  /** Offset in the normalised text. */
  index: number;
  end: number;
  /** The characters right after the figure: a count word such as 农户 tells what was counted. */
  context: string;
}

/** Characters that may carry a figure across a PDF line break or a stray space. */
const FIGURE_CHARS = '\\d.%万亿千余多元人户笔名位次个条项家件场期封份所支篇起轮以左';

/**
 * Every figure in running Chinese text. Dates, years, ordinals, anniversaries, product names (6+X, 1对N)
 * and specs (5G, 1000M) are not figures. Chinese numerals count only with 成 (超六成) or 分之 or when 两…
 * is followed by a counting unit, so words like 一面旗帜 or 四个一 do not turn into figures.
 */
export function extractFigures(text: string, opts: { baseUnits?: readonly string[] } = {}): FoundFigure[] {
  const units = sortedUnits(opts.baseUnits ?? DEFAULT_BASE_UNITS);
  const t = normalizeFigureText(text)
    .replace(new RegExp(`(?<=[${FIGURE_CHARS}])[ \\t]*\\r?\\n?[ \\t]*(?=[${FIGURE_CHARS}])`, 'g'), (m, offset: number, all: string) =>
      // Keep a break between two numbers ("5\n6"), join it between a number and its unit ("7.73亿\n元").
      /\d/.test(all[offset - 1] ?? '') && /\d/.test(all[offset + m.length] ?? '') ? m : '')
    .replace(/(超过|超|逾|近|将近|接近|约|大约)[ \t]+(?=\d)/g, '$1');
  const unitAlt = units.map(escapeRe).join('|');
  const prefixAlt = PREFIXES.filter(([p]) => !['十', '百'].includes(p)).map(([p]) => p).join('|');
  const re = new RegExp(
    `(超过|将近|接近|大约|超|逾|近|约)?(\\d+(?:\\.\\d+)?)(余|多)?(${prefixAlt})?(余|多)?(${unitAlt})?(以上|左右)?`,
    'g',
  );
  const out: FoundFigure[] = [];
  for (const m of t.matchAll(re)) {
    const start = m.index!;
    const numStart = start + (m[1]?.length ?? 0);
    const end = start + m[0].length;
    const before = t[numStart - 1] ?? '';
    const after = t.slice(end, end + 3);
    const [, preM, num, mid1, prefix = '', mid2, base = '', post] = m;
    const afterNum = t.slice(numStart + num!.length);
    if (/[\d.]/.test(before)) continue;
    // Dates, ranges, times and product names: 2023-8-1, 5-12月, 6+X, 113+N, 5G, 1000M, 1.2T.
    if (/[-/:：+×~～]/.test(before) || /^[-/:：+×~～]/.test(afterNum)) continue;
    if (/^[A-Za-z]/.test(afterNum)) continue;
    if (before === '第') continue;
    if (!base && !prefix && /^\s*(年|月|日|号|时|点|周年|岁|届|季度|代|级|星|版|楼|层|区|栋|路)/.test(t.slice(end))) continue;
    if (!base && !prefix && /^\s*对/.test(after)) continue;
    if (base === '年') continue;
    const markers = [preM, mid1, mid2, post].filter((x): x is string => !!x);
    const multiplier = PREFIXES.find(([p]) => p === prefix)?.[1] ?? 1;
    const approx = markers[0];
    out.push({
      raw: m[0],
      value: Number(num),
      decimals: num!.includes('.') ? num!.split('.')[1]!.length : 0,
      unit: `${prefix}${base}`,
      multiplier,
      baseUnit: base,
      base: exactBase(num!, multiplier),
      ...(approx ? { approx, approxKind: markerKind(approx) } : {}),
      index: start,
      end,
      context: t.slice(end, end + 12),
    });
  }
  // Chinese numerals that clearly are figures: 超六成, 三分之一, 两户.
  const cn = /(超过|超|近|约)?([一二两三四五六七八九十]+)(成|分之[一二两三四五六七八九十]+)|(?<![一二三四五六七八九十百千万])(两|[二三四五六七八九十]{1,3}[百千]?)(户|家|位|名)/g;
  for (const m of t.matchAll(cn)) {
    const p = parseFigure(m[0]);
    if (!p.ok) continue;
    out.push({ ...p.figure, index: m.index!, end: m.index! + m[0].length, context: t.slice(m.index! + m[0].length, m.index! + m[0].length + 12) });
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * One printed figure: its text kept verbatim, what it is (value, unit, marker, form) and the interval of true
 * values it stands for. A figure is shown as printed and never composed back from its parts: 40余亿元 and
 * 40亿余元 say different things, and 超六成 is not the sentence 超60%.
 * Pure: no I/O, usable in the browser, in scripts and in the build.
 */
import {
  CHENG, FRACTION_WORDS, PREFIXES_LONGEST_FIRST, RANGE_SEPARATORS, UNIT_FORMS, approxMarker, markersAt, type ApproxKind, type FigureForm,
  type FigureVocabulary, type UnitPrefix,
} from './words.ts';
import { foldFigureText, type FoldedText } from './text.ts';
import { LEADING_MARKERS, arabicAt, chineseAt, scanAt, type ApproxPosition, type Scan } from './scan.ts';
import { CHINESE_NUMERAL_CHARS } from './chinese-numerals.ts';

export type { ApproxPosition } from './scan.ts';

export type Interval = readonly [number, number];

export interface Figure {
  /** The figure as printed, trimmed: 40余亿元, 超六成, 1,392.1万元. Show this, never a recomposition. */
  text: string;
  form: FigureForm;
  /** The number as printed, before the prefix: 216.66 for 216.66亿元, 6 for 超六成; the lower end of a range. */
  value: number;
  /** Digits printed after the decimal point: they say how precise the figure is. */
  decimals: number;
  /** The unit as written after the number, prefix included: 亿元, 万户, %, 成, 个百分点; '' when none. */
  unit: string;
  /** 万, 亿 …; '' when none. */
  prefix: UnitPrefix;
  /** What one of `unit` is in base units: 1e8 for 亿元, 10 for 成 (a tenth, in %). */
  multiplier: number;
  /** 元, %, 名 …; '' when none. 成, 三分之一 and 百分之三十 are in %. */
  baseUnit: string;
  /** value × multiplier, exact for printed decimals. */
  base: number;
  approx?: string;
  approxKind?: ApproxKind;
  approxPosition?: ApproxPosition;
  /** A magnitude with no number (上万, 约百万元, 数十): one of the prefix, precise to a tenth of it. */
  magnitude?: true;
  /** The upper end of a range (3至5个: 5). */
  to?: { value: number; decimals: number; base: number };
  /** The base values the printed figure stands for, closed: see `figureInterval`. */
  interval: Interval;
}

export type ParseResult = { ok: true; figure: Figure } | { ok: false; reason: string };

/** Exact value × multiplier for a decimal string: 216.66 × 1e8 is not exact in binary floating point. */
function exactBase(digits: string, multiplier: number): number {
  const neg = digits.startsWith('-');
  const [int, frac = ''] = digits.replace(/^[-+]/, '').split('.');
  const r = clean((Number(`${int}${frac}`) * multiplier) / 10 ** frac.length);
  return neg && r !== 0 ? -r : r;
}

/** A printed figure has at most 15 significant digits; dividing by powers of ten can leave a last-bit error. */
function clean(x: number): number {
  return Number(x.toPrecision(15));
}

/** The step of the last significant digit: 120 → 10, 2100 → 100, 2 → 1, 9.3 → 0.1. */
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

type IntervalInput = Pick<Figure, 'form' | 'value' | 'decimals' | 'multiplier' | 'approxKind' | 'approxPosition' | 'to' | 'magnitude'>;

/**
 * The closed interval of base values a printed figure stands for.
 *
 * - Exact: whatever rounds to it. 216.66亿元 = [216.655亿, 216.665亿]; 六成 = [55%, 65%]; a whole count without a
 *   prefix and not ending in 0 is itself (131位 = [131, 131]).
 * - 余/多 after the number, 超/逾/超过 before it, 以上 after the unit: from the figure up to the next step of its
 *   last significant digit. 120余名 = [120, 130]; 40余亿元 = [40亿, 50亿]; 超2100亿元 = [2100亿, 2200亿];
 *   超六成 = (60%, 70%]; 90%以上 = [90%, 100%]; 100倍以上 = [100, 200].
 * - 余/多 after the prefix: less than one more of the prefix's last printed digit. 40亿余元 = [40亿, 41亿];
 *   14万余元 = [14万, 15万]; 2万多户 = [2万, 3万].
 * - A magnitude with a marker is one of it: 上万 = [1万, 2万]; 超百万 = [100万, 200万]; 近万 = [9000, 1万].
 * - 近/将近/接近: short of the figure by less than its last digit's step and less than a tenth. 近30% =
 *   [27%, 30%]; 近180万户 = [170万, 180万].
 * - 约/左右: 5 % either side, or the rounding if that is wider. 约100人 = [95, 105].
 * - 数/几 before a magnitude: two to ten of it. 数百 = [200, 1000]; 几十 = [20, 100]; 数万 = [2万, 10万].
 * - A range spans from what rounds to its lower end to what rounds to its upper: 3至5个 = [2.5, 5.5].
 * - A fraction or a bare magnitude is a round statement precise to a tenth of itself: 三分之一 = 33.3% ± 5 %,
 *   百万元 = [95万, 105万].
 * The open ends (超 excludes the figure itself) do not matter at the precision relations are checked at.
 */
export function figureInterval(f: IntervalInput): Interval {
  const sign = f.value < 0 ? -1 : 1;
  const v = Math.abs(f.value);
  const m = f.multiplier;
  // A fraction or a bare magnitude has no printed digits to be precise to: its step is taken as a tenth of it.
  const round = f.form === 'fraction' || f.magnitude === true;
  const unitStep = round ? v / 10 : 1 / 10 ** f.decimals;
  const sigStep = round ? unitStep : lastDigitStep(v, f.decimals);
  const half = unitStep / 2;
  let lo: number;
  let hi: number;
  if (f.form === 'range' && f.to) {
    lo = v - half;
    hi = Math.abs(f.to.value) + 0.5 / 10 ** f.to.decimals;
  } else {
    switch (f.approxKind) {
      case 'more': {
        // 上万 = [1万, 2万]: a magnitude with a marker runs to twice itself.
        const step = f.magnitude ? v : f.approxPosition === 'after-prefix' ? unitStep : sigStep;
        [lo, hi] = [v, v + step];
        break;
      }
      case 'nearly':
        [lo, hi] = [Math.max(v - sigStep, v * 0.9), v];
        break;
      case 'about': {
        const d = Math.max(half, v * 0.05);
        [lo, hi] = [v - d, v + d];
        break;
      }
      case 'several':
        [lo, hi] = [2 * v, 10 * v];
        break;
      default:
        // 131位, 96笔, 1392元: a whole count printed without a prefix is the count itself, not a rounding of it;
        // a round one (120人, 12000人) may still be rounded, to the step the parser gives it.
        [lo, hi] = f.form === 'number' && m === 1 && f.decimals === 0 && v % 10 !== 0 ? [v, v] : [v - half, v + half];
    }
  }
  const a = clean(lo * m * sign);
  const b = clean(hi * m * sign);
  return a <= b ? [a, b] : [b, a];
}

export function intervalsOverlap(a: Interval, b: Interval): boolean {
  const slack = 1e-9 * Math.max(Math.abs(a[1]), Math.abs(b[1]), 1);
  return a[0] <= b[1] + slack && b[0] <= a[1] + slack;
}

function formOf(scan: Scan): FigureForm {
  if (scan.shape === 'range') return 'range';
  if (scan.shape === 'fraction') return 'fraction';
  if (scan.shape === 'per-cent') return 'percent';
  if (scan.unitWord === CHENG.word) return 'cheng';
  return UNIT_FORMS[scan.unitWord] ?? 'number';
}

/** The figure a scan read; `text` is the original text of the scanned span. */
export function figureFromScan(scan: Scan, text: string): Figure {
  const form = formOf(scan);
  const cheng = scan.unitWord === CHENG.word;
  const percentWords = scan.shape === 'fraction' || scan.shape === 'per-cent';
  const multiplier = cheng ? CHENG.multiplier : scan.multiplier;
  const baseUnit = cheng || percentWords ? CHENG.baseUnit : scan.unitWord;
  let value = scan.number.value;
  let decimals = scan.number.decimals;
  let base: number;
  if (scan.shape === 'fraction') {
    // Kept as an exact share of a hundred; two decimals is how precisely a percent is usually printed.
    value = (scan.number.value / scan.whole!.value) * 100;
    decimals = 2;
    base = value;
  } else {
    base = exactBase(scan.number.digits, multiplier);
  }
  const marker = scan.markers[0];
  const info = marker ? approxMarker(marker.marker) : undefined;
  const unit = percentWords ? '%' : `${scan.prefix}${scan.unitWord}`;
  const figure: Omit<Figure, 'interval'> = {
    text,
    form,
    value,
    decimals,
    unit,
    prefix: percentWords ? '' : scan.prefix,
    multiplier,
    baseUnit,
    base,
    ...(marker && info ? { approx: marker.marker, approxKind: info.kind, approxPosition: marker.position } : {}),
    ...(scan.number.kind === 'magnitude' ? { magnitude: true as const } : {}),
    ...(scan.upper ? { to: { value: scan.upper.value, decimals: scan.upper.decimals, base: exactBase(scan.upper.digits, multiplier) } } : {}),
  };
  return { ...figure, interval: figureInterval(figure) };
}

const ALL_FIGURE_CHARS = { isFigureChar: () => true };

/** The folded text of a single figure, with the scan that reads all of it, if any. */
function scanWhole(text: string, vocab: FigureVocabulary): { folded: FoldedText; scans: Scan[]; full?: Scan } {
  const folded = foldFigureText(text, ALL_FIGURE_CHARS);
  const scans = scanAt(folded.text, 0, vocab, { signed: true, bareMagnitude: true });
  const full = scans.find((s) => s.end === folded.text.length && s.markers.length <= 1);
  return { folded, scans, ...(full ? { full } : {}) };
}

/**
 * One figure written on its own (a frontmatter value): '216.66亿元', '1,392.1 万元', '120余名', '40余亿元',
 * '14万余亩', '超六成', '三分之一', '上万个', '3至5个'. The whole text must be the figure (提高2个百分点 is not;
 * findFigures reads 2个百分点 out of it). `text` in the result is the input, trimmed.
 */
export function parseFigure(input: string | number, vocab: FigureVocabulary): ParseResult {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail('数值不是有限的数字');
    input = String(input);
  }
  const text = input.trim();
  if (!text) return fail('没有写数字');
  const { folded, scans, full } = scanWhole(text, vocab);
  if (full) return { ok: true, figure: figureFromScan(full, text) };
  return fail(explain(text, folded.text, scans, vocab));
}

function fail(reason: string): ParseResult {
  return { ok: false, reason };
}

/** Why a text is not one figure, as precisely as can be said. */
function explain(raw: string, s: string, scans: Scan[], vocab: FigureVocabulary): string {
  const compact = s.replace(/\s+/g, '');
  const hasNumber = /\d/.test(compact) || [...compact].some((c) => CHINESE_NUMERAL_CHARS.includes(c));
  if (!hasNumber) return `“${raw}”里没有数字`;
  if (/\d+\.\d+\.\d+/.test(compact)) return `“${raw}”里有两个小数点`;
  const whole = scans.filter((x) => x.end === s.length);
  if (whole.length > 0) {
    const markers = whole[0]!.markers.map((m) => m.marker);
    return `“${raw}”里有两个约数标记（${markers.join('、')}），只保留一个`;
  }
  if ((compact.match(/\d+(?:\.\d+)?/g) ?? []).length > 1) return `“${raw}”里有不止一个数字，一项只能写一个数字`;
  const longest = scans.filter((x) => x.markers.length <= 1).sort((a, b) => b.end - a.end)[0];
  if (longest && /\d/.test(compact)) {
    const betweenOrAfter = [...markersAt('between'), ...markersAt('after')];
    let tail = s.slice(longest.end).trim();
    for (const m of betweenOrAfter) if (tail.startsWith(m)) tail = tail.slice(m.length);
    if (tail) {
      const units = vocab.units.filter((u) => u !== '%');
      return `不认识的单位“${tail}”，可用的单位有：${units.join('、')}${vocab.unitSet.has('%') ? '、%' : ''}（可加 万、亿 等前缀，如 万元、亿元）`;
    }
  }
  return `“${raw}”的写法看不懂，请写成 216.66、120余 或 9.32% 这样的形式`;
}

/**
 * The figure with an approximate marker written in its place: before the number (超), after the unit (以上), or
 * for 余/多 after the prefix when there is one (14万 + 余 + 元 = 14万余元, as the old frontmatter meant it) and
 * after the number otherwise (120余名). Used to read frontmatter that gives the marker in its own field;
 * undefined when the text is not one figure or already has a marker.
 */
export function withApprox(text: string, marker: string, vocab: FigureVocabulary): string | undefined {
  const info = approxMarker(marker);
  const t = text.trim();
  const { folded, full } = scanWhole(t, vocab);
  if (!info || !full || full.markers.length > 0 || full.shape !== 'plain') return undefined;
  const original = (i: number) => folded.at[i]!;
  if (info.positions.includes('before')) return `${marker}${t}`;
  if (info.positions.includes('after')) return `${t}${marker}`;
  if (info.positions.includes('between')) {
    const at = full.prefix ? original(full.prefixEnd) : original(full.number.end);
    return `${t.slice(0, at)}${marker}${t.slice(at)}`;
  }
  return undefined;
}

/** The parts of a figure's own text, for setting the number large: before + number + after === text. */
export interface FigureDisplayParts {
  before: string;
  number: string;
  after: string;
}

/**
 * Slices a figure's printed text around its number; never rebuilds it. '40余亿元' → '' | '40' | '余亿元';
 * '超六成' → '超' | '六' | '成'; '上万个' → '上' | '万' | '个'; '3至5个' → '' | '3至5' | '个';
 * '三分之一' → '' | '三分之一' | ''. Needs no vocabulary: where the number is does not depend on the units.
 */
export function figureDisplayParts(text: string): FigureDisplayParts {
  const folded = foldFigureText(text, ALL_FIGURE_CHARS);
  const s = folded.text;
  const span = numberSpan(s);
  if (!span) return { before: '', number: text, after: '' };
  const start = folded.at[span[0]]!;
  const end = span[1] > span[0] ? folded.at[span[1] - 1]! + 1 : start;
  return { before: text.slice(0, start), number: text.slice(start, end), after: text.slice(end) };
}

function numberSpan(s: string): [number, number] | undefined {
  let i = 0;
  while (i < s.length && /\s/.test(s[i]!)) i++;
  i += LEADING_MARKERS.find((m) => s.startsWith(m, i))?.length ?? 0;
  while (i < s.length && /\s/.test(s[i]!)) i++;
  if (s.startsWith(FRACTION_WORDS.perCent, i)) {
    i += FRACTION_WORDS.perCent.length;
    // 百分之百: 百 is a hundred here.
    if (s[i] === '百') return [i, i + 1];
  }
  const arabic = arabicAt(s, i, true);
  const num = (arabic ? s.slice(arabic.start, arabic.end) : undefined) ?? chineseRun(s, i);
  if (num) {
    let end = i + num.length;
    // 三分之一, 3至5: the whole expression is the number.
    const rest = s.slice(end);
    const frac = rest.startsWith(FRACTION_WORDS.of) ? chineseRun(s, end + FRACTION_WORDS.of.length) : undefined;
    if (frac) end += FRACTION_WORDS.of.length + frac.length;
    else {
      const sep = RANGE_SEPARATORS.find((x) => rest.startsWith(x));
      const upperAt = end + (sep?.length ?? 0);
      const arabicUpper = sep ? arabicAt(s, upperAt, false) : undefined;
      const upper = sep ? ((arabicUpper ? s.slice(arabicUpper.start, arabicUpper.end) : undefined) ?? chineseRun(s, upperAt)) : undefined;
      if (sep && upper) end += sep.length + upper.length;
    }
    return [i, end];
  }
  const mag = PREFIXES_LONGEST_FIRST.find((p) => s.startsWith(p.prefix, i));
  return mag ? [i, i + mag.prefix.length] : undefined;
}

/** A Chinese numeral at `at` without a trailing 万/亿 (十二万 → 十二), as the scanner reads it. */
function chineseRun(s: string, at: number): string | undefined {
  const tok = chineseAt(s, at);
  return tok ? s.slice(tok.start, tok.end) : undefined;
}

/**
 * The grammar of one printed figure, read from a position of folded text (see figure-text.ts):
 *
 *   figure   = [marker] number [余|多] [prefix] [余|多] [unit] [以上|左右]
 *            | [marker] magnitude [unit]                    上万个, 近百万, 数十名
 *            | number [prefix] 至 number [prefix] unit       3至5个, 10—15万元
 *            | [marker] 百分之 numeral | numeral 分之 numeral  百分之三十, 近三分之一
 *   number   = Arabic digits | Chinese numeral
 *   unit     = a unit of the vocabulary (the catalog) | 成
 *
 * `parseFigure` and `findFigures` both read figures through `scanAt`, so a figure found in running text and
 * the same figure written in frontmatter are read the same way.
 */
import { CHINESE_NUMERAL_CHARS, CHINESE_NUMERAL_STARTS, parseChineseNumber } from './chinese-numerals.ts';
import {
  CHENG, CHINESE_BIG_UNITS, FRACTION_WORDS, PREFIXES_LONGEST_FIRST, RANGE_SEPARATORS, SIGNS, approxMarker, markersAt,
  type FigureVocabulary, type UnitPrefix,
} from './words.ts';

export interface NumberToken {
  kind: 'arabic' | 'chinese' | 'magnitude';
  /** Span in the scanned text. */
  start: number;
  end: number;
  /** The number as a decimal string ('216.66', '-3.2', '12000'); for a magnitude, '1'. */
  digits: string;
  value: number;
  decimals: number;
  /** A bare magnitude is its own prefix: 上万 is one 万. */
  magnitude?: { prefix: UnitPrefix; multiplier: number };
}

/** Where a marker stood, which decides what it means: 40余亿元 is 40–50亿, 40亿余元 a little over 40亿. */
export type ApproxPosition = 'before' | 'after-number' | 'after-prefix' | 'after-unit';

export interface ScannedMarker {
  marker: string;
  position: ApproxPosition;
  /** Span in the scanned text. */
  start: number;
  end: number;
}

export interface Scan {
  start: number;
  end: number;
  shape: 'plain' | 'range' | 'fraction' | 'per-cent';
  number: NumberToken;
  /** The upper end of a range. */
  upper?: NumberToken;
  /** The prefix written on the lower end of a range (10万至15万元); usually it shares the upper's. */
  lowerPrefix?: { prefix: UnitPrefix; multiplier: number };
  /** The denominator of 三分之一 (the numerator is `number`). */
  whole?: NumberToken;
  prefix: UnitPrefix;
  multiplier: number;
  /** Where the prefix ends in the scanned text (for putting a marker after it). */
  prefixEnd: number;
  /** The unit as written after the prefix: 元, %, 名, 成, 个百分点; '' when none. */
  unitWord: string;
  markers: ScannedMarker[];
}

const SIGN_CLASS = `[${Object.keys(SIGNS).map((c) => c.replace(/[-\\\]^]/g, '\\$&')).join('')}]`;
const ARABIC = new RegExp(`${SIGN_CLASS}?\\d+(?:\\.\\d+)?`, 'y');
const UNSIGNED = /\d+(?:\.\d+)?/y;
const BETWEEN = markersAt('between');
const AFTER = markersAt('after');
/** Markers that open a figure, longest first (超过 before 超). */
export const LEADING_MARKERS = [...new Set([...markersAt('before'), ...markersAt('magnitude')])].sort((a, b) => b.length - a.length);

const isChineseStart = (c: string | undefined): boolean => c !== undefined && CHINESE_NUMERAL_STARTS.includes(c);

function startsWithAny(s: string, at: number, words: readonly string[]): string | undefined {
  return words.find((w) => s.startsWith(w, at));
}

export function arabicAt(s: string, at: number, signed: boolean): NumberToken | undefined {
  const re = signed ? ARABIC : UNSIGNED;
  re.lastIndex = at;
  const m = re.exec(s);
  if (!m) return undefined;
  const digits = SIGNS[m[0][0]!] ? `${SIGNS[m[0][0]!]}${m[0].slice(1)}` : m[0];
  const decimals = digits.includes('.') ? digits.split('.')[1]!.length : 0;
  return { kind: 'arabic', start: at, end: at + m[0].length, digits, value: Number(digits), decimals };
}

/**
 * The longest Chinese numeral at `at`, without a trailing 万 or 亿 that the prefix step reads as the unit prefix
 * (十二万元 = 十二 + 万元), unless the numeral needs it (三亿五千万).
 */
export function chineseAt(s: string, at: number): NumberToken | undefined {
  if (!isChineseStart(s[at])) return undefined;
  let end = at;
  while (end < s.length && CHINESE_NUMERAL_CHARS.includes(s[end]!)) end++;
  for (let e = end; e > at; e--) {
    let text = s.slice(at, e);
    if (parseChineseNumber(text) === undefined) continue;
    const big = Object.keys(CHINESE_BIG_UNITS).find((b) => text.endsWith(b));
    if (big) {
      const head = text.slice(0, -big.length);
      if (head && parseChineseNumber(head) !== undefined && !Object.keys(CHINESE_BIG_UNITS).some((b) => head.includes(b))) text = head;
    }
    const value = parseChineseNumber(text)!;
    return { kind: 'chinese', start: at, end: at + text.length, digits: String(value), value, decimals: 0 };
  }
  return undefined;
}

function magnitudeAt(s: string, at: number): NumberToken | undefined {
  const p = PREFIXES_LONGEST_FIRST.find((x) => s.startsWith(x.prefix, at));
  if (!p) return undefined;
  return { kind: 'magnitude', start: at, end: at + p.prefix.length, digits: '1', value: 1, decimals: 0, magnitude: p };
}

/** Units that may follow at `at`, longest first; 成 when the vocabulary has a percent for it to mean. */
function unitsAt(s: string, at: number, vocab: FigureVocabulary, allowCheng: boolean): string[] {
  const found = vocab.units.filter((u) => s.startsWith(u, at));
  if (allowCheng && vocab.unitSet.has(CHENG.baseUnit) && s.startsWith(CHENG.word, at)) found.push(CHENG.word);
  return [...found, ''];
}

function prefixesAt(s: string, at: number): { prefix: UnitPrefix; multiplier: number }[] {
  return [...PREFIXES_LONGEST_FIRST.filter((p) => s.startsWith(p.prefix, at)), { prefix: '' as UnitPrefix, multiplier: 1 }];
}

function withPost(scan: Scan, s: string): Scan[] {
  const post = startsWithAny(s, scan.end, AFTER);
  if (!post) return [scan];
  const marker: ScannedMarker = { marker: post, position: 'after-unit', start: scan.end, end: scan.end + post.length };
  return [{ ...scan, end: marker.end, markers: [...scan.markers, marker] }, scan];
}

export interface ScanOptions {
  /** A sign before the digits (-3.2亿元) is read in frontmatter, never in running text. */
  signed: boolean;
  /** A magnitude without a marker (百万元) is a figure only when it is all the text there is. */
  bareMagnitude: boolean;
}

/** Every way a figure can be read from `at`; the caller picks the one that suits it (longest, or whole). */
export function scanAt(s: string, at: number, vocab: FigureVocabulary, opts: ScanOptions): Scan[] {
  const out: Scan[] = [];
  // A marker word at the start is always read as the marker (超60户), never as part of the number.
  const pre = startsWithAny(s, at, LEADING_MARKERS);
  const p = pre ? at + pre.length : at;
  const markers: ScannedMarker[] = pre ? [{ marker: pre, position: 'before', start: at, end: p }] : [];
  const magnitudeOnly = pre !== undefined && !approxMarker(pre)!.positions.includes('before');
  const base = { start: at, markers };

  let chinese: NumberToken | undefined;
  if (!magnitudeOnly) {
    out.push(...fractionsAt(s, p, vocab, base));
    const num = arabicAt(s, p, opts.signed && !pre);
    chinese = num ? undefined : chineseAt(s, p);
    const n = num ?? chinese;
    if (n) {
      out.push(...plainAfter(s, n, vocab, base));
      if (!pre) out.push(...rangesAfter(s, n, vocab, at));
    }
  }
  // A bare magnitude needs a marker in front (上万, 近百万, 数十) unless the text is one figure (百万元).
  // Where a Chinese numeral reads too (近十万 = 十 + 万), the numeral is the reading.
  if ((pre || opts.bareMagnitude) && !chinese) {
    const mag = magnitudeAt(s, p);
    if (mag) {
      for (const unit of unitsAt(s, mag.end, vocab, false)) {
        const end = mag.end + unit.length;
        out.push(...withPost({ ...base, end, shape: 'plain', number: mag, prefix: mag.magnitude!.prefix, multiplier: mag.magnitude!.multiplier, prefixEnd: mag.end, unitWord: unit }, s));
      }
    }
  }
  return out;
}

function plainAfter(s: string, num: NumberToken, vocab: FigureVocabulary, base: { start: number; markers: ScannedMarker[] }): Scan[] {
  const out: Scan[] = [];
  const mid1 = startsWithAny(s, num.end, BETWEEN);
  const afterMid1 = num.end + (mid1?.length ?? 0);
  const m1: ScannedMarker[] = mid1 ? [{ marker: mid1, position: 'after-number', start: num.end, end: afterMid1 }] : [];
  for (const pre of prefixesAt(s, afterMid1)) {
    const prefixEnd = afterMid1 + pre.prefix.length;
    const mid2 = pre.prefix ? startsWithAny(s, prefixEnd, BETWEEN) : undefined;
    const afterMid2 = prefixEnd + (mid2?.length ?? 0);
    const m2: ScannedMarker[] = mid2 ? [{ marker: mid2, position: 'after-prefix', start: prefixEnd, end: afterMid2 }] : [];
    for (const unit of unitsAt(s, afterMid2, vocab, pre.prefix === '')) {
      out.push(...withPost({
        ...base, markers: [...base.markers, ...m1, ...m2], end: afterMid2 + unit.length, shape: 'plain', number: num,
        prefix: pre.prefix, multiplier: pre.multiplier, prefixEnd, unitWord: unit,
      }, s));
    }
  }
  return out;
}

function rangesAfter(s: string, num: NumberToken, vocab: FigureVocabulary, start: number): Scan[] {
  const out: Scan[] = [];
  for (const lowerPrefix of prefixesAt(s, num.end)) {
    const sepAt = num.end + lowerPrefix.prefix.length;
    const sep = startsWithAny(s, sepAt, RANGE_SEPARATORS);
    if (!sep) continue;
    const at = sepAt + sep.length;
    const upper = num.kind === 'arabic' ? arabicAt(s, at, false) : chineseAt(s, at);
    if (!upper || upper.value <= num.value) continue;
    for (const pre of prefixesAt(s, upper.end)) {
      if (lowerPrefix.prefix && pre.prefix !== lowerPrefix.prefix) continue;
      const prefixEnd = upper.end + pre.prefix.length;
      for (const unit of unitsAt(s, prefixEnd, vocab, pre.prefix === '')) {
        out.push({
          start, end: prefixEnd + unit.length, shape: 'range', number: num, upper,
          ...(lowerPrefix.prefix ? { lowerPrefix } : {}),
          prefix: pre.prefix, multiplier: pre.multiplier, prefixEnd, unitWord: unit, markers: [],
        });
      }
    }
  }
  return out;
}

/** 百分之三十, 三分之一: numbers around the unit; they stand for a percent, so they need one in the vocabulary. */
function fractionsAt(s: string, at: number, vocab: FigureVocabulary, base: { start: number; markers: ScannedMarker[] }): Scan[] {
  if (!vocab.unitSet.has('%')) return [];
  const perCent = FRACTION_WORDS.perCent;
  if (s.startsWith(perCent, at)) {
    const numAt = at + perCent.length;
    // 百分之百: 百 alone is a magnitude elsewhere, a hundred here.
    const num = chineseAt(s, numAt) ?? (s[numAt] === '百' ? { kind: 'chinese' as const, start: numAt, end: numAt + 1, digits: '100', value: 100, decimals: 0 } : undefined);
    if (!num) return [];
    return withPost({ ...base, end: num.end, shape: 'per-cent', number: num, prefix: '', multiplier: 1, prefixEnd: num.end, unitWord: '%' }, s);
  }
  const whole = chineseAt(s, at);
  if (!whole || !s.startsWith(FRACTION_WORDS.of, whole.end)) return [];
  const part = chineseAt(s, whole.end + FRACTION_WORDS.of.length);
  if (!part || part.value > whole.value || whole.value === 0) return [];
  return withPost({ ...base, end: part.end, shape: 'fraction', number: part, whole, prefix: '', multiplier: 1, prefixEnd: part.end, unitWord: '%' }, s);
}
